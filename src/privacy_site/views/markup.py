"""The one safe Markdown renderer for the texts that allow Markdown, and the table of contents of a page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

import markdown
from markupsafe import Markup

# Texts reach this renderer already checked (the safe subset: paragraphs, lists, emphasis, links to
# https/mailto/tel; one-line values inside them written inert by md_escape): no extension is needed.
_BLOCK_CACHE = 8192


@cache
def _converter() -> markdown.Markdown:
    # Building a Markdown parser costs more than converting a short text: one, reset before each use.
    return markdown.Markdown(output_format="html")


def _convert(text: str) -> str:
    return _converter().reset().convert(text)


@lru_cache(maxsize=_BLOCK_CACHE)
def md_block(text: str) -> Markup:
    """A Markdown text as HTML paragraphs and lists."""
    return Markup(_convert(text))  # noqa: S704 - checked subset, see above


@lru_cache(maxsize=_BLOCK_CACHE)
def md_inline(text: str) -> Markup:
    """A Markdown text inside a sentence or a cell: one paragraph loses its <p>, anything longer stays blocks."""
    rendered = _convert(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)  # noqa: S704 - checked subset, see above


@dataclass(frozen=True)
class TocEntry:
    """A heading of a page: level 2 or 3, its anchor, its title as HTML, and its subheadings."""

    level: int
    id: str
    html: str
    children: list[TocEntry] = field(default_factory=list)


_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def table_of_contents(page_html: str) -> list[TocEntry]:
    """The h2/h3 headings of finished HTML, nested, for the theme's table of contents."""
    entries: list[TocEntry] = []
    for level, anchor, inner in _HEADING.findall(page_html):
        # Titles are shown by the theme as HTML: keep the text, escaped, without tags.
        title = html.escape(html.unescape(_TAGS.sub("", inner)).strip(), quote=False)
        entry = TocEntry(int(level), html.unescape(anchor), title)
        if entry.level == 3 and entries:
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries
