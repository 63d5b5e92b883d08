"""The editor guide (guide/*.md): its examples pass the check and its commands work as written."""

from __future__ import annotations

import re
import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.model import vocab
from privacy_site.tools.cli import main
from privacy_site.tools.editing import new_version

ROOT = Path(__file__).resolve().parent.parent
GUIDES = sorted((ROOT / "guide").glob("*.md"))
DAY = date(2027, 3, 1)


def test_three_languages_and_a_link_from_the_readme() -> None:
    assert [g.name for g in GUIDES] == ["en.md", "fr.md", "nl.md"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES:
        assert f"(guide/{guide.name})" in readme


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks with that info string ("" for none)."""
    found, current, info = [], None, ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```") and current is None:
            current, info = [], line[3:].strip()
        elif line.startswith("```"):
            if info == language:
                found.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return found


def example(text: str, first: str) -> str:
    [found] = [b for b in blocks(text, "yaml") if b.startswith(first)]
    return found


def fill_summary(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace('nl: "TODO: wat er in deze versie verandert, en waarom"', 'nl: "Een nieuwe versie."', 1)
    text = text.replace('fr: "TODO : ce qui change dans cette version, et pourquoi"', 'fr: "Une nouvelle version."', 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_examples_pass_the_check(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = guide.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "policies", "policies")
    privacy = new_version(load_corpus(Path("policies")), "sociare", "privacy", DAY)
    fill_summary(privacy)
    content = privacy.read_text(encoding="utf-8")
    content = content.replace("processing:\n", "processing:\n" + example(text, "  - id: "), 1)
    content = content.replace("processors:\n", "processors:\n  - nl: een enquêteplatform\n"
                                               "    fr: une plateforme d'enquêtes\n", 1)
    privacy.write_text(content, encoding="utf-8")
    cookies = new_version(load_corpus(Path("policies")), "sociare", "cookies", DAY)
    fill_summary(cookies)
    content = cookies.read_text(encoding="utf-8")
    assert "items: []" in content
    cookies.write_text(content.replace("items: []", "items:\n" + example(text, "  - name: ")), encoding="utf-8")
    corpus = load_corpus(Path("policies"))  # raises with every problem if an example is wrong
    org = next(o for o in corpus.orgs if o.slug == "sociare")
    assert org.version("privacy", DAY).statement.processing[0].id == "satisfaction-survey"
    assert [i.name for i in org.version("cookies", DAY).statement.items] == ["lang", "lb_session"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_every_standard_term_is_listed(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    for terms in (vocab.DATA, vocab.SOURCES, vocab.RECIPIENTS, vocab.LEGAL_BASES):
        for key in terms:
            assert f"`{key}`" in text, key


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_commands_work_as_written(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Every privacy-site command of the guide, in its order, on a copy of the examples."""
    text = guide.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "policies", "policies")
    commands = re.findall(r"^\.venv/bin/privacy-site (.+)$", "\n".join(blocks(text, "")), re.M)
    commands += re.findall(r"`\.venv/bin/privacy-site ([^`]+)`", text)
    # An audit of a website visits it live: tests/test_audit_website.py runs one on a local fixture website.
    commands = [c for c in commands if not c.startswith("audit ")]
    ran = set()
    for command in sorted(commands, key=lambda c: ["new-version", "diff", "summary", "check", "lock"].index(
            c.split()[0])):
        args = shlex.split(command)
        if args[0] == "summary":
            args += ["--base-dir", str(ROOT / "policies"), "--head-dir", "policies"]
        if args[0] == "lock" and "--release" in args:
            assert main(["lock", "--all"]) == 0
        assert main(args) == 0, (command, capsys.readouterr().err)
        if args[0] == "new-version":
            fill_summary(Path("policies/sociare/privacy/2027-03-01.yaml"))
        ran.add(args[0])
    assert ran == {"new-version", "diff", "summary", "check", "lock"}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_group_examples_pass_the_check(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entities, a controller per activity, joint control, work for clients, own categories and clauses."""
    text = guide.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "policies", "policies")
    org = Path("policies/fopas/organisation.yaml")
    org.write_text(org.read_text(encoding="utf-8") + example(text, "entities:"), encoding="utf-8")
    version = new_version(load_corpus(Path("policies")), "fopas", "privacy", DAY)
    fill_summary(version)
    content = version.read_text(encoding="utf-8")
    head, rest = content.split("\nprocessing:\n", 1)
    end = re.search(r"^\S", rest, flags=re.M)
    cut = end.start() if end else len(rest)
    joint = example(text, "    controller: ")
    activities = re.sub(r"^  - id: [a-z-]+\n", lambda m: m[0] + "    controller: sociare-training\n", rest[:cut],
                        count=0, flags=re.M)
    activities = activities.replace("    controller: sociare-training\n", joint, 1)  # the first is shared
    first_data = activities.index("    data:\n") + len("    data:\n")
    activities = activities[:first_data] + "      - training-record\n" + activities[first_data:]
    content = head + "\nprocessing:\n" + activities + rest[cut:]
    for first in ("as_processor:", "data_categories:", "clauses:"):
        content = content.rstrip("\n") + "\n" + example(text, first)
    version.write_text(content, encoding="utf-8")
    corpus = load_corpus(Path("policies"))  # raises with every problem if an example is wrong
    statement = corpus.org("fopas").version("privacy", DAY).statement
    assert statement.processing[0].joint_controllers is not None
    assert {a.controller for a in statement.processing} == {"sociare-training"}
    assert [a.id for a in statement.as_processor] == ["payroll"]
    assert statement.clauses is not None and statement.clauses.access is not None
    assert statement.data_categories[0].id == "training-record"
