"""Published versions never change or disappear; editors start, compare and lock versions."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.source.problems import PolicyError
from privacy_site.tools.cli import main


def problems(policies: Path, **kwargs: object) -> list[str]:
    try:
        load_corpus(policies, **kwargs)  # type: ignore[arg-type]
    except PolicyError as err:
        return [str(p).split("policies/", 1)[-1] for p in err.problems]
    return []


def test_the_examples_are_locked(locked_policies: Path) -> None:
    assert problems(locked_policies, require_lock=True) == []


def test_an_edited_published_version_is_refused(locked_policies: Path) -> None:
    path = locked_policies / "sociare" / "privacy" / "2022-03-15.yaml"
    text = path.read_text(encoding="utf-8").replace("5 jaar", "6 jaar").replace("5 ans", "6 ans")
    path.write_text(text, encoding="utf-8")
    assert problems(locked_policies) == [
        "sociare/privacy/2022-03-15.yaml:1:1: this version is published and must not change; undo the change and "
        "put it in a new version (privacy-site new-version sociare privacy)"]


def test_comments_and_layout_may_change(locked_policies: Path) -> None:
    path = locked_policies / "sociare" / "privacy" / "2022-03-15.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a note for editors\n\n", encoding="utf-8")
    assert problems(locked_policies) == []


def test_a_deleted_published_version_is_refused(locked_policies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(locked_policies.parent)
    (locked_policies / "fopas" / "privacy" / "2023-07-01.yaml").unlink()
    lines = (locked_policies / "versions.lock").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("fopas/privacy/2023-07-01 "))
    assert problems(Path("policies")) == [
        f"versions.lock:{line}:1: fopas/privacy/2023-07-01 is published but policies/fopas/privacy/2023-07-01.yaml "
        "is gone; restore the file from git (published versions stay available for good)"]


def test_unlocked_versions_are_drafts_until_publishing(locked_policies: Path) -> None:
    lock = locked_policies / "versions.lock"
    lock.write_text("".join(line + "\n" for line in lock.read_text(encoding="utf-8").splitlines()
                            if not line.startswith("vdab/privacy/")), encoding="utf-8")
    assert len(problems(locked_policies)) == 4  # the records of versions no longer locked have no place
    shutil.rmtree(locked_policies / "vdab" / "privacy" / "published")
    assert problems(locked_policies) == []
    assert problems(locked_policies, require_lock=True) == [
        f"vdab/privacy/{day}.yaml:1:1: this version is not recorded in versions.lock; run `privacy-site lock vdab "
        f"privacy {day}` once it is approved" for day in ("2024-01-01", "2027-02-01")]


def test_lock_lists_then_locks_one_version_and_never_rewrites(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    lock = locked_policies / "versions.lock"
    before = lock.read_text(encoding="utf-8")
    monkeypatch.chdir(locked_policies.parent)
    assert main(["lock"]) == 0
    assert capsys.readouterr().out == "every version was already locked\n"
    assert lock.read_text(encoding="utf-8") == before
    # Two colleagues each start a version; `lock` alone only lists them.
    for org in ("vdab", "sociare"):
        assert main(["new-version", org, "privacy", "--date", "2027-03-01"]) == 0
        new = locked_policies / org / "privacy" / "2027-03-01.yaml"
        text = new.read_text(encoding="utf-8")
        new.write_text(text.replace("TODO: wat er in deze versie verandert, en waarom", "Een verduidelijking.")
                       .replace("TODO : ce qui change dans cette version, et pourquoi", "Une précision."),
                       encoding="utf-8")
    capsys.readouterr()
    assert main(["lock"]) == 0
    assert capsys.readouterr().out == (
        "Not locked yet:\n  sociare privacy 2027-03-01\n  vdab privacy 2027-03-01\n"
        "Lock one once it is approved: privacy-site lock ORGANISATION DOCUMENT DATE; all of them: "
        "privacy-site lock --all\n")
    assert lock.read_text(encoding="utf-8") == before
    assert main(["lock", "vdab", "privacy", "2027-03-01"]) == 0
    assert capsys.readouterr().out == "locked vdab/privacy/2027-03-01\n"
    after = lock.read_text(encoding="utf-8")
    assert set(before.splitlines()) <= set(after.splitlines())
    assert not any(line.startswith("sociare/privacy/2027-03-01") for line in after.splitlines())
    # What visitors will read is recorded in each language, and its hash is in the lock.
    line = next(x for x in after.splitlines() if x.startswith("vdab/privacy/2027-03-01 "))
    for lang in ("nl", "fr"):
        record = locked_policies / "vdab" / "privacy" / "published" / f"2027-03-01.{lang}.html"
        assert f" {lang}:{hashlib.sha256(record.read_bytes()).hexdigest()}" in line
    assert main(["lock", "vdab", "privacy", "2027-03-01"]) == 1
    assert capsys.readouterr().err == "privacy-site lock: vdab/privacy/2027-03-01 is already locked\n"
    assert main(["lock", "vdab", "privacy", "2027-04-01"]) == 1
    assert capsys.readouterr().err == ("privacy-site lock: there is no version vdab/privacy/2027-04-01; versions not "
                                       "locked yet: sociare privacy 2027-03-01\n")
    assert main(["lock", "--all"]) == 0
    assert capsys.readouterr().out == "locked sociare/privacy/2027-03-01\n"
    assert main(["check", "--require-lock", "--strict"]) == 0


@pytest.mark.parametrize("chosen", ["option", "environment"])
def test_lock_and_new_version_speak_the_editors_language(chosen: str, locked_policies: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`--messages nl`, or a Dutch environment (LANG=nl_BE.UTF-8): what the commands say is told in Dutch."""
    monkeypatch.chdir(locked_policies.parent)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8" if chosen == "environment" else "C.UTF-8")
    told = ["--messages", "nl"] if chosen == "option" else []
    assert main(["lock", *told]) == 0
    assert capsys.readouterr().out == "alle versies waren al vergrendeld\n"
    assert main(["new-version", "vdab", "privacy", "--date", "2027-03-01", *told]) == 0
    assert capsys.readouterr().out == ("policies/vdab/privacy/2027-03-01.yaml: bewerk dit bestand en vervang de "
                                       "samenvatting TODO; de versie wordt van kracht op 2027-03-01\n")
    new = locked_policies / "vdab" / "privacy" / "2027-03-01.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("TODO: wat er in deze versie verandert, en waarom",
                                                           "Een verduidelijking.")
                   .replace("TODO : ce qui change dans cette version, et pourquoi", "Une précision."), encoding="utf-8")
    assert main(["new-version", "vdab", "privacy", "--date", "2027-03-01", *told]) == 1
    assert capsys.readouterr().err == ("privacy-site new-version: een nieuwe versie moet na de laatste (2027-03-01) "
                                       "van kracht worden; kies een latere --date\n")
    assert main(["lock", *told]) == 0
    assert capsys.readouterr().out == (
        "Nog niet vergrendeld:\n  vdab privacy 2027-03-01\n"
        "Vergrendel een versie zodra ze goedgekeurd is: privacy-site lock ORGANISATION DOCUMENT DATE; allemaal: "
        "privacy-site lock --all\n")
    assert main(["lock", "vdab", "privacy", "2027-04-01", *told]) == 1
    assert capsys.readouterr().err == ("privacy-site lock: er is geen versie vdab/privacy/2027-04-01; versies die nog "
                                       "niet vergrendeld zijn: vdab privacy 2027-03-01\n")
    assert main(["lock", "vdab", "privacy", "2027-03-01", *told]) == 0
    assert capsys.readouterr().out == "vdab/privacy/2027-03-01 vergrendeld\n"


