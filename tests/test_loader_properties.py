"""No input crashes the check (issue #12): property-based tests with Hypothesis.

The small valid organisation of tests/bad_inputs/_valid/ is mutated at two levels and checked with the real
command, `privacy-site check policies`:

- the YAML text: truncated at any byte, bytes flipped (invalid UTF-8), any Unicode inserted (control characters,
  NUL, U+202E...), a value replaced by a raw token (number-like, tags, anchors, brackets), nesting hundreds and
  60 000 levels deep in flow and block style;
- the data: loaded with yaml.safe_load, keys deleted or renamed, values replaced by wrong types (list, mapping,
  bool, null, numbers, number-like strings, dates), text inserted, deep nesting, then written back with
  yaml.safe_dump.

Whatever the input, the check returns 0 or 1 and never raises; with 1, stderr is only `file:line:col: message`
lines and the count line, never a traceback. The loader, privacy_site.source.yamlsrc.load_yaml, is also given any
Unicode text, any bytes and YAML-ish token soup: it returns (Located, []) or (None, [problems]), never raises.

Every case builds its files in a temporary folder of its own (no function-scoped fixture). The deep-nesting cases
are @example()s, so they run every time; the rest is bounded by max_examples, for the whole file to run in about
ten seconds (PRIVACY_SITE_FUZZ=N runs N times more random examples).
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, load_yaml
from privacy_site.tools.cli import main

VALID = Path(__file__).parent / "bad_inputs" / "_valid"
FILES = {path.relative_to(VALID).as_posix(): path.read_bytes()
         for path in sorted((VALID / "policies").rglob("*.yaml"))}
TARGETS = sorted(FILES)
ORGANISATION = "policies/demo/organisation.yaml"
PRIVACY = "policies/demo/privacy/2024-01-01.yaml"
COOKIES = "policies/demo/cookies/2024-01-01.yaml"
assert {ORGANISATION, PRIVACY, COOKIES} <= set(FILES)
BASE_DATA = {name: yaml.safe_load(content) for name, content in FILES.items()}

PROBLEM_LINE = re.compile(r"^[^:]+:\d+:\d+: .+")
COUNT_LINE = re.compile(r"^(\d+) problems? found\.$")

# PRIVACY_SITE_FUZZ=20 runs twenty times more random examples (to hunt for crashes; a few minutes).
SCALE = max(1, int(os.environ.get("PRIVACY_SITE_FUZZ", "1")))
SETTINGS = dict(deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])


# --- what the check and the loader must do with any input -------------------------------------------------------

def run_check(files: dict[str, bytes]) -> tuple[int, str, str]:
    """`privacy-site check policies` in a new temporary folder holding `files` (path -> content)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "policies"])
    return code, out.getvalue(), err.getvalue()


def assert_check_survives(files: dict[str, bytes]) -> None:
    code, out, err = run_check(files)
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in out + err
    if code == 0:
        assert err == ""
        assert out.endswith("no problems found.\n"), out
        return
    lines = err.split("\n")
    assert lines[-1] == "", f"stderr does not end with a newline: {err!r}"
    *problems, count = lines[:-1]
    assert problems, f"exit code 1 without a problem: {err!r}"
    for line in problems:
        assert PROBLEM_LINE.fullmatch(line), f"not a located problem: {line!r}"
    counted = COUNT_LINE.fullmatch(count)
    assert counted, f"not the count line: {count!r}"
    assert int(counted.group(1)) == len(problems), err


def _yaml_lines(text: str) -> int:
    """How many lines YAML sees (it also breaks lines at CR, NEL, LS and PS)."""
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))


