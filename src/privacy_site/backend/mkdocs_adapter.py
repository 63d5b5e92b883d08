"""The MkDocs side: thin functions the hook file forwards MkDocs events to.

State lives on the MkDocs config object (one per build, reused by every language
pass of mkdocs-static-i18n), never in module globals.
"""

from __future__ import annotations

import gzip
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from privacy_site.backend import i18n_plugin, preview, theme_listing
from privacy_site.backend.pages import FinishedPage
from privacy_site.backend.preview import Preview, PreviewFile
from privacy_site.backend.preview_problems import ProblemsFirst, clear_problems, editor_translate, write_problems
from privacy_site.checks.corpus import Corpus, load_corpus
from privacy_site.checks.requests import csp_sources
from privacy_site.i18n.catalogs import document_name, translations
from privacy_site.i18n.formats import language_name
from privacy_site.i18n.typography import typeset
from privacy_site.model.cookies import SiteItem, site_items
from privacy_site.outputs.feeds import atom_feed
from privacy_site.outputs.index import policies_index
from privacy_site.outputs.search import (
    SearchIndexError,
    build_pagefind,
    is_indexed,
    mark_indexed,
    search_config,
    write_index_stub,
)
from privacy_site.outputs.security import (
    content_security_policy,
    headers_file,
    inline_script_hashes,
    nginx_snippet,
    redirects_file,
    with_meta_policy,
)
from privacy_site.outputs.sitemap import page_group, page_lastmod, sitemap_xml
from privacy_site.source.messages import msg, tell
from privacy_site.source.problems import PolicyError
from privacy_site.views.notice import notice_view
from privacy_site.views.plan import Plan, PlannedPage, feed_url, make_plan
from privacy_site.views.render import relative_url, render_page

STATE_KEY = "privacy_site_state"
PROBLEMS_KEY = "privacy_site_problems"  # the preview's build while the policies have problems: only their list
LANDING_LOCALE = "en"  # the hidden default language of the i18n plugin: it only builds the landing


@dataclass(frozen=True)
class BuildState:
    """What one build (all language passes) shares."""

    corpus: Corpus
    plan: Plan
    site_items: list[SiteItem]
    csp_sources: dict[str, list[str]]
    script_hashes: set[str] = field(default_factory=set)  # filled page by page, written after the last pass
    not_found: dict[str, str] = field(default_factory=dict)  # 404 pages by language ("" = the bilingual one)
    passes_done: list[int] = field(default_factory=list)  # one entry per ended language pass
    preview: Preview | None = None  # `make serve`: what the previous preview build built
    started: float = field(default_factory=time.monotonic)  # when the policies were loaded (the preview's timing)


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
    lang = i18n_plugin.current_language(config)
    return None if lang in (None, LANDING_LOCALE) else lang


def prime(config: MkDocsConfig, corpus: Corpus) -> None:
    """Give the build a corpus that was already loaded and checked (so it is not loaded twice)."""
    config[STATE_KEY] = BuildState(corpus, make_plan(corpus), site_items(config.theme.get("palette")),
                                   csp_sources([o.organisation for o in corpus.orgs]))


def on_startup(*, command: str, dirty: bool) -> None:
    """`mkdocs serve --dirty` (make serve): the preview rebuilds only what changed (backend/preview.py)."""
    preview.on_startup(dirty)


def on_build_error(error: Exception) -> None:
    """A failed build (the server of `make serve` goes on)."""
    preview.on_build_error()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`make serve`: pages show the policies' problems while there are any; one line tells where to look."""
    if preview.enabled():
        server.set_app(ProblemsFirst(server.get_app(), Path(config.site_dir)))  # WSGIServer's public app
        preview.look_often(server, config)
        _, translate = editor_translate()
        print(tell(msg("Preview on {url} (it follows every save; Ctrl+C stops it)", url=_site_url(config)),
                   translate), file=sys.stderr, flush=True)
    return server


