"""The preview's theme listing: the files MkDocs copies from the theme stay the same, templates and icons still load."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from privacy_site.backend.theme_listing import VisibleFilesLoader, list_visible_files_only

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def _theme_files(config: MkDocsConfig) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((file.src_uri, file.abs_src_path or "") for file in files)


def test_mkdocs_copies_the_same_theme_files(config: MkDocsConfig) -> None:
    before = _theme_files(config)
    list_visible_files_only(config.theme)
    list_visible_files_only(config.theme)  # every language pass asks again: wrapped once
    assert isinstance(config.theme.get_env().loader, VisibleFilesLoader)
    assert _theme_files(config) == before
    assert any(uri.startswith("assets/javascripts/") for uri, _ in before)


def test_the_listing_is_mkdocs_own_without_hidden_names(config: MkDocsConfig) -> None:
    everything = jinja2.FileSystemLoader(config.theme.dirs).list_templates()
    visible = VisibleFilesLoader(config.theme.dirs).list_templates()
    assert visible == [name for name in everything if not any(part.startswith(".") for part in name.split("/"))]
    assert len(everything) > 10 * len(visible), "Material's icons are what is left out"


def test_templates_and_icons_still_load(config: MkDocsConfig, tmp_path: Path) -> None:
    list_visible_files_only(config.theme)
    env = config.theme.get_env()
    assert env.get_template("main.html") is not None
    assert "<svg" in env.loader.get_source(env, ".icons/material/magnify.svg")[0]
    hidden = tmp_path / ".hidden"
    hidden.mkdir()
    (hidden / "x.css").write_text("", encoding="utf-8")
    (tmp_path / ".dotfile").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "y.js").write_text("", encoding="utf-8")
    assert VisibleFilesLoader([str(tmp_path)]).list_templates() == [f"sub{os.sep}y.js".replace(os.sep, "/")]
