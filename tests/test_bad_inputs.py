"""Bad inputs and the exact problems `privacy-site check` reports for them.

Each folder in tests/bad_inputs/ (except _valid) holds a copy of the small valid
organisation in tests/bad_inputs/_valid/ with one deliberate mistake (the case
52-several-mistakes-two-files has several), and expected.txt: the problem lines
printed on stderr by `privacy-site check policies` run inside that folder,
without the final "N problem(s) found." line.

expected.nl.txt and expected.fr.txt hold the same problems told in Dutch and in French
(`--messages nl`, `--messages fr`): every mistake is explained in the three languages editors use.

To regenerate the expectations after changing a message, run inside the case folder:

    privacy-site check policies 2>&1 | sed '$d' > expected.txt
    privacy-site check --messages nl policies 2>&1 | sed '$d' > expected.nl.txt
    privacy-site check --messages fr policies 2>&1 | sed '$d' > expected.fr.txt

and read the new messages before committing them.

One case is generated at run time instead of being stored: a version file over
the 256 KB limit (see test_huge_file_is_refused), to keep a 300 KB fixture out
of the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.source.yamlsrc import MAX_BYTES, load_yaml
from privacy_site.tools.cli import main

CASES_DIR = Path(__file__).parent / "bad_inputs"
VALID = CASES_DIR / "_valid"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def _run_check(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str], str]:
    code = main(["check", *options, "policies"])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out + captured.err


def _split(lines: list[str]) -> tuple[list[str], str]:
    assert lines, "check printed nothing on stderr"
    return lines[:-1], lines[-1]


def _count_line(n: int) -> str:
    return f"{n} problem found." if n == 1 else f"{n} problems found."


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_case_is_told_in_dutch_and_french(lang: str) -> None:
    assert [case for case in CASES if not (CASES_DIR / case / f"expected.{lang}.txt").is_file()] == []


def test_valid_base_passes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The base every case is copied from is valid: each failure below comes from its mistake."""
    monkeypatch.chdir(VALID)
    code = main(["check", "policies"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    assert "no problems found" in captured.out


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = CASES_DIR / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(folder)
    code, lines, output = _run_check(capsys)
    assert "Traceback" not in output
    warnings = sum(": warning: " in line for line in expected)
    if warnings == len(expected):  # warnings only: listed, the check passes; --strict fails on them
        assert code == 0
        assert lines == expected
        assert main(["check", "--strict", "policies"]) == 1
        return
    assert code == 1
    problems, count = _split(lines)
    assert problems == expected
    errors = len(expected) - warnings
    noted = f" and {warnings} warning{'s' * (warnings > 1)} found." if warnings else " found."
    assert count == _count_line(errors).removesuffix(" found.") + noted


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("case", CASES)
def test_bad_input_told_in(case: str, lang: str, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    """The same problems, at the same places, in the editor's language (--messages; LANG by default)."""
    folder = CASES_DIR / case
    told = folder / f"expected.{lang}.txt"
    if not told.is_file():
        pytest.skip(f"no expected.{lang}.txt yet")  # test_every_case_is_told_in_dutch_and_french fails then
    expected = told.read_text(encoding="utf-8").splitlines()
    english = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(folder)
    code, lines, output = _run_check(capsys, "--messages", lang)
    assert "Traceback" not in output
    if code == 1:
        lines = lines[:-1]
    assert lines == expected
    assert [line.split(": ", 1)[0] for line in lines] == [line.split(": ", 1)[0] for line in english]
    assert lines != english, "the messages are still in English"


def test_huge_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generated case: a version file of exactly 300 KB (a long comment appended to a valid file)."""
    shutil.copytree(VALID / "policies", tmp_path / "policies")
    version = tmp_path / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    content = version.read_bytes()
    size = 300 * 1024
    padding = size - len(content) - len(b"# \n")
    version.write_bytes(content + b"# " + b"x" * padding + b"\n")
    assert version.stat().st_size == size > MAX_BYTES
    monkeypatch.chdir(tmp_path)
    code, lines, output = _run_check(capsys)
    assert "Traceback" not in output
    assert code == 1
    problems, count = _split(lines)
    assert problems == [
        "policies/demo/privacy/2024-01-01.yaml:1:1: the file is 300 KB, more than the 256 KB allowed; "
        "split long texts into sections or check that this is the right file"
    ]
    assert count == _count_line(1)


def test_alias_bomb_is_refused_by_the_loader() -> None:
    """The loader refuses the first anchor instead of expanding the aliases (9**8 strings if it did)."""
    path = CASES_DIR / "07-alias-bomb" / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    located, problems = load_yaml(path, "bomb.yaml")
    assert located is None
    assert [str(p) for p in problems] == [
        "bomb.yaml:33:6: anchors and aliases (& and *) are not allowed; write the value out in full"
    ]


def test_alias_bomb_alone_is_refused_by_the_loader(tmp_path: Path) -> None:
    """A bare billion-laughs document, with the aliases at the top level, is refused too."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghij"
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    located, problems = load_yaml(bomb, "bomb.yaml")
    assert located is None
    assert len(problems) == 1
    assert problems[0].line == 1
    assert "anchors and aliases" in problems[0].message


def _check_generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    monkeypatch.chdir(tmp_path)
    code, lines, output = _run_check(capsys)
    assert "Traceback" not in output
    assert code == 1
    problems, count = _split(lines)
    assert count == _count_line(len(problems))
    return problems, output


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_60000_levels_is_refused_while_reading(
    style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generated case: a value nested 60 000 levels deep in a file under the size limit, in both YAML styles."""
    shutil.copytree(VALID / "policies", tmp_path / "policies")
    version = tmp_path / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    if style == "flow":
        deep = "transfers_outside_eea: " + "[" * 60_000 + "none" + "]" * 60_000
    else:  # "- - - - …" on one line nests a list in a list at every dash
        deep = "transfers_outside_eea:\n  " + "- " * 60_000 + "none"
    text = version.read_text(encoding="utf-8").replace("transfers_outside_eea: none", deep)
    version.write_text(text, encoding="utf-8")
    assert version.stat().st_size < MAX_BYTES
    problems, _ = _check_generated(tmp_path, monkeypatch, capsys)
    line = 30 if style == "flow" else 31
    col = 63 if style == "flow" else 81
    assert problems == [
        f"policies/demo/privacy/2024-01-01.yaml:{line}:{col}: lists and fields are nested more than 40 levels deep "
        "here; check the indentation and the brackets [ ] and { } on this line (every opening bracket needs its "
        "closing one)"
    ]


@pytest.mark.parametrize("what", ["version", "organisation", "folder", "lock"])
def test_links_outside_the_policies_folder_are_not_followed(
    what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generated case: a symbolic link to a file of the machine (in CI: the runner's) is refused, never read."""
    shutil.copytree(VALID / "policies", tmp_path / "policies")
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("introduction: {nl: SECRET-CONTENT, fr: SECRET-CONTENT}\n", encoding="utf-8")
    demo = tmp_path / "policies" / "demo"
    link = {"version": demo / "privacy" / "2031-01-01.yaml", "organisation": demo / "organisation.yaml",
            "folder": tmp_path / "policies" / "other", "lock": tmp_path / "policies" / "versions.lock"}[what]
    if link.exists():
        link.unlink()
    link.symlink_to(secret.parent if what == "folder" else secret)
    problems, output = _check_generated(tmp_path, monkeypatch, capsys)
    shown = link.relative_to(tmp_path).as_posix()
    assert problems == [
        f"{shown}:1:1: this is a link to a file or folder outside the policies folder, which is never read; "
        "replace the link with the file itself"
    ]
    assert "SECRET-CONTENT" not in output


def test_a_link_inside_the_policies_folder_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID / "policies", tmp_path / "policies")
    version = tmp_path / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    (tmp_path / "policies" / "demo" / "privacy" / "2031-01-01.yaml").symlink_to(version)
    problems, _ = _check_generated(tmp_path, monkeypatch, capsys)
    assert problems == [  # read like any version: it says nothing about what changed
        "policies/demo/privacy/2031-01-01.yaml:1:1: this version does not say what changed; add \"summary\" with a "
        "few words per language (visitors read it in the change history)"
    ]


def test_an_unexpected_error_in_one_file_is_reported_on_it_and_the_others_are_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug in a check becomes a located problem on the file being checked; the next files are checked too."""
    shutil.copytree(CASES_DIR / "52-several-mistakes-two-files" / "policies", tmp_path / "policies")
    expected = (CASES_DIR / "52-several-mistakes-two-files" / "expected.txt").read_text(encoding="utf-8")
    broken = "policies/demo/cookies/2024-01-01.yaml"

    def failing_check_cookies(statement: object, located: object) -> list[object]:
        raise ValueError("simulated bug")

    monkeypatch.setattr("privacy_site.checks.corpus.check_cookies", failing_check_cookies)
    problems, output = _check_generated(tmp_path, monkeypatch, capsys)
    assert (f"{broken}:1:1: internal error while checking this file (ValueError: simulated bug); the other files "
            "were checked. Please report it to the privacy-site developers with this file") in problems
    others = [line for line in expected.splitlines() if not line.startswith(broken)]
    assert others and set(others) <= set(problems)


def test_a_published_version_with_a_mistake_is_not_called_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generated case: a locked version with a typo is reported once, where the typo is, not as a missing file."""
    shutil.copytree(VALID / "policies", tmp_path / "policies")
    version = tmp_path / "policies" / "demo" / "privacy" / "2024-01-01.yaml"
    (tmp_path / "policies" / "versions.lock").write_text(f"demo/privacy/2024-01-01 sha256:{'0' * 64}\n",
                                                         encoding="utf-8")
    text = version.read_text(encoding="utf-8")
    version.write_text(text.replace("retention:", "retentoin:", 1), encoding="utf-8")
    problems, _ = _check_generated(tmp_path, monkeypatch, capsys)
    assert len(problems) == 1 and 'unknown field "retentoin"' in problems[0], problems
