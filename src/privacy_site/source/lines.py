"""Lines of a YAML file as an editor wrote them: indentation, "- " items, "key:" fields, continued texts.

The layout explanations (layout.py) and the checks on valid but misplaced YAML (misplaced.py) read files
through this small model: numbered as YAML numbers lines, with the levels of indentation still open at
each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from privacy_site.source.messages import Msg, msg

LANGUAGE_KEYS = frozenset({"nl", "fr", "de", "en"})
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts
IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"
KEY = re.compile(rf"({IDENT})( *):(?= |$)")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass(frozen=True)
class Line:
    """One line as an editor wrote it: indentation, an item's "- ", a field's "key:", the rest."""

    number: int  # 0-based
    text: str
    indent: int  # leading spaces
    dash: int | None  # column of the first "- " when the line starts a list item
    start: int  # column after the indentation and the dashes: where the field or the value starts
    key: str | None  # "key" of "key: ..." at `start` (a plain field name)
    value: str  # what follows "key:" (stripped), or what starts at `start` when there is no key

    @property
    def blank(self) -> bool:
        """Empty, or only a comment."""
        content = self.text[self.indent:].strip()
        return not content or content.startswith("#")

    @property
    def structural(self) -> bool:
        """A field or a list item (not the continuation of a text)."""
        return not self.blank and (self.key is not None or self.dash is not None)

    @property
    def opens_block_text(self) -> bool:
        """A field whose text follows on the next lines, after | or >."""
        return self.key is not None and _BLOCK_SCALAR.match(self.value) is not None

    @property
    def content(self) -> str:
        """The line from `start` on."""
        return self.text[self.start:].rstrip()


def split_lines(text: str) -> list[Line]:
    """The lines of a file, numbered as YAML numbers them."""
    return [_line(number, raw) for number, raw in enumerate(_BREAKS.split(text))]


def _line(number: int, text: str) -> Line:
    indent = len(text) - len(text.lstrip(" "))
    col, dash = indent, None
    while text.startswith("-", col) and (col + 1 == len(text) or text[col + 1] == " "):
        dash = col if dash is None else dash
        col += 1
        while col < len(text) and text[col] == " ":
            col += 1
    found = KEY.match(text, col)
    if found is None:
        return Line(number, text, indent, dash, col, None, text[col:].strip())
    return Line(number, text, indent, dash, col, found.group(1), text[found.end() + 1:].strip())


def plural(n: int) -> Msg:
    """A number of spaces, for the messages that say how much to indent ("1 space", "2 spaces")."""
    return msg("1 space") if n == 1 else msg("{n} spaces", n=n)


def shorten(text: str, size: int = 30) -> str:
    """The start of a text, cut after a word."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", size // 2, size + 1)
    return text[:cut if cut > 0 else size].rstrip() + "…"


class Lines:
    """The lines of a file, with what the explanations ask of them."""

    def __init__(self, text: str) -> None:
        self.lines = split_lines(text)

    def get(self, number: int) -> Line | None:
        return self.lines[number] if 0 <= number < len(self.lines) else None

    def previous(self, number: int, *, structural: bool = False) -> Line | None:
        """The nearest line above `number` that is not blank (and is a field or an item, when asked)."""
        for line in reversed(self.lines[:max(number, 0)]):
            if not line.blank and (line.structural or not structural):
                return line
        return None

    def owner(self, line: Line) -> Line:
        """The field or item whose text `line` continues: up through the lines that are only text."""
        current = line
        while not current.structural:
            above = self.previous(current.number)
            if above is None:
                return current
            current = above
        return current

    def levels_before(self, number: int) -> list[int]:
        """Indentations of the fields and items still open just before line `number`, outermost first."""
        return [indent for indent, _ in self.stack_before(number)]

    def stack_before(self, number: int) -> list[tuple[int, bool]]:
        """The open levels just before line `number`: (indentation, True for fields, False for "- " items)."""
        stack: list[tuple[int, bool]] = []
        block_text: int | None = None  # inside the text of a "key: |" field indented more than this
        for line in self.lines[:max(number, 0)]:
            if line.blank:
                continue
            if block_text is not None and line.indent > block_text:
                continue
            block_text = None
            if not line.structural:
                continue
            while stack and stack[-1][0] > line.indent:
                stack.pop()
            if not stack or stack[-1][0] != line.indent:
                stack.append((line.indent, line.dash is None))
            if line.dash is not None and line.key is not None and line.start > stack[-1][0]:
                stack.append((line.start, True))
            if line.opens_block_text:
                block_text = line.start
        return stack

    def last_at(self, before: int, indent: int) -> Line | None:
        """The last field above line `before` that starts in column `indent` (0-based)."""
        for line in reversed(self.lines[:max(before, 0)]):
            if line.key is not None and line.start == indent:
                return line
        return None
