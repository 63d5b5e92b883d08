"""Checks for editors: placeholders are refused, vague wording (WP260) is warned about, in Dutch and in French."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_site.checks.corpus import load_corpus
from privacy_site.checks.wording import _PLACEHOLDER, _placeholder, check_placeholders, check_wording
from privacy_site.model.versions import content_hash
from privacy_site.source.problems import PolicyError
from privacy_site.source.yamlsrc import Located
from privacy_site.tools.cli import main

VALID = Path(__file__).parent / "bad_inputs" / "_valid" / "policies"


def _located(data: dict) -> Located:
    return Located("x.yaml", data)


def _activity(**fields: object) -> dict:
    return {"processing": [{"id": "members", **fields}]}


@pytest.mark.parametrize("text", [
    "TODO", "Vijf jaar (TBD)", "fixme: nakijken", "bel XXX", "Lorem ipsum dolor", "Bewaartermijn: te bevestigen",
    "nog te bevestigen", "(te bevestigen)", "[invullen]", "[?]", "Durée : à confirmer", "Délai (à confirmer)",
    "[à compléter]", "Cela reste à confirmer.",
])
def test_placeholders_are_refused_in_dutch_and_french(text: str) -> None:
    problems = check_placeholders(_located({"introduction": {"nl": "Goed.", "fr": text}}))
    assert len(problems) == 1
    assert problems[0].message.startswith('introduction → fr: "')
    assert not problems[0].is_warning


@pytest.mark.parametrize("text", [
    "Klik op de link om je e-mailadres te bevestigen.", "We vragen u uw inschrijving te bevestigen.",
    "Lees [onze verklaring](https://www.example.be).", "Cliquez sur le lien pour confirmer votre adresse.",
    "une adresse à confirmer par vous-même", "Todos", "exactement",
])
def test_real_sentences_are_not_placeholders(text: str) -> None:
    assert check_placeholders(_located({"introduction": {"nl": text, "fr": text}})) == []


@pytest.mark.parametrize("text", ["f\u0130xme", "f\u0131xme", "lorem ip\u017fum", "TODO", "[x]", "\u00c0 CONFIRMER"])
def test_placeholders_written_with_letters_that_fold_apart_are_found(text: str) -> None:
    # The quick test before the pattern lower-cases the text: İ, ı and ſ match i and s in the pattern only.
    assert _placeholder(text) is not None


_PIECES = st.sampled_from(["todo", "TBD", "fi", "xme", "X", "xx", "lorem", " ipsum", "te", " bevestigen", "nog ",
                           "à", "À", " confirmer", "reste ", "[", "]", "(", ":", "-", " ", "\n", "\u0130", "\u0131",
                           "\u017f", "a", "é"])


@given(st.lists(_PIECES | st.text(max_size=3), max_size=12).map("".join))
def test_the_quick_placeholder_test_never_skips_a_match(text: str) -> None:
    found = _PLACEHOLDER.search(text)
    assert _placeholder(text) == (None if found is None else found.group().strip(" (:;,/–—-"))


def test_the_new_version_summary_placeholder_is_left_to_the_summary_check() -> None:
    data = {"summary": {"nl": "TODO: what changed in this version, and why", "fr": "TBD"}}
    assert [p.message.split(":")[0] for p in check_placeholders(_located(data))] == ["summary → fr"]


@pytest.mark.parametrize(("lang", "vague", "fine"), [
    ("nl", "We bewaren uw gegevens zolang nodig.", "We bewaren uw gegevens tot 5 jaar na het einde van het contract."),
    ("nl", "Niet langer dan noodzakelijk.", "Niet langer dan nodig, en uiterlijk tot de verjaringstermijn verstrijkt."),
    ("fr", "Aussi longtemps que nécessaire.", "Aussi longtemps que nécessaire, et au plus dix ans."),
    ("fr", "Pas plus longtemps que nécessaire.", "Pas plus longtemps que nécessaire, jusqu'à la fin du contrat."),
])
def test_vague_retention_is_a_warning(lang: str, vague: str, fine: str) -> None:
    other = "nl" if lang == "fr" else "fr"
    problems = check_wording(_located(_activity(retention={lang: vague, other: "5 jaar / 5 ans."})))
    assert [p.is_warning for p in problems] == [True]
    assert problems[0].message.startswith(f'processing "members" → retention → {lang}: ')
    assert "WP260" in problems[0].message and "vague-retention" in problems[0].message
    assert check_wording(_located(_activity(retention={lang: fine, other: "5 jaar / 5 ans."}))) == []


@pytest.mark.parametrize(("lang", "vague"), [
    ("nl", "In principe geven we geen gegevens door."), ("nl", "Dat kan wel gebeuren bij een cloudprovider."),
    ("fr", "Le cas échéant, nous transférons vos données."), ("fr", "Un transfert peut toutefois avoir lieu."),
])
def test_vague_transfers_are_a_warning_unless_countries_and_safeguards_are_named(lang: str, vague: str) -> None:
    problems = check_wording(_located({"transfers_outside_eea": {lang: vague}}))
    assert [p.is_warning for p in problems] == [True]
    assert "vague-transfers" in problems[0].message
    named = vague + (" Naar de Verenigde Staten / les États-Unis, met standaardcontractbepalingen / clauses "
                     "contractuelles types.")
    assert check_wording(_located({"transfers_outside_eea": {lang: named}})) == []


@pytest.mark.parametrize(("lang", "purpose"), [
    ("nl", "Uw gegevens kunnen we gebruiken voor statistieken."), ("nl", "Mogelijk sturen we u een nieuwsbrief."),
    ("nl", "U eventueel uitnodigen."), ("fr", "Nous pouvons… ou plutôt: Fopas peut vous inviter."),
    ("fr", "Nous pourrions vous contacter."), ("fr", "Vous inviter éventuellement à un événement."),
])
def test_conditional_purposes_are_a_warning(lang: str, purpose: str) -> None:
    problems = check_wording(_located(_activity(purposes=[{lang: purpose}])))
    assert [p.is_warning for p in problems] == [True]
    assert problems[0].message.startswith(f'processing "members" → purposes #1 → {lang}: ')


@pytest.mark.parametrize("purpose", [
    "U zo snel mogelijk antwoorden.", "Het voor je mogelijk maken je opdracht uit te voeren.",
    "Partners toegang geven zodat zij hun opdracht kunnen uitvoeren.", "Vous répondre dès que possible.",
])
def test_purposes_that_are_not_conditional(purpose: str) -> None:
    assert check_wording(_located(_activity(purposes=[{"nl": purpose}]))) == []


def _ack(warning: str, field: str) -> dict:
    return {"warning": warning, "field": field, "reason": {"nl": "Omdat.", "fr": "Parce que."}}


def test_an_acknowledged_warning_is_not_reported_and_a_stale_acknowledgement_is_an_error() -> None:
    data = _activity(retention={"nl": "Zolang nodig.", "fr": "Aussi longtemps que nécessaire."})
    data["acknowledged"] = [_ack("vague-retention", "processing.members.retention")]
    assert check_wording(_located(data)) == []
    data["acknowledged"].append(_ack("vague-transfers", "transfers_outside_eea"))
    problems = check_wording(_located(data))
    assert [(p.is_warning, p.message) for p in problems] == [(False, 'acknowledged #2: there is no "vague-transfers" '
                                                              "warning on transfers_outside_eea; remove this "
                                                              "acknowledgement")]


def test_acknowledging_does_not_change_the_content_hash() -> None:
    data = {"introduction": {"nl": "x", "fr": "y"}}
    assert content_hash(data) == content_hash({**data, "acknowledged": [_ack("vague-retention", "x")]})


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(VALID, root)
    return root


def test_only_the_latest_version_is_warned_about(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    first = root / "demo" / "privacy" / "2024-01-01.yaml"
    text = first.read_text(encoding="utf-8")
    vague = text.replace("Tot 5 jaar na het einde van het lidmaatschap.", "Zolang nodig.").replace(
        "Jusqu'à 5 ans après la fin de l'affiliation.", "Aussi longtemps que nécessaire.")
    first.write_text(vague, encoding="utf-8")
    assert [w.line for w in load_corpus(root).warnings] == [28]
    (root / "demo" / "privacy" / "2025-01-01.yaml").write_text(
        "summary: {nl: Bewaartermijn., fr: Durée de conservation.}\n" + text, encoding="utf-8")
    assert load_corpus(root).warnings == ()


def test_acknowledgement_in_a_version_file_passes_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    version = root / "demo" / "privacy" / "2024-01-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").replace(
        "Tot 5 jaar na het einde van het lidmaatschap.", "Zolang nodig.").replace(
        "Jusqu'à 5 ans après la fin de l'affiliation.", "Aussi longtemps que nécessaire.") + (
        "acknowledged:\n  - warning: vague-retention\n    field: processing.membership.retention\n"
        "    reason: {nl: Het dossier bepaalt de termijn., fr: Le dossier détermine le délai.}\n"), encoding="utf-8")
    assert main(["check", "--strict", str(root)]) == 0
    corpus = load_corpus(root)
    assert corpus.warnings == ()
    assert corpus.org("demo").current("privacy").statement.acknowledged[0].reason.get("fr") == (
        "Le dossier détermine le délai.")


def test_errors_still_fail_with_warnings(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    version = root / "demo" / "privacy" / "2024-01-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").replace("Wij beschermen uw gegevens.", "TODO"),
                       encoding="utf-8")
    with pytest.raises(PolicyError):
        load_corpus(root)


def test_the_reviewer_summary_shows_new_warnings_and_acknowledgements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _copy(tmp_path / "base")
    head = _copy(tmp_path / "head")
    version = head / "demo" / "privacy" / "2024-01-01.yaml"
    text = version.read_text(encoding="utf-8").replace("Tot 5 jaar na het einde van het lidmaatschap.", "Zolang nodig.")
    version.write_text(text.replace("Jusqu'à 5 ans après la fin de l'affiliation.", "Aussi longtemps que nécessaire.")
                       .replace("      - nl: uw lidmaatschap beheren", "      - nl: uw lidmaatschap eventueel beheren"),
                       encoding="utf-8")
    with version.open("a", encoding="utf-8") as handle:
        handle.write("acknowledged:\n  - warning: vague-retention\n    field: processing.membership.retention\n"
                     "    reason: {nl: Het dossier bepaalt de termijn., fr: Le dossier détermine le délai.}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["summary", "--base-dir", "base/policies", "--head-dir", "head/policies"]) == 0
    out = capsys.readouterr().out
    assert "## Warnings" in out and "1 new warning:" in out and '"eventueel" makes the purpose conditional' in out
    assert ("- `demo/privacy/2024-01-01` vague-retention on `processing.membership.retention`: nl: Het dossier "
            "bepaalt de termijn. / fr: Le dossier détermine le délai.") in out