def test_release_works_after_the_upcoming_version_was_edited(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    upcoming = locked_policies / "vdab" / "privacy" / "2027-02-01.yaml"
    text = upcoming.read_text(encoding="utf-8")
    upcoming.write_text(text.replace("We zeggen nu", "Correctie: we zeggen nu", 1), encoding="utf-8")
    assert main(["check"]) == 1
    assert "this version is published and must not change" in capsys.readouterr().err
    assert main(["lock", "--release", "vdab", "privacy", "2027-02-01"]) == 0
    assert not list((locked_policies / "vdab" / "privacy" / "published").glob("2027-02-01.*"))
    assert main(["check"]) == 0


def test_new_version_needs_its_summary_filled_in(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    assert main(["new-version", "fopas", "privacy", "--date", "2027-06-01"]) == 0
    new = locked_policies / "fopas" / "privacy" / "2027-06-01.yaml"
    lines = new.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# yaml-language-server: $schema=")
    assert lines[1:4] == ["summary:", '  nl: "TODO: wat er in deze versie verandert, en waarom"',
                          '  fr: "TODO : ce qui change dans cette version, et pourquoi"']
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert ("policies/fopas/privacy/2027-06-01.yaml:3:7: summary → nl: replace the TODO placeholder with what "
            "changed in this version") in err
    # Starting from the latest version keeps what the upcoming one already changed.
    assert "satisfaction-survey" in new.read_text(encoding="utf-8")


def test_new_version_must_come_after_the_latest(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    assert main(["new-version", "fopas", "privacy", "--date", "2026-12-01"]) == 1
    assert ("a new version must take effect after the latest one (2027-02-01); choose a later --date"
            in capsys.readouterr().err)


def test_a_version_after_the_first_needs_a_summary(policies_copy: Path) -> None:
    path = policies_copy / "sociare" / "privacy" / "2022-03-15.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("summary:")
    end = text.index("\nintroduction:")
    path.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    assert problems(policies_copy) == [
        'sociare/privacy/2022-03-15.yaml:2:1: this version does not say what changed; add "summary" with a few '
        "words per language (visitors read it in the change history)"]


def test_release_only_for_upcoming_versions(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    assert main(["lock", "--release", "fopas", "privacy", "2024-09-01"]) == 1
    assert "already in effect; it can no longer change" in capsys.readouterr().err
    assert main(["lock", "--release", "fopas", "privacy", "2027-01-01"]) == 0
    assert "fopas/privacy/2027-01-01" not in (locked_policies / "versions.lock").read_text(encoding="utf-8")


def test_diff_prints_the_change_list(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    assert main(["diff", "fopas", "privacy", "2023-07-01", "2024-09-01"]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[0] == "fopas privacy: 2023-07-01 → 2024-09-01"
    assert "- Bewaartermijn voor ‘Outplacement: aanvullende gegevens’ gewijzigd" in out
    retention = out[out.index("- Bewaartermijn voor ‘Outplacement: aanvullende gegevens’ gewijzigd") + 1]
    assert "[-zolang dat nodig is om-] {+tot vijf jaar na het einde van het outplacementtraject." in retention
    assert main(["diff", "fopas", "privacy", "2024-09-01", "2027-01-01", "--lang", "fr"]) == 0
    assert capsys.readouterr().out.startswith("fopas privacy: 2024-09-01 → 2027-01-01\n- Destinataire supprimé")
    assert main(["diff", "fopas", "privacy", "--lang", "fr"]) == 0  # the last two versions
    assert capsys.readouterr().out.startswith(
        "fopas privacy: 2027-01-01 → 2027-02-01\n- Finalité de « Participation à la formation, à l'accompagnement "
        "de carrière et à l'outplacement » reformulée")


def test_diff_default_compares_the_last_two(locked_policies: Path) -> None:
    corpus = load_corpus(locked_policies, date(2026, 11, 1))
    fopas = next(o for o in corpus.orgs if o.slug == "fopas")
    assert [v.effective for v in fopas.documents["privacy"][-2:]] == [date(2027, 1, 1), date(2027, 2, 1)]


def test_diff_works_for_cookie_statements(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    assert main(["new-version", "vdab", "cookies", "--date", "2027-02-01"]) == 0
    path = locked_policies / "vdab" / "cookies" / "2027-02-01.yaml"
    text = path.read_text(encoding="utf-8").replace("TODO: wat er in deze versie verandert, en waarom",
                                                    "Taalkeuze onthouden.", 1)
    text = text.replace("TODO : ce qui change dans cette version, et pourquoi", "Mémoriser la langue.", 1)
    text = text.replace("items: []", "items:\n  - name: lang\n    category: necessary\n    purpose: {nl: Uw taal, "
                                     "fr: Votre langue}\n    duration: 1 year")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", "vdab", "cookies"]) == 0
    assert capsys.readouterr().out.split("\n")[:2] == ["vdab cookies: 2024-01-01 → 2027-02-01",
                                                      "- Nieuwe cookie of opslag: ‘lang’"]
