"""The CI workflows: valid, safe (zizmor), pinned, and running the README's commands."""

from __future__ import annotations

import json
import os
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
        assert re.fullmatch(r"(- )?uses: [A-Za-z0-9-]+/[A-Za-z0-9._-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    uses = [s["uses"] for s in steps(load(path)) if "uses" in s]
    assert len(uses) == len(lines), "every uses: is on its own line, with its version comment"


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


# The preview of a pull request (check.yml): built by a read-only job, published by another.
FORKS_OFF = "github.event.pull_request.head.repo.full_name == github.repository"
PREVIEW_ACTION = "rossjrw/pr-preview-action"


def preview_jobs() -> tuple[dict, dict, dict]:
    workflow = load(WORKFLOWS / "check.yml")
    return workflow, workflow["jobs"]["preview-site"], workflow["jobs"]["preview"]


def named(job: dict, name: str) -> dict:
    [step] = [s for s in job["steps"] if s.get("name") == name]
    return step


def run_step(script: str, tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    """Runs a step's script like GitHub does (bash -e), returning what it wrote to GITHUB_OUTPUT."""
    output = tmp_path / "output"
    output.write_text("", encoding="utf-8")
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, check=True,
                   env={"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output), **env})
    return dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())


def test_the_preview_is_published_with_least_permissions_and_never_for_forks() -> None:
    workflow, build, deploy = preview_jobs()
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    assert workflow["jobs"]["check"]["if"] == "github.event.action != 'closed'", "closing only removes the preview"
    # The build runs the pull request's code: it can only read, and sees no secret.
    assert build["permissions"] == {"contents": "read"}
    assert "secrets." not in json.dumps(build)
    assert FORKS_OFF in build["if"] and "vars.PREVIEW_REPOSITORY != ''" in build["if"]
    # The deployment runs no code of the pull request: a checkout of the base commit, the built site, the action.
    assert deploy["needs"] == "preview-site"
    assert deploy["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert FORKS_OFF in deploy["if"] and "vars.PREVIEW_REPOSITORY != ''" in deploy["if"]
    assert "github.event.action == 'closed'" in deploy["if"], "the preview is removed when the pull request closes"
    assert [s["uses"].split("@")[0] for s in deploy["steps"] if "uses" in s] == [
        "actions/checkout", "actions/download-artifact", PREVIEW_ACTION]
    checkout = deploy["steps"][0]
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert checkout["with"]["persist-credentials"] is False
    scripts = [s["run"] for s in deploy["steps"] if "run" in s]
    assert scripts == [named(deploy, "Link the preview in the summary")["run"]]
    preview = next(s for s in deploy["steps"] if s.get("uses", "").startswith(PREVIEW_ACTION + "@"))
    assert preview["with"] == {
        "source-dir": "preview/site/", "deploy-repository": "${{ vars.PREVIEW_REPOSITORY }}",
        "token": "${{ secrets.PREVIEW_TOKEN }}", "pages-base-url": "${{ needs.preview-site.outputs.base }}",
        "preview-branch": "gh-pages", "umbrella-dir": "pr-preview", "action": "auto", "comment": True,
        "qr-code": False}  # no image from the author's QR service in the comment
    assert deploy["environment"]["name"] == "pr-preview"
    assert "steps.preview.outputs.preview-url" in deploy["environment"]["url"], "the pull request's View deployment"
    # The secret reaches the preview action only.
    text = (WORKFLOWS / "check.yml").read_text(encoding="utf-8")
    assert text.count("secrets.") == 1
    # The comment at the top of the job explains the design and the audit of the action.
    comment = text.split("\n  preview:\n", 1)[1].split("    name: Preview", 1)[0]
    for words in ("single Pages source", "PREVIEW_REPOSITORY", "Audit of rossjrw/pr-preview-action v1.8.1",
                  "GITHUB_TOKEN", "qr-code"):
        assert words in comment


@pytest.mark.parametrize(("repository", "base"), [("acme/previews", "acme.github.io/previews"),
                                                  ("acme/acme.github.io", "acme.github.io")])
def test_the_preview_address_is_the_one_the_action_publishes_to(tmp_path: Path, repository: str, base: str) -> None:
    _, build, deploy = preview_jobs()
    address = named(build, "Address of the preview")
    assert address["env"] == {"PREVIEW_REPOSITORY": "${{ vars.PREVIEW_REPOSITORY }}",
                              "PR_NUMBER": "${{ github.event.number }}"}
    outputs = run_step(address["run"], tmp_path, {"PREVIEW_REPOSITORY": repository, "PR_NUMBER": "7"})
    assert outputs == {"base": base, "url": f"https://{base}/pr-preview/pr-7/"}
    # The site is built for that address, and the action is told the same base (its own guess agrees).
    make = named(build, "Install and build the site for the preview's address (make site)")
    assert make["run"] == "make site"
    assert make["env"] == {"PRIVACY_SITE_URL": "${{ steps.address.outputs.url }}"}
    assert build["outputs"] == {"base": "${{ steps.address.outputs.base }}"}
    upload = named(build, "Keep the preview")
    assert upload["with"]["name"] == "preview" and upload["with"]["path"].split() == ["site/", "preview-pages.txt"]
    download = named(deploy, 'The site built by "Build the preview"')
    assert download["with"] == {"name": "preview", "path": "preview/"}


def test_the_summary_links_the_preview_and_its_changed_pages(tmp_path: Path) -> None:
    _, build, deploy = preview_jobs()
    pages = named(build, "Pages to look at in the preview")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(
        "#!/bin/sh\n[ \"$1\" = config ] && exit 0\nprintf 'policies/fopas/privacy/2027-03-01.yaml\\n"
        "policies/sociare/organisation.yaml\\npolicies/vdab/cookies/2027-04-01.yaml\\n'\n", encoding="utf-8")
    (fake / "git").chmod(0o755)
    subprocess.run(["bash", "-e", "-c", pages["run"]], cwd=tmp_path, check=True,
                   env={"PATH": f"{fake}:/usr/bin:/bin", "BASE_REF": "main", "GITHUB_WORKSPACE": str(tmp_path)})
    listed = (tmp_path / "preview-pages.txt").read_text(encoding="utf-8").splitlines()
    assert listed == ["fopas/privacy/2027-03-01", "sociare/contact", "vdab/cookies/2027-04-01"]
    (tmp_path / "preview").mkdir()
    (tmp_path / "preview-pages.txt").rename(tmp_path / "preview" / "preview-pages.txt")
    link = named(deploy, "Link the preview in the summary")
    assert link["if"] == "steps.preview.outputs.deployment-action == 'deploy'"
    assert link["env"] == {"PREVIEW_URL": "${{ steps.preview.outputs.preview-url }}"}
    summary = tmp_path / "summary.md"
    url = "https://acme.github.io/previews/pr-preview/pr-7/"
    subprocess.run(["bash", "-e", "-c", link["run"]], cwd=tmp_path, check=True,
                   env={"PATH": "/usr/bin:/bin", "PREVIEW_URL": url, "GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert f"**[Open the preview]({url})**" in text
    assert f"[NL]({url}nl/fopas/privacy/2027-03-01/) · [FR]({url}fr/fopas/privacy/2027-03-01/)" in text
    assert f"[FR]({url}fr/sociare/contact/)" in text


def test_the_site_works_under_the_preview_address(tmp_path: Path) -> None:
    """Built for a sub-path, every link of the site stays under it (GitHub Pages serves the preview there)."""
    url = "https://acme.github.io/previews/pr-preview/pr-7/"
    site = tmp_path / "site"
    result = subprocess.run([str(BIN / "privacy-site"), "build", "--site-dir", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "PRIVACY_SITE_URL": url})
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    outside = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'\b(?:href|src|action)="(/[^"]*)"', html):
            if not link.startswith("/previews/pr-preview/pr-7/"):
                outside.add(f"{page.relative_to(site)}: {link}")
    assert not outside, sorted(outside)[:10]
    statement = (site / "nl" / "sociare" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}nl/sociare/privacy/">' in statement
    assert f"<loc>{url}" in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "policies.json").read_text(encoding="utf-8"))
    assert all(u.startswith(url) for org in index["organisations"] for doc in org["documents"].values()
               for u in doc["url"].values())
