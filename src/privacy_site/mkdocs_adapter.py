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
from .corpus import Corpus, load_corpus
from .formats import language_name
from .plan import Plan, PlannedPage, make_plan
from .problems import PolicyError
from .render import relative_url, render_page
from .sitemap import page_group, sitemap_xml

STATE_KEY = "privacy_site_state"
LANDING_LOCALE = "en"  # the hidden default language of the i18n plugin: it only builds the landing


@dataclass(frozen=True)
class BuildState:
    """What one build (all language passes) shares."""

    corpus: Corpus
    plan: Plan


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
        config[STATE_KEY] = BuildState(corpus, make_plan(corpus))
    # Runs after the i18n plugin configured this pass: name the site in its language.
    lang = _current_language(config) or _state(config).plan.languages[0]
    config.site_name = translations(lang).gettext("Privacy statements")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add this pass's generated pages, with the attributes the i18n plugin expects."""
    state = _state(config)
    lang = _current_language(config)
    for page in state.plan.for_language(lang):
        content = render_page(page, state.corpus, state.plan)
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
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Write the sitemaps (idempotent: every language pass writes the same files)."""
    state = _state(config)
    site_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    xml = sitemap_xml(state.plan, site_url)
    root = Path(config.site_dir)
    root.mkdir(parents=True, exist_ok=True)
    (root / "sitemap.xml").write_text(xml, encoding="utf-8")
    # mtime=0 keeps the archive byte-identical between builds.
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    # Material's language switch fetches sitemap.xml beside every hreflang alternate to map
    # pages across languages; a small one per page answers it instead of a 404.
    for page in state.plan.pages:
        if page.lang is None:
            continue
        folder = root / page.url
        folder.mkdir(parents=True, exist_ok=True)
        pages = None if page.kind == "languages" else page_group(state.plan, page)
        (folder / "sitemap.xml").write_text(sitemap_xml(state.plan, site_url, pages), encoding="utf-8")
