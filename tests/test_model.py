"""The model and the example policies: typed, translated, referenced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.i18n.formats import language_name, long_date
from privacy_site.model import vocab
from privacy_site.model.documents import Organisation, Term
from privacy_site.model.text import markdown_problem
from privacy_site.views.plan import PlannedPage, make_plan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():  # noqa: ANN201 - fixture
    return load_corpus(ROOT / "policies")


def test_examples_load_with_their_versions(corpus) -> None:  # noqa: ANN001
    assert [o.slug for o in corpus.orgs] == ["departement-wse", "fopas", "payvera", "sociare", "vdab"]
    assert {o.slug: [v.effective.isoformat() for v in o.documents["privacy"]] for o in corpus.orgs} == {
        "departement-wse": ["2024-01-01", "2027-02-01"],
        "fopas": ["2023-07-01", "2024-09-01", "2027-01-01", "2027-02-01"],
        "sociare": ["2020-10-07", "2022-03-15", "2025-06-01", "2027-02-01"], "vdab": ["2024-01-01", "2027-02-01"],
        "payvera": ["2026-10-01"]}
    assert corpus.languages == ("nl", "fr")


def test_flemish_public_bodies_answer_to_the_flemish_authority(corpus) -> None:  # noqa: ANN001
    kinds = {o.slug: (o.organisation.kind, o.organisation.supervisory_authority) for o in corpus.orgs}
    assert kinds["vdab"] == ("public", "vtc") and kinds["departement-wse"] == ("public", "vtc")
    assert kinds["sociare"] == ("private", "apd")


@pytest.mark.parametrize(("today", "current", "statuses", "upcoming"), [
    (date(2023, 6, 30), None, ["upcoming", "upcoming", "upcoming", "upcoming"], 4),
    (date(2023, 7, 1), date(2023, 7, 1), ["current", "upcoming", "upcoming", "upcoming"], 3),
    (date(2024, 8, 31), date(2023, 7, 1), ["current", "upcoming", "upcoming", "upcoming"], 3),
    (date(2024, 9, 1), date(2024, 9, 1), ["superseded", "current", "upcoming", "upcoming"], 2),
    (date(2026, 12, 31), date(2024, 9, 1), ["superseded", "current", "upcoming", "upcoming"], 2),
    (date(2027, 1, 1), date(2027, 1, 1), ["superseded", "superseded", "current", "upcoming"], 1),
    (date(2027, 1, 31), date(2027, 1, 1), ["superseded", "superseded", "current", "upcoming"], 1),
    (date(2027, 2, 1), date(2027, 2, 1), ["superseded", "superseded", "superseded", "current"], 0),
])
def test_current_superseded_and_upcoming_around_the_boundaries(today: date, current: date | None,
                                                               statuses: list[str], upcoming: int) -> None:
    fopas = next(o for o in load_corpus(ROOT / "policies", today).orgs if o.slug == "fopas")
    timeline = fopas.timeline("privacy")
    assert timeline.current == current
    assert [timeline.status(d) for d in timeline.dates] == statuses
    assert len(timeline.upcoming) == upcoming
    assert fopas.current("privacy").effective == (current or date(2023, 7, 1))
    assert timeline.until(date(2023, 7, 1)) == date(2024, 9, 1)
    assert timeline.until(date(2027, 1, 1)) == date(2027, 2, 1)
    assert timeline.until(date(2027, 2, 1)) is None


def test_the_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from privacy_site.model.versions import build_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert build_date() == date(2025, 1, 1)


def test_terms_render_vocabulary_or_own_text() -> None:
    assert Term(key="financial").label(vocab.DATA, "fr", "formal") == "données financières (numéro de compte bancaire)"
    own = Term.model_validate({"text": {"nl": "functie", "fr": "fonction"}})
    assert own.label(vocab.DATA, "nl", "formal") == "functie"


def test_every_vocabulary_term_exists_in_every_interface_language() -> None:
    for terms in (vocab.DATA, vocab.SOURCES, vocab.RECIPIENTS, vocab.TRANSFERS, vocab.LEGAL_BASES):
        for key, texts in terms.items():
            assert set(texts) >= {"nl", "fr"}, key


@pytest.mark.parametrize(("text", "ok"), [
    ("Zie [onze site](https://www.vdab.be) of mail [ons](mailto:info@vdab.be).", True),
    ("Bel [gratis](tel:080030700).", True),
    ("- een lijst\n- met *nadruk* en **vet**", True),
    ("a < b en b > c", True),
    ("<https://www.vdab.be>", True),
    ("<script>alert(1)</script>", False),
    ("[klik](javascript:alert(1))", False),
    ("[klik](JavaScript:alert(1))", False),
    ("[oud](http://www.vdab.be)", False),
    ("[relatief](../index.html)", False),
    ("[ref]: http://example.be", False),
    ("![logo](https://x.be/logo.png)", False),
    ("## Titel", False),
])
def test_safe_markdown_subset(text: str, ok: bool) -> None:
    assert (markdown_problem(text) is None) is ok


def test_enterprise_number_is_normalised_and_checked() -> None:
    base = {"name": {"nl": "X", "fr": "X"}, "kind": "private", "languages": ["nl"],
            "address": {"street": {"nl": "S 1"}, "postal_code": "1000", "city": {"nl": "Brussel"}},
            "privacy_contact": {"email": "a@b.be"}}
    org = Organisation.model_validate({**base, "enterprise_number": "BE 0448 444 064"})
    assert org.enterprise_number == "0448.444.064"
    with pytest.raises(ValueError, match="not a valid Belgian enterprise number"):
        Organisation.model_validate({**base, "enterprise_number": "0448.444.065"})


def test_dates_and_language_names_through_babel() -> None:
    assert long_date(date(2023, 7, 1), "nl") == "1 juli 2023"
    assert long_date(date(2023, 7, 1), "fr") == "1er juillet 2023"
    assert long_date(date(2020, 10, 7), "fr") == "7 octobre 2020"
    assert language_name("fr") == "Français" and language_name("nl", "fr", capital=False) == "néerlandais"


def test_plan_alternates_keep_the_page(corpus) -> None:  # noqa: ANN001
    plan = make_plan(corpus)
    page = PlannedPage("statement", "nl", "vdab", "privacy")
    assert plan.alternates(page) == [("nl", "nl/vdab/privacy/"), ("fr", "fr/vdab/privacy/")]
    # The bilingual landing's alternates are the language homes (its sitemap would be the whole site's).
    assert plan.alternates(PlannedPage("landing", None)) == [("nl", "nl/"), ("fr", "fr/")]
    assert plan.by_src("fr/vdab/privacy/index.md") == PlannedPage("statement", "fr", "vdab", "privacy")
    # Per language: the home, and per document its current page, each version, the history and each pair:
    # one privacy statement with 1 version (no pair), two with 2 versions (1 pair), two with 4 (6 pairs).
    # Three cookie statements have one version (current, version, history), Sociare's and Payvera's two (1 pair).
    # Then a contact page each, and an accessibility statement for the two public bodies.
    per_language = 1 + (1 + 1 + 1) + (1 + 2 + 1 + 1) * 2 + (1 + 4 + 1 + 6) * 2 + 3 * 3 + (1 + 2 + 1 + 1) * 2 + 5 + 2
    assert len(plan.pages) == 1 + 2 * per_language
    assert plan.by_src("nl/fopas/privacy/compare/2023-07-01/2027-01-01/index.md") is not None


def test_a_model_problem_names_the_field_as_written_in_each_language() -> None:
    """Problems name fields as the editor wrote them (not model paths) and are told in Dutch and French."""
    from privacy_site.i18n.catalogs import editor_gettext
    from privacy_site.model.documents import PrivacyStatement
    from privacy_site.model.validate import validate
    from privacy_site.source.messages import tell, untold
    from privacy_site.source.yamlsrc import Located

    text = ('introduction: {nl: "Intro", fr: "Intro"}\nprocessing:\n  - id: chatbot\n    title: {nl: Chat, fr: Chat}\n'
            '    retention: {nl: "Een jaar", fr: " "}\n    legal_basis: [contracts]\n')
    data = {"introduction": {"nl": "Intro", "fr": "Intro"},
            "processing": [{"id": "chatbot", "title": {"nl": "Chat", "fr": "Chat"},
                            "retention": {"nl": "Een jaar", "fr": " "}, "legal_basis": ["contracts"]}]}
    statement, problems = validate(PrivacyStatement, Located("f.yaml", data, text=text))
    problems = sorted(problems)
    assert statement is None
    assert [str(p) for p in problems] == [
        'f.yaml:5:37: processing "chatbot" → retention → fr: this translation is empty; write the text or remove '
        "the language",
        'f.yaml:6:19: processing "chatbot" → legal_basis #1: "contracts" is not allowed here; did you mean "contract"?']
    assert [untold(p.message) for p in problems] == [[], []]
    assert [tell(p.message, editor_gettext("nl")) for p in problems] == [
        'processing "chatbot" → retention → fr: deze vertaling is leeg; schrijf de tekst of verwijder de taal',
        'processing "chatbot" → legal_basis #1: "contracts" is hier niet toegestaan; bedoel je "contract"?']
    assert tell(problems[0].message, editor_gettext("fr")) == (
        'processing "chatbot" → retention → fr : cette traduction est vide ; écrivez le texte ou supprimez la langue')