def assert_loaded(result: Any, display: str, raw: bytes) -> None:
    """The loader's contract: (Located, []) or (None, [located problems]), plain data only."""
    assert isinstance(result, tuple) and len(result) == 2, result
    located, problems = result
    if located is not None:
        assert isinstance(located, Located) and located.file == display
        assert problems == []
        _assert_plain(located.data)
        return
    assert isinstance(problems, list) and problems, result
    lines = max(_yaml_lines(raw.decode("utf-8", "replace")), raw.count(b"\n") + 1)
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert problem.path == display
        assert 1 <= problem.line <= lines and problem.col >= 1, problem
        assert problem.message.strip() and "\n" not in problem.message, problem
        assert PROBLEM_LINE.fullmatch(str(problem)), problem


def _assert_plain(data: Any) -> None:
    """Only mappings with text keys, lists, text, booleans and null: the loader decides every type."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            assert all(isinstance(key, str) for key in value), value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        else:
            assert value is None or isinstance(value, str | bool), repr(value)


def load_text(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "policy.yaml"
        path.write_bytes(raw)
        assert_loaded(load_yaml(path, "policy.yaml"), "policy.yaml", raw)


# --- building blocks of the inputs -------------------------------------------------------------------------------

# Characters that break things: NUL and other controls, line and paragraph separators, bidirectional overrides
# (U+202E), a byte order mark, noncharacters, astral emoji, and text that means something to YAML, HTML or Jinja.
SPECIALS = ["\x00", "\x01", "\x07", "\x08", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85",
            "\xa0", "\u200b", "\u200e", "\u202e", "\u202d", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff",
            "\ufffe", "\uffff", "\U0001f600", "\U0010ffff", "e\u0301", "\u0627\u0644", "<script>alert(1)</script>",
            "{{ 7*7 }}", "{% raw %}", "](javascript:alert(1))", "</div>", "&amp;", "\\", "\\u202e", "': '", " #",
            ": ", "- ", "? ", "|", ">", "%", "@", "`", "'", '"', "&a", "*a", "!!str", "---", "...", "{", "}",
            "[", "]", ","]
UNICODE_TEXT = st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIALS)),
                        max_size=12).map("".join)

# Values that look like numbers, dates, booleans or null but are text (or are written plain by a careless edit).
NUMBER_LIKE = ["", " ", "0", "1", "-1", "1.10", "0x1F", "1e3", "0o17", "+32", "-0", "1_000", ".5", ".inf", "-.inf",
               ".nan", "~", "null", "Null", "NULL", "true", "False", "yes", "no", "on", "off", "y", "n",
               "2024-01-01", "2024-02-30", "2024-1-1", "12:30:00", "0448.444.064", "BE0448444064", "=", "<<"]
RAW_TOKENS = [*NUMBER_LIKE, "[]", "{}", "[a, b]", "{a: b}", "[", "]", "{", "}", "&a x", "*a", "&a", "!!str x",
              "!!int 1", "!!binary aGk=", "!!python/object/apply:os.system ['true']", "!custom x", "|", ">-",
              "'unclosed", '"unclosed', "'it''s'", '"\\u202e"', '"\\x00"', '"\\0"', '"\\ud800"', "a: b", "- x",
              "? x", "<<: {a: b}", "x # comment", "%YAML 1.1", "---", "...", "@x", "`x`", "\t", "\x00", "\u202e"]

# Deep nesting: each style nests `depth` levels. The indented styles grow with depth squared, so they are capped
# (past about 360 levels they are also over the 256 KB file limit).
STYLES = ["flow-seq", "flow-map", "flow-mixed", "flow-unclosed", "block-seq", "block-key", "block-map",
          "block-seq-indented"]
INDENTED_MAX = 400


def nested(style: str, depth: int) -> str:
    if style == "flow-seq":
        return "[" * depth + "]" * depth
    if style == "flow-map":
        return "{a: " * depth + "x" + "}" * depth
    if style == "flow-mixed":
        return "[{a: " * depth + "x" + "}]" * depth
    if style == "flow-unclosed":
        return "[" * depth
    if style == "block-seq":  # "- - - x": block sequences nested on one line
        return "- " * depth + "x"
    if style == "block-key":  # "? ? ? x": mappings as keys of mappings
        return "? " * depth + "x"
    depth = min(depth, INDENTED_MAX)
    if style == "block-map":
        return "\n".join("  " * level + "a:" for level in range(depth)) + " x"
    if style == "block-seq-indented":
        return "\n".join("  " * level + "-" for level in range(depth)) + " x"
    raise AssertionError(style)


def deep_document(content: bytes, style: str, depth: int, placement: str) -> bytes:
    """The nesting as the whole document ("root"), or as the value of the file's first key ("value")."""
    deep = nested(style, depth)
    if placement == "root":
        return deep.encode() + b"\n"
    lines = content.decode("utf-8", "surrogateescape").split("\n")
    first = next((i for i, line in enumerate(lines) if re.match(r"[A-Za-z_]\w*:", line)), None)
    if first is None:
        key, lines, first, end = "deep", [*lines, ""], len(lines), len(lines)
    else:
        key = lines[first].split(":", 1)[0]
        end = first + 1
        while end < len(lines) and lines[end].startswith((" ", "-")):
            end += 1
    if style.startswith("flow"):
        value = [f"{key}: {deep}"]
    else:
        value = [f"{key}:", *("  " + line for line in deep.split("\n"))]
    return "\n".join([*lines[:first], *value, *lines[end:]]).encode("utf-8", "surrogateescape")


