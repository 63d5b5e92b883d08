"""Pages that privacy-site finished: MkDocs and the theme frame them, nothing is parsed as Markdown again."""

from __future__ import annotations

import html
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from privacy_site.views.markup import TocEntry
from privacy_site.views.render import RenderedPage


def _token(entry: TocEntry) -> dict[str, Any]:
    return {"level": entry.level, "id": entry.id, "name": entry.html,
            "children": [_token(child) for child in entry.children]}


class FinishedPage(Page):
    """A generated page whose HTML and headings come ready, the way Material's blog plugin hands over its pages."""

    def __init__(self, rendered: RenderedPage, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.finished_title = rendered.title
        self.finished_hide = list(rendered.hide)
        self.finished_toc = rendered.toc

    def read_source(self, config: MkDocsConfig) -> None:
        """No Markdown to read: the title (shown by the theme as HTML, so escaped) and what the theme hides."""
        self.markdown = ""
        self.meta = {"title": html.escape(self.finished_title, quote=False), "hide": self.finished_hide}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The finished HTML (kept once, in the generated file) and its table of contents."""
        self.content = self.file.content_string
        self.toc = get_toc([_token(entry) for entry in self.finished_toc])  # type: ignore[arg-type]