def _building(config: MkDocsConfig) -> bool:
    """False in the preview's build while the policies have problems: it builds nothing but their list."""
    return config.get(PROBLEMS_KEY) is None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the policies once per build (abort with every problem); localise the pass."""
    if preview.enabled():
        theme_listing.list_visible_files_only(config.theme)
    if not _building(config):
        return config
    if config.get(STATE_KEY) is None:
        try:
            corpus = load_corpus(policies_dir(config))
        except PolicyError as err:
            if not preview.enabled():
                print(err.report(), file=sys.stderr)
                raise Abort(f"{len(err.problems)} problem(s) in the policies; nothing was built") from None
            # The preview goes on: its pages list the problems until they are fixed (backend/preview_problems.py).
            write_problems(Path(config.site_dir), err.problems)
            config[PROBLEMS_KEY] = err.problems
            i18n_plugin.quiet_missing_homepages(True)  # a build of no page: no home page either
            _, translate = editor_translate()
            print(time.strftime("%H:%M:%S ") + err.report(translate), file=sys.stderr, flush=True)
            return config
        prime(config, corpus)
    if preview.enabled() and _state(config).preview is None:
        clear_problems(Path(config.site_dir))
        i18n_plugin.quiet_missing_homepages(False)
        config[STATE_KEY] = replace(_state(config), preview=preview.start(config, _state(config).corpus))
    # Runs after the i18n plugin configured this pass: name the site in its language.
    lang = _current_language(config) or _state(config).plan.languages[0]
    config.site_name = translations(lang, _state(config).corpus.register).gettext("Privacy statements")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add this pass's generated pages, with the attributes the i18n plugin expects."""
    if not _building(config):
        return files
    state = _state(config)
    lang = _current_language(config)
    # A page of docs/ at one of our paths gives way. Every path the i18n plugin's lookup tries ends like ours, in
    # index.md: without such a file in docs/, the (slow, once per page) lookup is skipped.
    replaceable = any(file.src_uri.endswith("index.md") for file in files)
    for page in state.plan.for_language(lang):
        file = _generated(config, state, page.src_uri, "", page.org)
        i18n_plugin.mark_file(file, lang or LANDING_LOCALE, lang)
        existing = files.get_file_from_path(page.src_uri) if replaceable else None
        if existing is not None:
            files.remove(existing)
        files.append(file)
        # Becomes file.page: MkDocs frames it, never converts it; it is rendered when MkDocs reads it.
        FinishedPage(lambda page=page: render_page(page, state.corpus, state.plan, state.site_items), file, config)
    if lang is not None:
        # Feeds are files MkDocs knows, so links to them are checked like any other link.
        site_url = _site_url(config)
        for org in state.corpus.orgs:
            if lang in org.languages:
                skipped = state.preview is not None and not state.preview.changed(org.slug)
                content = "" if skipped else atom_feed(org, lang, site_url)  # a skipped feed is not written
                files.append(_generated(config, state, feed_url(lang, org.slug), content, org.slug))
    return files


def _generated(config: MkDocsConfig, state: BuildState, src_uri: str, content: str, org: str | None) -> File:
    """A generated file; in the preview, one that knows whether the previous preview build wrote it already."""
    if state.preview is None:
        return File.generated(config, src_uri, content=content)
    file = PreviewFile.generated(config, src_uri, content=content)
    file.preview = state.preview
    file.fingerprint = state.preview.orgs.get(org) if org is not None else None
    return file


