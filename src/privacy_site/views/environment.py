"""The Jinja environment of one language and register: autoescaping templates, gettext, the Markdown filters."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.register import Register
from privacy_site.views.markup import md_block, md_inline


@cache
def template_env(lang: str, register: Register) -> Environment:
    """The templates of `lang` in `register`, cached: building an environment costs more than a page."""
    env = Environment(
        loader=PackageLoader("privacy_site.views", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang, register), newstyle=True)  # type: ignore[attr-defined]
    env.filters["block"] = md_block  # texts that allow Markdown: paragraphs and lists
    env.filters["inline"] = md_inline  # the same inside a sentence, a list item or a table cell
    return env
