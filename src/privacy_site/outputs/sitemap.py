"""sitemap.xml with hreflang alternates for every page (also read by Material's language switch)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from xml.sax.saxutils import escape

from privacy_site.checks.corpus import Corpus
from privacy_site.views.plan import Plan, PlannedPage


def sitemap_xml(plan: Plan, site_url: str, lastmod: Callable[[PlannedPage], date],
                pages: Iterable[PlannedPage] | None = None) -> str:
    """A sitemap of `pages` (default: all), each with its alternates; site_url ends with "/".

    Written as text, the way ElementTree indents and escapes it (tests/test_written_outputs.py compares both): the
    preview writes the whole-site sitemap on every save, and building a tree of every page costs it a tenth of
    a second at 50 organisations.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in plan.pages if pages is None else pages:
        lines += ["  <url>", f"    <loc>{escape(site_url + page.url)}</loc>",
                  f"    <lastmod>{lastmod(page).isoformat()}</lastmod>"]
        if page.lang is not None:
            lines += [f'    <xhtml:link rel="alternate" hreflang="{_attribute(lang)}" '
                      f'href="{_attribute(site_url + url)}" />' for lang, url in plan.alternates(page)]
        lines.append("  </url>")
    if len(lines) == 2:
        return lines[0] + "\n" + lines[1][:-1] + " />\n"  # no page: an empty element, as ElementTree writes it
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}  # what ElementTree escapes besides & < >


def _attribute(value: str) -> str:
    return escape(value, _ATTRIBUTE)


def page_group(plan: Plan, page: PlannedPage) -> list[PlannedPage]:
    """A page and its translations: the entries Material's language switch looks up beside the page."""
    group = [plan.by_src(url + "index.md") for _, url in plan.alternates(page)]
    return [p for p in group if p is not None]


def page_lastmod(corpus: Corpus) -> Callable[[PlannedPage], date]:
    """When each page's content last changed: the date of the version it shows, never the build time."""
    orgs = {org.slug: org for org in corpus.orgs}
    newest = max((day for org in corpus.orgs for document in org.documents for day in org.dates(document)
                  if day <= corpus.today), default=corpus.today)  # the dates need no version unpickled

    def lastmod(page: PlannedPage) -> date:
        if page.org is None or page.document is None:
            return newest
        org = orgs[page.org]
        if page.kind == "version" and page.version:
            return page.version
        if page.kind == "compare" and page.other:
            return page.other
        timeline = org.timeline(page.document)
        if page.kind == "history":
            return timeline.dates[-1]  # the history changes when a version is announced
        return timeline.current or timeline.dates[0]

    return lastmod
