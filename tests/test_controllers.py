"""Groups of entities, each the controller of its own processing, and joint controllers (GDPR art. 13(1)(a), 26)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from privacy_site.checks.corpus import Org, load_corpus
from privacy_site.i18n.register import address_words
from privacy_site.source.problems import PolicyError
from privacy_site.views.contact_views import contact_view
from privacy_site.views.controllers import officers
from privacy_site.views.plan import PlannedPage, make_plan
from privacy_site.views.render import render_page
from privacy_site.views.views import StatementLinks, statement_view

ROOT = Path(__file__).resolve().parent.parent
LINKS = StatementLinks(history="history/", current="./")
ENTITIES = """entities:
  - id: sociare-vzw
    name: {nl: Sociare, fr: Sociare}
    legal_form: {nl: vzw, fr: asbl}
    enterprise_number: 0448.444.064
    address:
      street: {nl: Koningsstraat 4, fr: Rue Royale 4}
      postal_code: "1000"
      city: {nl: Brussel, fr: Bruxelles}
  - id: sociare-training
    name: {nl: Sociare Opleidingen, fr: Sociare Formations}
    legal_form: {nl: vzw, fr: asbl}
    address:
      street: {nl: Koningsstraat 6, fr: Rue Royale 6}
      postal_code: "1000"
      city: {nl: Brussel, fr: Bruxelles}
    dpo:
      email: dpo@opleidingen.example
"""
JOINT = """    joint_controllers:
      partners: [{nl: je werkgever, fr: votre employeur}]
      arrangement:
        nl: Je werkgever schrijft je in; wij organiseren de opleiding en bezorgen hem je aanwezigheden.
        fr: Votre employeur vous inscrit ; nous organisons la formation et lui transmettons vos présences.
      contact:
        nl: Bij ons, via privacy@sociare.be, voor beide.
        fr: Chez nous, via privacy@sociare.be, pour les deux.
