"""Safe YAML loading that keeps the position of every key and value.

Scalars follow YAML 1.2 core rules for booleans and null only: everything
else stays text, so `no` never becomes False and `1.10` never becomes 1.1.
Duplicate keys, tags, anchors/aliases, tabs in indentation, oversized and
non-UTF-8 files are refused with a message for communications staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 40
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]

_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}


@dataclass
class Located:
    """A YAML document as plain Python data plus a position for every path."""

    file: str
    data: Any
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def pos(self, path: Path_) -> tuple[int, int]:
        """Best position for a path: the value, else the nearest parent."""
        while True:
            if path in self.value_pos:
                return self.value_pos[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that holds `path`, else of its value."""
        return self.key_pos.get(path) or self.pos(path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at `path` in this file."""
        line, col = self.key(path) if at_key else self.pos(path)
        return Problem(self.file, line, col, message)


class _Refused(Exception):
    def __init__(self, node: Node | None, message: str, mark: Any = None) -> None:
        self.mark = mark if mark is not None else (node.start_mark if node is not None else None)
        self.message = message


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(node, f"the file has more than {MAX_NODES} values; split it or remove repeated content")
        if depth > MAX_DEPTH:
            raise _Refused(node, f"nesting is deeper than {MAX_DEPTH} levels; flatten the structure")
        self.located.value_pos[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(key_node, "a key must be a plain name, not a list or a mapping; write `name: value`")
                key = str(key_node.value)
                if key in result:
                    first = self.located.key_pos[(*path, key)]
                    raise _Refused(
                        key_node,
                        f'duplicate key "{key}" (first at line {first[0]}); keep one and remove the other',
                    )
                self.located.key_pos[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        raise _Refused(node, "unsupported YAML construct; use plain mappings, lists and text")


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if not node.style:  # plain, unquoted (PyYAML says None, libyaml says "")
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if value in _NULL:
            return None
    return value


class _Composer(yaml.SafeLoader):
    """A SafeLoader that only composes: no construction, no implicit types."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        # Refuse aliases before PyYAML expands them: an alias bomb never grows.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(None, "anchors and aliases (& and *) are not allowed; write the value out in full",
                           mark=event.start_mark)
        if getattr(event, "tag", None) is not None:
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(None, f'YAML tags like "{shown}" are not allowed; remove the tag',
                           mark=event.start_mark)
        return super().compose_node(parent, index)


# Resolve every plain scalar as a string tag: we decide types ourselves.
_Composer.yaml_implicit_resolvers = {}


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def load_yaml(path: Path, display: str) -> tuple[Located | None, list[Problem]]:
    """Load one YAML file; return the located data or the problems found."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"cannot read the file ({exc.strerror}); check that it exists")]
    if size > MAX_BYTES:
        return None, [
            Problem(
                display, 1, 1,
                f"the file is {size // 1024} KB, more than the {MAX_BYTES // 1024} KB allowed; "
                "split long texts into sections or check that this is the right file",
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(display, line, col, "the file is not valid UTF-8 text; save it with UTF-8 encoding in your editor")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        return None, [
            Problem(display, line, col, "a tab is used for indentation; YAML needs spaces, replace the tab with spaces")
        ]
    located = Located(display, None)
    fast = _compose_fast(text)
    if fast is not None:
        try:
            located.data = _Builder(located).build(fast, (), 0)
            return located, []
        except _Refused:
            located = Located(display, None)  # report it exactly as the reference loader does, below
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        return None, [Problem(display, refused.mark.line + 1, refused.mark.column + 1, refused.message)]
    except yaml.MarkedYAMLError as exc:
        mark, message = _syntax_problem(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, col, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, PyYAML always marks
        return None, [Problem(display, 1, 1, f"invalid YAML ({exc}); check the syntax")]
    if node is None:
        return None, [Problem(display, 1, 1, "the file is empty; fill it in or delete it")]
    try:
        located.data = _Builder(located).build(node, (), 0)
    except _Refused as refused:
        mark = refused.mark
        return None, [Problem(display, mark.line + 1, mark.column + 1, refused.message)]
    return located, []


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml when the file is plainly valid; None sends it to the reference loader.

    libyaml is several times faster. Anything unusual (a syntax error, an anchor, an alias, a tag)
    goes through the pure-Python loader instead, so every message stays exactly the same.
    """
    if _FAST_LOADER is None:
        return None
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or \
                    getattr(event, "tag", None) is not None:
                return None
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return None


def _syntax_problem(exc: yaml.MarkedYAMLError) -> tuple[Any, str]:
    """The best position and a plain-words message for a YAML syntax error."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if "while scanning a quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark, "the quoted text that starts here is never closed; add the closing quote"
    if "expected a single document" in context or "expected a single document" in problem:
        return mark, ('only one YAML document is allowed per file; remove the "---" line '
                      "(a new version goes in its own dated file)")
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return mark, ("unexpected text after a value; if a text in single quotes contains an apostrophe, "
                      "put the text in double quotes instead")
    if problem.startswith("expected <block end>") or problem.startswith("expected <block"):
        return mark, ("this line is not indented like the lines around it; "
                      "line it up with the other fields at the same level")
    hints = {
        "found undefined alias": "aliases (*name) are not allowed; write the value out in full",
        "found character '\\t' that cannot start any token": "a tab is not allowed here; use spaces",
        "mapping values are not allowed here": (
            "unexpected \":\" (a text containing \": \" must be quoted); put the text in double quotes"
        ),
        "could not find expected ':'": "a line is missing \":\" after its key; write `key: value`",
        "found duplicate anchor": "anchors (&name) are not allowed; write the value out in full",
    }
    for needle, hint in hints.items():
        if problem.startswith(needle):
            return mark, hint
    detail = " ".join(part for part in (problem, context) if part) or "the file cannot be read as YAML"
    return mark, f"invalid YAML ({detail}); check indentation, quotes and colons on this line"
