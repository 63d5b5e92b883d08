"""The editor guide (guide/*.md): its examples pass the check and its commands work as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import unicodedata
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
    # A command shown twice (the local flow, then its own section) runs once.
    commands = list(dict.fromkeys(c for c in commands if not c.startswith("audit ")))
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



# The browser flow comes first, then organisation details, then the local flow with git; the same in every language.
SECTIONS = {
    "en.md": ["## Change a statement in your browser", "### Edit a file and propose the change",
              '### Read the check and "What changes for visitors"', "### Look at the preview and the review documents",
              "### Ask for approval, lock and merge", "### Start a new version in the browser",
              "### Where you need a terminal", "## Change your organisation's details", "## On your computer, with git",
              "### Once: copy the repository and install", "### Each change: a branch, your changes, a commit",
              "### Lock an approved version"],
    "nl.md": ["## Een verklaring wijzigen in je browser", "### Een bestand bewerken en de wijziging voorstellen",
              '### De controle en "What changes for visitors" lezen',
              "### De preview en de nalezingsdocumenten bekijken",
              "### Goedkeuring vragen, vergrendelen en samenvoegen", "### Een nieuwe versie beginnen in de browser",
              "### Waar je een terminal nodig hebt", "## De gegevens van je organisatie wijzigen",
              "## Op je computer, met git", "### Eenmalig: de repository kopiëren en installeren",
              "### Elke wijziging: een branch, je wijzigingen, een commit", "### Een goedgekeurde versie vergrendelen"],
    "fr.md": ["## Modifier une déclaration dans votre navigateur",
              "### Modifier un fichier et proposer la modification",
              "### Lire le résultat de la vérification", "### Consulter l'aperçu et les documents de relecture",
              "### Demander l'approbation, verrouiller et fusionner",
              "### Commencer une nouvelle version dans le navigateur", "### Quand il vous faut un terminal",
              "## Modifier les coordonnées de votre organisation", "## Sur votre ordinateur, avec git",
              "### Une fois : copier le dépôt et installer",
              "### Chaque modification : une branche, vos modifications, un commit",
              "### Verrouiller une version approuvée"],
}
# What the browser flow names on GitHub (its interface is in English) and in the pull request check.
GITHUB_LABELS = ["Edit this file", "Commit changes…", "Create a new branch for this commit and start a pull request",
                 "Propose changes", "Create pull request", "Files changed", "Edit file", "Commit directly to the",
                 "Conversation", "Details", "Summary", "Artifacts", "View deployment", "Reviewers", "Review changes",
                 "Approve", "Request changes", "Merge pull request", "Confirm merge", "Copy raw file", "Add file",
                 "Create new file"]
CHECK_NAMES = ["Check, test, build", "Check the policies as publishing does", "What changes for visitors",
               "Preview of the changed site", "*review*", "*site*"]


def headings(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        fenced = fenced != line.startswith("```")
        if not fenced and re.match(r"#{1,6} ", line):
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lowercase, punctuation dropped, each space a hyphen."""
    text = heading.lstrip("#").strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def shell_lines(text: str) -> list[str]:
    """The commands the guide shows in its code blocks without a language."""
    prefixes = ("git ", "make ", "cd ", ".venv/bin/privacy-site ")
    return [line.strip() for block in blocks(text, "") for line in block.splitlines() if line.startswith(prefixes)]