def _nav(state: BuildState, page: PlannedPage) -> list[dict[str, Any]]:
    """The drawer's links: the page's organisation's documents, or every language home."""
    if page.lang is None or page.org is None:
        languages = [page.lang] if page.lang else list(state.plan.languages)
        register = state.corpus.register
        return [{"title": f"{translations(lang, register).gettext('Privacy statements')} ({language_name(lang)})",
                 "url": f"{lang}/", "active": page.kind == "languages"} for lang in languages]
    org = state.corpus.org(page.org)
    register = org.organisation.form_of_address
    _ = translations(page.lang, register).gettext
    targets = [(document_name(d, page.lang, register), PlannedPage("statement", page.lang, org.slug, d))
               for d in org.documents]
    targets.append((_("Privacy contact"), PlannedPage("contact", page.lang, org.slug)))
    if org.organisation.accessibility is not None:
        targets.append((_("Accessibility statement"), PlannedPage("accessibility", page.lang, org.slug)))
    links = [{"title": _("Privacy statements"), "url": f"{page.lang}/", "active": False}]
    links += [{"title": title, "url": target.url, "active": target == page} for title, target in targets]
    return links


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The preview keeps the theme's templates compiled from one rebuild to the next."""
    if not _building(config):
        return env
    state = _state(config)
    if state.preview is not None:
        env.bytecode_cache = state.preview.template_cache()
    return env


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Keep pages out of Material's search index: Pagefind indexes the built site (search.py)."""
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Language switch and hreflang alternates: the same page in every language."""
    if not _building(config):
        return context
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
    # The form's script only where there is a form (an organisation may offer none: request_form: none).
    context["privacy_site_form"] = (planned.kind == "contact" and planned.org is not None
                                    and state.corpus.org(planned.org).organisation.request_form is not None)
    context["privacy_site_search"] = search_config([planned.lang] if planned.lang else list(state.plan.languages))
    languages = [planned.lang] if planned.lang else list(state.plan.languages)
    context["privacy_site_notice"] = notice_view(state.corpus, languages, planned.org)
    context["privacy_site_nav"] = _nav(state, planned)
    if planned.org is not None and planned.lang is not None:
        org = state.corpus.org(planned.org)
        _ = translations(planned.lang, org.organisation.form_of_address).gettext
        title = _("{name}: changes to the privacy statements").format(
            name=org.organisation.name.get(planned.lang))
        context["privacy_site_feed"] = {"title": title,
                                        "href": relative_url(planned, feed_url(planned.lang, planned.org))[:-1]}
    return context


def _site_url(config: MkDocsConfig) -> str:
    return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"


def _secure(html: str, state: BuildState, dest_uri: str | None = None) -> str:
    hashes = inline_script_hashes(html)
    state.script_hashes.update(hashes)
    if state.preview is not None and dest_uri is not None:
        state.preview.scripts[dest_uri] = sorted(hashes)
    if os.environ.get("PRIVACY_SITE_PREVIEW"):
        # `make serve` injects a live-reload script that no published policy may allow; the
        # headers files still carry the policy.
        return html
    return with_meta_policy(html, content_security_policy(hashes, state.csp_sources, meta=True))


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    """Search in the page's language(s), then the page's own policy as a <meta> fallback."""
    if not _building(config):
        return output
    state = _state(config)
    planned = state.plan.by_src(page.file.src_uri)
    if planned is not None:
        if is_indexed(planned):
            output = mark_indexed(output, config.site_name)
    return _secure(output, state, page.file.dest_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404 pages: secured like pages, and kept per language (the passes all write the same root file)."""
    if template_name != "404.html" or not _building(config):
        return output
    state = _state(config)
    output = _secure(output, state)
    state.not_found[_current_language(config) or ""] = output
    return output


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page gets the notice too, in the language of its pass (both on the landing pass)."""
    if template_name == "404.html" and _building(config):
        state = _state(config)
        lang = _current_language(config)
        languages = [lang] if lang else list(state.plan.languages)
        context["privacy_site_notice"] = notice_view(state.corpus, languages, None)
        context["privacy_site_search"] = search_config(languages)
        # A 404 has no twin page: the language switch leads to each language's home.
        config.extra.alternate = [{"name": language_name(code), "lang": code, "link": f"{code}/"}  # type: ignore
                                  for code in state.plan.languages]
        register = state.corpus.register
        context["privacy_site_404"] = [
            {"lang": code, "home": f"{code}/",
             "title": typeset(translations(code, register).gettext("Page not found"), code),
             "text": typeset(translations(code, register).gettext(
                 "This page does not exist. Statements and their versions keep their address for good: check the "
                 "address, or start from the list of organisations."), code),
             "link": typeset(translations(code, register).gettext("To the organisations"), code)}
            for code in languages]
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Whole-site files, once per build, after the last language pass: sitemaps, policies.json, headers, search."""
    if not _building(config):
        return
    state = _state(config)
    state.passes_done.append(1)
    if len(state.passes_done) < len(i18n_plugin.build_languages(config)):
        return  # every page of every pass (and every inline script hash) is known only after the last one
    site_url = _site_url(config)
    root = Path(config.site_dir)
    lastmod = page_lastmod(state.corpus)
    xml = sitemap_xml(state.plan, site_url, lastmod)
    _write(root / "sitemap.xml", xml)
    # mtime=0 keeps the archive byte-identical between builds.
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    known = state.preview.known_index_entries() if state.preview is not None else None
    index, entries = policies_index(state.corpus, state.plan, site_url, state.site_items, known)
    _write(root / "policies.json", index)
    if state.preview is not None:  # for the next rebuild; the pages it did not build again keep their scripts
        state.preview.index = entries
        state.script_hashes.update(state.preview.unchanged_scripts())
    policy = content_security_policy(state.script_hashes, state.csp_sources)
    _write(root / "_headers", headers_file(policy))
    _write(root / "_redirects", redirects_file(state.plan.languages))
    _write(root / "security-headers.nginx.conf", nginx_snippet(policy, state.plan.languages))
    # Each language pass wrote its own 404 over the root one: the root gets the bilingual page back,
    # and each language keeps its own under its prefix.
    for lang, html in state.not_found.items():
        _write(root / lang / "404.html" if lang else root / "404.html", html)
    write_index_stub(root, state.plan.languages)
    # Material's language switch fetches sitemap.xml beside every <link rel="alternate"> (pages and
    # feeds) to map pages across languages; a small one in each such folder answers it.
    # Only the page and its translations: a first visit of a language home stays small at any N.
    # The preview writes those of the organisations that changed only (the others are still there).
    org_pages: dict[tuple[str, str], list[PlannedPage]] = {}
    for page in state.plan.pages:
        if page.lang is None or (page.org is not None and state.preview and not state.preview.changed(page.org)):
            continue
        group = page_group(state.plan, page)
        _write(root / page.url / "sitemap.xml", sitemap_xml(state.plan, site_url, lastmod, group))
        if page.org is not None:
            org_pages.setdefault((page.lang, page.org), []).append(page)
    for org in state.corpus.orgs:
        if state.preview is not None and not state.preview.changed(org.slug):
            continue
        for lang in org.languages:
            _write(root / lang / org.slug / "sitemap.xml",
                   sitemap_xml(state.plan, site_url, lastmod, org_pages.get((lang, org.slug), [])))
    if state.preview is not None:
        state.preview.finish()
    if os.environ.get("PRIVACY_SITE_PREVIEW"):  # the preview rebuilds on every save: no search index (a quarter)
        _, translate = editor_translate()
        print(time.strftime("%H:%M:%S ") + tell(msg("the preview is up to date ({seconds} s)",
                                                    seconds=f"{time.monotonic() - state.started:.1f}"), translate),
              file=sys.stderr, flush=True)
        return
    try:
        build_pagefind(root, state.plan)
    except SearchIndexError as err:
        raise Abort(str(err)) from None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
