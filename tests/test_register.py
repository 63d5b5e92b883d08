"""Forms of address (NL formal "u" / informal "je"), names in sentences, and the first layer (WP260)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.checks.corpus import Corpus, load_corpus
from privacy_site.i18n.catalogs import register_gaps
from privacy_site.i18n.register import address_words
from privacy_site.model.documents import Organisation
from privacy_site.views.controllers import controller_block
from privacy_site.views.plan import make_plan
from privacy_site.views.render import render_page
from privacy_site.views.views import StatementLinks, statement_view

ROOT = Path(__file__).resolve().parent.parent
LINKS = StatementLinks(history="history/", current="./")
VOICES = [("nl", "formal"), ("nl", "informal"), ("fr", "formal")]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "policies")


def _as(org: Organisation, register: str) -> Organisation:
    return org.model_copy(update={"form_of_address": register})


def test_every_formal_message_has_an_informal_one() -> None:
    assert register_gaps("nl") == []


@pytest.mark.parametrize(("slug", "lang", "register", "expected"), [
    ("vdab", "nl", "formal", "De **Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding** is verantwoordelijk "
                             "voor de verwerking van uw persoonsgegevens"),
    ("vdab", "nl", "informal", "De **Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding** is "
                               "verantwoordelijk voor de verwerking van je persoonsgegevens"),
    ("vdab", "fr", "formal", "L'**Office flamand de l'emploi et de la formation professionnelle** est responsable"),
    ("departement-wse", "nl", "informal", "Het **Departement Werk en Sociale Economie** is verantwoordelijk"),
    ("departement-wse", "fr", "formal", "Le **Département Emploi et Économie sociale** est responsable"),
    ("fopas", "nl", "formal", "**Fopas, Fonds voor bestaanszekerheid**, is verantwoordelijk voor de verwerking van uw"),
    ("fopas", "nl", "informal", "**Fopas, Fonds voor bestaanszekerheid**, is verantwoordelijk voor de verwerking "
                                "van je"),
    ("fopas", "fr", "formal", "**Fopas, Fonds de sécurité d'existence**, est responsable"),
    ("sociare", "nl", "informal", "**Sociare** (vzw) is verantwoordelijk"),
    ("sociare", "fr", "formal", "**Sociare** (asbl) est responsable"),
])
def test_the_controller_sentence_is_grammatical(corpus: Corpus, slug: str, lang: str, register: str,
                                                 expected: str) -> None:
    block = controller_block(_as(corpus.org(slug).organisation, register), lang)
    assert block.body[0].startswith(expected)


@pytest.mark.parametrize(("article", "name", "lang", "expected"), [
    ("le", "VDAB", "fr", "du VDAB"), ("le", "Office flamand", "fr", "de l'Office flamand"),
    ("le", "Département", "fr", "du Département"), ("la", "Région", "fr", "de la Région"),
    (None, "Fopas", "fr", "de Fopas"), (None, "Actiris", "fr", "d'Actiris"),
    ("de", "VDAB", "nl", "van de VDAB"), ("het", "Departement", "nl", "van het Departement"),
    (None, "Sociare", "nl", "van Sociare"),
])
def test_of_name(article: str | None, name: str, lang: str, expected: str) -> None:
    from privacy_site.i18n.names import of_name
    assert of_name(name, article, lang, apposition=False, closing=False) == expected
    assert of_name(name, article, lang, apposition=True, closing=True) == expected + ","


def _first_layer(corpus: Corpus, slug: str, lang: str, register: str) -> dict[str, list[str]]:
    org = corpus.org(slug)
    org = type(org)(org.slug, _as(org.organisation, register), org.path, org.today, org.documents)
    view = statement_view(org, org.current("privacy"), lang, LINKS)
    return {fact.label: fact.items for fact in view.first_layer.facts}


@pytest.mark.parametrize(("lang", "register"), VOICES)
def test_first_layer_points_out_the_unexpected(corpus: Corpus, lang: str, register: str) -> None:
    facts = _first_layer(corpus, "sociare", lang, register)
    know = {"nl": "Goed om te weten", "fr": "À savoir"}[lang]
    notes = " ".join(facts[know])
    assert {"nl": "rijksregisternummer", "fr": "numéro de registre national"}[lang] in notes
    purposes = facts[{"nl": "Waarom, en op welke rechtsgrond", "fr": "Pourquoi, et sur quelle base juridique"}[lang]]
    assert all(re.search(r"\(#processing-[a-z0-9-]+\): \S", line) for line in purposes)
    text = " ".join(item for items in facts.values() for item in items)
    assert "each activity" not in text and "elke activiteit vermeld" not in text
    if lang == "nl" and register == "informal":  # Sociare's own texts say "je" too
        assert not address_words(text, "formal"), text


@pytest.mark.parametrize(("lang", "register"), VOICES)
def test_first_layer_retention_is_truthful(corpus: Corpus, lang: str, register: str) -> None:
    for slug in ("sociare", "fopas", "vdab", "departement-wse"):
        facts = _first_layer(corpus, slug, lang, register)
        how_long = " ".join(facts[{"nl": "Hoelang", "fr": "Combien de temps"}[lang]])
        statement = corpus.org(slug).current("privacy").statement
        for activity in statement.processing:
            if activity.retention is None:
                assert activity.title.md(lang) in how_long  # said where it is missing, never "given for each"


def test_first_layer_lines_do_not_repeat_themselves(corpus: Corpus) -> None:
    for slug in ("sociare", "fopas", "vdab", "departement-wse"):
        for lang, register in VOICES:
            facts = _first_layer(corpus, slug, lang, register)
            lines = [item for items in facts.values() for item in items]
            assert len(lines) == len(set(lines))


def _visible(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ")


@pytest.mark.parametrize("register", ["formal", "informal"])
def test_every_generated_dutch_page_speaks_in_one_register(corpus: Corpus, register: str, tmp_path: Path) -> None:
    """Every Dutch page of an organisation whose own texts use no form of address is in its register only."""
    org = corpus.org("vdab")
    bare = type(org)(org.slug, _as(org.organisation, register), org.path, org.today, org.documents)
    test_corpus = type(corpus)(root=corpus.root, orgs=(bare,), today=corpus.today, operator="vdab")
    plan = make_plan(test_corpus)
    other = "informal" if register == "formal" else "formal"
    own_words = {w.lower() for v in org.versions() for w in address_words(v.statement.model_dump_json(), other)}
    found = []
    for page in plan.pages:
        if page.lang != "nl":
            continue
        text = _visible(render_page(page, test_corpus, plan).html)
        words = [w for w in address_words(text, other) if w.lower() not in own_words]
        if words:
            found.append(f"{page.url}: {words[:5]}")
    assert found == []


def test_every_standard_term_has_its_informal_dutch() -> None:
    from privacy_site.model import vocab
    from privacy_site.model.vocab_informal import INFORMAL_NL
    terms = [t["nl"] for table in (vocab.DATA, vocab.SOURCES, vocab.RECIPIENTS, vocab.TRANSFERS, vocab.AUTOMATED,
                                   vocab.LEGAL_BASES) for t in table.values()]
    assert [t for t in terms if address_words(t, "formal") and t not in INFORMAL_NL] == []
    assert [t for t in INFORMAL_NL if t not in terms] == [], "a formal term changed: rewrite its informal text"
    assert [t for t in INFORMAL_NL.values() if address_words(t, "formal")] == []


@pytest.mark.parametrize(("lang", "register", "basis"), [
    ("nl", "formal", "een overeenkomst met u, of stappen die op uw verzoek worden gezet vóór die overeenkomst"),
    ("nl", "informal", "een overeenkomst met jou, of stappen die op je verzoek worden gezet vóór die overeenkomst"),
    ("fr", "formal", "un contrat avec vous, ou des mesures prises à votre demande avant la conclusion de ce contrat"),
])
def test_the_contract_basis_names_both_limbs_of_article_6_1_b(corpus: Corpus, lang: str, register: str,
                                                              basis: str) -> None:
    """Art. 6(1)(b): a contract with the person, or steps taken at their request before entering into one."""
    org = corpus.org("payvera")
    org = type(org)(org.slug, _as(org.organisation, register), org.path, org.today, org.documents)
    view = statement_view(org, org.current("privacy"), lang, LINKS)
    trainings = next(b for b in view.blocks if b.id == "processing").subsections[3]
    assert trainings.id == "processing-trainings"
    legal = {"nl": "Rechtsgrond", "fr": "Base juridique"}[lang]
    article = {"nl": " (art. 6.1.b AVG)", "fr": " (art. 6.1.b RGPD)"}[lang]
    assert next(f.items for f in trainings.facts if f.label == legal)[0] == basis + article
    purposes = next(f.items for f in view.first_layer.facts if f.label.startswith(("Waarom", "Pourquoi")))
    interest = {"nl": "; ons gerechtvaardigd belang", "fr": " ; notre intérêt légitime"}[lang]
    assert next(p for p in purposes if "#processing-trainings" in p).endswith(f": {basis}{interest}")
    # The other bases keep their short labels.
    assert "een wettelijke verplichting" in " ".join(purposes) or "une obligation légale" in " ".join(purposes)
