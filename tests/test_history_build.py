"""Versions, history, comparisons, feeds and the index in the built site (today = 1 November 2026)."""

from __future__ import annotations

import filecmp
import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.backend.publish import build_site

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(soup: BeautifulSoup, selector: str = "article") -> str:
    return " ".join(soup.select_one(selector).get_text(" ").split())


@pytest.mark.parametrize(("lang", "expected"), [
    # The next version took effect on 1 September 2024: this one applied up to and including the day before.
    ("nl", ["Deze versie was van kracht van 1 juli 2023 tot en met 31 augustus 2024. Ze is niet langer van "
            "toepassing.",
            "Lees de huidige versie"]),
    ("fr", ["Cette version était en vigueur du 1er juillet 2023 au 31 août 2024. Elle n'est plus "
            "d'application.", "Lire la version actuelle"]),
])
def test_a_superseded_version_says_so(built_site: Path, lang: str, expected: list[str]) -> None:
    soup = page(built_site, f"{lang}/fopas/privacy/2023-07-01")
    note = soup.select_one(".ps-status-note")
    for text in expected:
        assert text in " ".join(note.get_text(" ").split())
    assert note.select_one("a")["href"] == "../"


@pytest.mark.parametrize(("lang", "expected"), [
    # Two versions are upcoming: both are announced, each with a link to what it changes.
    ("nl", "Op 1 januari 2027 wordt een nieuwe versie van kracht: wat verandert er. "
           "Op 1 februari 2027 wordt een nieuwe versie van kracht: wat verandert er."),
    ("fr", "Une nouvelle version entre en vigueur le 1er janvier 2027 : ce qui change. "
           "Une nouvelle version entre en vigueur le 1er février 2027 : ce qui change."),
])
def test_the_current_page_announces_the_upcoming_version(built_site: Path, lang: str, expected: str) -> None:
    soup = page(built_site, f"{lang}/fopas/privacy")
    announcement = soup.select_one(".ps-announcement")
    assert " ".join(announcement.get_text(" ").split()).replace(" .", ".") == expected
    assert [a["href"] for a in announcement.select("a")] == ["history/#v2027-01-01", "history/#v2027-02-01"]
    # The current page and the page of the version in effect show the same statement.
    current = page(built_site, f"{lang}/fopas/privacy/2024-09-01")
    assert current.select_one(".ps-status-note") is None
    assert words(soup, "article .ps-first-layer") == words(current, "article .ps-first-layer")


def test_the_upcoming_version_is_published_as_upcoming(built_site: Path) -> None:
    soup = page(built_site, "nl/fopas/privacy/2027-01-01")
    assert "Van kracht vanaf 1 januari 2027" in words(soup)
    assert ("Deze versie wordt van kracht op 1 januari 2027. Tot dan geldt de huidige versie."
            in words(soup, ".ps-status-note"))
    assert soup.select_one(".ps-announcement") is None


def test_a_document_with_one_version_has_history_without_upcoming(built_site: Path) -> None:
    soup = page(built_site, "fr/vdab/cookies")
    assert soup.select_one(".ps-announcement") is None and soup.select_one(".ps-status-note") is None
    history = page(built_site, "fr/vdab/cookies/history")
    assert [h.get_text(strip=True) for h in history.select("article h2")] == ["Version du 1er janvier 2024"]
    assert "Première version publiée." in words(history)


@pytest.mark.parametrize(("lang", "headings", "changes"), [
    ("nl", ["Versie van 1 februari 2027", "Versie van 1 januari 2027", "Versie van 1 september 2024",
            "Versie van 1 juli 2023"], [
        "Bewaartermijn voor ‘Deelname aan opleiding, loopbaanbegeleiding en outplacement’ gewijzigd",
        "Doorgifte buiten de Europese Economische Ruimte gewijzigd",
        "Nieuwe verwerking: ‘Tevredenheidsenquêtes na een opleiding of begeleiding’",
        "Ontvanger geschrapt voor ‘Outplacement: aanvullende gegevens’: het externe outplacementkantoor dat de "
        "afzonderlijke databank samen met Fopas beheert",
        "Bewaartermijn voor ‘Outplacement: aanvullende gegevens’ gewijzigd",
        "Sectie ‘Uw login op fopas.be’ gewijzigd"]),
    ("fr", ["Version du 1er février 2027", "Version du 1er janvier 2027", "Version du 1er septembre 2024",
            "Version du 1er juillet 2023"], [
        "Modification : Durée de conservation pour « Participation à la formation, à l'accompagnement de carrière "
        "et à l'outplacement »",
        "Nouveau traitement : « Enquêtes de satisfaction après une formation ou un accompagnement »",
        "Modification : Durée de conservation pour « Outplacement : données complémentaires »",
        "Section « Votre login sur fopas.be » modifiée"]),
])
def test_history_lists_versions_newest_first_with_what_changed(built_site: Path, lang: str, headings: list[str],
                                                               changes: list[str]) -> None:
    soup = page(built_site, f"{lang}/fopas/privacy/history")
    assert [h.get_text(strip=True) for h in soup.select("article h2")] == headings
    items = [" ".join(li.get_text(" ").split()) for li in soup.select("article li")]
    for change in changes:
        assert any(item.startswith(change) for item in items), change
    status = [s.get_text(strip=True) for s in soup.select(".ps-version-status strong")]
    assert status == {"nl": ["komt eraan", "komt eraan", "huidige versie", "niet langer van toepassing"],
                      "fr": ["à venir", "à venir", "version actuelle", "n'est plus d'application"]}[lang]


