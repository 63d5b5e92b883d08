"""The MkDocs side: thin functions the hook file forwards MkDocs events to.

State lives on the MkDocs config object (one per build, reused by every language
pass of mkdocs-static-i18n), never in module globals.
"""

from __future__ import annotations

import gzip
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from .catalogs import translations
from .cookies import SiteItem, site_items
from .corpus import Corpus, load_corpus
from .feeds import atom_feed, feed_url
from .formats import language_name
from .index import policies_index
from .notice import notice_view
from .plan import Plan, PlannedPage, make_plan
from .problems import PolicyError
from .render import relative_url, render_page
from .sitemap import page_group, page_lastmod, sitemap_xml

STATE_KEY = "privacy_site_state"
LANDING_LOCALE = "en"  # the hidden default language of the i18n plugin: it only builds the landing


@dataclass(frozen=True)
class BuildState:
    """What one build (all language passes) shares."""

    corpus: Corpus
    plan: Plan
    site_items: list[SiteItem]


def policies_dir(config: MkDocsConfig) -> Path:
    """The policies folder: $PRIVACY_SITE_POLICIES, else policies/ beside mkdocs.yml."""
    override = os.environ.get("PRIVACY_SITE_POLICIES")
    if override:
        return Path(override)
    return Path(config.config_file_path).parent / "policies"


def _state(config: MkDocsConfig) -> BuildState:
    return config[STATE_KEY]  # type: ignore[no-any-return]


def _current_language(config: MkDocsConfig) -> str | None:
    """The language of this pass; None for the landing pass."""
    lang = config.plugins["i18n"].current_language  # type: ignore[attr-defined]
    return None if lang in (None, LANDING_LOCALE) else lang


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the policies once per build (abort with every problem); localise the pass."""
    if config.get(STATE_KEY) is None:
        try:
            corpus = load_corpus(policies_dir(config))
        except PolicyError as err:
            print(err.report(), file=sys.stderr)
            raise Abort(f"{len(err.problems)} problem(s) in the policies; nothing was built") from None
        config[STATE_KEY] = BuildState(corpus, make_plan(corpus), site_items(config.theme.get("palette")))
    # Runs after the i18n plugin configured this pass: name the site in its language.
    lang = _current_language(config) or _state(config).plan.languages[0]
    config.site_name = translations(lang).gettext("Privacy statements")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add this pass's generated pages, with the attributes the i18n plugin expects."""
    state = _state(config)
    lang = _current_language(config)
    for page in state.plan.for_language(lang):
        content = render_page(page, state.corpus, state.plan, state.site_items)
        file = File.generated(config, page.src_uri, content=content)
        locale = lang or LANDING_LOCALE
        file.alternates = {locale: file}  # type: ignore[attr-defined]
        file.locale = locale  # type: ignore[attr-defined]
        file.locale_alternate_of = locale  # type: ignore[attr-defined]
        file.localization = lang  # type: ignore[attr-defined]
        file.norm_src_uri = page.src_uri.removeprefix(f"{lang}/") if lang else page.src_uri  # type: ignore
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)
    if lang is not None:
        # Feeds are files MkDocs knows, so links to them are checked like any other link.
        site_url = _site_url(config)
        for org in state.corpus.orgs:
            if lang in org.languages:
                files.append(File.generated(config, feed_url(lang, org.slug), content=atom_feed(org, lang, site_url)))
    return files


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Language switch and hreflang alternates: the same page in every language."""
    state = _state(config)
    planned = state.plan.by_src(page.file.src_uri)
    if planned is None:
        return context
    alternates = [
        {"name": language_name(lang), "lang": lang, "link": relative_url(PlannedPage("landing", None), url) or "./"}
        for lang, url in state.plan.alternates(planned)
    ]
    # Material reads config.extra.alternate as an attribute; the i18n plugin set it that way.
    config.extra.alternate = alternates  # type: ignore[attr-defined]
    context["privacy_site_page"] = planned
    languages = [planned.lang] if planned.lang else list(state.plan.languages)
    context["privacy_site_notice"] = notice_view(state.corpus, languages, planned.org)
    if planned.org is not None and planned.lang is not None:
        org = next(o for o in state.corpus.orgs if o.slug == planned.org)
        title = translations(planned.lang).gettext("{name}: changes to the privacy statements").format(
            name=org.organisation.name.get(planned.lang))
        context["privacy_site_feed"] = {"title": title,
                                        "href": relative_url(planned, feed_url(planned.lang, planned.org))[:-1]}
    return context


def _site_url(config: MkDocsConfig) -> str:
    return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page gets the notice too, in the language of its pass (both on the landing pass)."""
    if template_name == "404.html":
        state = _state(config)
        lang = _current_language(config)
        context["privacy_site_notice"] = notice_view(state.corpus, [lang] if lang else list(state.plan.languages),
                                                     None)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Whole-site files: sitemaps, feeds, policies.json (idempotent: every language pass writes the same)."""
    state = _state(config)
    site_url = _site_url(config)
    root = Path(config.site_dir)
    lastmod = page_lastmod(state.corpus)
    xml = sitemap_xml(state.plan, site_url, lastmod)
    _write(root / "sitemap.xml", xml)
    # mtime=0 keeps the archive byte-identical between builds.
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    _write(root / "policies.json", policies_index(state.corpus, state.plan, site_url, state.site_items))
    # Material's language switch fetches sitemap.xml beside every <link rel="alternate"> (pages and
    # feeds) to map pages across languages; a small one in each such folder answers it.
    for page in state.plan.pages:
        if page.lang is None:
            continue
        pages = None if page.kind == "languages" else page_group(state.plan, page)
        _write(root / page.url / "sitemap.xml", sitemap_xml(state.plan, site_url, lastmod, pages))
    for org in state.corpus.orgs:
        for lang in org.languages:
            org_pages = [p for p in state.plan.pages if p.org == org.slug and p.lang == lang]
            _write(root / lang / org.slug / "sitemap.xml", sitemap_xml(state.plan, site_url, lastmod, org_pages))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
