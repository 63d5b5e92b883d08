"""`privacy-site summary`: what changes for visitors between two states of the policies."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.tools.cli import main
from privacy_site.tools.editing import new_version

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2027, 3, 1)  # after "today" (2026-11-01, conftest) and after every example version

SOCIARE_NL = [
    "## Sociare (`sociare`): privacy statement",
    "",
    "### New version 2027-03-01 (upcoming)",
    "",
    "Not in versions.lock yet: run `privacy-site lock sociare privacy 2027-03-01` once it is approved (publishing "
    "refuses unlocked versions).",
    "",
    "#### Nederlands (nl)",
    "",
    "Summary:",
    "",
    "> We bewaren de gegevens van onze bestuurders nog 3 jaar na hun mandaat in plaats van 5.",
    "",
    "Changes compared with 2027-02-01:",
    "",
    "- Bewaartermijn voor ‘Bestuur van onze vzw’ gewijzigd",
    "  ```text",
    "  Zolang je mandaat loopt en tot [-5-] {+3+} jaar na het einde ervan. De bewijsstukken van je "
    "verplaatsingskosten horen bij …",
    "  ```",
    "- Nieuwe verwerker: een online platform voor tevredenheidsenquêtes",
    "",
]
SOCIARE_FR = [
    "#### Français (fr)",
    "",
    "Summary:",
    "",
    "> Nous conservons les données de nos administrateurs 3 ans après leur mandat au lieu de 5.",
    "",
    "Changes compared with 2027-02-01:",
    "",
    "- Modification : Durée de conservation pour « Administration de notre asbl »",
    "  ```text",
    "  Pendant toute la durée de votre mandat et jusqu'à [-5-] {+3+} ans après la fin de celui-ci. Les pièces "
    "justificatives de vos frais …",
    "  ```",
    "- Nouveau sous-traitant : une plateforme en ligne d'enquêtes de satisfaction",
    "",
]
FOPAS_COOKIES = [
    "## Fopas, Fonds voor bestaanszekerheid / Fopas, Fonds de sécurité d'existence (`fopas`): cookie statement",
    "",
    "### New version 2027-03-01 (upcoming)",
    "",
    "Not in versions.lock yet: run `privacy-site lock fopas cookies 2027-03-01` once it is approved (publishing "
    "refuses unlocked versions).",
    "",
    "#### Nederlands (nl)",
    "",
    "Summary:",
    "",
    "> Een nieuwe cookie onthoudt uw taalkeuze.",
    "",
    "Changes compared with 2024-09-01:",
    "",
    "- Nieuwe cookie of opslag: ‘lang’",
    "",
    "#### Français (fr)",
    "",
    "Summary:",
    "",
    "> Un nouveau cookie retient votre choix de langue.",
    "",
    "Changes compared with 2024-09-01:",
    "",
    "- Nouveau cookie ou élément de stockage : « lang »",
    "",
]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fill_summary(path: Path, nl: str, fr: str) -> None:
    edit(path, 'nl: "TODO: wat er in deze versie verandert, en waarom"', f'nl: "{nl}"')
    edit(path, 'fr: "TODO : ce qui change dans cette version, et pourquoi"', f'fr: "{fr}"')


def copy_policies(target: Path) -> Path:
    shutil.copytree(ROOT / "policies", target)
    return target


def change(policies: Path) -> None:
    """The editors' change: a new Sociare privacy version and a new Fopas cookie version."""
    corpus = load_corpus(policies)
    privacy = new_version(corpus, "sociare", "privacy", DAY)
    fill_summary(privacy, "We bewaren de gegevens van onze bestuurders nog 3 jaar na hun mandaat in plaats van 5.",
                 "Nous conservons les données de nos administrateurs 3 ans après leur mandat au lieu de 5.")
    edit(privacy, "Zolang je mandaat loopt en tot 5 jaar", "Zolang je mandaat loopt en tot 3 jaar")
    edit(privacy, "jusqu'à 5 ans après la fin de celui-ci", "jusqu'à 3 ans après la fin de celui-ci")
    edit(privacy, "processors:\n", "processors:\n  - nl: een online platform voor tevredenheidsenquêtes\n"
                                   "    fr: une plateforme en ligne d'enquêtes de satisfaction\n")
    cookies = new_version(corpus, "fopas", "cookies", DAY)
    fill_summary(cookies, "Een nieuwe cookie onthoudt uw taalkeuze.",
                 "Un nouveau cookie retient votre choix de langue.")
    edit(cookies, "items: []", "items:\n  - name: lang\n    category: necessary\n    purpose:\n"
                               "      nl: Uw taalkeuze onthouden.\n      fr: Retenir votre choix de langue.\n"
                               "    duration: 1 year")