# --- (a) the YAML text -------------------------------------------------------------------------------------------

POSITION = st.integers(min_value=0, max_value=4000)
TEXT_OPS = st.one_of(
    st.tuples(st.just("truncate"), POSITION),
    st.tuples(st.just("flip"), POSITION, st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("insert"), POSITION, UNICODE_TEXT),
    st.tuples(st.just("set"), POSITION, st.sampled_from(RAW_TOKENS) | UNICODE_TEXT),
    st.tuples(st.just("nest"), st.sampled_from(STYLES), st.integers(min_value=1, max_value=1500),
              st.sampled_from(["value", "root"])),
)
_VALUE_LINE = re.compile(rb"^(\s*(?:- )*[^:\n]*: |\s*- )")


def apply_text_op(content: bytes, op: tuple[Any, ...]) -> bytes:
    kind = op[0]
    if kind == "truncate":
        return content[: op[1] % (len(content) + 1)]
    if kind == "flip":
        if not content:
            return bytes([op[2]])
        flipped = bytearray(content)
        flipped[op[1] % len(content)] ^= op[2]
        return bytes(flipped)
    if kind == "insert":  # at a character boundary while the file is still UTF-8
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            at = op[1] % (len(content) + 1)
            return content[:at] + op[2].encode() + content[at:]
        at = op[1] % (len(text) + 1)
        return (text[:at] + op[2] + text[at:]).encode()
    if kind == "set":  # the value of one `key: value` or `- value` line becomes the raw token
        lines = content.split(b"\n")
        candidates = [(i, m.end()) for i, line in enumerate(lines) if (m := _VALUE_LINE.match(line))]
        if not candidates:
            return content + b"\n" + op[2].encode()
        index, end = candidates[op[1] % len(candidates)]
        lines[index] = lines[index][:end] + op[2].encode()
        return b"\n".join(lines)
    if kind == "nest":
        return deep_document(content, op[1], op[2], op[3])
    raise AssertionError(op)


def _deep(target: str, style: str, depth: int, placement: str = "value") -> Any:
    return example(target=target, ops=[("nest", style, depth, placement)])


