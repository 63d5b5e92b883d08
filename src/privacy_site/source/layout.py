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
from privacy_site.source.messages import Msg, msg

_NO_SPACE_AFTER_COLON = re.compile(rf"({IDENT}):(?=[^\s/])")
_EQUALS = re.compile(rf"({IDENT}) *=(?!=)")
_DASH_NO_SPACE = re.compile(r"-(?=[^\s-])")

Explained = tuple[int, int, Msg]  # 0-based line and column, message


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
            return (first.number, first.indent, msg('"{key}:" is indented, but the fields of the file start at the '
                                                    "beginning of the line; start it in column 1, like the other "
                                                    "fields of the file", key=first.key))
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
    return (below.number, below.indent, _text_not_indented(line, line.start + 3, written=True))


def _text_not_indented(owner: Line, column: int, *, written: bool) -> Msg:
    """The text of "key: |" (or of an empty "key:") on a line below it that is not indented more than the key."""
    if written:  # the text has other lines, or its field says a text follows
        return msg('this line is the text of "{key}:" on line {line}, but it is not indented more than "{key}:"; '
                   "indent it to column {column}, with the other lines of that text",
                   key=owner.key, line=owner.number + 1, column=column)
    return msg('this line is the text of "{key}:" on line {line}, but it is not indented more than "{key}:"; '
               'indent it to column {column}, or write it after "{key}: " on line {line}',
               key=owner.key, line=owner.number + 1, column=column)


def unindented_block_text_at(text: str, number: int) -> Explained | None:
    """For an empty "key: |" text on line `number`: the text written below it without indentation, if any."""
    lines = Lines(text)
    line = lines.get(number)
    return None if line is None else _unindented_text_of(lines, line, len(lines.lines))


def _typo_in(line: Line) -> Explained | None:
    """A list item without a space after "-", a field without a space after ":", or "=" instead of ":"."""
    body = line.text[line.indent:]
    if _DASH_NO_SPACE.match(body) and not body.startswith("---"):
        return (line.number, line.indent, msg('a list item needs a space after "-"; write "- {text}"',
                                              text=shorten(body[1:])))
    found = _NO_SPACE_AFTER_COLON.match(line.text, line.start)
    if found:
        key, rest = found.group(1), line.text[found.end():].strip()
        return (line.number, found.end() - 1, msg('"{key}:" needs a space after the colon; write "{key}: {text}"',
                                                  key=key, text=shorten(rest)))
    found = _EQUALS.match(line.text, line.start)
    if found and line.key is None:
        return (line.number, found.end() - 1, msg('write "{key}:" with a colon, not "="', key=found.group(1)))
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
        return (line.number, line.start + len(line.content), msg('"{key}" needs a colon after it; write "{key}:"',
                                                                 key=line.content))
    above = lines.previous(number)
    if above is None:
        return None
    if above.key is not None and (not above.value or above.opens_block_text) and line.indent <= above.start:
        return (line.number, line.indent, _text_not_indented(above, above.start + 3, written=bool(above.value)))
    owner = lines.owner(above)
    if owner.key is None:
        if owner.dash is not None and line.indent <= owner.dash:
            return (line.number, line.indent, msg('this line has no "- " in front, so it is not a new list item; '
                                                  'write "- {text}" with "-" in column {column}, like line {line}',
                                                  text=shorten(line.content), column=owner.dash + 1,
                                                  line=owner.number + 1))
        return None
    if owner.opens_block_text:
        first = next((other for other in lines.lines[owner.number + 1:number] if not other.blank), None)
        if first is not None and first.indent > owner.start and line.indent < first.indent:
            return (line.number, line.indent, _continues_less(owner, first))
        return None
    if owner.value and line.indent <= owner.start:
        column = above.indent + 1 if above is not owner else owner.start + 3
        return (line.number, line.indent, msg('this line continues the text of "{key}:" on line {line}, but is not '
                                              'indented more than "{key}:"; indent it to column {column}',
                                              key=owner.key, line=owner.number + 1, column=column))
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
        return (line.number, line.dash, dash_too_deep(owner.number + 1, shorten(owner.value), owner.dash + 1))
    if owner.key is None or not owner.value or owner.opens_block_text or line.start <= owner.start:
        return None
    params = {"key": line.key, "spaces": plural(line.start - owner.start), "owner": owner.key,
              "line": owner.number + 1, "column": owner.start + 1}
    if line.key in LANGUAGE_KEYS:
        return (line.number, line.start, msg('"{key}:" is indented {spaces} more than "{owner}:" on line {line}, so it '
                                             'is read as part of the text of "{owner}:"; start it in column {column}, '
                                             'like "{owner}:"', **params))
    return (line.number, line.start, msg('"{key}:" is indented {spaces} more than "{owner}:" on line {line}, so it is '
                                         'read as part of the text of "{owner}:"; start it in column {column}, like '
                                         '"{owner}:" (or, if this line belongs to that text, put the whole text in '
                                         "double quotes)", **params))


