"""The accessibility statement of Flemish public bodies follows the EU model and the Flemish complaint route."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

EXPECTED = {
    "nl": ["Bestuursdecreet van 7 december 2018 (art. II.16)", "Richtlijn (EU) 2016/2102",
           "Niet-naleving van de toegankelijkheidsvoorschriften", "(WCAG 2.1-succescriterium 3.1.2)",
           "Deze verklaring werd opgesteld op 1 januari 2024", "Ze werd het laatst herzien op 1 november 2026.",
           "dien dan eerst een klacht in bij onze klachtendienst", "Vlaamse Ombudsdienst",
           "Leuvenseweg 86, 1000 Brussel", "klachten@vlaamseombudsdienst.be"],
    "fr": ["décret de gouvernance flamand (Bestuursdecreet) du 7 décembre 2018, art. II.16",
           "directive (UE) 2016/2102",
           "Non-conformité aux exigences d'accessibilité", "(critère de succès WCAG 2.1 3.1.2)",
           "Cette déclaration a été établie le 1er janvier 2024", "Elle a été revue pour la dernière fois le "
           "1er novembre 2026.", "adressez d'abord une plainte à notre service des plaintes",
           "Service de médiation flamand (Vlaamse Ombudsdienst)", "Rue de Louvain 86, 1000 Bruxelles",
           "klachten@vlaamseombudsdienst.be"],
}


def _text(path: Path) -> str:
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    assert article is not None
    return re.sub(r"\s+", " ", article.get_text(" ")).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("org", ["vdab", "departement-wse"])
def test_flemish_accessibility_statement(built_site: Path, org: str, lang: str) -> None:
    text = re.sub(r" ([),.])", r"\1", _text(built_site / lang / org / "accessibility" / "index.html"))
    for expected in EXPECTED[lang]:
        assert expected in text, expected
    # First the body's own complaints service, then the Ombudsdienst; the feedback contact is not the DPO.
    complaints = {"nl": "klachtendienst", "fr": "service des plaintes"}[lang]
    assert text.index(complaints) < text.index("Leuvenseweg 86" if lang == "nl" else "Rue de Louvain 86")
    assert "dpo.wse@vlaanderen.be" not in text


# The VDAB addresses its readers informally ("je"), the Departement formally ("u"); both take an article.
VOICES = {
    ("vdab", "nl"): ["De Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding streeft ernaar",
                     "waar je de privacy- en cookieverklaringen van de Vlaamse Dienst voor Arbeidsbemiddeling en "
                     "Beroepsopleiding leest.", "Ben je niet tevreden met ons antwoord, dien dan eerst",
                     "Ben je na de behandeling van je klacht door onze klachtendienst nog niet tevreden, dan kun je "
                     "gratis terecht"],
    ("departement-wse", "nl"): ["Het Departement Werk en Sociale Economie streeft ernaar",
                                "waar u de privacy- en cookieverklaringen van het Departement Werk en Sociale Economie "
                                "leest.", "Bent u niet tevreden met ons antwoord, dien dan eerst",
                                "Bent u na de behandeling van uw klacht door onze klachtendienst nog niet tevreden, "
                                "dan kunt u gratis terecht"],
    ("vdab", "fr"): ["L'Office flamand de l'emploi et de la formation professionnelle s'engage",
                     "conformément à la directive (UE) 2016/2102 et au décret de gouvernance flamand",
                     "relatives aux cookies de l'Office flamand de l'emploi et de la formation professionnelle."],
    ("departement-wse", "fr"): ["Le Département Emploi et Économie sociale s'engage",
                                "relatives aux cookies du Département Emploi et Économie sociale."],
}


@pytest.mark.parametrize(("org", "lang"), list(VOICES))
def test_the_accessibility_statement_speaks_as_the_organisation(built_site: Path, org: str, lang: str) -> None:
    text = re.sub(r" ([),.])", r"\1", _text(built_site / lang / org / "accessibility" / "index.html"))
    for expected in VOICES[(org, lang)]:
        assert expected in text, expected
    if lang == "nl":
        other = r"\b(u|uw)\b" if org == "vdab" else r"\b(je|jij|jouw)\b"
        assert not re.search(other, text), re.search(other, text)


def test_french_pages_give_the_dutch_name_of_the_vtc(built_site: Path) -> None:
    text = _text(built_site / "fr" / "vdab" / "privacy" / "index.html")
    assert "Commission de contrôle flamande du traitement des données à caractère personnel (Vlaamse " \
           "Toezichtcommissie)" in text
