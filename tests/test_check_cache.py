"""The per-file check cache: a repeated check reuses results, a changed file is checked again, same output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.checks import corpus
from privacy_site.tools.cli import main

CASES = Path(__file__).parent / "bad_inputs"


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, int]:
    calls = []
    real = corpus._check_version

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus, "_check_version", counted)
    code = main(["check", "policies"])
    return code, capsys.readouterr().err, len(calls)


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PRIVACY_SITE_NO_CACHE", raising=False)
    monkeypatch.setenv("PRIVACY_SITE_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(CASES / "52-several-mistakes-two-files" / "policies", tmp_path / "policies")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_second_check_reuses_every_result(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    first = _run(monkeypatch, capsys)
    second = _run(monkeypatch, capsys)
    assert first[0] == second[0] == 1
    assert first[1] == second[1]  # the same problems, in the same order
    assert first[2] == 2 and second[2] == 0
    assert list((cached / "cache").glob("check-*.pickle"))


def test_a_changed_file_is_checked_again(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _run(monkeypatch, capsys)
    version = cached / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    version.write_text(version.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    code, err, calls = _run(monkeypatch, capsys)
    assert (code, calls) == (1, 1)
    assert err.endswith("problems found.\n")


def test_a_changed_organisation_checks_its_versions_again(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    _run(monkeypatch, capsys)
    org = cached / "policies" / "demo" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert _run(monkeypatch, capsys)[2] == 2


def test_a_damaged_cache_is_ignored(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    first = _run(monkeypatch, capsys)
    for path in (cached / "cache").glob("check-*.pickle"):
        path.write_bytes(b"not a pickle")
    again = _run(monkeypatch, capsys)
    assert again[:2] == first[:2] and again[2] == 2
