"""Safe YAML loading that keeps the position of every key and value.

Scalars follow YAML 1.2 core rules for booleans and null only: everything
else stays text, so `no` never becomes False and `1.10` never becomes 1.1.
Duplicate keys, tags, anchors/aliases, tabs in indentation, oversized and
non-UTF-8 files are refused with a message for communications staff.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from privacy_site.source.layout import explain, markup_at_start_of, syntax_message, unindented_block_text_at
from privacy_site.source.messages import Msg, msg
from privacy_site.source.misplaced import duplicate_message, key_space_message, misplaced_languages, swallowed_item
from privacy_site.source.problems import Problem
from privacy_site.source.yamlfast import FALSE, FORBIDDEN, MAX_DEPTH, MAX_NODES, NULL, TRUE, Path_, Positions, load_fast

MAX_BYTES = 256 * 1024
_TOO_DEEP = msg("lists and fields are nested more than {depth} levels deep here; check the indentation and the "
                "brackets [ ] and {{ }} on this line (every opening bracket needs its closing one)", depth=MAX_DEPTH)



class Located:
    """A YAML document as plain Python data plus a position for every path.

    The positions are only needed to report a problem: for a file the fast loader read, they are found when
    first asked for (by reading its text again with them).
    """

    def __init__(self, file: str, data: Any, *, text: str | None = None) -> None:
        self.file = file
        self.data = data
        self.derived: dict[str, Any] = {}  # what checks read of the data, kept for the other checks
        self._text = text  # positions still to be found in this text
        self._value_pos: Positions = {}
        self._key_pos: Positions = {}

    @property
    def value_pos(self) -> Positions:
        """Line and column of every value, by path."""
        self._locate()
        return self._value_pos

    @property
    def key_pos(self) -> Positions:
        """Line and column of every key, by the path of its value."""
        self._locate()
        return self._key_pos

    def _locate(self) -> None:
        if self._text is not None:
            found = load_fast(self._text, positions=True)
            self._text = None
            if found is not None:
                self._value_pos, self._key_pos = found[1], found[2]

    def pos(self, path: Path_) -> tuple[int, int]:
        """Best position for a path: the value, else the nearest parent."""
        value_pos = self.value_pos
        while True:
            if path in value_pos:
                return value_pos[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that holds `path`, else of its value."""
        return self.key_pos.get(path) or self.pos(path)

    def field(self, path: Path_) -> str:
        """A path as the editor wrote it: `processing "chatbot" → retention → nl`, `purposes #2`."""
        return field_name(self.data, path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at `path` in this file."""
        line, col = self.key(path) if at_key else self.pos(path)
        return Problem(self.file, line, col, message)


def field_name(data: Any, path: Path_) -> str:
    """A path as the editor wrote it: each field by its key, each list item by its id or name, else its number."""
    parts: list[str] = []
    value = data
    for seg in path:
        item = value[seg] if isinstance(value, list) and 0 <= seg < len(value) else None  # type: ignore[operator]
        if isinstance(seg, int):
            named = next((item[key] for key in ("id", "name", "host") if isinstance(item, dict)
                          and isinstance(item.get(key), str)), None)
            if named is not None and parts:
                parts[-1] = f'{parts[-1]} "{named}"'
            elif parts:
                parts[-1] = f"{parts[-1]} #{seg + 1}"
            else:
                parts.append(f"#{seg + 1}")
            value = item
        else:
            parts.append(str(seg))
            value = value.get(seg) if isinstance(value, dict) else None
    return " → ".join(parts)


class _Refused(Exception):
    def __init__(self, node: Node | None, message: Msg, mark: Any = None) -> None:
        self.mark = mark if mark is not None else (node.start_mark if node is not None else None)
        self.message = message


_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_character_message(char: str) -> Msg:
    """Why a character is refused, in plain words, with what to do."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    named = f"{code} {name}" if name else code
    if char == "\t":
        return msg("this text contains a tab character; replace it with a space")
    if char in _BIDI:
        return msg("this text contains an invisible character that changes the reading direction ({character}); "
                   "it can make the text display differently from what it says. Delete it (retype the text "
                   "around this position if you cannot see it)", character=named)
    return msg("this text contains an invisible control character ({character}); delete it (retype the text "
               "around this position if you cannot see it)", character=named)


class _Builder:
    def __init__(self, located: Located, text: str) -> None:
        self.located = located
        self.text = text
        self.count = 0
        self._line_starts: list[int] | None = None

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(node, msg("the file has more than {count} values; split it or remove repeated content",
                                     count=MAX_NODES))
        if depth > MAX_DEPTH:
            raise _Refused(node, _TOO_DEEP)
        self.located.value_pos[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            self.check_characters(node)
            if node.style in ("|", ">") and not node.value.strip():  # its text below it, not indented?
                unindented = unindented_block_text_at(self.text, node.start_mark.line)
                if unindented is not None:
                    raise _Refused(None, unindented[2], mark=_Mark(unindented[0], unindented[1]))
            if path and isinstance(path[-1], int) and not node.style and node.end_mark.line > node.start_mark.line:
                swallowed = swallowed_item(self.text, node.start_mark.line, node.end_mark.line)
                if swallowed is not None:
                    raise _Refused(None, swallowed[2], mark=_Mark(swallowed[0], swallowed[1]))
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(key_node, msg("a key must be a plain name, not a list or a mapping; write "
                                                 "`name: value`"))
                self.check_characters(key_node)
                key = str(key_node.value)
                spaced = key_space_message(key) if not key_node.style else None
                if spaced is not None:
                    mark = _Mark(key_node.start_mark.line, key_node.start_mark.column + spaced[0])
                    raise _Refused(None, spaced[1], mark=mark)
                if key in result:
                    first = self.located.key_pos[(*path, key)]
                    keys = [str(k.value) for k, _ in node.value if isinstance(k, ScalarNode)]
                    raise _Refused(key_node, duplicate_message(key, keys, first[0]))
                self.located.key_pos[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        raise _Refused(node, msg("unsupported YAML construct; use plain mappings, lists and text"))

    def check_characters(self, node: ScalarNode) -> None:
        """Refuse a scalar holding a forbidden character, at the character itself when it is typed as is."""
        found = FORBIDDEN.search(node.value)
        if found is None:
            return
        char = found.group(0)
        mark: Any = node.start_mark
        start, end = self._index(node.start_mark), self._index(node.end_mark)
        at = self.text.find(char, start, max(end, start + 1))
        if at >= 0:  # typed in the file (not written as an escape like "\u202e"): point at it
            line = self.text.count("\n", 0, at)
            mark = _Mark(line, at - (self.text.rfind("\n", 0, at) + 1))
        raise _Refused(None, forbidden_character_message(char), mark=mark)

    def _index(self, mark: Any) -> int:
        # Marks of both parsers agree on line and column (libyaml's index counts bytes, not characters).
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        starts = self._line_starts
        return (starts[mark.line] if mark.line < len(starts) else len(self.text)) + mark.column


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if not node.style:  # plain, unquoted (PyYAML says None, libyaml says "")
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        if value in NULL:
            return None
    return value


class _Composer(yaml.SafeLoader):
    """A SafeLoader that only composes: no construction, no implicit types."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        # Refuse aliases before PyYAML expands them: an alias bomb never grows.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):  # "*emphasis* at the start of a text" is the usual one
            markup = markup_at_start_of(self.text, event.start_mark.line, event.start_mark.column,
                                        event.end_mark.column)
            if markup is not None:
                raise _Refused(None, markup[2], mark=_Mark(markup[0], markup[1]))
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(None, msg("anchors and aliases (& and *) are not allowed; write the value out in full"),
                           mark=event.start_mark)
        if getattr(event, "tag", None) is not None:
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(None, msg('YAML tags like "{tag}" are not allowed; remove the tag', tag=shown),
                           mark=event.start_mark)
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        # Refuse deep nesting while reading, before PyYAML's recursive composer can run out of stack.
        self.depth = getattr(self, "depth", 0) + 1
        if self.depth > MAX_DEPTH:
            raise _Refused(None, _TOO_DEEP, mark=event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Resolve every plain scalar as a string tag: we decide types ourselves.
_Composer.yaml_implicit_resolvers = {}


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def outside_problem(path: Path, root: Path, display: str) -> Problem | None:
    """A problem when `path` (a link, or inside a linked folder) leads outside `root`: only the policies are read."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return Problem(display, 1, 1, msg("this is a link to a file or folder outside the policies folder, which is "
                                          "never read; replace the link with the file itself"))
    except (OSError, RuntimeError):  # a link loop
        return Problem(display, 1, 1, msg("this link cannot be followed (it points to itself); replace it with the "
                                          "file"))
    return None


def load_yaml(path: Path, display: str, root: Path | None = None) -> tuple[Located | None, list[Problem]]:
    """Load one YAML file (a regular file inside `root`, when given); return the located data or the problems."""
    raw, problem = read_policy_file(path, display, root)
    if problem is not None:
        return None, [problem]
    return parse_yaml(raw, display)


def read_policy_file(path: Path, display: str, root: Path | None = None) -> tuple[bytes, Problem | None]:
    """The bytes of a policy file (a regular file inside `root`, when given), or why it cannot be read."""
    if root is not None:
        outside = outside_problem(path, root, display)
        if outside is not None:
            return b"", outside
    try:
        info = path.stat()
    except OSError as exc:
        return b"", Problem(display, 1, 1, msg("cannot read the file ({error}); check that it exists",
                                               error=exc.strerror))
    if stat.S_ISDIR(info.st_mode):
        return b"", Problem(display, 1, 1, msg('"{name}" is a folder, not a file; a policy must be a YAML file (move '
                                               "what is inside it out, then delete the folder)", name=path.name))
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        return b"", Problem(display, 1, 1, msg("this is not an ordinary file; a policy must be a YAML file"))
    size = info.st_size
    if size > MAX_BYTES:
        return b"", Problem(display, 1, 1, msg("the file is {size} KB, more than the {limit} KB allowed; split long "
                                               "texts into sections or check that this is the right file",
                                               size=size // 1024, limit=MAX_BYTES // 1024))
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return b"", Problem(display, 1, 1, msg("cannot read the file ({error}); check its permissions",
                                               error=exc.strerror))


def parse_yaml(raw: bytes, display: str) -> tuple[Located | None, list[Problem]]:
    """The located data of a policy file's bytes, or the problems that keep it from being read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(display, line, col, msg("the file is not valid UTF-8 text; save it with UTF-8 encoding in your "
                                            "editor"))
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        return None, [
            Problem(display, line, col, msg("a tab is used for indentation; YAML needs spaces, replace the tab "
                                            "with spaces"))
        ]
    fast = load_fast(text, positions=False)
    if fast is not None:
        return Located(display, fast[0], text=text), []
    located = Located(display, None)  # read, and report any problem, the reference way
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        return None, [Problem(display, refused.mark.line + 1, refused.mark.column + 1, refused.message)]
    except yaml.reader.ReaderError as exc:  # a control character typed in the file
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
        return None, [Problem(display, line, col, forbidden_character_message(char))]
    except yaml.MarkedYAMLError as exc:
        explained = explain(text, exc)
        if explained is not None:
            return None, [Problem(display, explained[0] + 1, explained[1] + 1, explained[2])]
        mark, message = syntax_message(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, col, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, PyYAML always marks
        return None, [Problem(display, 1, 1, msg("invalid YAML ({error}); check the syntax", error=str(exc)))]
    if node is None:
        return None, [Problem(display, 1, 1, msg("the file is empty; fill it in or delete it"))]
    try:
        located.data = _Builder(located, text).build(node, (), 0)
    except _Refused as refused:
        mark = refused.mark
        return None, [Problem(display, mark.line + 1, mark.column + 1, refused.message)]
    return _placed(located)


def _placed(located: Located) -> tuple[Located | None, list[Problem]]:
    """The located data, unless a text's languages are indented so that they landed elsewhere."""
    misplaced = misplaced_languages(located.data, located.key_pos, located.file)
    return (None, misplaced) if misplaced else (located, [])