@pytest.fixture
def states(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Two folders, as CI would export them: the examples, and the examples with the editors' change."""
    monkeypatch.chdir(tmp_path)
    copy_policies(tmp_path / "base" / "policies")
    change(copy_policies(tmp_path / "head" / "policies"))
    return "base/policies", "head/policies"


def summary(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["summary", *args]) == 0
    return capsys.readouterr().out.split("\n")


def block(lines: list[str], start: str) -> list[str]:
    """The lines from `start` to the next heading of the same level (or the end)."""
    first = lines.index(start)
    level = start.split(" ")[0] + " "
    end = next((i for i in range(first + 1, len(lines)) if lines[i].startswith(level)), len(lines))
    return lines[first:end]


def test_new_versions_in_both_languages(states: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = states
    lines = summary(capsys, "--base-dir", base, "--head-dir", head)
    assert lines[:4] == ["# What changes for visitors", "",
                         "From `base/policies` to `head/policies`; build date 2026-11-01.", ""]
    assert block(lines, "## Sociare (`sociare`): privacy statement") == SOCIARE_NL + SOCIARE_FR
    assert block(lines, FOPAS_COOKIES[0]) == FOPAS_COOKIES
    assert "## Check problems" not in lines
    headings = [line for line in lines if line.startswith("## ")]
    # The examples have no wording warnings (issue #14), so a version copied from them brings none either
    # (test_wording.py covers the "Warnings" section of a change that brings some).
    assert headings == [FOPAS_COOKIES[0], SOCIARE_NL[0]], "nothing else changed"
    assert not any(": warning: " in line for line in lines)


def test_one_language(states: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = states
    lines = summary(capsys, "--base-dir", base, "--head-dir", head, "--lang", "fr")
    sociare = block(lines, "## Sociare (`sociare`): privacy statement")
    assert sociare == SOCIARE_NL[:6] + SOCIARE_FR
    assert "#### Nederlands (nl)" not in lines


def test_locked_versions_after_lock(states: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = states
    assert main(["lock", "--all", "--policies", head]) == 0
    capsys.readouterr()
    lines = summary(capsys, "--base-dir", base, "--head-dir", head)
    assert not any(line.startswith("Not in versions.lock yet") for line in lines)


def test_no_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    copy_policies(tmp_path / "a")
    copy_policies(tmp_path / "b")
    assert summary(capsys, "--base-dir", "a", "--head-dir", "b")[2:] == [
        "From `a` to `b`; build date 2026-11-01.", "", "No change for visitors.", ""]


def test_check_problems_are_listed_not_raised(states: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = states
    org = Path(head) / "vdab" / "organisation.yaml"
    edit(org, "kind: public", "kind: publik")
    line = org.read_text(encoding="utf-8").split("\n").index("kind: publik") + 1
    lines = summary(capsys, "--base-dir", base, "--head-dir", head)
    problems = block(lines, "## Check problems")
    assert problems[:3] == [
        "## Check problems", "",
        "The new state does not pass `privacy-site check` (1 problem); nothing can be published until they are "
        "fixed, and the details below are incomplete until then."]
    assert problems[4:7] == [
        "```text",
        f'head/policies/vdab/organisation.yaml:{line}:7: kind: "publik" is not allowed here; did you mean "public"?',
        "```"]
    sociare = block(lines, "## Sociare (`sociare`): privacy statement")
    assert sociare == ["## Sociare (`sociare`): privacy statement", "",
                       "### New version 2027-03-01 (not checked)", "",
                       "Details appear once the check problems are fixed.", ""]
    assert "## Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding / Office flamand de l'emploi et de la " \
           "formation professionnelle (`vdab`): organisation details" in lines
    assert ("organisation.yaml changed: `kind` (the contact page and versions not yet published show it at once; "
            "published versions keep the details they were published with until a new version takes effect)."
            in lines)


def test_published_versions_changed_or_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    copy_policies(tmp_path / "base")
    head = copy_policies(tmp_path / "head")
    # Someone edits a published version and drops it and another from the lock, so the check passes.
    published = head / "sociare" / "privacy" / "2025-06-01.yaml"
    edit(published, "maximaal 5 jaar na het einde", "maximaal 7 jaar na het einde")
    edit(published, "au maximum 5 ans après la fin", "au maximum 7 ans après la fin")
    (head / "fopas" / "privacy" / "2023-07-01.yaml").unlink()
    lock = head / "versions.lock"
    lock.write_text("".join(line for line in lock.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith(("sociare/privacy/2025-06-01", "fopas/privacy/2023-07-01"))),
                    encoding="utf-8")
    for record in [*head.glob("sociare/privacy/published/2025-06-01.*"),
                   *head.glob("fopas/privacy/published/2023-07-01.*")]:
        record.unlink()  # and their records, which the check would otherwise find without a lock entry
    lines = summary(capsys, "--base-dir", "base", "--head-dir", "head", "--lang", "nl")
    assert "## Check problems" not in lines
    assert block(lines, "## Published versions changed or removed") == [
        "## Published versions changed or removed", "",
        "A published version never changes: restore it from git and put the change in a new version "
        "(`privacy-site new-version ORG DOCUMENT`).", "",
        "- `fopas/privacy/2023-07-01` was removed",
        "- `sociare/privacy/2025-06-01` changed", ""]
    assert "### Version 2023-07-01 removed (published: not allowed)" in lines
    sociare = block(lines, "### Version 2025-06-01 changed (published: not allowed)")
    assert "Changes compared with the previous text of this version:" in sociare
    assert "- Bewaartermijn voor ‘Dienstverlening en belangenbehartiging voor onze leden’ gewijzigd" in sociare


def test_new_organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    copy_policies(tmp_path / "base")
    head = copy_policies(tmp_path / "head")
    shutil.copytree(head / "sociare", head / "sociare-bis", ignore=shutil.ignore_patterns("published"))
    lines = summary(capsys, "--base-dir", "base", "--head-dir", "head", "--lang", "fr")
    assert block(lines, "## New organisations") == ["## New organisations", "", "- Sociare (`sociare-bis`)", ""]
    cookies = block(lines, "## Sociare (`sociare-bis`): cookie statement")
    assert cookies[:8] == ["## Sociare (`sociare-bis`): cookie statement", "",
                           "### New version 2025-06-01 (superseded)", "",
                           "Not in versions.lock yet: run `privacy-site lock sociare-bis cookies 2025-06-01` once it "
                           "is approved (publishing refuses unlocked versions).", "",
                           "First version of this document.", ""]
    assert cookies[8] == "### New version 2026-10-15 (current)"
    assert cookies[-2:] == ["- Nouveau site web dans cette déclaration : www.sociare.be", ""]
    privacy = block(lines, "## Sociare (`sociare-bis`): privacy statement")
    assert "### New version 2020-10-07 (superseded)" in privacy
    assert "### New version 2025-06-01 (current)" in privacy


# --- git revisions -----------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                             "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the examples on main, and a branch `editors` checked out."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    copy_policies(repo / "policies")
    (repo / "README.md").write_text("privacy statements\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "examples")
    git(repo, "checkout", "--quiet", "-b", "editors")
    monkeypatch.chdir(repo)
    return repo


def test_default_base_is_where_the_branch_left_main(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fork = git(repo, "rev-parse", "--short=7", "main")
    change(Path("policies"))  # uncommitted edits
    lines = summary(capsys)
    assert lines[2] == f"From `main` at {fork} (where this branch started) to the working tree (`policies`); " \
                       "build date 2026-11-01."
    assert block(lines, "## Sociare (`sociare`): privacy statement") == SOCIARE_NL + SOCIARE_FR
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "new versions")
    assert summary(capsys)[2].startswith(f"From `main` at {fork} (where this branch started)")
    # The same report between two revisions, whatever is checked out.
    git(repo, "checkout", "--quiet", "main")
    lines = summary(capsys, "--base", "main", "--head", "editors")
    assert lines[2] == "From `main` to `editors`; build date 2026-11-01."
    assert block(lines, FOPAS_COOKIES[0]) == FOPAS_COOKIES


def test_on_main_the_default_base_is_the_previous_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change(Path("policies"))
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "new versions")
    git(repo, "checkout", "--quiet", "main")
    git(repo, "merge", "--quiet", "--ff-only", "editors")
    previous = git(repo, "rev-parse", "--short=7", "HEAD~1")
    lines = summary(capsys)
    assert lines[2] == f"From `HEAD~1` ({previous}) to the working tree (`policies`); build date 2026-11-01."
    assert block(lines, FOPAS_COOKIES[0]) == FOPAS_COOKIES


def test_problems_of_a_revision_name_the_repository_path(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = load_corpus(Path("policies"))
    new_version(corpus, "sociare", "privacy", DAY)  # the TODO summary is left in
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "draft")
    lines = summary(capsys, "--head", "HEAD", "--base", "main")
    assert "policies/sociare/privacy/2027-03-01.yaml:3:7: summary → nl: replace the TODO placeholder with what " \
           "changed in this version" in lines


def test_a_revision_without_policies_is_an_empty_state(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "checkout", "--quiet", "--orphan", "empty")
    git(repo, "rm", "-r", "--quiet", "--cached", "policies")
    git(repo, "commit", "--quiet", "-m", "readme only")
    git(repo, "checkout", "--quiet", "-f", "editors")
    lines = summary(capsys, "--base", "empty", "--lang", "nl")
    assert block(lines, "## New organisations")[2:7] == [
        "- Departement Werk en Sociale Economie / Département Emploi et Économie sociale (`departement-wse`)",
        "- Fopas, Fonds voor bestaanszekerheid / Fopas, Fonds de sécurité d'existence (`fopas`)",
        "- Payvera-groep / Groupe Payvera (`payvera`)",
        "- Sociare (`sociare`)",
        "- Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding / Office flamand de l'emploi et de la formation "
        "professionnelle (`vdab`)"]


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--base", "origin/nope"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith('privacy-site summary: "origin/nope" is not a git revision here')


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    copy_policies(tmp_path / "policies")
    assert main(["summary"]) == 1
    assert "is not in a git repository; compare folders with --base-dir and --head-dir" in capsys.readouterr().err
