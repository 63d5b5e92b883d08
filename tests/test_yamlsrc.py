"""The YAML loader: no type guessing, positions for every value, refusals in plain words."""

from __future__ import annotations

from pathlib import Path

from privacy_site.source.yamlsrc import load_yaml


def load(tmp_path: Path, text: str | bytes):  # noqa: ANN201 - test helper
    path = tmp_path / "file.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path, "file.yaml")


def test_scalars_stay_text_except_true_false_null(tmp_path: Path) -> None:
    located, problems = load(tmp_path, "a: no\nb: 1.10\nc: 0800 30 700\nd: 2023-07-01\ne: true\nf:\ng: 'true'\n"
                                       "h: 010\ni: 1e3\n")
    assert problems == []
    assert located.data == {"a": "no", "b": "1.10", "c": "0800 30 700", "d": "2023-07-01", "e": True,
                            "f": None, "g": "true", "h": "010", "i": "1e3"}


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    located, _ = load(tmp_path, "name:\n  nl: Fopas\n  fr: Fopas\nlist:\n  - one\n  - two: 2\n")
    assert located.pos(("name", "fr")) == (3, 7)
    assert located.key(("name", "fr")) == (3, 3)
    assert located.pos(("list", 1, "two")) == (6, 10)
    # A path that does not exist falls back to its nearest parent.
    assert located.pos(("list", 1, "missing")) == (6, 5)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    located, problems = load(tmp_path, "\ufeffa: b\n")
    assert problems == [] and located.data == {"a": "b"}


def test_quoted_keys_with_colons_and_unicode(tmp_path: Path) -> None:
    located, problems = load(tmp_path, 'fr: "Qui est responsable : nous"\nnl: Één “citaat”\n')
    assert problems == []
    assert located.data == {"fr": "Qui est responsable : nous", "nl": "Één “citaat”"}


def test_nested_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    bomb = "a: &a [x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}]\n" for p, c in pairs)
    located, problems = load(tmp_path, bomb)
    assert located is None
    assert [(p.line, p.col) for p in problems] == [(1, 4)]
