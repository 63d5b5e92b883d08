"""Plain-words explanations of YAML syntax errors, pointing at the line an editor got wrong.

PyYAML reports where reading stopped, which is often a line or two after the mistake and in words about
tokens. Here the lines around that place are read the way an editor wrote them (indentation, "- " items,
"key: value" fields, texts continued on the next lines) to name the line that is wrong and the fix that
works: "fr:" indented two spaces too deep is reported on "fr:" with the column to use, not as a text that
should be quoted. When no explanation fits, the generic message for the error is given.
"""

from __future__ import annotations

import re
from typing import Any

from privacy_site.source.lines import IDENT, LANGUAGE_KEYS, Line, Lines, plural, shorten

_NO_SPACE_AFTER_COLON = re.compile(rf"({IDENT}):(?=[^\s/])")
_EQUALS = re.compile(rf"({IDENT}) *=(?!=)")
_DASH_NO_SPACE = re.compile(r"-(?=[^\s-])")

Explained = tuple[int, int, str]  # 0-based line and column, message


def explain(text: str, exc: Any) -> Explained | None:
    """Where the mistake behind a YAML syntax error is, and what to do; None when no explanation fits."""
    problem = (getattr(exc, "problem", None) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    problem_mark, context_mark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    lines = Lines(text)
    if problem_mark is None:
        return None
    unindented = _unindented_block_text(lines, problem_mark.line)
    if unindented is not None:
        return unindented
    if "expected '<document start>'" in problem:
        first = next((line for line in lines.lines if line.structural), None)
        if first is not None and first.indent > 0 and first.key is not None:
            return (first.number, first.indent, f'"{first.key}:" is indented, but the fields of the file start at the '
                                                "beginning of the line; start it in column 1, like the other fields "
                                                "of the file")
        return None
    if context == "while scanning a simple key" and context_mark is not None:
        return _unfinished_key(lines, context_mark.line)
    if problem.startswith("mapping values are not allowed here"):
        return _unexpected_colon(lines, problem_mark.line, problem_mark.column)
    at = lines.get(problem_mark.line)
    if problem.startswith("expected <block end>") and at is not None and not at.structural:
        return _block_text_lines(lines, at)
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return _text_after_value(lines, problem_mark.line, problem_mark.column)
    if problem.startswith("expected <block end>"):
        return _misaligned(lines, problem_mark.line)
    if context in ("while scanning an alias", "while scanning an anchor") and context_mark is not None:
        return markup_at_start(lines, context_mark.line, context_mark.column)
    return None


def _unindented_block_text(lines: Lines, number: int) -> Explained | None:
    """A "key: |" or "key: >" whose text is not indented under it: YAML reads the text as new fields."""
    found = None
    for line in lines.lines[:number + 1]:
        found = _unindented_text_of(lines, line, number) or found
    return found


def _unindented_text_of(lines: Lines, line: Line, last: int) -> Explained | None:
    if not line.opens_block_text:
        return None
    below = next((other for other in lines.lines[line.number + 1:last + 1] if not other.blank), None)
    if below is None or below.structural or below.indent > line.start:
        return None
    return (below.number, below.indent, f'this line is the text of "{line.key}:" on line {line.number + 1}, but it '
                                        f'is not indented more than "{line.key}:"; indent it to column '
                                        f"{line.start + 3}, with the other lines of that text")


def unindented_block_text_at(text: str, number: int) -> Explained | None:
    """For an empty "key: |" text on line `number`: the text written below it without indentation, if any."""
    lines = Lines(text)
    line = lines.get(number)
    return None if line is None else _unindented_text_of(lines, line, len(lines.lines))


def _typo_in(line: Line) -> Explained | None:
    """A list item without a space after "-", a field without a space after ":", or "=" instead of ":"."""
    body = line.text[line.indent:]
    if _DASH_NO_SPACE.match(body) and not body.startswith("---"):
        return (line.number, line.indent, f'a list item needs a space after "-"; write "- {shorten(body[1:])}"')
    found = _NO_SPACE_AFTER_COLON.match(line.text, line.start)
    if found:
        key, rest = found.group(1), line.text[found.end():].strip()
        return (line.number, found.end() - 1, f'"{key}:" needs a space after the colon; write "{key}: '
                                              f'{shorten(rest)}"')
    found = _EQUALS.match(line.text, line.start)
    if found and line.key is None:
        return (line.number, found.end() - 1, f'write "{found.group(1)}:" with a colon, not "="')
    return None


def _unfinished_key(lines: Lines, number: int) -> Explained | None:
    """A line read as the start of a field that never gets its ":": say what the line really is."""
    line = lines.get(number)
    if line is None or line.blank:
        return None
    typo = _typo_in(line)
    if typo is not None:
        return typo
    below = next((other for other in lines.lines[number + 1:] if not other.blank), None)
    if re.fullmatch(IDENT, line.content) and below is not None and below.indent > line.indent:
        return (line.number, line.start + len(line.content), f'"{line.content}" needs a colon after it; write '
                                                             f'"{line.content}:"')
    above = lines.previous(number)
    if above is None:
        return None
    if above.key is not None and (not above.value or above.opens_block_text) and line.indent <= above.start:
        fix = ("with the other lines of that text" if above.value
               else f'or write it after "{above.key}: " on line {above.number + 1}')
        return (line.number, line.indent, f'this line is the text of "{above.key}:" on line {above.number + 1}, but '
                                          f'it is not indented more than "{above.key}:"; indent it to column '
                                          f"{above.start + 3}, {fix}")
    owner = lines.owner(above)
    if owner.key is None:
        if owner.dash is not None and line.indent <= owner.dash:
            return (line.number, line.indent, f'this line has no "- " in front, so it is not a new list item; '
                                              f'write "- {shorten(line.content)}" with "-" in column '
                                              f"{owner.dash + 1}, like line {owner.number + 1}")
        return None
    if owner.opens_block_text:
        first = next((other for other in lines.lines[owner.number + 1:number] if not other.blank), None)
        if first is not None and first.indent > owner.start and line.indent < first.indent:
            return (line.number, line.indent, f'this line continues the text of "{owner.key}:" on line '
                                              f"{owner.number + 1}, but is indented less than that text; indent it "
                                              f"to column {first.indent + 1}, like line {first.number + 1}")
        return None
    if owner.value and line.indent <= owner.start:
        column = above.indent + 1 if above is not owner else owner.start + 3
        return (line.number, line.indent, f'this line continues the text of "{owner.key}:" on line '
                                          f'{owner.number + 1}, but is not indented more than "{owner.key}:"; indent '
                                          f"it to column {column}")
    return None


def _unexpected_colon(lines: Lines, number: int, column: int) -> Explained | None:
    """A ": " YAML did not expect: a field indented so deep that it continues the text above it."""
    line = lines.get(number)
    if line is None or line.key is None or column != line.text.find(":", line.start + len(line.key)):
        return None  # a ": " inside a text: the generic message says to quote it
    above = lines.previous(number)
    if above is None:
        return None
    owner = lines.owner(above)
    for candidate in lines.lines[owner.number:number]:
        typo = None if candidate.blank else _typo_in(candidate)
        if typo is not None:
            return typo
    if owner.key is None and owner.dash is not None and line.dash is not None and line.dash > owner.dash:
        return (line.number, line.dash, f'this "-" is indented more than the item above (line {owner.number + 1}), '
                                        f'so its text is read as part of "{shorten(owner.value)}"; start "-" in '
                                        f"column {owner.dash + 1}, like the item above")
    if owner.key is None or not owner.value or owner.opens_block_text or line.start <= owner.start:
        return None
    message = (f'"{line.key}:" is indented {plural(line.start - owner.start)} more than "{owner.key}:" on line '
               f'{owner.number + 1}, so it is read as part of the text of "{owner.key}:"; start it in column '
               f'{owner.start + 1}, like "{owner.key}:"')
    if line.key not in LANGUAGE_KEYS:
        message += ' (or, if this line belongs to that text, put the whole text in double quotes)'
    return (line.number, line.start, message)


def _text_after_value(lines: Lines, number: int, column: int) -> Explained | None:
    """More text after a value that is complete: a quote that ends the text too early, or "[" at the start."""
    line = lines.get(number)
    if line is None or line.key is None:
        return None
    value_col = line.text.find(line.value, line.start + len(line.key)) if line.value else -1
    if value_col < 0 or value_col >= column:
        return None
    opening = line.text[value_col]
    if opening in "[{":
        return markup_at_start(lines, number, value_col)
    if opening not in "'\"":
        return None
    closing = line.text.rfind(opening, value_col + 1, column)
    if closing < 0:
        return None
    if opening == "'":
        return (number, closing, "the text in single quotes ends at this apostrophe and the rest cannot be read; "
                                 'put the whole text in double quotes instead ("..."), which can hold apostrophes')
    return (number, closing, 'the text in double quotes ends at this " and the rest cannot be read; put the whole '
                             'text between one pair of double quotes, and write quotes inside it as “ ” (or \\")')


_STARTS = {"*": "* (Markdown emphasis)", "[": "[ (a Markdown link)", "{": "{", "&": "&", "@": "@", "`": "`",
           "%": "%"}


def markup_at_start_of(text: str, number: int, column: int, end: int) -> Explained | None:
    """An alias ("*name") followed by more text on its line: Markdown emphasis at the start of a text."""
    lines = Lines(text)
    line = lines.get(number)
    rest = line.text[end:].strip() if line is not None else ""
    if not rest or rest.startswith("#"):
        return None
    return markup_at_start(lines, number, column)


def markup_at_start(lines: Lines, number: int, column: int) -> Explained | None:
    """A text that starts with a character YAML reads as its own syntax: it must be quoted."""
    line = lines.get(number)
    if line is None or line.key is None or column >= len(line.text) or line.text[column] not in _STARTS:
        return None
    value = line.text[column:].rstrip()
    shown = shorten(value).replace('"', "“")
    return (number, column, f"a text that starts with {_STARTS[line.text[column]]} must be put in double quotes; "
                            f'write {line.key}: "{shown}"')


def _misaligned(lines: Lines, number: int) -> Explained | None:
    """A field or item that YAML cannot place: too deep, too shallow, or the line above it is the wrong one."""
    line = lines.get(number)
    above = lines.previous(number, structural=True)
    if line is None or above is None:
        return None
    if not line.structural or line.key is None and _block_owner(lines, line) is not None:
        return _block_text_lines(lines, line)
    if line.dash is not None:
        return _misaligned_item(lines, line, above)
    parent = lines.previous(above.number, structural=True)
    if parent is not None and parent.key is not None and not parent.value and parent.indent == above.indent \
            and above.dash is None and above.key is not None and line.indent > above.indent:
        return (above.number, above.indent, f'"{above.key}:" is not indented under "{parent.key}:" (line '
                                            f'{parent.number + 1}), so "{parent.key}" is empty; start it in column '
                                            f'{line.indent + 1}, like "{line.key}:" on line {line.number + 1}')
    stack = lines.stack_before(above.number)
    fields = [indent for indent, is_key in stack if is_key]
    if above.dash is not None and line.indent == above.dash and above.key is not None:
        return (number, line.indent, f'"{line.key}:" starts under the "-" of line {above.number + 1}; start it in '
                                     f'column {above.start + 1}, like "{above.key}:" (the fields of a list item line '
                                     'up after its "- ")')
    if above.dash is None and above.key is not None and above.indent < line.indent:
        if above.indent == 0 and line.indent in fields:  # a line at the start of the line between deeper ones
            return _one_of_two(lines, line, above)
        return (number, line.indent, f'"{line.key}:" is indented {plural(line.indent - above.start)} more than '
                                     f'"{above.key}:" on line {above.number + 1}; start it in column '
                                     f'{above.start + 1}, like "{above.key}:"')
    if line.indent in fields or line.indent == above.start and above.key is not None:
        return None
    lists = [indent for indent, is_key in stack if not is_key]
    if lists and line.indent == lists[-1]:  # under the "-" of the list above: a field of the list's part
        target = max((indent for indent in fields if indent < line.indent), default=None)
    else:
        candidates = [*fields, above.start] if above.key is not None else fields
        target = min(candidates, key=lambda level: (abs(level - line.indent), -level), default=None)
    if target is None:
        return None
    sibling = above if above.key is not None and above.start == target else lines.last_at(above.number + 1, target)
    if sibling is None or sibling.key is None:
        return None
    return (number, line.indent, f'"{line.key}:" is indented {plural(abs(target - line.indent))} '
                                 f'{"less" if target > line.indent else "more"} than "{sibling.key}:" on line '
                                 f'{sibling.number + 1}; start it in column {target + 1}, like "{sibling.key}:"')


def _block_owner(lines: Lines, line: Line) -> Line | None:
    """The "key: |" field whose text `line` is in, judging by indentation only (lists in the text included)."""
    lowest: int | None = None  # of the lines between it and `line`, which must all be in the text
    for other in reversed(lines.lines[:line.number]):
        if other.blank:
            continue
        if other.opens_block_text and (lowest is None or lowest > other.start) \
                and (line.indent > other.start or line.key is None):
            return other
        lowest = other.indent if lowest is None else min(lowest, other.indent)
        if lowest == 0:
            return None
    return None


def _block_text_lines(lines: Lines, line: Line) -> Explained | None:
    """A line of a "key: |" text indented less than the text's first line, which sets the indentation."""
    owner = _block_owner(lines, line)
    if owner is None:
        return None
    first = next((other for other in lines.lines[owner.number + 1:line.number] if not other.blank), None)
    if first is None or line.indent >= first.indent:
        return None
    if line.indent <= owner.start:
        return (line.number, line.indent, f'this line continues the text of "{owner.key}:" on line '
                                          f'{owner.number + 1}, but is not indented more than "{owner.key}:"; indent '
                                          f"it to column {first.indent + 1}, like line {first.number + 1}")
    if not any(other.indent == first.indent for other in lines.lines[first.number + 1:line.number] if not other.blank):
        return (first.number, first.indent, f'the first line of the text of "{owner.key}:" is indented '
                                            f"{plural(first.indent - line.indent)} more than line {line.number + 1} "
                                            "below it, and the first line sets the indentation of the whole text; "
                                            f"start it in column {line.indent + 1}, like line {line.number + 1}")
    return (line.number, line.indent, f'this line continues the text of "{owner.key}:" on line {owner.number + 1}, '
                                      f"but is indented less than that text; indent it to column {first.indent + 1}, "
                                      f"like line {first.number + 1}")


def _one_of_two(lines: Lines, line: Line, above: Line) -> Explained:
    """A field between deeper ones, and YAML stops at the next: it is out, or the next one is too deep."""
    sibling = lines.last_at(above.number, line.indent)
    like = f', like "{sibling.key}:" on line {sibling.number + 1}' if sibling is not None else ""
    return (above.number, above.indent, f'"{above.key}:" is indented {plural(line.indent - above.indent)} less '
                                        f'than the fields above it, and "{line.key}:" on line {line.number + 1} is '
                                        f'indented {plural(line.indent - above.indent)} more than "{above.key}:"; if '
                                        f'"{above.key}:" belongs with the fields above it, start it in column '
                                        f'{line.indent + 1}{like}; otherwise start "{line.key}:" in column '
                                        f"{above.indent + 1}")


def _misaligned_item(lines: Lines, line: Line, above: Line) -> Explained | None:
    """A list item ("- ") that does not line up with the list it belongs to: the nearest open list."""
    lists = {indent for indent, is_key in lines.stack_before(line.number) if not is_key}
    items = {other.dash: other for other in lines.lines[:line.number] if other.dash is not None
             and not other.blank and (other.dash in lists or other is above)}  # the last item of each open list
    if not items:
        return None
    prefer = above.dash if above.dash is not None else min(items)
    target = min(items, key=lambda dash: (abs(dash - line.indent), dash != prefer))
    if target == line.indent:
        return None
    ref = items[target]
    which = "the item above" if ref is above else f"the items of the list on line {ref.number + 1}"
    return (line.number, line.indent, f"this list item is indented {plural(abs(target - line.indent))} "
                                      f"{'less' if line.indent < target else 'more'} than {which}; start \"-\" in "
                                      f"column {target + 1}, like line {ref.number + 1}")


def syntax_message(exc: Any) -> tuple[Any, str]:
    """The generic position and plain-words message for a YAML syntax error."""
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
