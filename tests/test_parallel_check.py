"""Checking on every core gives what one process gives: the same problems in the same order, the same corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.checks import corpus, parallel
from privacy_site.checks.corpus import load_corpus
from privacy_site.source.problems import PolicyError

CASES = Path(__file__).parent / "bad_inputs"
VALID = CASES / "_valid" / "policies" / "demo"


def _many_organisations(root: Path) -> Path:
    """Every organisation folder of the bad inputs, side by side, and valid ones: many problems, many files."""
    root.mkdir()
    for case in sorted(CASES.glob("[0-9]*")):
        for folder in sorted((case / "policies").glob("*")):
            if folder.is_dir() and not folder.is_symlink():
                try:
                    shutil.copytree(folder, root / f"c{case.name[:2]}-{folder.name}", symlinks=True)
                except OSError:  # a case made to be unreadable; the others are enough
                    continue
    for number in range(parallel.MIN_ITEMS):
        shutil.copytree(VALID, root / f"valid-{number:02d}")
    return root


def _outcome(policies: Path) -> tuple[str, tuple[str, ...]]:
    try:
        loaded = load_corpus(policies)
    except PolicyError as err:
        return err.report(), ()
    return "", tuple(org.slug for org in loaded.orgs)


@pytest.mark.skipif(parallel.cores() < 2, reason="one core: nothing is forked")
def test_forked_checks_report_what_one_process_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policies = _many_organisations(tmp_path / "policies")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # whatever the test runner started
    forked = []
    real = corpus.map_forked

    def counted(*args: object) -> object:
        result = real(*args)  # type: ignore[arg-type]
        forked.append(result is not None)
        return result

    monkeypatch.setattr(corpus, "map_forked", counted)
    together = _outcome(policies)
    assert forked == [True], "the check ran in forked processes"
    monkeypatch.setattr(corpus, "worth_forking", lambda items: False)
    alone = _outcome(policies)
    assert together == alone
    assert together[0].count("\n") > 50, "many problems were compared"


def _checked_again(policies: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[str, tuple[str, ...]], int]:
    """A second check: its outcome and how many version files it checked again (not cached)."""
    checked: list[object] = []
    real = corpus._check_version
    with monkeypatch.context() as patch:
        patch.setattr(corpus, "_check_version", lambda *args: checked.append(args) or real(*args))
        outcome = _outcome(policies)
    return outcome, len(checked)


@pytest.mark.skipif(parallel.cores() < 2, reason="one core: nothing is forked")
def test_a_forked_check_fills_the_cache_as_one_process_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVACY_SITE_NO_CACHE", raising=False)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    policies = _many_organisations(tmp_path / "policies")
    monkeypatch.setenv("PRIVACY_SITE_CACHE_DIR", str(tmp_path / "forked"))
    first = _outcome(policies)
    after_forks = _checked_again(policies, monkeypatch)
    monkeypatch.setenv("PRIVACY_SITE_CACHE_DIR", str(tmp_path / "alone"))
    monkeypatch.setattr(corpus, "worth_forking", lambda items: False)
    _outcome(policies)
    after_one = _checked_again(policies, monkeypatch)
    assert after_forks == after_one == (first, after_one[1])
    assert after_one[1] < 40, "most results came from the cache"
