"""Word-level differences between two texts, for people (HTML) and terminals."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

_TOKEN = re.compile(r"\n|[^\s]+")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")

Segment = tuple[str, str]  # ("equal" | "insert" | "delete", text)


def plain(markdown: str) -> str:
    """Markdown as readers see it: links as "text (address)", no emphasis markers."""
    text = _LINK.sub(lambda m: m[1] if m[2].removeprefix("mailto:").removeprefix("tel:") in m[1]
                     else f"{m[1]} ({m[2].removeprefix('mailto:').removeprefix('tel:')})", markdown)
    text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def word_diff(old: str, new: str) -> list[Segment]:
    """The words kept, deleted and inserted to turn `old` into `new`."""
    a, b = _TOKEN.findall(plain(old)), _TOKEN.findall(plain(new))
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace"):
            segments.append(("equal" if op == "equal" else "delete", _join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", _join(b[j1:j2])))
    return [s for s in segments if s[1]]


def _join(tokens: list[str]) -> str:
    return " ".join(tokens).replace(" \n ", "\n").replace("\n ", "\n").replace(" \n", "\n")


def diff_html(segments: list[Segment], removed: str, added: str) -> str:
    """Insertions and deletions marked with <ins>/<del> and announced to screen readers in words."""
    parts = []
    for op, text in segments:
        html = escape(text).replace("\n", "<br>")  # shown as written, never interpreted
        if op == "insert":
            parts.append(f'<ins><span class="ps-sr">{escape(added)} </span>{html}</ins>')
        elif op == "delete":
            parts.append(f'<del><span class="ps-sr">{escape(removed)} </span>{html}</del>')
        else:
            parts.append(html)
    return " ".join(parts)


def diff_terminal(segments: list[Segment]) -> str:
    """The same difference for a terminal: [-deleted-] {+inserted+}."""
    marks = {"insert": ("{+", "+}"), "delete": ("[-", "-]"), "equal": ("", "")}
    return " ".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in segments)
