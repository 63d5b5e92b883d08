"""Layout mistakes that still make valid YAML: a line indented so that it lands in the wrong place.

`fr:` two spaces too shallow is valid YAML: it becomes a field of the activity instead of the French text of
"retention". Read with the positions of every key, such a file says where the editor went wrong, so the
mistake is reported on that line with the column to use, instead of as a missing translation plus an unknown
field. Also here: keys with a non-breaking space (an indentation YAML does not see), a language repeated where
the other was meant, and a list item that swallowed the next line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from privacy_site.source.layout import dash_too_deep
from privacy_site.source.lines import LANGUAGE_KEYS, plural, split_lines
from privacy_site.source.messages import Msg, msg
from privacy_site.source.problems import Problem

Path_ = tuple[str | int, ...]
_OTHER = {"nl": "fr", "fr": "nl"}


def key_space_message(key: str) -> tuple[int, Msg] | None:
    """(offset in the key, message) when a key starts or ends with a space YAML does not treat as one."""
    stripped = key.strip()
    if stripped == key or not stripped:
        return None
    leading = key != key.lstrip()
    offset = 0 if leading else len(key.rstrip())
    char = key[offset]
    space, code = _space_name(char), f"U+{ord(char):04X}"
    if leading:
        return offset, msg("this line is indented with {space} ({code}), which YAML does not count as indentation; "
                           "replace the indentation with ordinary spaces", space=space, code=code)
    return offset, msg('{space} ({code}) stands between "{key}" and ":"; remove it', space=space, code=code,
                       key=stripped)


def _space_name(char: str) -> Msg:
    """"a no-break space": the kind of space, as word processors name the usual ones."""
    if char == "\xa0":  # Word, and Option+Space on a Mac
        return msg("a no-break space")
    if char == "\u202f":  # Word's French typography, before ":" ";" "?" "!"
        return msg("a narrow no-break space")
    name = unicodedata.name(char, "").lower()
    return msg("a {name}", name=name) if name else msg("an invisible space")


def duplicate_message(key: str, keys: list[str], first_line: int) -> Msg:
    """A repeated key; in a text, the language that is missing was probably meant."""
    other = _OTHER.get(key)
    if other and other not in keys and set(keys) <= LANGUAGE_KEYS:
        if other == "fr":
            return msg('"{key}:" is used twice in this text (first at line {line}) and "{other}:" is missing; if this '
                       'is the French text, write "{other}:"', key=key, line=first_line, other=other)
        return msg('"{key}:" is used twice in this text (first at line {line}) and "{other}:" is missing; if this is '
                   'the Dutch text, write "{other}:"', key=key, line=first_line, other=other)
    return msg('duplicate key "{key}" (first at line {line}); keep one and remove the other', key=key, line=first_line)


def swallowed_item(text: str, start_line: int, end_line: int) -> tuple[int, int, Msg] | None:
    """A list item of one word whose text runs onto the next line: a "- " too deep, or one that is missing.

    0-based line and column of the line that was joined to the item, and the message; None when the item's
    lines cannot be read back.
    """
    lines = split_lines(text)
    if not 0 <= start_line < end_line < len(lines):
        return None
    item = lines[start_line]
    joined = next((line for line in lines[start_line + 1:end_line + 1] if not line.blank), None)
    if item.dash is None or joined is None:
        return None
    word = item.value
    if joined.dash is not None:
        return (joined.number, joined.indent, dash_too_deep(item.number + 1, word, item.dash + 1))
    return (joined.number, joined.indent, msg('this line is read as part of the item "{item}" above (line {line}); if '
                                              'it is a new item, write "- {text}" with "-" in column {column}, like '
                                              "the item above", item=word, line=item.number + 1, text=joined.value,
                                              column=item.dash + 1))


def misplaced_languages(data: Any, key_pos: dict[Path_, tuple[int, int]], display: str) -> list[Problem]:
    """`nl:`/`fr:` indented less than the text they belong to, so they became fields of the part around it."""
    problems = []
    for path, mapping in _mappings(data):
        if not any(key in LANGUAGE_KEYS for key in mapping) or set(mapping) <= LANGUAGE_KEYS:
            continue
        keys = list(mapping)
        reported: set[str] = set()
        for i, key in enumerate(keys):
            if key not in LANGUAGE_KEYS or i == 0 or key in reported:
                continue
            previous = keys[i - 1]
            line, col = key_pos[(*path, key)]
            owner_line, owner_col = key_pos[(*path, previous)]
            value = mapping[previous]
            if value is None and col == owner_col:  # "retention:" with its languages not indented under it
                group = [k for k in keys[i:] if k in LANGUAGE_KEYS and key_pos[(*path, k)][1] == col]
                reported.update(group)
                problems.append(Problem(display, line, col, _not_under(group, previous, owner_line, owner_col + 2)))
                continue
            text = _last_text(value, (*path, previous))
            if text is None or key in text[1]:
                continue
            text_path, languages = text
            sibling = next(iter(languages))
            sibling_line, sibling_col = key_pos[(*text_path, sibling)]
            if sibling_col <= col:
                continue
            reported.add(key)
            problems.append(Problem(display, line, col, msg('"{key}:" is indented {spaces} less than "{other}:" on '
                                                            "line {line}, so it is not read as part of that text; "
                                                            'start it in column {column}, like "{other}:"', key=key,
                                                            spaces=plural(sibling_col - col), other=sibling,
                                                            line=sibling_line, column=sibling_col)))
    return problems


def _not_under(group: list[str], field: str, line: int, column: int) -> Msg:
    """Languages written at the same indentation as the empty field they belong to."""
    if len(group) == 1:
        return msg('"{key}:" is not indented under "{field}:" (line {line}), so "{field}" is empty; indent it 2 '
                   "spaces more, to column {column}", key=group[0], field=field, line=line, column=column)
    keys: str | Msg = f'"{group[0]}:"'  # the languages as written: "nl:" and "fr:" (and "de:" ...)
    for key in group[1:-1]:
        keys = msg('{keys} and "{key}:"', keys=keys, key=key)
    return msg('{keys} and "{key}:" are not indented under "{field}:" (line {line}), so "{field}" is empty; indent '
               "them 2 spaces more, to column {column}", keys=keys, key=group[-1], field=field, line=line,
               column=column)


def _mappings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    stack: list[tuple[Path_, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            yield where, value
            stack.extend(((*where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, i), item) for i, item in enumerate(value))


def _last_text(value: Any, path: Path_) -> tuple[Path_, dict[str, Any]] | None:
    """The text ({nl: ..., fr: ...}) that ends `value`: itself, or the last one inside its last item or field."""
    for _ in range(100):
        if isinstance(value, dict) and value and set(value) <= LANGUAGE_KEYS:
            return path, value
        if isinstance(value, dict) and value:
            last = next(reversed(value))
        elif isinstance(value, list) and value:
            last = len(value) - 1
        else:
            return None
        value, path = value[last], (*path, last)
    return None
