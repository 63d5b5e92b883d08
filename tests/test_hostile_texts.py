"""Hostile one-line texts (names, titles) come out of every output as the text written, never as markup."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from privacy_site.model.text import md_escape

VALID = ROOT / "tests" / "bad_inputs" / "_valid" / "policies"
# Markdown links, an image to another host, emphasis, code, attribute lists, quotes that would end an HTML
# attribute, entities, line-start markers: all allowed in a name (it is plain text) and all must stay inert.
HOSTILE = ('1. Evil "q" onmouseover=\'alert(1)\' & co [x](javascript:alert(1)) ![i](https://evil.example/i.png) '
           '*em* _u_ `c` {: onclick=alert(1) } &amp; C# | 3 < 4')


@pytest.fixture(scope="session")
def hostile_site(run_once: Callable[[str, Callable[[Path], None]], Path]) -> Path:
    return run_once("hostile-site", _build_hostile_site) / "site"


def _build_hostile_site(root: Path) -> None:
    from privacy_site.backend.publish import build_site

    policies = root / "policies"
    shutil.copytree(VALID, policies)
    org_file = policies / "demo" / "organisation.yaml"
    org = yaml.safe_load(org_file.read_text(encoding="utf-8"))
    org["name"] = {"nl": HOSTILE, "fr": HOSTILE}
    org["privacy_contact"]["name"] = {"nl": HOSTILE, "fr": HOSTILE}
    org_file.write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    version_file = policies / "demo" / "privacy" / "2024-01-01.yaml"
    version = yaml.safe_load(version_file.read_text(encoding="utf-8"))
    version["processing"][0]["title"] = {"nl": HOSTILE, "fr": HOSTILE}
    version["audiences"][0]["name"] = {"nl": HOSTILE, "fr": HOSTILE}
    version_file.write_text(yaml.safe_dump(version, allow_unicode=True), encoding="utf-8")
    assert build_site(ROOT / "mkdocs.yml", root / "site", policies) == 0


def test_the_escape_keeps_the_text() -> None:
    html = f"<p>{md_escape(HOSTILE)}</p>"
    assert BeautifulSoup(html, "html.parser").get_text() == HOSTILE


def test_html_pages_show_the_name_as_text(hostile_site: Path) -> None:
    pages = sorted(hostile_site.glob("**/*.html"))
    assert len(pages) > 10
    seen = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all(href=True):
            assert not link["href"].lower().startswith(("javascript:", "data:")), path
        for element in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in element.attrs), (path, element.name, element.attrs)
            assert element.name not in ("code", "em") or HOSTILE not in element.parent.get_text(), path
        assert not soup.find("img", src=lambda src: src and "evil.example" in src), path
        text = soup.get_text(" ")
        seen += HOSTILE in text
    assert seen >= 8  # statements, versions, histories, contact, cookies, homes


def test_statement_headings_and_title(hostile_site: Path) -> None:
    # Dutch: French pages also apply French typography (no-break spaces) to names.
    soup = BeautifulSoup((hostile_site / "nl" / "demo" / "privacy" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert HOSTILE in soup.title.get_text()
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h3")]
    assert HOSTILE in headings
    assert HOSTILE in soup.get_text(" ")


def test_feeds_sitemaps_and_index_carry_the_exact_text(hostile_site: Path) -> None:
    feed = ET.parse(hostile_site / "nl" / "demo" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:author/a:name", namespaces=ns) == HOSTILE
    for content in feed.iterfind("a:entry/a:content", ns):
        fragment = BeautifulSoup(content.text or "", "html.parser")
        assert not fragment.find("a", href=lambda h: h and h.startswith("javascript:"))
    ET.parse(hostile_site / "sitemap.xml")
    index = json.loads((hostile_site / "policies.json").read_text(encoding="utf-8"))
    demo = next(o for o in index["organisations"] if o["slug"] == "demo")
    assert demo["name"] == {"nl": HOSTILE, "fr": HOSTILE}
