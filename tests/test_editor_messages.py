"""What privacy-site tells editors, in their language: the editors' catalogs and how a language is chosen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from privacy_site.checks.corpus import load_corpus
from privacy_site.i18n.catalogs import EDITOR_DOMAIN, LOCALE_DIR, editor_gettext, editor_language, untranslated
from privacy_site.source.messages import joined, msg, tell, untold
from privacy_site.source.problems import PolicyError, Problem

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _catalog(lang: str) -> dict[str, str]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "editor.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle, locale=lang) if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every message the code marks with msg(...), as `make messages` extracts them."""
    pot = tmp_path_factory.mktemp("editor") / "editor.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    "--no-default-keywords", "-k", "msg", "--no-location", "-o", str(pot), "."],
                   check=True, capture_output=True, cwd=ROOT)
    with pot.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_editor_message_is_translated(lang: str, extracted: set[str]) -> None:
    catalog = _catalog(lang)
    assert sorted(extracted - set(catalog)) == [], "run `make messages` and translate the new messages"
    assert sorted(set(catalog) - extracted) == [], "run `make messages`: the catalog keeps messages no longer used"
    assert untranslated(lang, EDITOR_DOMAIN) == []


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_translations_keep_every_placeholder(lang: str) -> None:
    """A translation names the same values as the English message (a typo would show English instead)."""
    wrong = {msgid: text for msgid, text in _catalog(lang).items()
             if sorted(_PLACEHOLDER.findall(msgid)) != sorted(_PLACEHOLDER.findall(text))}
    assert wrong == {}


def test_a_message_is_told_in_each_language() -> None:
    nl, fr = editor_gettext("nl"), editor_gettext("fr")
    assert editor_gettext("en") is None
    counted = msg("{n} problems", n=3)
    assert (str(counted), tell(counted, None), tell(counted, nl), tell(counted, fr)) == (
        "3 problems", "3 problems", "3 problemen", "3 problèmes")
    both = joined([msg("1 problem"), counted], " + ")
    assert tell(both, nl) == "1 probleem + 3 problemen"


def test_a_problem_is_told_with_its_place_unchanged() -> None:
    warning = Problem("policies/demo/organisation.yaml", 3, 5, msg("{n} warnings", n=2), severity="warning")
    assert str(warning) == "policies/demo/organisation.yaml:3:5: warning: 2 warnings"
    assert warning.told(editor_gettext("fr")) == "policies/demo/organisation.yaml:3:5: avertissement : 2 avertissements"


def test_a_message_survives_the_check_cache() -> None:
    """Problems are pickled in the check cache: they come back translatable."""
    import pickle

    message = msg("{problems} and {warnings}", problems=msg("1 problem"), warnings=msg("{n} warnings", n=2))
    again = pickle.loads(pickle.dumps(message))
    assert (again, tell(again, editor_gettext("nl"))) == ("1 problem and 2 warnings", "1 probleem en 2 waarschuwingen")


@pytest.mark.parametrize(("chosen", "environ", "expected"), [
    ("fr", {"LANG": "nl_BE.UTF-8"}, "fr"),  # the option wins
    (None, {"LANG": "nl_BE.UTF-8"}, "nl"),
    (None, {"LANG": "fr_BE.UTF-8"}, "fr"),
    (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "nl_BE.UTF-8"}, "fr"),  # as gettext: LC_ALL before LANG
    (None, {"LC_MESSAGES": "nl_NL", "LANG": "fr_BE.UTF-8"}, "nl"),
    (None, {"LANGUAGE": "de:fr", "LANG": "nl_BE.UTF-8"}, "fr"),  # LANGUAGE lists preferences
    (None, {"LANG": "de_DE.UTF-8"}, "en"),  # no catalog: English, never a guess
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {}, "en"),
])
def test_the_language_comes_from_the_option_or_the_environment(
    chosen: str | None, environ: dict[str, str], expected: str
) -> None:
    assert editor_language(chosen, environ) == expected


@pytest.mark.parametrize("case", CASES)
def test_every_problem_of_a_bad_input_can_be_told_in_every_language(case: str) -> None:
    """No message of the bad-input table is a plain English string the catalogs cannot translate."""
    try:
        corpus = load_corpus(CASES_DIR / case / "policies")
        problems = list(corpus.warnings)
    except PolicyError as err:
        problems = err.problems
    assert problems
    assert {str(p): untold(p.message) for p in problems if untold(p.message)} == {}
