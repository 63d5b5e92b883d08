"""Build the real example site and read it like a visitor would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.backend.publish import build_site

ROOT = Path(__file__).resolve().parent.parent
ORGS = ["departement-wse", "fopas", "payvera", "sociare", "vdab"]


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("org", ORGS)
def test_every_example_statement_exists_in_both_languages(built_site: Path, org: str, lang: str) -> None:
    soup = page(built_site, f"{lang}/{org}/privacy")
    assert soup.html["lang"] == lang
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"nl": f"../../../nl/{org}/privacy/", "fr": f"../../../fr/{org}/privacy/"} | {
        lang: "./"
    }
    switch = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert switch == alternates, "the language switch keeps the visitor on the same statement"
    headings = [h.get("id") for h in soup.select("article h2")]
    for part in ("controller", "processing", "transfers", "rights", "contact"):
        assert part in headings


WSE_NL = "Privacyverklaring: algemeen beleid voor de verwerking en bescherming van persoonsgegevens"
WSE_FR = ("Déclaration de confidentialité\u00a0: politique générale de traitement et "
          "de protection des données à caractère personnel")
FACTS = {
    "nl/sociare/privacy": ("Privacyverklaring", [
        "Ravensteingalerij 28 bus 3, 1000 Brussel", "0448.444.064", "Gegevensbeschermingsautoriteit",
        "Drukpersstraat 35", "Van kracht sinds 1 juni 2025"]),
    "fr/sociare/privacy": ("Déclaration de confidentialité", [
        "Galerie Ravenstein 28 boîte 3, 1000 Bruxelles", "0448.444.064", "Autorité de protection des données",
        "Rue de la Presse 35", "En vigueur depuis le 1er juin 2025"]),
    "nl/fopas/privacy": ("Privacyverklaring van Fopas", [
        "info@fopas.be", "Van kracht sinds 1 september 2024", "Xaurum"]),
    "fr/fopas/privacy": ("Déclaration de confidentialité de Fopas", [
        "info@fopas.be", "En vigueur depuis le 1er septembre 2024", "Xaurum"]),
    "nl/vdab/privacy": ("Privacyverklaring voor partners", [
        "0800 30 700", "Vlaamse Toezichtcommissie", "Mijn Loopbaan"]),
    "fr/vdab/privacy": ("Déclaration de confidentialité pour les partenaires", [
        "0800 30 700", "Ceci est une traduction. Le texte en néerlandais fait foi.", "Mijn Loopbaan"]),
    "nl/departement-wse/privacy": (WSE_NL, ["dpo.wse@vlaanderen.be", "Koning Albert II-laan 35"]),
    "fr/departement-wse/privacy": (WSE_FR, [
        "dpo.wse@vlaanderen.be", "Boulevard du Roi Albert II 35", "Le texte en néerlandais fait foi"]),
}


@pytest.mark.parametrize("url", sorted(FACTS))
def test_key_facts_per_language(built_site: Path, url: str) -> None:
    title, facts = FACTS[url]
    soup = page(built_site, url)
    assert soup.select_one("article h1").get_text(strip=True) == title
    body = text(soup)
    for fact in facts:
        assert fact in body


def test_french_punctuation_and_dutch_labels(built_site: Path) -> None:
    assert "E-mail\u00a0: " in page(built_site, "fr/sociare/privacy").select_one("article").get_text()  # no-break
    assert "E-mail: " in text(page(built_site, "nl/sociare/privacy"))


def test_rights_follow_the_legal_bases(built_site: Path) -> None:
    # Sociare uses consent and contract: portability and withdrawal apply.
    sociare = text(page(built_site, "nl/sociare/privacy"))
    assert "Overdraagbaarheid" in sociare and "Toestemming intrekken" in sociare
    # The Departement relies on public task and legal obligation only: no portability, no consent.
    wse = text(page(built_site, "nl/departement-wse/privacy"))
    assert "Bezwaar" in wse
    assert "Overdraagbaarheid" not in wse and "Toestemming intrekken" not in wse


def test_landing_offers_both_languages_and_every_organisation(built_site: Path) -> None:
    soup = page(built_site, "")
    sections = {s["lang"]: s for s in soup.select("section.ps-landing__lang")}
    assert set(sections) == {"nl", "fr"}
    assert sections["nl"].select_one("a.md-button")["href"] == "nl/"
    assert sections["fr"].select_one("a.md-button")["href"] == "fr/"
    for lang, section in sections.items():
        links = {a["href"] for a in section.select("li a")}
        assert links == {f"{lang}/{org}/{doc}/" for org in ORGS for doc in ("privacy", "cookies", "contact")} | {
            f"{lang}/{org}/accessibility/" for org in ("vdab", "departement-wse")}


@pytest.mark.parametrize(("lang", "heading"),
                         [("nl", "Privacyverklaringen"), ("fr", "Déclarations de confidentialité")])
def test_language_home_lists_organisations(built_site: Path, lang: str, heading: str) -> None:
    soup = page(built_site, lang)
    assert soup.html["lang"] == lang
    assert soup.select_one("article h1").get_text(strip=True) == heading
    hrefs = {a["href"] for a in soup.select("article li a")}
    assert hrefs == {f"{org}/{doc}/" for org in ORGS for doc in ("privacy", "cookies", "contact")} | {
        f"{org}/accessibility/" for org in ("vdab", "departement-wse")}


def test_no_resource_from_another_host(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = [t.get("src") for t in soup.select("script[src], img[src], iframe[src], source[src], audio, video")]
        loaded += [t.get("href") for t in soup.select("link[href]")
                   if not {"canonical", "alternate"} & set(t.get("rel", []))]
        offenders += [f"{path.relative_to(built_site)}: {url}" for url in loaded
                      if url and re.match(r"^(https?:)?//", url)]
    assert offenders == []
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_sitemaps_list_every_page_with_alternates(built_site: Path) -> None:
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/fr/vdab/privacy/</loc>" in xml
    assert 'hreflang="nl" href="http://127.0.0.1:8000/nl/vdab/privacy/"' in xml
    for folder in ("nl/", "fr/"):
        # Material's language switch fetches these on the landing and the language homes: only their group.
        xml = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
        assert xml.count("<loc>") == 2 and "<loc>http://127.0.0.1:8000/fr/</loc>" in xml


def test_failed_build_leaves_the_previous_site_intact(tmp_path: Path, policies_copy: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert build_site(ROOT / "mkdocs.yml", site, policies_copy) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    version = policies_copy / "fopas" / "privacy" / "2023-07-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").replace("introduction:", "introductoin:", 1),
                       encoding="utf-8")
    assert build_site(ROOT / "mkdocs.yml", site, policies_copy) == 1
    err = capsys.readouterr().err
    assert 'unknown field "introductoin"; did you mean "introduction"?' in err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site-*")), "no staging folder is left behind"


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("org", ORGS)
def test_first_layer_comes_before_the_detail(built_site: Path, org: str, lang: str) -> None:
    soup = page(built_site, f"{lang}/{org}/privacy")
    first = soup.select_one("article .ps-first-layer")
    assert first is not None
    assert first.select_one("h2")["id"] == "in-short"
    assert first.select_one("h2").get_text(strip=True) == {"nl": "In het kort", "fr": "En bref"}[lang]
    labels = [dt.get_text(strip=True) for dt in first.select("dt")]
    assert labels[:4] == {
        "nl": ["Wie is verantwoordelijk", "Waarom, en op welke rechtsgrond", "Welke gegevens", "Wie ontvangt ze"],
        "fr": ["Qui est responsable", "Pourquoi, et sur quelle base juridique", "Quelles données", "Qui les reçoit"],
    }[lang]
    rights = {"nl": "Je rechten" if org in ("vdab", "sociare") else "Uw rechten", "fr": "Vos droits"}[lang]
    how_long = {"nl": "Hoelang", "fr": "Combien de temps"}[lang]
    assert labels[labels.index(how_long) + 1] == rights  # then direct marketing, where it applies, and the contact
    # Every link of the first layer leads to a part of the detail on the same page.
    ids = {tag["id"] for tag in soup.select("article [id]")}
    anchors = [a["href"] for a in first.select("a[href^='#']")]
    assert anchors and all(a[1:] in ids for a in anchors)
    assert soup.select("article h2")[0] is first.select_one("h2"), "the first layer is the first section"


def test_translation_links_to_the_authoritative_text(built_site: Path) -> None:
    note = page(built_site, "fr/vdab/privacy").select_one(".ps-translation-note")
    link = note.select_one("a")
    assert link.get_text(strip=True) == "Lire le texte en néerlandais"
    assert link["href"] == "../../../nl/vdab/privacy/" and link["hreflang"] == "nl"
    assert page(built_site, "nl/vdab/privacy").select_one(".ps-translation-note") is None
    assert page(built_site, "fr/sociare/privacy").select_one(".ps-translation-note") is None


def test_repository_documentation_is_not_published(built_site: Path) -> None:
    assert not list(built_site.rglob("gdpr-checks*"))