def dash_too_deep(line: int, item: str, column: int) -> Msg:
    """A "- " indented more than the one-word item above it, whose text it became part of."""
    return msg('this "-" is indented more than the item above (line {line}), so its text is read as part of '
               '"{item}"; start "-" in column {column}, like the item above', line=line, item=item, column=column)


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
        return (number, closing, msg("the text in single quotes ends at this apostrophe and the rest cannot be read; "
                                     'put the whole text in double quotes instead ("..."), which can hold '
                                     "apostrophes"))
    return (number, closing, msg('the text in double quotes ends at this " and the rest cannot be read; put the whole '
                                 'text between one pair of double quotes, and write quotes inside it as “ ” (or '
                                 '\\")'))


_STARTS = frozenset("*[{&@`%")


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
    start = line.text[column]
    if start == "*":
        return (number, column, msg('a text that starts with * (Markdown emphasis) must be put in double quotes; '
                                    'write {key}: "{text}"', key=line.key, text=shown))
    if start == "[":
        return (number, column, msg('a text that starts with [ (a Markdown link) must be put in double quotes; '
                                    'write {key}: "{text}"', key=line.key, text=shown))
    return (number, column, msg('a text that starts with {start} must be put in double quotes; write {key}: "{text}"',
                                start=start, key=line.key, text=shown))


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
        return (above.number, above.indent, msg('"{key}:" is not indented under "{parent}:" (line {parent_line}), so '
                                                '"{parent}" is empty; start it in column {column}, like "{other}:" '
                                                "on line {line}", key=above.key, parent=parent.key,
                                                parent_line=parent.number + 1, column=line.indent + 1,
                                                other=line.key, line=line.number + 1))
    stack = lines.stack_before(above.number)
    fields = [indent for indent, is_key in stack if is_key]
    if above.dash is not None and line.indent == above.dash and above.key is not None:
        return (number, line.indent, msg('"{key}:" starts under the "-" of line {line}; start it in column {column}, '
                                         'like "{other}:" (the fields of a list item line up after its "- ")',
                                         key=line.key, line=above.number + 1, column=above.start + 1,
                                         other=above.key))
    if above.dash is None and above.key is not None and above.indent < line.indent:
        if above.indent == 0 and line.indent in fields:  # a line at the start of the line between deeper ones
            return _one_of_two(lines, line, above)
        return (number, line.indent, _indented_unlike(line, above, above.start))
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
    return (number, line.indent, _indented_unlike(line, sibling, target))


def _indented_unlike(line: Line, sibling: Line, target: int) -> Msg:
    """A field indented more or less than the field it lines up with, which starts in column `target` (0-based)."""
    params = {"key": line.key, "spaces": plural(abs(target - line.indent)), "other": sibling.key,
              "line": sibling.number + 1, "column": target + 1}
    if target > line.indent:
        return msg('"{key}:" is indented {spaces} less than "{other}:" on line {line}; start it in column {column}, '
                   'like "{other}:"', **params)
    return msg('"{key}:" is indented {spaces} more than "{other}:" on line {line}; start it in column {column}, '
               'like "{other}:"', **params)


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
        return (line.number, line.indent, msg('this line continues the text of "{key}:" on line {line}, but is not '
                                              'indented more than "{key}:"; indent it to column {column}, like line '
                                              "{first}", key=owner.key, line=owner.number + 1,
                                              column=first.indent + 1, first=first.number + 1))
    if not any(other.indent == first.indent for other in lines.lines[first.number + 1:line.number] if not other.blank):
        return (first.number, first.indent, msg('the first line of the text of "{key}:" is indented {spaces} more '
                                                "than line {line} below it, and the first line sets the indentation "
                                                "of the whole text; start it in column {column}, like line {line}",
                                                key=owner.key, spaces=plural(first.indent - line.indent),
                                                line=line.number + 1, column=line.indent + 1))
    return (line.number, line.indent, _continues_less(owner, first))


