"""`privacy-site check` as an editor runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from privacy_site.tools.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_check_accepts_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    # The examples are exemplary (issue #14): no problem and no wording warning (WP260), so --strict passes too.
    assert main(["check", str(ROOT / "policies")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "5 organisations, 20 versions: no problems found.\n"
    # Information, not a problem: this privacy-site words two published versions in effect differently (the
    # art. 6(1)(b) label, Payvera's DPOs and its "good to know"); visitors keep reading what was published.
    reworded = [line.split(":1:1: information: ")[0].rsplit("policies/", 1)[-1]
                for line in captured.err.splitlines() if not line.startswith(" ")]
    assert reworded == ["payvera/privacy/2026-10-01.yaml", "sociare/privacy/2025-06-01.yaml"]
    assert "(in effect) differently than the one that published it" in captured.err
    assert main(["check", "--strict", str(ROOT / "policies")]) == 0


def test_check_defaults_to_policies_in_the_working_directory(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0


def test_check_reports_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "the policies folder does not exist" in capsys.readouterr().err


def test_installed_command_exits_1_without_traceback(policies_copy: Path) -> None:
    org = policies_copy / "vdab" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("kind: public", "kind: publik"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "privacy_site.tools.cli", "check", str(policies_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'kind: "publik" is not allowed here; did you mean "public"?' in result.stderr
