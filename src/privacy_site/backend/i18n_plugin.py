"""Everything privacy-site needs from mkdocs-static-i18n, in one place (the plugin has no public API for it).

The plugin builds the site once per language ("passes") and marks each documentation file with the
language metadata set in its `folder.create_i18n_file`. Our generated files must carry the same marks,
or the plugin's navigation and language switch treat them as untranslated. tests/test_i18n_plugin.py
pins these names against the installed plugin, so an upgrade that changes them fails loudly.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

# The plugin's logger (mkdocs.plugins.get_plugin_logger of its module) and its warning for a language without pages.
LOGGER = "mkdocs.plugins.mkdocs_static_i18n.plugin"
NO_HOMEPAGE = "Could not find a homepage for locale"
# The attributes the plugin's folder.create_i18n_file sets on a file (and its reconfigure module reads).
FILE_MARKS = ("alternates", "locale", "locale_alternate_of", "localization", "norm_src_uri")


def _plugin(config: MkDocsConfig) -> object:
    return config.plugins["i18n"]


def current_language(config: MkDocsConfig) -> str | None:
    """The language of the pass being built (None before the plugin's first pass is configured)."""
    return getattr(_plugin(config), "current_language", None)


def build_languages(config: MkDocsConfig) -> list[str]:
    """Every language the plugin builds, one pass each, in order."""
    return list(_plugin(config).build_languages)


def mark_file(file: File, locale: str, localization: str | None) -> None:
    """Give a generated file the language marks the plugin gives its own files."""
    file.alternates = {locale: file}  # type: ignore[attr-defined]
    file.locale = locale  # type: ignore[attr-defined]
    file.locale_alternate_of = locale  # type: ignore[attr-defined]
    file.localization = localization  # type: ignore[attr-defined]
    prefix = f"{localization}/" if localization else ""
    file.norm_src_uri = file.src_uri.removeprefix(prefix)  # type: ignore[attr-defined]


class _NoHomepageWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return NO_HOMEPAGE not in record.getMessage()


def quiet_missing_homepages(quiet: bool) -> None:
    """Whether the plugin may warn that a language has no home page: not in the preview's build of no page (while
    the policies have problems), where that warning would stop it in strict mode."""
    logger = logging.getLogger(LOGGER)
    for found in [f for f in logger.filters if isinstance(f, _NoHomepageWarning)]:
        logger.removeFilter(found)
    if quiet:
        logger.addFilter(_NoHomepageWarning())
