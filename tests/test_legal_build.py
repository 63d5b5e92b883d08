"""The example site as a Belgian DPO and a legal translator read it (issue 14, items 1 and 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ORGS = ["departement-wse", "fopas", "payvera", "sociare", "vdab"]


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(page: BeautifulSoup, selector: str = "article") -> str:
    return " ".join(page.select_one(selector).get_text(" ").split())


@pytest.mark.parametrize("org", ORGS)
@pytest.mark.parametrize(("lang", "heading", "word"), [("nl", "Geautomatiseerde besluitvorming", "geautomatiseerde"),
                                                       ("fr", "Décisions automatisées", "automatisé")])
def test_every_statement_says_whether_decisions_are_automated(built_site: Path, org: str, lang: str, heading: str,
                                                              word: str) -> None:
    page = soup(built_site, f"{lang}/{org}/privacy")
    section = page.select_one("h2#automated")
    assert section is not None and section.get_text() == heading
    assert word in section.find_next_sibling("p").get_text()


def test_the_dpo_is_shown_once_when_it_is_the_privacy_contact(built_site: Path) -> None:
    for lang in ("nl", "fr"):
        text = words(soup(built_site, f"{lang}/departement-wse/contact"))
        assert text.count("dpo.wse@vlaanderen.be") == 2  # the channel, and the "prefer e-mail?" line


@pytest.mark.parametrize(("lang", "phone"), [
    ("nl", "0800 30 700 , elke werkdag van 8 tot 19 uur (gratis nummer)"),
    ("fr", "0800 30 700 , chaque jour ouvrable de 8 h à 19 h (numéro gratuit)"),
])
def test_no_nested_brackets_around_opening_hours(built_site: Path, lang: str, phone: str) -> None:
    text = words(soup(built_site, f"{lang}/vdab/contact"))
    assert phone in text
    assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", text)


def test_gender_is_sexe_in_french(built_site: Path) -> None:
    text = " ".join(words(soup(built_site, f"fr/{org}/privacy")) for org in ORGS)
    assert "genre" not in text


@pytest.mark.parametrize(("url", "title"), [("nl", "Privacyverklaringen"), ("fr", "Déclarations de confidentialité"),
                                            ("", "Privacyverklaringen · Déclarations de confidentialité")])
def test_home_titles_do_not_repeat_themselves(built_site: Path, url: str, title: str) -> None:
    assert soup(built_site, url).title.get_text() == title


def test_statement_titles_still_end_with_the_site_name(built_site: Path) -> None:
    assert soup(built_site, "fr/fopas/privacy").title.get_text().endswith(" - Déclarations de confidentialité")


def test_both_halves_of_the_404_are_equal(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    heading = page.select("article h1")
    assert len(heading) == 1 and not page.select("article h2")
    assert [s["lang"] for s in heading[0].select("span")] == ["nl", "fr"]
    assert [s["lang"] for s in page.select("article section")] == ["nl", "fr"]


@pytest.mark.parametrize(("lang", "sentence"), [("nl", "Met elke verwerker sluiten we"),
                                                ("fr", "Avec chaque sous-traitant, nous concluons")])
def test_the_processing_agreement_is_said_once(built_site: Path, lang: str, sentence: str) -> None:
    text = words(soup(built_site, f"{lang}/sociare/privacy"))
    assert text.count(sentence) == 1
    assert "processing agreement" not in text and ("verwerkersovereenkomst die uw gegevens beschermt" not in text)


@pytest.mark.parametrize("org", ["vdab", "departement-wse"])
@pytest.mark.parametrize("page", ["privacy", "cookies", "accessibility"])
def test_french_pages_say_the_dutch_text_is_authoritative(built_site: Path, org: str, page: str) -> None:
    french = soup(built_site, f"fr/{org}/{page}")
    note = french.select_one(".ps-translation-note")
    assert note is not None and "Le texte en néerlandais fait foi." in note.get_text()
    assert note.select_one("a")["hreflang"] == "nl"
    assert soup(built_site, f"nl/{org}/{page}").select_one(".ps-translation-note") is None


def test_no_read_confirmation_on_the_request_form(built_site: Path) -> None:
    for lang in ("nl", "fr"):
        form = soup(built_site, f"{lang}/sociare/contact").select_one("form[data-privacy-request]")
        assert form.select("input[type=checkbox]") == []
