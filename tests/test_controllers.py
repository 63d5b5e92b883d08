"""Groups of entities, each the controller of its own processing, and joint controllers (GDPR art. 13(1)(a), 26)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privacy_site.checks.corpus import Org, load_corpus
from privacy_site.source.problems import PolicyError
from privacy_site.views.views import StatementLinks, statement_view

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
