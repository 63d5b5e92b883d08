"""`privacy-site audit` right after `make site`: its dependencies are installed, and a missing or broken
Chromium is one line on stderr and exit code 2, never a traceback. None of these tests needs Chromium."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from privacy_site.tools import audit as audit_module
from privacy_site.tools.cli import main

SITES = Path(__file__).resolve().parent / "audit_sites"
AUDIT_SOURCE = Path(audit_module.__file__)
CLI = Path(sys.executable).parent / "privacy-site"  # the console script pip installed next to this Python
INSTALL = '"sudo apt-get install chromium" (Debian/Ubuntu)'


def _run_cli(*args: str, chromium: str | None) -> subprocess.CompletedProcess[str]:
    """The installed command in a process of its own, as an editor runs it after `make site`."""
    env = {key: value for key, value in os.environ.items() if key != "PRIVACY_SITE_CHROMIUM"}
    if chromium is not None:
        env["PRIVACY_SITE_CHROMIUM"] = chromium
    command = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "privacy_site.tools.cli"]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err.removesuffix("\n")


def _main_requirements() -> list[Requirement]:
    """What `pip install -e .` installs: the requirements that no extra (like `test`) guards."""
    requirements = [Requirement(text) for text in importlib.metadata.requires("privacy-site") or []]
    return [r for r in requirements if r.marker is None or r.marker.evaluate({"extra": ""})]


def test_playwright_is_a_main_dependency() -> None:
    requirements = [Requirement(text) for text in importlib.metadata.requires("privacy-site") or []]
    playwright = [r for r in requirements if r.name == "playwright"]
    assert playwright, "playwright is not a requirement of privacy-site"
    assert all(r.marker is None for r in playwright), "playwright must not be only in an extra"
    assert "playwright" in {r.name for r in _main_requirements()}
    installed = importlib.metadata.version("playwright")
    assert all(r.specifier.contains(installed) for r in playwright)


def test_everything_the_audit_imports_is_installed_without_extras() -> None:
    """Each non-standard module audit.py imports at run time comes from a main dependency (or this package)."""
    tree = ast.parse(AUDIT_SOURCE.read_text(encoding="utf-8"))
    modules = set()
    for node in tree.body:  # module level: what `import privacy_site.audit` runs
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    third_party = sorted(m for m in modules - set(sys.stdlib_module_names) if m not in ("__future__", "privacy_site"))
    assert third_party == ["playwright"]
    main_names = {r.name.lower() for r in _main_requirements()}
    providers = importlib.metadata.packages_distributions()
    for module in third_party:
        assert {d.lower() for d in providers[module]} & main_names, f"{module} is only installed with an extra"


def test_missing_chromium_from_the_environment_is_one_line() -> None:
    missing = "/nonexistent/chromium"
    done = _run_cli("audit", str(SITES / "clean"), chromium=missing)
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert _one_line(done.stderr) == (
        f"privacy-site audit: Chromium is not installed at {missing}, the path PRIVACY_SITE_CHROMIUM gives; "
        f"correct that path, or unset PRIVACY_SITE_CHROMIUM, install Chromium with {INSTALL} and run the audit again"
    )


def test_chromium_not_installed_says_how_to_install_it(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Debian's Chromium, the default, is missing: the one line tells how to install it."""
    default = tmp_path / "usr" / "lib" / "chromium" / "chromium"
    monkeypatch.delenv("PRIVACY_SITE_CHROMIUM", raising=False)
    monkeypatch.setattr(audit_module, "DEFAULT_CHROMIUM", str(default))
    code = main(["audit", str(SITES / "clean")])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert _one_line(captured.err) == (
        f"privacy-site audit: Chromium is not installed (no {default}); install it with {INSTALL} "
        "and run the audit again, or set PRIVACY_SITE_CHROMIUM to the path of another Chromium"
    )


def test_the_default_chromium_is_debians() -> None:
    assert audit_module.DEFAULT_CHROMIUM == "/usr/lib/chromium/chromium"


@pytest.mark.parametrize("kind", ["folder", "not-executable"])
def test_chromium_path_that_is_no_program_is_one_line(tmp_path: Path, kind: str) -> None:
    if kind == "folder":
        chromium = tmp_path
    else:
        chromium = tmp_path / "chromium"
        chromium.write_text("not a program\n", encoding="utf-8")
    done = _run_cli("audit", str(SITES / "clean"), chromium=str(chromium))
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    line = _one_line(done.stderr)
    if kind == "folder":
        assert line.startswith(f"privacy-site audit: Chromium is not installed at {chromium}, ")
    else:
        assert line.startswith(f"privacy-site audit: cannot start Chromium ({chromium}): ")


def test_chromium_that_fails_to_start_is_one_line(tmp_path: Path) -> None:
    """A Chromium that exists but dies at once (a broken install): what it said, on one line."""
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\necho 'error while loading shared libraries: libnss3.so' >&2\nexit 127\n",
                        encoding="utf-8")
    chromium.chmod(0o755)
    done = _run_cli("audit", str(SITES / "clean"), chromium=str(chromium))
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    line = _one_line(done.stderr)
    assert re.fullmatch(rf"privacy-site audit: cannot start Chromium \({re.escape(str(chromium))}\): .+ "
                        r"\(it exited with code 127\); it said: error while loading shared libraries: libnss3\.so",
                        line), line


def test_help_documents_the_chromium_variable(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["audit", "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "PRIVACY_SITE_CHROMIUM" in out
    assert "/usr/lib/chromium/chromium" in out
    assert "sudo apt-get install chromium" in out


def test_playwright_missing_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment installed before Playwright was a dependency: one line that says to reinstall."""
    monkeypatch.delitem(sys.modules, "privacy_site.tools.audit")
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)  # import of playwright.async_api fails
    code = main(["audit", str(SITES / "clean")])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert _one_line(captured.err) == (
        "privacy-site audit: playwright is not installed; install privacy-site again "
        '(".venv/bin/pip install -e ." or "make site") and run the audit again'
    )
