"""Render planned pages to finished HTML, in their language (templates autoescape; Markdown only where allowed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from privacy_site.checks.corpus import Corpus, Org
from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import language_name
from privacy_site.i18n.typography import typeset, typeset_html
from privacy_site.model.cookies import NOTICE_ITEM, SiteItem
from privacy_site.views.accessibility_views import accessibility_view
from privacy_site.views.contact_views import contact_view
from privacy_site.views.environment import template_env as _env
from privacy_site.views.history import anchor, compare_view, history_view
from privacy_site.views.markup import TocEntry, table_of_contents
from privacy_site.views.plan import Plan, PlannedPage, feed_url, relative_url
from privacy_site.views.records import fingerprint, version_text
from privacy_site.views.views import StatementLinks, document_heading, landing, language_home


def _linker(page: PlannedPage):  # noqa: ANN202 - returns a small URL function
    def url(kind: str, a: date | None, b: date | None) -> str:
        target = PlannedPage(kind, page.lang, page.org, page.document, a, b)
        return relative_url(page, target.url)

    return url


@dataclass(frozen=True)
class RenderedPage:
    """A finished page: its HTML, its title (plain text), what the theme hides, and its headings."""

    html: str
    title: str
    hide: tuple[str, ...]
    toc: list[TocEntry]


def _finished(html: str, title: str, lang: str | None, *, hide: tuple[str, ...] = ("navigation",)) -> RenderedPage:
    if lang is not None:  # the bilingual landing typesets each language's part itself
        html, title = typeset_html(html, lang), typeset(title, lang)
    return RenderedPage(html, title, hide, table_of_contents(html))


def _org_page(page: PlannedPage, org: Org, template: str, view: Any, hide: tuple[str, ...] = ("navigation",)
              ) -> RenderedPage:
    """A page of one organisation: its view laid out, titled "page title – organisation"."""
    assert page.lang
    html = _env(page.lang, org.organisation.form_of_address).get_template(template).render(view=view)
    return _finished(html, f"{view.title} – {view.org_name}", page.lang, hide=hide)


def _statement(page: PlannedPage, org: Org, site_items: list[SiteItem], operator: Org | None) -> RenderedPage:
    """A version's page: its heading as of today around its text, from its record once it is published."""
    assert page.lang and page.document
    timeline = org.timeline(page.document)
    url = _linker(page)
    version = org.version(page.document, page.version) if page.kind == "version" else org.current(page.document)
    history = relative_url(page, PlannedPage("history", page.lang, page.org, page.document).url)
    auth = org.organisation.authoritative_language
    links = StatementLinks(
        history=history,
        current=url("statement", None, None),
        authoritative=relative_url(page, page.twin(auth).url) if auth and auth != page.lang else None,
        upcoming=tuple((day, f"{history}#{anchor(day)}") for day in timeline.upcoming),
        contact=relative_url(page, PlannedPage("contact", page.lang, page.org).url),
    )
    operator_name = (operator or org).organisation.name.get(page.lang)
    text = version_text(org, version, page.lang, page, site_items, operator_name)
    title, org_name, body = text.title, text.org_name, text.body
    mark = fingerprint(text.digest) if text.digest else None
    heading = document_heading(org, version, page.lang, links, page.kind == "statement", title, org_name, mark)
    env = _env(page.lang, org.organisation.form_of_address)
    # The heading is typeset here; the text already is (a record keeps it exactly as it was published).
    html = typeset_html(env.get_template("heading.html").render(view=heading), page.lang) + body
    return RenderedPage(html, typeset(f"{title} – {org_name}", page.lang), ("navigation",), table_of_contents(html))


def render_page(page: PlannedPage, corpus: Corpus, plan: Plan,
                site_items: list[SiteItem] | None = None) -> RenderedPage:
    """One planned page, finished."""
    if page.org is not None:
        assert page.lang
        org = corpus.org(page.org)
        if page.kind in ("statement", "version"):
            operator = corpus.org(corpus.operator) if corpus.operator else None  # it sets the site's storage
            return _statement(page, org, site_items if site_items is not None else [NOTICE_ITEM], operator)
        if page.kind == "accessibility":
            auth = org.organisation.authoritative_language
            access = accessibility_view(org, page.lang, relative_url(page, page.twin(auth).url)
                                        if auth and auth != page.lang else None)
            return _org_page(page, org, "accessibility.html", access)
        if page.kind == "contact":
            privacy = relative_url(page, PlannedPage("statement", page.lang, org.slug, "privacy").url)
            contact = contact_view(org, page.lang, privacy)
            return _org_page(page, org, "contact.html", contact)
        assert page.document
        if page.kind == "history":
            feed = relative_url(page, feed_url(page.lang, org.slug))[:-1]
            history = history_view(org, page.document, page.lang, _linker(page), feed)
            return _org_page(page, org, "history.html", history)
        assert page.version and page.other
        compare = compare_view(org, page.document, page.version, page.other, page.lang, _linker(page))
        return _org_page(page, org, "compare.html", compare, hide=("navigation", "toc"))
    if page.kind == "languages":
        assert page.lang
        home = language_home(corpus, page.lang)
        for org_entry in home.orgs:  # relative links, so the site also works in a subfolder
            for i, link in enumerate(org_entry.links):
                org_entry.links[i] = type(link)(link.label, relative_url(page, link.url.rstrip("/")))
        html = _env(page.lang, corpus.register).get_template("home.html").render(home=home)
        return _finished(html, home.title, page.lang)
    view = landing(corpus, plan)
    homes = []
    for home in view.homes:
        enter = translations(home.lang, corpus.register).gettext("Continue in {language}")
        lang = home.lang
        homes.append({"lang": lang, "title": typeset(home.title, lang), "intro": typeset(home.intro, lang),
                      "orgs": [type(o)(typeset(o.name, lang), [type(k)(typeset(k.label, lang), k.url) for k in o.links])
                               for o in home.orgs],
                      "enter": typeset(enter.format(language=language_name(lang, capital=False)), lang)})
    title = " · ".join(h["title"] for h in homes)
    env = _env(plan.languages[0], corpus.register)
    html = env.get_template("landing.html").render(landing={"homes": homes}, title=title)
    return _finished(html, title, None, hide=("navigation", "toc"))
