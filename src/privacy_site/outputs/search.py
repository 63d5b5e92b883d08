"""Search that costs a visitor nothing until they search: Material's search box, answered by Pagefind.

Material's theme fetches its whole search index and starts its worker on every page load. Here every
page points Material at our worker (assets/search-worker.js), which speaks Material's worker protocol
and loads Pagefind, the language's index chunks and the excerpts of the results only on the first
query; the index Material fetches is an empty stub. Pagefind indexes the current documents, contact,
accessibility and home pages of each language (the pages marked with data-pagefind-body).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from privacy_site.views.plan import Plan, PlannedPage


class SearchIndexError(Exception):
    """Pagefind could not index a language: the build must fail rather than publish a site without search."""

INDEXED_KINDS = frozenset({"languages", "statement", "contact", "accessibility"})
WORKER = "assets/search-worker.js"
_ARTICLE = '<article class="md-content__inner md-typeset">'
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def is_indexed(page: PlannedPage) -> bool:
    """Whether search finds this page: current documents and the pages around them, not history."""
    return page.lang is not None and page.kind in INDEXED_KINDS


def search_config(languages: list[str]) -> dict[str, str]:
    """What the theme's configuration needs to send Material's search to our worker: its URL and languages."""
    return {"worker": WORKER, "languages": "+".join(languages)}


def mark_indexed(page_html: str, site_name: str) -> str:
    """Mark the article as the page's searchable body, titled as in <title> without the site name."""
    found = _TITLE.search(page_html)
    title = html.unescape(found[1].strip()) if found else ""
    title = title.removesuffix(f" - {site_name}")
    attrs = f' data-pagefind-body data-pagefind-meta="title:{html.escape(title, quote=True)}"'
    return page_html.replace(_ARTICLE, _ARTICLE[:-1] + attrs + ">", 1)


def write_index_stub(root: Path, languages: tuple[str, ...]) -> None:
    """Replace the search plugin's index (every page, fetched on every load) with an empty one."""
    stub = {"config": {"lang": list(languages), "separator": r"[\s\-]+", "pipeline": []}, "docs": []}
    path = root / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")


def index_glob(plan: Plan, lang: str) -> str:
    """The HTML files of a language Pagefind reads: those at the depths where indexed pages are.

    Pagefind parses every file its glob matches to find the marked ones; at 200 organisations nine in ten are
    superseded versions, histories and comparisons, which sit deeper than the current documents (a quarter of
    the CPU of the whole build). Which pages are marked still decides what is indexed.
    """
    depths = sorted({page.url.count("/") for page in plan.pages if page.lang == lang and is_indexed(page)})
    alternatives = ",".join("*/" * (depth - 1) + "index.html" for depth in depths) or "index.html"
    return f"{lang}/{{{alternatives}}}" if len(depths) > 1 else f"{lang}/{alternatives}"


def build_pagefind(root: Path, plan: Plan) -> None:
    """One Pagefind bundle per language, in {lang}/pagefind/, of the pages marked for search."""
    for lang in plan.languages:
        command = [sys.executable, "-m", "pagefind", "--site", str(root), "--glob", index_glob(plan, lang),
                   "--output-subdir", f"{lang}/pagefind", "--force-language", lang, "--quiet"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SearchIndexError(f"Pagefind failed for {lang}: {done.stderr or done.stdout}")
