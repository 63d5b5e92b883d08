"""Processing done for clients (the organisation is their processor): shown as information, no duties of its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from privacy_site.checks.clauses import applicable_rights
from privacy_site.checks.corpus import load_corpus
from privacy_site.views.views import StatementLinks, statement_view

LINKS = StatementLinks(history="history/", current="./")
AS_PROCESSOR = """
as_processor:
  - id: payroll
    title: {nl: Loonadministratie voor werkgevers, fr: Gestion salariale pour les employeurs}
    client: {nl: "je werkgever, onze klant", fr: "votre employeur, notre client"}
    what:
      nl: We berekenen je loon en doen de aangiften bij de RSZ in naam van je werkgever.
      fr: Nous calculons votre salaire et faisons les déclarations à l'ONSS au nom de votre employeur.
    data: [identification, national_number]
    agreement:
      nl: De verwerkersovereenkomst in het dienstencontract met je werkgever.
      fr: Le contrat de sous-traitance inclus dans le contrat de services avec votre employeur.
"""


@pytest.fixture
def sociare(policies_copy: Path):  # noqa: ANN201 - an Org
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").rstrip("\n") + "\n" + AS_PROCESSOR, encoding="utf-8")
    return load_corpus(policies_copy).org("sociare")


@pytest.mark.parametrize(("lang", "register", "title", "facts", "rights", "first_layer"), [
    ("nl", "informal", "Wat we in opdracht van onze klanten doen",
     ["In opdracht van", "Wat we doen", "Welke gegevens", "Op basis van welke overeenkomst", "Je rechten uitoefenen"],
     "Eerst bij je werkgever, onze klant, die over je verzoek beslist; wij helpen bij het antwoord.",
     "[Loonadministratie voor werkgevers](#as-processor-payroll): je werkgever, onze klant"),
    ("fr", "formal", "Ce que nous faisons pour le compte de nos clients",
     ["Pour le compte de", "Ce que nous faisons", "Quelles données", "En vertu de quel contrat", "Exercer vos droits"],
     "D'abord auprès de votre employeur, notre client, qui décide de la suite à donner à votre demande ; nous "
     "l'aidons à y répondre.",
     "[Gestion salariale pour les employeurs](#as-processor-payroll): votre employeur, notre client"),
])
def test_processing_for_clients_is_information(sociare, lang: str, register: str, title: str,  # noqa: ANN001
                                               facts: list[str], rights: str, first_layer: str) -> None:
    assert sociare.organisation.form_of_address == "informal"
    view = statement_view(sociare, sociare.current("privacy"), lang, LINKS)
    ids = [b.id for b in view.blocks]
    assert ids.index("processing") < ids.index("as-processor") < ids.index("rights")  # after sections on processing
    block = view.blocks[ids.index("as-processor")]
    assert block.title == title
    assert ("je gegevens" if lang == "nl" else "vos données") in block.body[0]
    [activity] = block.subsections
    assert [f.label for f in activity.facts] == facts
    assert activity.facts[-1].items == [rights]
    # No legal basis, retention or right of ours is generated for it: the first layer names it apart.
    assert not any("Rechtsgrond" in f.label or "juridique" in f.label for f in activity.facts)
    shown = {f.label: f.items for f in view.first_layer.facts}
    assert first_layer in next(items for label, items in shown.items() if label.startswith(("In opdracht", "Pour le")))
    assert all("payroll" not in item for item in next(items for label, items in shown.items()
                                                      if label.startswith(("Waarom", "Pourquoi"))))


def test_it_changes_no_right_and_needs_no_legal_basis(sociare) -> None:  # noqa: ANN001
    statement = sociare.current("privacy").statement
    without = statement.model_copy(update={"as_processor": []})
    assert applicable_rights(statement) == applicable_rights(without)


def test_a_group_says_which_entity_does_the_work_and_may_name_its_own_categories() -> None:
    payvera = load_corpus(Path(__file__).resolve().parent.parent / "policies").org("payvera")
    block = next(b for b in statement_view(payvera, payvera.current("privacy"), "fr", LINKS).blocks
                 if b.id == "as-processor")
    payroll = {f.label: f.items for f in block.subsections[0].facts}
    assert payroll["Effectué par"] == ["[Payvera Secrétariat social](#controller-secretariat)"]
    assert list(payroll)[:3] == ["Pour le compte de", "Effectué par", "Ce que nous faisons"]


def _good_to_know(org, lang: str, register: str) -> list[str]:  # noqa: ANN001 - an Org
    org = replace(org, organisation=org.organisation.model_copy(update={"form_of_address": register}))
    facts = {f.label: f.items for f in statement_view(org, org.current("privacy"), lang, LINKS).first_layer.facts}
    return facts[{"nl": "Goed om te weten", "fr": "À savoir"}[lang]]


@pytest.mark.parametrize(("lang", "register", "note"), [
    ("nl", "formal", "In opdracht van onze klanten verwerken we uw rijksregisternummer voor: "
                     "[Loonadministratie en sociale aangiften voor werkgevers](#as-processor-payroll)."),
    ("nl", "informal", "In opdracht van onze klanten verwerken we je rijksregisternummer voor: "
                       "[Loonadministratie en sociale aangiften voor werkgevers](#as-processor-payroll)."),
    ("fr", "formal", "Pour le compte de nos clients, nous traitons votre numéro de registre national dans le cadre "
                     "de : [Gestion salariale et déclarations sociales pour les employeurs](#as-processor-payroll)."),
])
def test_a_national_register_number_processed_only_for_clients_is_good_to_know(lang: str, register: str,
                                                                                note: str) -> None:
    # Payvera's own activities do not use it; its payroll for employers does: said as what it is (for clients).
    payvera = load_corpus(Path(__file__).resolve().parent.parent / "policies").org("payvera")
    assert _good_to_know(payvera, lang, register) == [note]


@pytest.mark.parametrize(("lang", "register", "ours", "theirs"), [
    ("nl", "formal", "We gebruiken uw rijksregisternummer voor: ",
     "In opdracht van onze klanten verwerken we uw rijksregisternummer voor: "
     "[Loonadministratie voor werkgevers](#as-processor-payroll)."),
    ("nl", "informal", "We gebruiken je rijksregisternummer voor: ",
     "In opdracht van onze klanten verwerken we je rijksregisternummer voor: "
     "[Loonadministratie voor werkgevers](#as-processor-payroll)."),
    ("fr", "formal", "Nous utilisons votre numéro de registre national pour : ",
     "Pour le compte de nos clients, nous traitons votre numéro de registre national dans le cadre de : "
     "[Gestion salariale pour les employeurs](#as-processor-payroll)."),
])
def test_ours_and_for_clients_are_said_apart(sociare, lang: str, register: str, ours: str,  # noqa: ANN001
                                              theirs: str) -> None:
    notes = _good_to_know(sociare, lang, register)
    assert notes[0].startswith(ours) and "#processing-" in notes[0] and "as-processor" not in notes[0]
    assert notes[1] == theirs