def test_the_three_guides_share_their_structure() -> None:
    texts = {g.name: g.read_text(encoding="utf-8") for g in GUIDES}
    levels = {name: [h.split(" ")[0] for h in headings(text)] for name, text in texts.items()}
    assert levels["nl.md"] == levels["en.md"] == levels["fr.md"]
    fences = {name: [line for line in text.splitlines() if line.startswith("```")] for name, text in texts.items()}
    assert fences["nl.md"] == fences["en.md"] == fences["fr.md"]
    # The same commands in the same order; only the texts in quotes (names, commit messages) are translated.
    commands = {name: [re.sub(r'"[^"]*"', '"…"', line) for line in shell_lines(text)] for name, text in texts.items()}
    assert commands["nl.md"] == commands["en.md"] == commands["fr.md"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_the_guide_starts_with_the_browser_flow_then_the_local_flow(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    found = headings(text)
    expected = SECTIONS[guide.name]
    assert all(h in found for h in expected), [h for h in expected if h not in found]
    # In this order, right after the title: the browser, organisation details, the computer, then the rest.
    start = found.index(expected[0])
    assert start == 1, "the browser flow is the first section"
    assert found[start:start + len(expected)] == expected
    browser = " ".join(text.split(expected[0], 1)[1].split(expected[7], 1)[0].split())  # lines joined
    for label in GITHUB_LABELS + CHECK_NAMES:
        assert label in browser, label
    assert "sociare-privacy-2027-03-01.docx" in browser and "sociare-privacy-2027-03-01.html" in browser
    # Where a terminal is needed, said in the browser flow: locking, releasing, the website audit.
    for command in ("`privacy-site lock`", "`privacy-site lock --release`", "`privacy-site audit`"):
        assert command in browser, command
    organisation = " ".join(text.split(expected[7], 1)[1].split(expected[8], 1)[0].split())
    assert "`organisation.yaml`" in organisation
    assert "`privacy-site lock --release sociare privacy 2027-03-01`" in organisation
    local = text.split(expected[8], 1)[1].split("\n## ", 1)[0]
    commands = shell_lines(local)
    for command in ("git clone", "git switch -c", "git add", "git commit -m", "git push", "make site", "make serve",
                    ".venv/bin/privacy-site check", ".venv/bin/privacy-site new-version",
                    ".venv/bin/privacy-site lock sociare privacy 2027-03-01"):
        assert any(line.startswith(command) for line in commands), command
    lock = commands.index(".venv/bin/privacy-site lock sociare privacy 2027-03-01")
    assert commands[lock + 1] == "git add policies/versions.lock policies/sociare/privacy/published/"
    assert commands[lock + 2].startswith("git commit -m ") and commands[lock + 3] == "git push"


def test_the_names_the_guide_quotes_are_those_of_the_check() -> None:
    """The check's job, step, summary titles and artifacts, as the guides quote them."""
    workflow = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    for name in ("name: Check, test, build", "name: Check the policies as publishing does",
                 "name: What changes for visitors", "## Preview of the changed site", "name: review", "name: site",
                 "retention-days: 14"):
        assert name in workflow, name
    from privacy_site.tools.summary import __file__ as summary_source
    assert "What changes for visitors" in Path(summary_source).read_text(encoding="utf-8")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_the_line_the_check_shows_until_a_version_is_locked(guide: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = guide.read_text(encoding="utf-8")
    [quoted] = [line for block in blocks(text, "") for line in block.splitlines() if "versions.lock;" in line]
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "policies", "policies")
    fill_summary(new_version(load_corpus(Path("policies")), "sociare", "privacy", DAY))
    capsys.readouterr()
    assert main(["check", "--require-lock", "--config", str(ROOT / "mkdocs.yml")]) == 1
    out = capsys.readouterr()
    assert quoted in (out.out + out.err).splitlines()


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_every_link_within_the_guide_finds_its_section(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    anchors = {slug(h) for h in headings(text)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links
    assert [link for link in links if link not in anchors] == []


def cli_help(*args: str) -> str:
    try:
        main([*args, "--help"])
    except SystemExit as exit_:
        assert exit_.code == 0, args
    raise AssertionError("--help returns through SystemExit")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_every_command_the_guide_shows_exists(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """privacy-site subcommands and options, make targets, git subcommands and options."""
    text = guide.read_text(encoding="utf-8")
    shown = shell_lines(text) + re.findall(r"`((?:\.venv/bin/)?privacy-site [^`]+|make [a-z]+|git [^`]+)`", text)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    git_commands = subprocess.run(["git", "help", "-a"], capture_output=True, text=True, check=True).stdout
    seen = set()
    for line in shown:
        words = shlex.split(line.replace("…", "x"))
        program, rest = words[0].rsplit("/", 1)[-1], words[1:]
        seen.add(program)
        if program == "privacy-site":
            capsys.readouterr()
            try:
                cli_help(rest[0])
            except AssertionError:
                pass
            usage = capsys.readouterr().out
            assert usage.startswith(f"usage: privacy-site {rest[0]}"), line
            for option in (w for w in rest if w.startswith("-")):
                assert re.search(rf"(^|[\s\[,]){re.escape(option)}\b", usage), (line, option)
        elif program == "make":
            assert rest[0] in targets, line
        elif program == "git":
            assert re.search(rf"^   {re.escape(rest[0])}\s", git_commands, flags=re.M), line
            git_help = subprocess.run(["git", rest[0], "-h"], capture_output=True, text=True)
            usage = git_help.stdout + git_help.stderr
            for option in (w for w in rest if w.startswith("-")):
                assert re.search(rf"(^|[\s\[,]){re.escape(option)}\b", usage), (line, option)
    assert {"privacy-site", "make", "git"} <= seen