def _continues_less(owner: Line, first: Line) -> Msg:
    """A line of the text of "key: |" indented less than the text's first line."""
    return msg('this line continues the text of "{key}:" on line {line}, but is indented less than that text; indent '
               "it to column {column}, like line {first}", key=owner.key, line=owner.number + 1,
               column=first.indent + 1, first=first.number + 1)


def _one_of_two(lines: Lines, line: Line, above: Line) -> Explained:
    """A field between deeper ones, and YAML stops at the next: it is out, or the next one is too deep."""
    sibling = lines.last_at(above.number, line.indent)
    params = {"key": above.key, "spaces": plural(line.indent - above.indent), "next": line.key,
              "line": line.number + 1, "column": line.indent + 1, "out": above.indent + 1}
    if sibling is None:
        return (above.number, above.indent, msg('"{key}:" is indented {spaces} less than the fields above it, and '
                                                '"{next}:" on line {line} is indented {spaces} more than "{key}:"; if '
                                                '"{key}:" belongs with the fields above it, start it in column '
                                                '{column}; otherwise start "{next}:" in column {out}', **params))
    return (above.number, above.indent, msg('"{key}:" is indented {spaces} less than the fields above it, and '
                                            '"{next}:" on line {line} is indented {spaces} more than "{key}:"; if '
                                            '"{key}:" belongs with the fields above it, start it in column {column}, '
                                            'like "{other}:" on line {other_line}; otherwise start "{next}:" in '
                                            "column {out}", other=sibling.key, other_line=sibling.number + 1,
                                            **params))


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
    params = {"spaces": plural(abs(target - line.indent)), "column": target + 1, "line": ref.number + 1}
    if ref is above and line.indent < target:
        message = msg('this list item is indented {spaces} less than the item above; start "-" in column {column}, '
                      "like line {line}", **params)
    elif ref is above:
        message = msg('this list item is indented {spaces} more than the item above; start "-" in column {column}, '
                      "like line {line}", **params)
    elif line.indent < target:
        message = msg("this list item is indented {spaces} less than the items of the list on line {line}; start "
                      '"-" in column {column}, like line {line}', **params)
    else:
        message = msg("this list item is indented {spaces} more than the items of the list on line {line}; start "
                      '"-" in column {column}, like line {line}', **params)
    return (line.number, line.indent, message)


def syntax_message(exc: Any) -> tuple[Any, Msg]:
    """The generic position and plain-words message for a YAML syntax error."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if "while scanning a quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark, msg("the quoted text that starts here is never closed; add the closing quote")
    if "expected a single document" in context or "expected a single document" in problem:
        return mark, msg('only one YAML document is allowed per file; remove the "---" line '
                         "(a new version goes in its own dated file)")
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return mark, msg("unexpected text after a value; if a text in single quotes contains an apostrophe, "
                         "put the text in double quotes instead")
    if problem.startswith("expected <block end>") or problem.startswith("expected <block"):
        return mark, msg("this line is not indented like the lines around it; "
                         "line it up with the other fields at the same level")
    hints = {
        "found undefined alias": msg("aliases (*name) are not allowed; write the value out in full"),
        "found character '\\t' that cannot start any token": msg("a tab is not allowed here; use spaces"),
        "mapping values are not allowed here": msg(
            'unexpected ":" (a text containing ": " must be quoted); put the text in double quotes'
        ),
        "could not find expected ':'": msg('a line is missing ":" after its key; write `key: value`'),
        "found duplicate anchor": msg("anchors (&name) are not allowed; write the value out in full"),
    }
    for needle, hint in hints.items():
        if problem.startswith(needle):
            return mark, hint
    detail = " ".join(part for part in (problem, context) if part)
    if not detail:
        return mark, msg("invalid YAML (the file cannot be read as YAML); check indentation, quotes and colons on "
                         "this line")
    return mark, msg("invalid YAML ({detail}); check indentation, quotes and colons on this line", detail=detail)
