"""Reading a policies folder (privacy_site.source.tree) comes before, and apart from, checking it."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from privacy_site.source import tree
from privacy_site.source.problems import PolicyError

VALID = Path(__file__).parent / "bad_inputs" / "_valid" / "policies"


@pytest.fixture
def policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(VALID, tmp_path / "policies")
    monkeypatch.chdir(tmp_path)
    return Path("policies")


def test_reading_parses_nothing(policies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*args: object) -> None:
        raise AssertionError("read_tree must not parse YAML")

    monkeypatch.setattr(tree, "parse_yaml", no_parsing)
    found = tree.read_tree(policies)
    assert found.problems == [] and found.site is None and found.lock.entries is None
    (org,) = found.orgs
    assert (org.slug, org.shown, org.organisation_shown) == ("demo", "policies/demo", "policies/demo/organisation.yaml")
    assert org.organisation is not None and org.organisation.raw.startswith(b"name:")
    assert list(org.documents) == ["cookies", "privacy"]  # in disk order; the checks put privacy first
    (version,) = org.documents["privacy"]
    assert (version.effective, version.first, version.source.shown) == (
        date(2024, 1, 1), True, "policies/demo/privacy/2024-01-01.yaml")
    assert version.source.digest is not None and len(version.source.digest) == 64


def test_names_and_places_are_reported_while_reading(policies: Path) -> None:
    (policies / "stray.yaml").write_text("a: b\n", encoding="utf-8")
    (policies / "Demo2").mkdir()
    (policies / "demo" / "privacy" / "2024-02-30.yaml").write_text("a: b\n", encoding="utf-8")
    (policies / "demo" / "privacy" / "2025-01-01.yaml").mkdir()
    os.symlink("/", policies / "demo" / "cookies" / "2030-01-01.yaml")
    found = tree.read_tree(policies)
    assert [(p.path, p.message.split(";")[0]) for p in found.problems] == [
        ("policies/Demo2", '"Demo2" is not a valid organisation folder name'),
        ("policies/demo/privacy/2024-02-30.yaml", '"2024-02-30.yaml": 2024-02-30 is not a real date'),
        ("policies/stray.yaml", "policy files belong in an organisation folder"),
    ]
    versions = found.orgs[0].documents
    assert [v.first for v in versions["privacy"]] == [True, False]
    folder, outside = versions["privacy"][1].source, versions["cookies"][1].source
    assert folder.digest is None and folder.problem is not None and "is a folder, not a file" in folder.problem.message
    assert outside.problem is not None and "outside the policies folder" in outside.problem.message
    assert outside.load() == (None, [outside.problem])


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as raised:
        tree.read_tree(tmp_path / "nowhere")
    assert [p.message for p in raised.value.problems] == [
        "the policies folder does not exist; create it or pass the right folder"]
