"""Atom feeds of changes, one per organisation and language (no build timestamps)."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape, quoteattr

import markdown

from .catalogs import document_name, translations
from .corpus import Org
from .formats import long_date
from .history import change_views
from .plan import PlannedPage


def feed_url(lang: str, org: str) -> str:
    """Where an organisation's feed lives, relative to the site root."""
    return f"{lang}/{org}/feed.xml"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _html(text: str) -> str:
    return markdown.markdown(text)


def _inline(text: str) -> str:
    html = _html(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


def atom_feed(org: Org, lang: str, site_url: str) -> str:
    """The Atom feed of every version of every document of `org`, newest first, in `lang`."""
    _ = translations(lang).gettext
    name = org.organisation.name.get(lang)
    entries = []
    for document, versions in org.documents.items():
        timeline = org.timeline(document)
        for index, version in enumerate(versions):
            page = PlannedPage("version", lang, org.slug, document, version.effective)
            status = timeline.status(version.effective)
            when = long_date(version.effective, lang)
            title = (_("{document}: new version taking effect on {date}") if status == "upcoming"
                     else _("{document}: version in effect since {date}")).format(
                document=document_name(document, lang), date=when)
            parts = []
            if version.statement.summary:
                parts.append(_html(version.statement.summary.get(lang)))
            if index:
                changes = change_views(versions[index - 1], version, lang)
                items = "".join(f"<li>{_inline(c.message)}</li>" for c in changes)
                parts.append(f"<p>{escape(_('What changed:'))}</p><ul>{items}</ul>" if items else "")
            else:
                parts.append(f"<p>{escape(_('First published version.'))}</p>")
            entries.append((version.effective, document, "\n".join(
                [
                    "  <entry>",
                    f"    <id>{escape(site_url + page.url)}</id>",
                    f"    <title>{escape(title)}</title>",
                    f"    <updated>{_stamp(version.effective)}</updated>",
                    f"    <link rel=\"alternate\" type=\"text/html\" hreflang={quoteattr(lang)} "
                    f"href={quoteattr(site_url + page.url)}/>",
                    f"    <content type=\"html\">{escape(''.join(parts))}</content>",
                    "  </entry>",
                ])))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = max(e[0] for e in entries)
    history = PlannedPage("history", lang, org.slug, next(iter(org.documents)))
    self_url = site_url + feed_url(lang, org.slug)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(self_url)}</id>",
        f"  <title>{escape(_('{name}: changes to the privacy statements').format(name=name))}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(name)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(site_url + history.url)}/>',
    ]
    return "\n".join([*head, *(e[2] for e in entries), "</feed>"]) + "\n"
