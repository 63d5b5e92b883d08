"""A failed gate publishes nothing: the previous site/ stays byte for byte what it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "bad_inputs" / "_valid" / "policies"  # one organisation: a quick build


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """`privacy-site build` as CI runs it, in the project folder."""
    return subprocess.run([sys.executable, "-m", "privacy_site.tools.cli", "build"], cwd=project, capture_output=True,
                          text=True)


@pytest.fixture(scope="session")
def built_project(run_once: Callable[[str, Callable[[Path], None]], Path]) -> Path:
    """A copy of the repository's site configuration with a small policies folder, built once."""

    def make(project: Path) -> None:
        for name in ("docs", "overrides", "hooks"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(SMALL, project / "policies")
        result = build(project)
        assert result.returncode == 0, result.stderr
        assert (project / "site" / "nl" / "demo" / "privacy" / "index.html").is_file()

    return run_once("publish-project", make)


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """The built project, copied for each test to break."""
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture
def previous(project: Path) -> dict[str, bytes]:
    before = snapshot(project / "site")
    assert len(before) > 10
    return before


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def test_bad_yaml_leaves_the_previous_site(project: Path, previous: dict[str, bytes]) -> None:
    org = project / "policies" / "demo" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "name: [unclosed\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "policies/demo/organisation.yaml:" in result.stderr
    assert "Nothing was built; site is unchanged." in result.stderr
    assert snapshot(project / "site") == previous
    assert leftovers(project) == []


def test_strict_mkdocs_failure_leaves_the_previous_site(project: Path, previous: dict[str, bytes]) -> None:
    page = project / "docs" / "nl" / "extra.md"
    page.parent.mkdir()
    page.write_text("# Extra\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "contains a link 'missing.md'" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stderr
    assert "Nothing was published" in result.stderr
    assert snapshot(project / "site") == previous
    assert leftovers(project) == [], "the half-built site is removed"
