"""Bad inputs and the exact problems `privacy-site check` reports for them.

Each folder in tests/bad_inputs/ (except _valid) holds a copy of the small valid
organisation in tests/bad_inputs/_valid/ with one deliberate mistake (the case
52-several-mistakes-two-files has several), and expected.txt: the problem lines
printed on stderr by `privacy-site check policies` run inside that folder,
without the final "N problem(s) found." line.

To regenerate an expected.txt after changing a message, run inside the case folder:

    privacy-site check policies 2>&1 | sed '$d' > expected.txt

and read the new messages before committing them.

One case is generated at run time instead of being stored: a version file over
the 256 KB limit (see test_huge_file_is_refused), to keep a 300 KB fixture out
of the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.cli import main
from privacy_site.yamlsrc import MAX_BYTES, load_yaml

CASES_DIR = Path(__file__).parent / "bad_inputs"
VALID = CASES_DIR / "_valid"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def _run_check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["check", "policies"])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out + captured.err


def _split(lines: list[str]) -> tuple[list[str], str]:
    assert lines, "check printed nothing on stderr"
    return lines[:-1], lines[-1]


def _count_line(n: int) -> str:
    return f"{n} problem found." if n == 1 else f"{n} problems found."


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


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
    assert code == 1
    problems, count = _split(lines)
    assert problems == expected
    assert count == _count_line(len(expected))


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
