"""`privacy-site review`: a version side by side in its languages, its changes marked, for reviewers in Word.

The DPO or legal adviser who approves a version reads it as visitors will (its record once published,
else today's rendering), one row per section with each language in its own column, and every word
changed since the previous version marked as in a legal comparison (inserted words underlined in
blue, deleted ones struck through in red). The same review is written as one HTML page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from privacy_site.checks.corpus import DOCUMENT_NAMES_EN, Corpus, Org
from privacy_site.i18n.formats import language_name
from privacy_site.model.cookies import SiteItem
from privacy_site.model.documents import Version
from privacy_site.source.messages import msg
from privacy_site.tools.editing import EditError, find_document
from privacy_site.tools.published import visible_lines
from privacy_site.views.plan import PlannedPage
from privacy_site.views.records import version_text
from privacy_site.views.textdiff import Segment, word_diff

_SECTION = re.compile(r'<h2 id="([^"]*)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
INSERTED = RGBColor(0x1F, 0x4E, 0xB4)  # as in a legal comparison (redline): blue underlined
DELETED = RGBColor(0xB0, 0x1E, 0x1E)  # red struck through


@dataclass(frozen=True)
class Cell:
    """One section in one language: its title and its text with the words changed since the previous version."""

    title: str
    segments: list[Segment]


@dataclass(frozen=True)
class Review:
    """A version ready for review: who, which version, against which, and one row per section."""

    heading: str
    note: str
    languages: tuple[str, ...]
    rows: list[dict[str, Cell]]


def _sections(body: str) -> dict[str, tuple[str, str]]:
    """A statement's sections by id: (title, text as read), the summary table first."""
    found: dict[str, tuple[str, str]] = {}
    parts = _SECTION.split(body)
    for i in range(1, len(parts) - 2, 3):
        title = html.unescape(_TAG.sub("", parts[i + 1])).strip()
        found[parts[i]] = (title, "\n".join(visible_lines(parts[i + 2])))
    return found


def _text(corpus: Corpus, org: Org, version: Version, lang: str,
          site_items: list[SiteItem]) -> dict[str, tuple[str, str]]:
    operator = corpus.org(corpus.operator) if corpus.operator else org
    page = PlannedPage("version", lang, org.slug, version.document, version.effective)
    text = version_text(org, version, lang, page, site_items, operator.organisation.name.get(lang))
    return _sections(text.body)


def build_review(corpus: Corpus, org_slug: str, document: str, day: date | None,
                 site_items: list[SiteItem]) -> Review:
    """The review of a version (default: the latest) against the one before it."""
    org = find_document(corpus, org_slug, document)
    dates = org.dates(document)
    day = day or dates[-1]
    if day not in dates:
        raise EditError(msg("no version of {date}; versions: {dates}", date=str(day),
                            dates=", ".join(str(d) for d in dates)))
    version = org.version(document, day)
    before = org.timeline(document).previous(day)
    previous = org.version(document, before) if before else None
    rows: dict[str, dict[str, Cell]] = {}
    for lang in org.languages:
        new = _text(corpus, org, version, lang, site_items)
        old = _text(corpus, org, previous, lang, site_items) if previous else {}
        for section, (title, text) in new.items():
            was = old.get(section, (title, ""))[1] if previous else text
            rows.setdefault(section, {})[lang] = Cell(title, word_diff(was, text))
        for section, (title, text) in old.items():  # sections the new version no longer has
            if section not in new:
                rows.setdefault(section, {})[lang] = Cell(title, word_diff(text, ""))
    name = org.organisation.name.get(org.languages[0])
    locked = org.record(document, day, org.languages[0]) is not None
    heading = f"{name}: {DOCUMENT_NAMES_EN[document]}, version of {day.isoformat()}"
    state = (msg("published (locked): the text visitors read") if locked
             else msg("not published yet: the text as it would be published today"))
    compared = (msg("changes against the version of {date} are marked", date=before.isoformat()) if before
                else msg("the first version, nothing to compare"))
    note = msg("{state}; {compared}", state=state, compared=compared)
    return Review(heading, note, org.languages, [rows[key] for key in rows])


def _marked(paragraph: Paragraph, kind: str, text: str) -> None:
    """A run marked as a redline: inserted words underlined in blue, deleted ones struck through in red."""
    run = paragraph.add_run(text)
    if kind == "insert":
        run.font.underline = True
        run.font.color.rgb = INSERTED
    elif kind == "delete":
        run.font.strike = True
        run.font.color.rgb = DELETED


def write_docx(review: Review, path: Path) -> None:
    """The review as a Word document: a table, one column per language, tracked changes."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(review.heading, level=1)
    doc.add_paragraph(review.note)
    table = doc.add_table(rows=1, cols=len(review.languages))
    table.style = "Table Grid"
    for cell, lang in zip(table.rows[0].cells, review.languages, strict=True):
        cell.paragraphs[0].add_run(language_name(lang, capital=True)).bold = True
    for row in review.rows:
        cells = table.add_row().cells
        for cell, lang in zip(cells, review.languages, strict=True):
            found = row.get(lang)
            if found is None:
                continue
            cell.paragraphs[0].add_run(found.title).bold = True
            for line_segments in _lines(found.segments):
                paragraph = cell.add_paragraph()
                for kind, text in line_segments:
                    _marked(paragraph, kind, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _lines(segments: list[Segment]) -> list[list[Segment]]:
    """Segments split into paragraphs at line breaks, with the spaces between words kept."""
    lines: list[list[Segment]] = [[]]
    for kind, text in segments:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                current = lines[-1]
                current.append((kind, (" " if current else "") + part))
    return [line for line in lines if line]


def write_html(review: Review, path: Path) -> None:
    """The same review as one HTML page (<ins>/<del>), for reviewers without Word."""
    head = "".join(f"<th>{html.escape(language_name(lang, capital=True))}</th>" for lang in review.languages)
    body = []
    for row in review.rows:
        cells = []
        for lang in review.languages:
            found = row.get(lang)
            paragraphs = "".join(
                "<p>" + "".join(html.escape(text) if kind == "equal" else
                                f"<{'ins' if kind == 'insert' else 'del'}>{html.escape(text)}"
                                f"</{'ins' if kind == 'insert' else 'del'}>" for kind, text in line) + "</p>"
                for line in _lines(found.segments)) if found else ""
            title = f"<h2>{html.escape(found.title)}</h2>" if found else ""
            cells.append(f'<td lang="{lang}">{title}{paragraphs}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    page = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(review.heading)}'
            "</title><style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:.5em;"
            "vertical-align:top;width:50%}ins{background:#d4f7d4}del{background:#f7d4d4}</style></head><body>"
            f"<h1>{html.escape(review.heading)}</h1><p>{html.escape(review.note)}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
