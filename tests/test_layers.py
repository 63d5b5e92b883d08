"""The package's layers hold: contracts in pyproject.toml ([tool.importlinter]), checked by import-linter.

privacy_site.tools > backend > outputs > views > checks > model > i18n > source: a layer imports the layers
below it, never one above. Only the backend imports MkDocs, Material and mkdocs-static-i18n. Modules stay
small enough to read in one sitting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "privacy_site"
MAX_LINES = 420

# Modules over MAX_LINES while they are being split, with their line count when listed. This list may only
# shrink: a listed module may not grow, and its entry must go as soon as it fits in MAX_LINES. Never add a
# module here. (tools/audit.py, 790 lines, was the last one: it is split now.)
OVERSIZED_ALLOWANCE: dict[str, int] = {}


def _lint_imports(cwd: Path, config: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("lint-imports")
    if not binary.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.fail("lint-imports is missing; install the test extra: pip install -e '.[test]'")
        binary = Path(found)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(binary), "--no-cache", "--no-logo", str(config)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_layer_contracts_are_kept() -> None:
    result = _lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_contracts_bite(tmp_path: Path) -> None:
    """A copy of the package with one upward import and one MkDocs import outside the backend breaks both."""
    copy = tmp_path / "src" / "privacy_site"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    problems = copy / "source" / "problems.py"
    problems.write_text(problems.read_text(encoding="utf-8") + "\nimport privacy_site.checks.corpus  # noqa\n",
                        encoding="utf-8")
    catalogs = copy / "i18n" / "catalogs.py"
    catalogs.write_text(catalogs.read_text(encoding="utf-8") + "\nimport mkdocs.config  # noqa\n", encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)

    result = _lint_imports(tmp_path, config, pythonpath=tmp_path / "src")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "Contracts: 0 kept, 2 broken." in out, out
    assert "privacy_site.source is not allowed to import privacy_site.checks" in out, out
    assert "privacy_site.source.problems -> privacy_site.checks.corpus" in out, out
    assert "privacy_site.i18n is not allowed to import mkdocs" in out, out
    assert "privacy_site.i18n.catalogs -> mkdocs (l." in out, out


def _line_counts() -> dict[str, int]:
    return {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_modules_stay_small() -> None:
    counts = _line_counts()
    too_long = {name: n for name, n in counts.items() if n > MAX_LINES and name not in OVERSIZED_ALLOWANCE}
    assert not too_long, f"split these modules (at most {MAX_LINES} lines each): {too_long}"


def test_the_allowance_only_shrinks() -> None:
    counts = _line_counts()
    for name, allowed in OVERSIZED_ALLOWANCE.items():
        assert name in counts, f"{name} is gone: remove it from OVERSIZED_ALLOWANCE"
        assert counts[name] > MAX_LINES, f"{name} fits in {MAX_LINES} lines now: remove it from OVERSIZED_ALLOWANCE"
        assert counts[name] <= allowed, f"{name} grew to {counts[name]} lines (allowed {allowed}): split it"
