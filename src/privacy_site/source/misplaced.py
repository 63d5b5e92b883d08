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

from privacy_site.source.lines import LANGUAGE_KEYS, split_lines
from privacy_site.source.problems import Problem

Path_ = tuple[str | int, ...]
_OTHER = {"nl": "fr", "fr": "nl"}


def key_space_message(key: str) -> tuple[int, str] | None:
    """(offset in the key, message) when a key starts or ends with a space YAML does not treat as one."""
    stripped = key.strip()
    if stripped == key or not stripped:
        return None
    leading = key != key.lstrip()
    offset = 0 if leading else len(key.rstrip())
    char = key[offset]
    name = unicodedata.name(char, "").lower() or "invisible space"
    code = f"U+{ord(char):04X}"
    if leading:
        return offset, (f"this line is indented with a {name} ({code}), which YAML does not count as indentation; "
                        "replace the indentation with ordinary spaces")
    return offset, f'a {name} ({code}) stands between "{stripped}" and ":"; remove it'


def duplicate_message(key: str, keys: list[str], first_line: int) -> str:
    """A repeated key; in a text, the language that is missing was probably meant."""
    other = _OTHER.get(key)
    if other and other not in keys and set(keys) <= LANGUAGE_KEYS:
        return (f'"{key}:" is used twice in this text (first at line {first_line}) and "{other}:" is missing; if '
                f'this is the {"French" if other == "fr" else "Dutch"} text, write "{other}:"')
    return f'duplicate key "{key}" (first at line {first_line}); keep one and remove the other'


def swallowed_item(text: str, start_line: int, end_line: int) -> tuple[int, int, str] | None:
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
        return (joined.number, joined.indent, f'this "-" is indented more than the item above (line '
                                              f'{item.number + 1}), so its text is read as part of "{word}"; start '
                                              f'"-" in column {item.dash + 1}, like the item above')
    return (joined.number, joined.indent, f'this line is read as part of the item "{word}" above (line '
                                          f'{item.number + 1}); if it is a new item, write "- {joined.value}" with '
                                          f'"-" in column {item.dash + 1}, like the item above')


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
                names = " and ".join(f'"{k}:"' for k in group)
                problems.append(Problem(display, line, col, f'{names} {"is" if len(group) == 1 else "are"} not '
                                        f'indented under "{previous}:" (line {owner_line}), so "{previous}" is '
                                        f"empty; indent {'it' if len(group) == 1 else 'them'} 2 spaces more, to "
                                        f"column {owner_col + 2}"))
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
            problems.append(Problem(display, line, col, f'"{key}:" is indented {_spaces(sibling_col - col)} less '
                                    f'than "{sibling}:" on line {sibling_line}, so it is not read as part of that '
                                    f'text; start it in column {sibling_col}, like "{sibling}:"'))
    return problems


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


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
