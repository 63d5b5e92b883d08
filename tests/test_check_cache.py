"""The per-file check cache: a repeated check reuses results, a changed file is checked again, same output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.checks import checkcache, corpus
from privacy_site.checks.checkcache import StoredTuple
from privacy_site.model.documents import Version
from privacy_site.source import tree
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


def _count(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)
        calls.append(result)
        return result

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_warm_check_parses_nothing_and_unpickles_no_version(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(cached / "policies")
    shutil.copytree(CASES / "_valid" / "policies", cached / "policies")
    assert main(["check", "policies"]) == 0
    pickle_file = next((cached / "cache").glob("check-*.pickle"))
    written = pickle_file.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        parsed = _count(patch, tree, "parse_yaml")
        organisations = _count(patch, corpus, "_check_organisation_file")
        unpickled = _count(patch, checkcache.pickle, "loads")
        assert main(["check", "policies"]) == 0
    assert "1 organisation, 2 versions: no problems found." in capsys.readouterr().out
    assert parsed == [] and organisations == []
    assert not [value for value in unpickled if isinstance(value, Version)]  # only the organisation's model
    assert pickle_file.stat().st_mtime_ns == written  # nothing changed: the cache is not written again


def test_a_changed_organisation_is_parsed_again(cached: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _run(monkeypatch, capsys)
    org = cached / "policies" / "demo" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    organisations = _count(monkeypatch, corpus, "_check_organisation_file")
    first = _run(monkeypatch, capsys)
    assert len(organisations) == 1 and first[2] == 2
    assert _run(monkeypatch, capsys)[1:] == (first[1], 0) and len(organisations) == 1


def test_a_warm_load_gives_the_same_corpus(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Versions from the cache are unpickled when used, and equal those checked afresh."""
    root = Path(__file__).parent.parent / "policies"
    corpus.load_corpus(root)
    warm = corpus.load_corpus(root)
    monkeypatch.setenv("PRIVACY_SITE_NO_CACHE", "1")
    fresh = corpus.load_corpus(root)
    assert [o.slug for o in warm.orgs] == [o.slug for o in fresh.orgs] and warm.operator == fresh.operator
    for old, new in zip(fresh.orgs, warm.orgs, strict=True):
        assert old.organisation == new.organisation
        assert list(old.documents) == list(new.documents)
        for document, versions in new.documents.items():
            assert isinstance(versions, StoredTuple) and len(versions) == len(old.documents[document])
            assert versions[-1] == old.documents[document][-1] and versions[:] == tuple(old.documents[document])
            assert versions == old.documents[document] and new.current(document) == old.current(document)
            assert [v.effective for v in reversed(versions)] == [v.effective for v in old.documents[document]][::-1]


def test_the_cache_lives_in_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVACY_SITE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = checkcache.CheckCache(tmp_path).path
    assert path.parent == tmp_path / "xdg" / "privacy-site" and path.suffix == ".pickle"


def test_the_language_detector_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another lingua version may judge texts differently: its results are not reused."""
    before = checkcache.code_fingerprint()
    real = checkcache.metadata.version
    monkeypatch.setattr(checkcache.metadata, "version",
                        lambda name: "0.0.1" if name == "lingua-language-detector" else real(name))
    assert checkcache.code_fingerprint() != before
