"""The pre-commit hook: `privacy-site check` whenever a file under policies/ changes."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    return hook


def test_the_hook_runs_for_policies_only(hook: dict) -> None:
    assert hook["pass_filenames"] is False, "the check needs the whole folder (versions.lock, site.yaml)"
    assert shlex.split(hook["entry"]) == [".venv/bin/privacy-site", "check"]
    matches = re.compile(hook["files"]).search  # pre-commit's rule: re.search on the repository path
    assert matches("policies/fopas/privacy/2023-07-01.yaml")
    assert matches("policies/versions.lock")
    assert not matches("src/privacy_site/cli.py")
    assert not matches("tests/bad_inputs/_valid/policies/demo/organisation.yaml")


def run_entry(hook: dict, repo: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit does: run the entry from the repository root, without file names."""
    return subprocess.run([*shlex.split(hook["entry"]), *hook.get("args", [])], cwd=repo, capture_output=True,
                          text=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A working copy: the example policies and the project's .venv."""
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return tmp_path


def test_the_hook_passes_on_the_examples(hook: dict, repo: Path) -> None:
    result = run_entry(hook, repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("no problems found.\n")


def test_the_hook_stops_a_commit_with_a_mistake(hook: dict, repo: Path) -> None:
    org = repo / "policies" / "vdab" / "organisation.yaml"
    lines = org.read_text(encoding="utf-8").split("\n")
    number = lines.index("kind: public") + 1
    lines[number - 1] = "kind: publik"
    org.write_text("\n".join(lines), encoding="utf-8")
    result = run_entry(hook, repo)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'policies/vdab/organisation.yaml:{number}:7: kind: "publik" is not allowed here; did you mean "public"?',
        "1 problem found."]
    assert "Traceback" not in result.stderr