@settings(max_examples=150 * SCALE, **SETTINGS)
@given(target=st.sampled_from(TARGETS), ops=st.lists(TEXT_OPS, min_size=1, max_size=4))
@_deep(PRIVACY, "flow-seq", 300)
@_deep(PRIVACY, "flow-seq", 60_000)
@_deep(PRIVACY, "flow-seq", 60_000, "root")
@_deep(ORGANISATION, "flow-map", 300)
@_deep(ORGANISATION, "flow-map", 60_000)
@_deep(COOKIES, "flow-mixed", 60_000)
@_deep(PRIVACY, "flow-unclosed", 60_000)
@_deep(PRIVACY, "block-seq", 300)
@_deep(PRIVACY, "block-seq", 60_000)
@_deep(COOKIES, "block-seq", 60_000, "root")
@_deep(ORGANISATION, "block-key", 60_000)
@_deep(PRIVACY, "block-map", 300)
@_deep(PRIVACY, "block-seq-indented", 300, "root")
@example(target=PRIVACY, ops=[("truncate", 0)])
@example(target=PRIVACY, ops=[("insert", 30, "\u202e\x00")])
@example(target=ORGANISATION, ops=[("flip", 40, 0x80)])
def test_check_survives_text_mutations(target: str, ops: list[tuple[Any, ...]]) -> None:
    content = FILES[target]
    for op in ops:
        content = apply_text_op(content, op)
    assert_check_survives({**FILES, target: content})


# --- (b) the data --------------------------------------------------------------------------------------------------

def _all_keys(data: Any) -> set[str]:
    keys: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            keys.update(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return keys


KNOWN_KEYS = sorted(set().union(*(_all_keys(data) for data in BASE_DATA.values())) | {"de", "en", "summary"})
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), UNICODE_TEXT, st.sampled_from([True, False, None, 0, 1, 1.5, "<<"]))
SCALARS = st.one_of(
    st.sampled_from([True, False, None, 0, 1, -1, 10**30, 1.5, -0.0, float("inf"), float("nan"),
                     datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 12, 30), "Kerkstraat 1\n1000 Brussel\n",
                     "line\n\nparagraph", *NUMBER_LIKE]),
    st.integers(), st.floats(), UNICODE_TEXT,
)


def nested_data(depth: int, mapping: bool) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": value} if mapping else [value]
    return value


# yaml.safe_dump recurses: a few hundred levels is what it can write.
NESTED_DATA = st.builds(nested_data, st.integers(min_value=1, max_value=250), st.booleans())
WRONG_VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(KEYS, SCALARS, max_size=3),
                         NESTED_DATA)


