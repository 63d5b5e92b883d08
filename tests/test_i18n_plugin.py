"""Pins what privacy-site relies on in mkdocs-static-i18n (no public API): an upgrade that changes it fails here."""

from __future__ import annotations

import inspect

from mkdocs_static_i18n import folder, reconfigure
from mkdocs_static_i18n.plugin import I18n

from privacy_site.backend.i18n_plugin import FILE_MARKS


def test_the_plugin_marks_its_files_with_the_attributes_we_set() -> None:
    source = inspect.getsource(folder.create_i18n_file)
    missing = [name for name in FILE_MARKS if f"file.{name} =" not in source]
    assert not missing, f"mkdocs-static-i18n no longer sets {missing} on its files; update backend/i18n_plugin.py"


def test_the_plugin_reads_the_marks_we_set() -> None:
    source = inspect.getsource(reconfigure)
    for name in ("alternates", "locale_alternate_of", "norm_src_uri", "localization"):
        assert f".{name}" in source, name


def test_the_plugin_exposes_the_current_and_built_languages() -> None:
    assert "current_language" in inspect.getsource(I18n)
    assert isinstance(inspect.getattr_static(reconfigure.ExtendedPlugin, "build_languages"), property)
