"""Sitemaps and policies.json: written as text, they are what ElementTree and json.dumps write for the same data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.outputs.index import organisation_entry, policies_index
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
def corpus():
    return load_corpus(ROOT / "policies", today=date(2026, 12, 1))


@pytest.fixture(scope="module")
def plan_and_lastmod(corpus) -> tuple[Plan, object]:
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


def test_policies_json_is_what_json_dumps_writes_and_known_entries_are_kept_as_written(corpus) -> None:
    plan = make_plan(corpus)
    site_url = "https://privacy.example.be/"
    text, entries = policies_index(corpus, plan, site_url, [])
    data = {"as_of": "2026-12-01", "languages": list(plan.languages),
            "organisations": [organisation_entry(org, plan, site_url, []) for org in corpus.orgs]}
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert list(entries) == [org.slug for org in corpus.orgs]
    assert any(not entry.isascii() for entry in entries.values()), "French and Dutch stay as written (no \\u escapes)"
    # The preview passes what the previous build wrote for the organisations that did not change: used as is.
    marked = {slug: entry.replace('"slug": "fopas"', '"slug": "fopas-as-written-before"')
              for slug, entry in entries.items() if slug == "fopas"}
    again, _ = policies_index(corpus, plan, site_url, [], marked)
    assert again == text.replace('"slug": "fopas"', '"slug": "fopas-as-written-before"') != text


def test_policies_json_without_organisations_is_what_json_dumps_writes(corpus) -> None:
    empty = replace(corpus, orgs=())
    text, entries = policies_index(empty, make_plan(corpus), "https://x.be/", [])
    assert entries == {}
    assert text == json.dumps({"as_of": "2026-12-01", "languages": list(make_plan(corpus).languages),
                               "organisations": []}, ensure_ascii=False, indent=2) + "\n"