def _paths(data: Any) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        paths.append(path)
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return sorted(paths, key=lambda p: (len(p), [str(part) for part in p]))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, str]:
    """One file of the valid base, its data mutated one to four times, written back as YAML."""
    target = draw(st.sampled_from(TARGETS))
    data = copy.deepcopy(BASE_DATA[target])
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(_paths(data)))
        current = _get(data, path)
        kind = draw(st.sampled_from(["delete", "replace", "text", "add", "rename", "nest"]))
        new: Any = current
        if kind == "delete" and path:
            parent = _get(data, path[:-1])
            del parent[path[-1]]
            continue
        if kind == "delete":
            new = None
        elif kind == "replace":
            new = draw(WRONG_VALUES)
        elif kind == "text":
            inserted = draw(UNICODE_TEXT)
            if isinstance(current, str):
                at = draw(st.integers(min_value=0, max_value=len(current)))
                new = current[:at] + inserted + current[at:]
            else:
                new = inserted
        elif kind == "add" and isinstance(current, dict):
            current[draw(KEYS)] = draw(WRONG_VALUES)
        elif kind == "add" and isinstance(current, list):
            current.insert(draw(st.integers(min_value=0, max_value=len(current))), draw(WRONG_VALUES))
        elif kind == "add":
            new = {draw(KEYS): current}
        elif kind == "rename" and path and isinstance(_get(data, path[:-1]), dict):
            parent, old, key = _get(data, path[:-1]), path[-1], draw(KEYS)
            items = [(key if k == old else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
            continue
        elif kind == "nest":
            new = nested_data(draw(st.integers(min_value=1, max_value=250)), draw(st.booleans()))
        if not path:
            data = new
        else:
            _get(data, path[:-1])[path[-1]] = new
    return target, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _changed(target: str, **changes: Any) -> Any:
    """An example: one base file with some top-level values replaced (None: the key deleted)."""
    data = {key: value for key, value in {**BASE_DATA[target], **changes}.items() if value is not None}
    return example(document=(target, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))


@settings(max_examples=150 * SCALE, **SETTINGS)
@given(document=mutated_documents())
@_changed(PRIVACY, introduction=nested_data(250, False))
@_changed(PRIVACY, processing=nested_data(250, True))
@_changed(PRIVACY, introduction={"nl": 1.5, "fr": False})
@_changed(ORGANISATION, name=None)
@_changed(ORGANISATION, languages="nl")
@_changed(ORGANISATION, languages=[["nl"], {"fr": 1}])
@_changed(ORGANISATION, address="Kerkstraat 1\n1000 Brussel\n")
@_changed(COOKIES, items={"a": "b"})
@example(document=(COOKIES, yaml.safe_dump([BASE_DATA[COOKIES]])))
def test_check_survives_data_mutations(document: tuple[str, str]) -> None:
    target, text = document
    assert_check_survives({**FILES, target: text.encode("utf-8")})


# --- the loader alone ----------------------------------------------------------------------------------------------

@settings(max_examples=200 * SCALE, **SETTINGS)
@given(text=st.text(st.characters(codec="utf-8") | st.sampled_from([c for c in SPECIALS if len(c) == 1]),
                   max_size=200))
@example(text="")
@example(text="\ufeff")
@example(text="a: \x00")
@example(text="a: \u202eb")
@example(text="a:\n\tb: c")
def test_load_yaml_any_text(text: str) -> None:
    load_text(text.encode("utf-8"))


@settings(max_examples=150 * SCALE, **SETTINGS)
@given(raw=st.binary(max_size=300))
@example(raw=b"\xff\xfe")
@example(raw=b"a: \xc3")
@example(raw=b"\xef\xbb\xbf\xef\xbb\xbfa: b")
def test_load_yaml_any_bytes(raw: bytes) -> None:
    load_text(raw)


YAML_TOKENS = ["- ", ": ", ":", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "!!str ", "!!map ", "!x ", "!",
               "? ", "\t", "'", '"', "\n", "\r\n", "\r", " ", "  ", "    ", "\n  ", "\n    ", "\n- ", "|", ">",
               "|-\n  ", ">+\n  ", "#", " # c", "---\n", "...\n", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "<<: ",
               "a", "b", "key", "nl", "fr", "1", "1.10", "0x1F", "~", "null", "true", "no", "2024-01-01", "\\",
               "\\u202e", "\x00", "\u202e", "\u2028", "\x85", "\ufeff", "\U0001f600", "é"]
YAMLISH = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=3), max_size=60).map("".join)


@settings(max_examples=300 * SCALE, **SETTINGS)
@given(text=YAMLISH)
@example(text="a: &a [*a]")
@example(text="? [a]\n: b")
@example(text="a: !!binary aGk=")
@example(text="a: b\na: c")
@example(text="--- a\n--- b")
def test_load_yaml_yamlish_text(text: str) -> None:
    load_text(text.encode("utf-8"))


@settings(max_examples=40 * SCALE, **SETTINGS)
@given(style=st.sampled_from(STYLES), depth=st.integers(min_value=1, max_value=3000),
       placement=st.sampled_from(["value", "root"]))
@example(style="flow-seq", depth=60_000, placement="root")
@example(style="flow-seq", depth=60_000, placement="value")
@example(style="flow-map", depth=60_000, placement="root")
@example(style="flow-mixed", depth=60_000, placement="value")
@example(style="flow-unclosed", depth=60_000, placement="root")
@example(style="block-seq", depth=60_000, placement="root")
@example(style="block-seq", depth=60_000, placement="value")
@example(style="block-key", depth=60_000, placement="root")
@example(style="flow-seq", depth=300, placement="root")
@example(style="block-seq", depth=300, placement="value")
@example(style="block-map", depth=300, placement="root")
@example(style="block-seq-indented", depth=300, placement="value")
def test_load_yaml_deep_nesting(style: str, depth: int, placement: str) -> None:
    load_text(deep_document(FILES[PRIVACY], style, depth, placement))