def test_changed_text_is_marked_in_words_not_only_colour(built_site: Path) -> None:
    soup = page(built_site, "nl/fopas/privacy/history")
    retention = next(li for li in soup.select("article li")
                     if "Bewaartermijn voor ‘Outplacement: aanvullende gegevens’" in li.get_text())
    deleted = retention.select_one("del")
    inserted = retention.select_one("ins")
    assert deleted.select_one(".ps-sr").get_text(strip=True) == "geschrapt:"
    assert inserted.select_one(".ps-sr").get_text(strip=True) == "toegevoegd:"
    assert "zolang dat nodig is om" in deleted.get_text()
    assert "tot vijf jaar na het einde van het outplacementtraject" in inserted.get_text()


def test_any_two_versions_can_be_compared(built_site: Path) -> None:
    history = page(built_site, "fr/fopas/privacy/history")
    links = [a["href"] for a in history.select(".ps-compare a")]
    assert "../compare/2023-07-01/2027-01-01/" in links
    soup = page(built_site, "fr/fopas/privacy/compare/2023-07-01/2027-01-01")
    items = " ".join(li.get_text(" ") for li in soup.select("article li"))
    # Across two steps: both the 2024 retention change and the 2027 survey appear.
    assert "Durée de conservation" in items and "Enquêtes de satisfaction" in items


def test_feeds_are_valid_atom(built_site: Path) -> None:
    for feed in sorted(built_site.glob("*/*/feed.xml")):
        root = ET.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed"
        for child in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{child}") is not None, (feed, child)
        assert root.find(f"{ATOM}link[@rel='self']") is not None
        entries = root.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for child in ("id", "title", "updated", "content"):
                assert entry.find(f"{ATOM}{child}") is not None, (feed, child)
            assert entry.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(ids) == len(set(ids))
    fopas = ET.parse(built_site / "fr" / "fopas" / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in fopas.findall(f"{ATOM}entry")]
    assert titles == [
        "Déclaration de confidentialité : nouvelle version, en vigueur à partir du 1er février 2027",
        "Déclaration de confidentialité : nouvelle version, en vigueur à partir du 1er janvier 2027",
        "Déclaration de confidentialité : version en vigueur depuis le 1er septembre 2024",
        "Déclaration relative aux cookies : version en vigueur depuis le 1er septembre 2024",
        "Déclaration de confidentialité : version en vigueur depuis le 1er juillet 2023"]


def test_pages_link_their_feed(built_site: Path) -> None:
    link = page(built_site, "nl/sociare/privacy/2022-03-15").select_one('link[type="application/atom+xml"]')
    assert link["href"] == "../../feed.xml"
    assert (built_site / "nl" / "sociare" / "feed.xml").is_file()


def test_policies_json_matches_the_pages(built_site: Path) -> None:
    index = json.loads((built_site / "policies.json").read_text(encoding="utf-8"))
    assert index["as_of"] == "2026-11-01" and index["languages"] == ["nl", "fr"]
    assert [o["slug"] for o in index["organisations"]] == ["departement-wse", "fopas", "payvera", "sociare", "vdab"]
    entries = [line.split(" ") for line in (ROOT / "policies" / "versions.lock").read_text().splitlines()
               if line and not line.startswith("#")]
    lock = {key: content for key, content, *_ in entries}
    records = {key: dict(pair.split(":") for pair in pairs) for key, _, *pairs in entries}
    base = "http://127.0.0.1:8000/"
    for org in index["organisations"]:
        for name, document in org["documents"].items():
            for url in document["url"].values():
                assert (built_site / url.removeprefix(base) / "index.html").is_file()
            for version in document["versions"]:
                key = f"{org['slug']}/{name}/{version['date']}"
                assert version["content_hash"] == lock[key]
                for lang, url in version["url"].items():
                    soup = page(built_site, url.removeprefix(base))
                    assert soup.html["lang"] == lang
                    # Every example version is published: its page shows the fingerprint of its record, whose
                    # full hash is in policies.json and in versions.lock, and is the SHA-256 of the record file.
                    digest = version["published_text"][lang].removeprefix("sha256:")
                    record = ROOT / "policies" / org["slug"] / name / "published" / f"{version['date']}.{lang}.html"
                    assert digest == records[key][lang] == hashlib.sha256(record.read_bytes()).hexdigest()
                    assert soup.select_one(".ps-fingerprint code").get_text() == digest[:16]
    fopas = next(o for o in index["organisations"] if o["slug"] == "fopas")["documents"]["privacy"]
    assert fopas["current"] == "2024-09-01" and fopas["upcoming"] == ["2027-01-01", "2027-02-01"]
    assert [v["status"] for v in fopas["versions"]] == ["superseded", "current", "upcoming", "upcoming"]
    assert fopas["versions"][1]["summary"]["fr"].startswith("Nous ne conservons plus")


def test_sitemap_lastmod_comes_from_the_versions(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls}
    assert lastmod["http://127.0.0.1:8000/nl/fopas/privacy/"] == "2024-09-01"
    assert lastmod["http://127.0.0.1:8000/fr/sociare/privacy/2020-10-07/"] == "2020-10-07"


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    assert build_site(ROOT / "mkdocs.yml", again, ROOT / "policies") == 0
    comparison = filecmp.dircmp(built_site, again)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        found = [*cmp.left_only, *cmp.right_only, *cmp.diff_files, *cmp.funny_files]
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    # dircmp compares shallowly by size and time first; compare every file's bytes too.
    for path in built_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(built_site)).read_bytes(), path
