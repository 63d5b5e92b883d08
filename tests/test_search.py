"""Search: Pagefind indexes the current pages of each language, and a first visit loads none of it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from privacy_site.checks.corpus import load_corpus
from privacy_site.outputs.search import index_glob, is_indexed
from privacy_site.views.plan import make_plan

ROOT = Path(__file__).resolve().parent.parent


def _indexed_urls(site: Path, lang: str) -> set[str]:
    """The page URLs in a language's Pagefind bundle (each fragment is gzip'd JSON after a signature)."""
    urls = set()
    for fragment in (site / lang / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_index_holds_the_current_pages_of_every_organisation_only(built_site: Path, lang: str) -> None:
    corpus = load_corpus(ROOT / "policies")
    plan = make_plan(corpus)
    urls = _indexed_urls(built_site, lang)
    assert urls == {f"/{p.url}" for p in plan.pages if p.lang == lang and is_indexed(p)}
    for org in corpus.orgs:
        for document in org.documents:
            assert f"/{lang}/{org.slug}/{document}/" in urls, (org.slug, document)
        assert f"/{lang}/{org.slug}/contact/" in urls
    assert not [u for u in urls if "/compare/" in u or "/history/" in u or u.rstrip("/").split("/")[-1][:2] == "20"]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_pagefind_reads_the_marked_pages_and_not_the_superseded_ones(built_site: Path, lang: str) -> None:
    glob = index_glob(make_plan(load_corpus(ROOT / "policies")), lang)
    assert glob == f"{lang}/{{index.html,*/*/index.html}}"  # the language home; org/document/ and org/contact/
    read = {path for pattern in glob.removeprefix(f"{lang}/{{").removesuffix("}").split(",")
            for path in (built_site / lang).glob(pattern)}
    pages = set((built_site / lang).rglob("*.html"))
    marked = {path for path in pages if "data-pagefind-body" in path.read_text(encoding="utf-8")}
    assert marked and marked <= read
    assert not [path for path in read if path.parent.name[:2] == "20" or "history" in path.parts], "no versions"
    assert len(read) < len(pages) / 2


def test_no_page_loads_the_search_index(built_site: Path) -> None:
    # Material fetches search/search_index.json on every page load: it is an empty stub.
    stub = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []
    assert not (built_site / "nl" / "search").exists() and not (built_site / "fr" / "search").exists()
    page = (built_site / "fr" / "sociare" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../../../assets/search-worker.js#fr"' in page


@pytest.mark.parametrize(("lang", "label", "word", "title"), [
    ("nl", "Zoeken", "tweestapsverificatie", "Privacyverklaring – Sociare"),
    ("fr", "Rechercher", "authentification", "Déclaration de confidentialité – Sociare"),
])
def test_search_finds_a_current_statement(page: Page, site_url: str, lang: str, label: str, word: str,
                                          title: str) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(f"{site_url}/{lang}/vdab/contact/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in seen if "/pagefind/" in u], "nothing of the index before the visitor searches"
    page.get_by_role("textbox", name=label).first.click()
    page.keyboard.type(word)
    results = page.locator(".md-search-result__link")
    expect(results.first).to_contain_text(title)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0] == f"{site_url}/{lang}/sociare/privacy/"
    assert all(href.startswith(f"{site_url}/{lang}/") and "/20" not in href for href in hrefs), hrefs
    assert [u for u in seen if f"/{lang}/pagefind/" in u] and not [u for u in seen if "/pagefind/" in u
                                                                  and f"/{lang}/pagefind/" not in u]
    results.first.click()
    expect(page).to_have_url(f"{site_url}/{lang}/sociare/privacy/")
    expect(page.locator("article")).to_contain_text(word, ignore_case=True)


def test_the_bilingual_landing_searches_both_languages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.get_by_role("textbox", name="Zoeken").first.click()
    page.keyboard.type("Sociare")
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any("/nl/sociare/" in h for h in hrefs) and any("/fr/sociare/" in h for h in hrefs), hrefs
