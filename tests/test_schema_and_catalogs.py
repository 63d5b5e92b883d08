"""Committed JSON Schemas and gettext catalogs stay in step with the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from babel.messages.pofile import read_po

from privacy_site.i18n.catalogs import LOCALE_DIR, available_languages, untranslated
from privacy_site.source.yamlsrc import load_yaml
from privacy_site.tools.schema import KINDS, render

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema="


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind), "the schema is stale: run `make schemas` and commit the result"


def _example_files() -> list[Path]:
    return sorted((ROOT / "policies").glob("*/*.yaml")) + sorted((ROOT / "policies").glob("*/*/*.yaml"))


@pytest.mark.parametrize("path", _example_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_reference_and_satisfy_their_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE), "the first line tells editors which schema to use"
    schema_path = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
    kind = "organisation" if path.name == "organisation.yaml" else path.parent.name
    assert schema_path == (ROOT / "schemas" / f"{kind}.schema.json").resolve()
    located, problems = load_yaml(path, str(path))
    assert problems == []
    jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8"))).validate(located.data)


def test_interface_languages() -> None:
    assert available_languages() == ("nl", "fr")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_interface_string_is_translated(lang: str, tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_", "-k", "gettext", "-k", "N_", "--no-location", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True, cwd=ROOT)
    with pot.open("rb") as handle:
        used = {m.id for m in read_po(handle) if m.id}
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = {m.id for m in read_po(handle) if m.id}
    assert used - catalog == set(), "run `make messages` and translate the new strings"
    assert untranslated(lang) == []