"""


def _group(policies: Path, *, joint: bool = False, controllers: bool = True) -> None:
    org = policies / "sociare" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("kind: private\n", "kind: private\n" + ENTITIES, 1),
                   encoding="utf-8")
    for old in ("2020-10-07", "2022-03-15"):  # history: published long before the group, not judged again
        (policies / "sociare" / "privacy" / f"{old}.yaml").unlink()
    for day in ("2025-06-01", "2027-02-01"):
        _name_controllers(policies / "sociare" / "privacy" / f"{day}.yaml", joint, controllers)


def _name_controllers(version: Path, joint: bool, controllers: bool) -> None:
    text = version.read_text(encoding="utf-8")
    head, body = text.split("\nprocessing:\n", 1)
    count = 0

    def controller(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        entity = "sociare-training" if count == 1 else "sociare-vzw"
        extra = (f"    controller: {entity}\n" if controllers else "") + (JOINT if joint and count == 1 else "")
        return match[0] + extra

    end = re.search(r"^\S", body, flags=re.M)  # the next top-level field ends the processing list
    cut = end.start() if end else len(body)
    body = re.sub(r"^  - id: [a-z-]+\n", controller, body[:cut], flags=re.M) + body[cut:]
    version.write_text(head + "\nprocessing:\n" + body, encoding="utf-8")


def _sociare(policies: Path) -> Org:
    return load_corpus(policies).org("sociare")


@pytest.mark.parametrize(("lang", "intro", "entity", "controller", "first"), [
    ("nl", "**Sociare** bestaat uit twee juridische entiteiten. Elke entiteit is verwerkingsverantwoordelijke voor "
           "de verwerkingen die ze voor eigen rekening uitvoert: bij elke activiteit hieronder staat welke.",
     "Sociare Opleidingen (vzw)", ("Verwerkingsactiviteit", "Verwerkingsverantwoordelijke"),
     "[Sociare](#controller-sociare-vzw), [Sociare Opleidingen](#controller-sociare-training) (elk voor de eigen "
     "activiteiten)"),
    ("fr", "**Sociare** se compose de deux entités juridiques. Chacune est responsable des traitements qu'elle "
           "effectue pour son propre compte : chaque activité ci-dessous indique laquelle.",
     "Sociare Formations (asbl)", ("", "Responsable du traitement"),
     "[Sociare](#controller-sociare-vzw), [Sociare Formations](#controller-sociare-training) (chacune pour ses "
     "propres activités)"),
])
def test_each_entity_is_named_with_its_details_and_each_activity_names_its_controller(
        policies_copy: Path, lang: str, intro: str, entity: str, controller: tuple[str, str], first: str) -> None:
    _group(policies_copy)
    org = _sociare(policies_copy)
    view = statement_view(org, org.current("privacy"), lang, LINKS)
    block = view.blocks[0]
    assert block.id == "controller" and block.body[0] == intro
    assert [s.title for s in block.subsections][1] == entity
    assert "dpo@opleidingen.example" in block.subsections[1].body[-1]  # its own DPO
    activity = next(b for b in view.blocks if b.id == "processing").subsections[0]
    assert activity.facts[0].label == controller[1]
    assert activity.facts[0].items == [f"[{entity.split(' (')[0]}](#controller-sociare-training)"]
    assert next(f for f in view.first_layer.facts if f.items and "#controller" in f.items[0]).items == [first]


def test_joint_controllers_say_what_they_agreed_and_where_to_go(policies_copy: Path) -> None:
    _group(policies_copy, joint=True)
    org = _sociare(policies_copy)
    activity = next(b for b in statement_view(org, org.current("privacy"), "nl", LINKS).blocks
                    if b.id == "processing").subsections[0]
    shown = {f.label: f.items for f in activity.facts}
    # Said once: the joint list names the entity (linked to its details), no separate "controller" line.
    assert shown["Gezamenlijke verwerkingsverantwoordelijken"] == [
        "[Sociare Opleidingen](#controller-sociare-training)", "je werkgever"]
    assert "Verwerkingsverantwoordelijke" not in shown
    assert shown["Wat de gezamenlijke verwerkingsverantwoordelijken afspraken"][0].startswith("Je werkgever schrijft")
    assert shown["Waar je je rechten uitoefent"] == ["Bij ons, via privacy@sociare.be, voor beide."]


def test_in_a_group_every_activity_names_its_controller(policies_copy: Path) -> None:
    _group(policies_copy, controllers=False)
    with pytest.raises(PolicyError) as info:
        _sociare(policies_copy)
    messages = [p.message for p in info.value.problems]
    assert messages[0] == ('processing "member-services": which entity of the group is its controller? add '
                           '"controller" with one of: sociare-vzw, sociare-training')


# Who is the DPO for whom (GDPR art. 13(1)(b)): in Payvera, the secretariat has its own; the group's answers for the
# three other entities. The contact page and the first layer say so, not only the group's.
PAYVERA_DPOS = {
    "nl": ("Functionaris voor gegevensbescherming van Payvera Sociaal Secretariaat:",
           "Functionaris voor gegevensbescherming van Payvera Payroll Services, Payvera Academy en Payvera HR "
           "Consulting:", "E-mail: [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)",
           "Functionarissen voor gegevensbescherming",
           ["Payvera Sociaal Secretariaat: [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)",
            "Payvera Payroll Services, Payvera Academy en Payvera HR Consulting: "
            "[dpo@payvera.be](mailto:dpo@payvera.be)"]),
    "fr": ("Délégué à la protection des données pour Payvera Secrétariat social :",
           "Délégué à la protection des données pour Payvera Payroll Services, Payvera Academy et Payvera HR "
           "Consulting :", "E-mail : [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)",
           "Délégués à la protection des données",
           ["Payvera Secrétariat social : [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)",
            "Payvera Payroll Services, Payvera Academy et Payvera HR Consulting : "
            "[dpo@payvera.be](mailto:dpo@payvera.be)"]),
}


@pytest.fixture(scope="module")
def payvera() -> Org:
    return load_corpus(ROOT / "policies").org("payvera")


def _in(org: Org, register: str, **changes: object) -> Org:
    return replace(org, organisation=org.organisation.model_copy(update={"form_of_address": register, **changes}))


@pytest.mark.parametrize(("lang", "register"), [("nl", "formal"), ("nl", "informal"), ("fr", "formal")])
def test_the_contact_page_and_the_first_layer_name_each_dpo_with_the_entities_it_answers_for(
        payvera: Org, lang: str, register: str) -> None:
    own, group, email, label, items = PAYVERA_DPOS[lang]
    org = _in(payvera, register)
    channels = contact_view(org, lang, "../privacy/").channels
    assert channels[0][0].startswith("**Privacyteam" if lang == "nl" else "**Équipe vie privée")
    assert [channel[0] for channel in channels[1:]] == [own, group]
    assert channels[1][2] == email
    assert any("dpo@payvera.be" in line for line in channels[2])
    facts = {f.label: f for f in statement_view(org, org.current("privacy"), lang, LINKS).first_layer.facts}
    assert facts[label].items == items and facts[label].as_list
    assert list(facts)[-1] == label  # last, where the first layer names whom to contact
    if lang == "nl" and register == "informal":  # nothing here addresses the reader: the same words
        assert not address_words(" ".join([*(c[0] for c in channels[1:]), label, *items]), "formal")


@pytest.mark.parametrize(("lang", "register", "label", "item"), [
    ("nl", "formal", "Functionaris voor gegevensbescherming",
     "Payvera Sociaal Secretariaat: [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)"),
    ("nl", "informal", "Functionaris voor gegevensbescherming",
     "Payvera Sociaal Secretariaat: [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)"),
    ("fr", "formal", "Délégué à la protection des données",
     "Payvera Secrétariat social : [dpo.secretariat@payvera.be](mailto:dpo.secretariat@payvera.be)"),
])
def test_without_a_group_dpo_only_the_entities_with_their_own_are_named(payvera: Org, lang: str, register: str,
                                                                      label: str, item: str) -> None:
    org = _in(payvera, register, dpo=None)  # the other entities have no DPO: the privacy contact answers for them
    channels = contact_view(org, lang, "../privacy/").channels
    assert len(channels) == 2 and "dpo.secretariat@payvera.be" in channels[1][2]
    facts = {f.label: f for f in statement_view(org, org.current("privacy"), lang, LINKS).first_layer.facts}
    assert facts[label].items == [item] and not facts[label].as_list


def test_a_dpo_shared_by_entities_is_named_once_and_a_group_without_own_dpos_is_as_before(payvera: Org) -> None:
    entities = payvera.organisation.entities
    shared = entities[0].dpo
    both = _in(payvera, "formal", entities=[entities[0], entities[1].model_copy(update={"dpo": shared}),
                                            *entities[2:]])
    assert [(o.contact.email, [e.id for e in o.entities]) for o in officers(both.organisation)] == [
        ("dpo.secretariat@payvera.be", ["secretariat", "payroll"]), ("dpo@payvera.be", ["academy", "consulting"])]
    assert contact_view(both, "nl", "../privacy/").channels[1][0] == (
        "Functionaris voor gegevensbescherming van Payvera Sociaal Secretariaat en Payvera Payroll Services:")
    # No entity has its own DPO: the group's is the organisation's, said as for any organisation.
    alone = _in(payvera, "formal", entities=[e.model_copy(update={"dpo": None}) for e in entities])
    assert contact_view(alone, "nl", "../privacy/").channels[1][0] == "Onze functionaris voor gegevensbescherming:"
    facts = {f.label: f.items for f in statement_view(alone, alone.current("privacy"), "fr", LINKS).first_layer.facts}
    assert facts["Délégué à la protection des données"] == ["[dpo@payvera.be](mailto:dpo@payvera.be)"]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_contact_page_shows_every_dpo(payvera: Org, lang: str) -> None:
    corpus = load_corpus(ROOT / "policies")
    page = PlannedPage("contact", lang, "payvera")
    html = render_page(page, corpus, make_plan(corpus)).html
    assert html.index("dpo.secretariat@payvera.be") < html.index("dpo@payvera.be")
    assert PAYVERA_DPOS[lang][1].split(" Payvera HR")[0] in html.replace("\n", " ")
