"""The preview's problem page: while the policies have problems, every page of `make serve` lists them.

The preview's build writes the problems to a file in its site folder instead of failing (a failed first build
would stop `mkdocs serve`, and a failed rebuild leaves the browser on the old page, the problems only in the
terminal). The server answers every page with that list while the file is there, in the editor's language,
with its file, line and column, what is wrong and how to fix it; the page asks again every two seconds, so it
turns into the real page by itself as soon as the files are fixed and the site is rebuilt.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from privacy_site.i18n.catalogs import editor_gettext, editor_language
from privacy_site.source.messages import msg, tell
from privacy_site.source.problems import Problem, Translate, count_text

PROBLEMS_FILE = ".privacy-site-problems.html"  # in the preview's (temporary) site folder
REFRESH_SECONDS = 2
_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}"
          "h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;"
          "padding:.4rem .6rem;border-bottom:1px solid #ccc}th{background:#eef}code{font-size:.95em;"
          "overflow-wrap:anywhere}.num{text-align:right;white-space:nowrap}.warn{color:#7a4a00}")

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def editor_translate() -> tuple[str, Translate]:
    """The editor's language (LANG, as for the check's messages) and its catalog."""
    lang = editor_language(None, os.environ)
    return lang, editor_gettext(lang)


def problems_page(problems: list[Problem]) -> str:
    """The page listing every problem, in the editor's language; it reloads itself until they are fixed."""
    lang, translate = editor_translate()

    def say(text: str) -> str:
        return html.escape(tell(text, translate))

    warning = say(msg("warning"))
    rows = []
    for problem in problems:
        what, _, fix = tell(problem.message, translate).partition("; ")
        kind = f'<span class="warn">{warning}</span>: ' if problem.is_warning else ""
        rows.append(f'<tr><td><code>{html.escape(problem.path)}</code></td><td class="num">{problem.line}</td>'
                    f'<td class="num">{problem.col}</td><td>{kind}{html.escape(what)}</td>'
                    f"<td>{html.escape(fix)}</td></tr>")
    title = say(msg("The preview waits: {count} to fix", count=count_text(problems)))
    intro = say(msg("Nothing can be previewed until they are fixed. Fix them in the files below and save: this page "
                    "shows the site again by itself."))
    headings = "".join(f"<th scope=\"col\">{say(text)}</th>" for text in (
        msg("File"), msg("Line"), msg("Column"), msg("What is wrong"), msg("How to fix it")))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{_STYLE}</style></head>"
            f"<body><main><h1>{title}</h1><p>{intro}</p>"
            f"<table><thead><tr>{headings}</tr></thead><tbody>{''.join(rows)}</tbody></table></main></body></html>")


def write_problems(site_dir: Path, problems: list[Problem]) -> None:
    """Show the problems on every page of the preview (until clear_problems)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / PROBLEMS_FILE).write_text(problems_page(problems), encoding="utf-8")


def clear_problems(site_dir: Path) -> None:
    """The policies are fine again: the preview shows its pages."""
    (site_dir / PROBLEMS_FILE).unlink(missing_ok=True)


class ProblemsFirst:
    """A WSGI application in front of the preview's server: pages answer with the problem list while there is one."""

    def __init__(self, app: Wsgi, site_dir: Path) -> None:
        self.app = app
        self.problems = site_dir / PROBLEMS_FILE

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer a page with the problem list while the policies have problems; anything else as the server does."""
        path = environ.get("PATH_INFO", "/")
        if path.endswith(("/", ".html")) and not path.startswith("/livereload/"):
            try:
                body = self.problems.read_bytes()
            except OSError:
                body = None
            if body is not None:
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                          ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
                return [body]
        return self.app(environ, start_response)
