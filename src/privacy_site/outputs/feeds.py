"""Atom feeds of changes, one per organisation and language (no build timestamps)."""

from __future__ import annotations

from datetime import date
from html import escape
from xml.etree import ElementTree as ET

import markdown

from privacy_site.checks.corpus import Org
from privacy_site.i18n.catalogs import document_name, translations
from privacy_site.i18n.formats import long_date
from privacy_site.views.history import change_views
from privacy_site.views.plan import PlannedPage, feed_url


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _html(text: str) -> str:
    # Summaries are checked to be in the safe Markdown subset on load.
    return markdown.markdown(text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def atom_feed(org: Org, lang: str, site_url: str) -> str:
    """The Atom feed of every version of every document of `org`, newest first, in `lang`."""
    register = org.organisation.form_of_address
    _ = translations(lang, register).gettext
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
                document=document_name(document, lang, register), date=when)
            parts = []
            if version.statement.summary:
                parts.append(_html(version.statement.summary.get(lang)))
            if index:
                changes = change_views(versions[index - 1], version, lang, register)
                # Change messages are plain text (they quote names and titles): escaped, never Markdown.
                items = "".join(f"<li>{escape(c.message)}</li>" for c in changes)
                parts.append(f"<p>{escape(_('What changed:'))}</p><ul>{items}</ul>" if items else "")
            else:
                parts.append(f"<p>{escape(_('First published version.'))}</p>")
            entries.append((version.effective, document, page.url, title, "".join(parts)))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    history = PlannedPage("history", lang, org.slug, next(iter(org.documents)))
    self_url = site_url + feed_url(lang, org.slug)
    feed = ET.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": lang})
    _element(feed, "id", self_url)
    _element(feed, "title", _("{name}: changes to the privacy statements").format(name=name))
    _element(feed, "updated", _stamp(max(e[0] for e in entries)))
    _element(_element(feed, "author"), "name", name)
    _element(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _element(feed, "link", rel="alternate", type="text/html", href=site_url + history.url)
    for effective, _document, url, title, content in entries:
        entry = _element(feed, "entry")
        _element(entry, "id", site_url + url)
        _element(entry, "title", title)
        _element(entry, "updated", _stamp(effective))
        _element(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=site_url + url)
        _element(entry, "content", content, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
