"""Sitemaps: the text privacy-site writes is what ElementTree writes for the same entries, escaping included."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.outputs.sitemap import page_group, page_lastmod, sitemap_xml
from privacy_site.views.plan import Plan, PlannedPage, make_plan

ROOT = Path(__file__).resolve().parent.parent


def _reference(plan: Plan, site_url: str, lastmod, pages) -> str:
    """The sitemap as ElementTree builds, indents and serialises it."""
    urlset = ET.Element("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
                                   "xmlns:xhtml": "http://www.w3.org/1999/xhtml"})
    for page in pages:
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = site_url + page.url
        ET.SubElement(entry, "lastmod").text = lastmod(page).isoformat()
        if page.lang is not None:
            for lang, url in plan.alternates(page):
                ET.SubElement(entry, "xhtml:link", {"rel": "alternate", "hreflang": lang, "href": site_url + url})
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


@pytest.fixture(scope="module")
def plan_and_lastmod() -> tuple[Plan, object]:
    corpus = load_corpus(ROOT / "policies", today=date(2026, 12, 1))
    return make_plan(corpus), page_lastmod(corpus)


@pytest.mark.parametrize("site_url", ["https://privacy.example.be/", 'http://127.0.0.1:8000/a&b<c>"d\'/'])
def test_the_whole_site_sitemap_is_what_elementtree_writes(plan_and_lastmod, site_url: str) -> None:
    plan, lastmod = plan_and_lastmod
    written = sitemap_xml(plan, site_url, lastmod)
    assert written == _reference(plan, site_url, lastmod, plan.pages)
    assert len(ET.fromstring(written.split("\n", 1)[1])) == len(plan.pages)  # well-formed, one entry per page


def test_a_page_group_and_an_empty_sitemap_are_what_elementtree_writes(plan_and_lastmod) -> None:
    plan, lastmod = plan_and_lastmod
    page = next(p for p in plan.pages if p.org == "fopas" and p.kind == "statement" and p.lang == "fr")
    group = page_group(plan, page)
    assert len(group) == 2
    assert sitemap_xml(plan, "https://x.be/", lastmod, group) == _reference(plan, "https://x.be/", lastmod, group)
    empty: list[PlannedPage] = []
    assert sitemap_xml(plan, "https://x.be/", lastmod, empty) == _reference(plan, "https://x.be/", lastmod, empty)
