"""Pages that privacy-site finished: MkDocs and the theme frame them, nothing is parsed as Markdown again."""

from __future__ import annotations

import html
from collections.abc import Callable
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
    """A generated page whose HTML and headings come ready, the way Material's blog plugin hands over its pages.

    It is rendered when MkDocs reads it: a dirty rebuild (the preview) never renders the pages it skips.
    """

    def __init__(self, render: Callable[[], RenderedPage], file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.render_finished = render
        self.finished_html = ""
        self.finished_toc: list[TocEntry] = []

    def read_source(self, config: MkDocsConfig) -> None:
        """No Markdown to read: the title (shown by the theme as HTML, so escaped) and what the theme hides."""
        rendered = self.render_finished()
        self.finished_html, self.finished_toc = rendered.html, rendered.toc
        self.markdown = ""
        self.meta = {"title": html.escape(rendered.title, quote=False), "hide": list(rendered.hide)}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The finished HTML and its table of contents."""
        self.content = self.finished_html
        self.toc = get_toc([_token(entry) for entry in self.finished_toc])  # type: ignore[arg-type]
