"""The CI workflows: valid, safe (zizmor), pinned, and running the README's commands."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = [WORKFLOWS / "check.yml", WORKFLOWS / "publish.yml"]
BIN = Path(sys.executable).parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Paths that change what the site shows or how it is built and tested.
WATCHED = ["policies/**", "src/**", "hooks/**", "overrides/**", "docs/**", "tests/**", "mkdocs.yml",
           "pyproject.toml", "Makefile"]


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is missing; `make test` installs it (pip install -e '.[test]')")
        return found
    return str(path)


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> list[str]:
    return [line.strip() for step in steps(workflow) for line in step.get("run", "").splitlines() if line.strip()]


def zizmor(*paths: Path) -> list[dict]:
    result = subprocess.run([tool("zizmor"), "--offline", "--format", "json", *map(str, paths)],
                            capture_output=True, text=True)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def serious(findings: list[dict]) -> list[str]:
    return [f"{f['ident']} ({f['determinations']['severity']}): {f['desc']}" for f in findings
            if f["determinations"]["severity"] in ("Medium", "High") and not f.get("ignored")]


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_the_schema(schema: str) -> None:
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, FILES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make test\n", encoding="utf-8")
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1, "a job without runs-on must be refused"


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    assert serious(zizmor(*FILES)) == []


def test_zizmor_would_catch_an_injection_and_an_unpinned_action(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with: {persist-credentials: false}\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n', encoding="utf-8")
    found = {line.split(" ")[0] for line in serious(zizmor(unsafe))}
    assert {"template-injection", "unpinned-uses"} <= found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_inside_a_script(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"pass {step['run']!r} its values through env"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_tests_run_on_debian_with_python_3_11(path: Path) -> None:
    """`make test` installs Debian's Chromium with apt: the jobs that run it use a Debian image."""
    for job in load(path)["jobs"].values():
        if any("make test" in step.get("run", "") for step in job["steps"]):
            assert job["container"]["image"] == "python:3.11-bookworm"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflows_run_the_readme_commands(path: Path) -> None:
    commands = runs(load(path))
    assert "make site" in commands, "installs like the README: make site creates .venv"
    assert "make test" in commands
    assert ".venv/bin/privacy-site check --strict --require-lock" in commands
    assert ".venv/bin/privacy-site build --require-lock" in commands
    for command in ("`make site`", "`make test`", "`.venv/bin/privacy-site check"):
        assert command in README
    for command in commands:
        if command.startswith(".venv/bin/privacy-site"):
            subcommand = command.split()[1]
            assert f"privacy-site {subcommand}" in README or subcommand == "summary", command
    # The order matters: nothing is built for publishing before the check and the tests passed.
    assert commands.index("make test") < commands.index(".venv/bin/privacy-site build --require-lock")


def test_check_runs_on_pull_requests_that_change_the_site() -> None:
    workflow = load(WORKFLOWS / "check.yml")
    assert workflow["on"]["pull_request"]["paths"] == WATCHED
    assert workflow["permissions"] == {"contents": "read"}
    by_name = {s.get("name"): s for s in steps(workflow)}
    summary = by_name["What changes for visitors"]
    assert summary["run"] == '.venv/bin/privacy-site summary --base "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"'
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert summary["if"] == "${{ !cancelled() }}", "reviewers see the check problems too"
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the summary needs the base branch"


def test_pull_requests_get_review_documents_of_changed_versions(tmp_path: Path) -> None:
    by_name = {s.get("name"): s for s in steps(load(WORKFLOWS / "check.yml"))}
    script = by_name["Review documents of the new and changed versions"]["run"]
    assert by_name["Keep the review documents"]["with"]["path"] == "review/"
    # The loop, run with a fake git and privacy-site, reviews each new or changed version file once.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\nprintf 'policies/fopas/privacy/2027-03-01.yaml\\npolicies/vdab/cookies/"
                              "2027-04-01.yaml\\n'\n", encoding="utf-8")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "privacy-site").write_text('#!/bin/sh\necho "$@" >> calls\nmkdir -p review\n',
                                                            encoding="utf-8")
    for tool in (fake / "git", tmp_path / ".venv" / "bin" / "privacy-site"):
        tool.chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {"PATH": f"{fake}:/usr/bin:/bin", "BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=True)
    assert (tmp_path / "calls").read_text(encoding="utf-8").splitlines() == [
        "review fopas privacy 2027-03-01 --output review", "review vdab cookies 2027-04-01 --output review"]
    assert "download the *review* artifact" in summary.read_text(encoding="utf-8")


def test_publish_deploys_only_what_passed_with_least_permissions() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    triggers = workflow["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"] == [{"cron": "0 5 * * *"}]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    publish = next(s for s in build["steps"] if s.get("run") == ".venv/bin/privacy-site build --require-lock")
    assert publish["env"] == {"PRIVACY_SITE_URL": "${{ steps.pages.outputs.base_url }}/"}
    assert "SOURCE_DATE_EPOCH" not in json.dumps(workflow), "the day of the run decides the current versions"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"


def gitlab_snippet() -> str:
    match = re.search(r"```yaml\n(# \.gitlab-ci\.yml\n.*?)```", README, re.S)
    assert match, "the README shows a .gitlab-ci.yml in a ```yaml block starting with # .gitlab-ci.yml"
    return match[1]


def test_gitlab_snippet_is_valid_and_runs_the_same_commands(tmp_path: Path) -> None:
    snippet = tmp_path / ".gitlab-ci.yml"
    snippet.write_text(gitlab_snippet(), encoding="utf-8")
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(snippet)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    jobs = yaml.safe_load(snippet.read_text(encoding="utf-8"))
    scripts = [line for job in jobs.values() if isinstance(job, dict)
               for line in (*job.get("script", []), *job.get("after_script", []))]
    for command in ("make site", "make test", ".venv/bin/privacy-site check --strict --require-lock"):
        assert command in scripts
    assert any(line.endswith(".venv/bin/privacy-site build --require-lock") for line in scripts)
    assert any(line.startswith(".venv/bin/privacy-site summary") for line in scripts)
