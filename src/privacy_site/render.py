"""Render planned pages to Markdown, in their language."""

from __future__ import annotations

import posixpath
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .catalogs import translations
from .corpus import Corpus
from .formats import language_name
from .plan import Plan, PlannedPage
from .views import landing, language_home, statement_view


@cache
def _env(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("privacy_site", "templates"),
        autoescape=False,  # the output is Markdown; texts are validated as safe Markdown on load
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def relative_url(from_page: PlannedPage, to_url: str) -> str:
    """A link from one page to a site-root-relative URL, relative so the site works in a subfolder."""
    rel = posixpath.relpath(to_url or ".", from_page.url or ".")
    return "" if rel == "." else rel + "/"


def render_page(page: PlannedPage, corpus: Corpus, plan: Plan) -> str:
    """The Markdown source of one planned page."""
    if page.kind == "statement":
        assert page.lang and page.org and page.document
        org = next(o for o in corpus.orgs if o.slug == page.org)
        auth = org.organisation.authoritative_language
        auth_url = relative_url(page, PlannedPage("statement", auth, page.org, page.document).url) if auth else None
        view = statement_view(org, org.current(page.document), page.lang, auth_url)
        return _env(page.lang).get_template("statement.md.j2").render(view=view)
    if page.kind == "languages":
        assert page.lang
        # Link to the Markdown sources so MkDocs checks every link in strict mode.
        home = language_home(corpus, page.lang)
        for org in home.orgs:
            for i, link in enumerate(org.links):
                org.links[i] = type(link)(link.label, posixpath.relpath(link.url + "index.md", page.url))
        return _env(page.lang).get_template("home.md.j2").render(home=home)
    view = landing(corpus, plan)
    homes = []
    for home in view.homes:
        enter = translations(home.lang).gettext("Continue in {language}")
        homes.append({"lang": home.lang, "title": home.title, "intro": home.intro, "orgs": home.orgs,
                      "enter": enter.format(language=language_name(home.lang, capital=False))})
    title = " · ".join(h["title"] for h in homes)
    return _env(plan.languages[0]).get_template("landing.md.j2").render(landing={"homes": homes}, title=title)
