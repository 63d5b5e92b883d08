"""The fast way to read a plainly valid policy file: libyaml's events straight to data (and positions on demand).

Anything unusual (a syntax error, an anchor, an alias, a tag, deep nesting, too many values, a duplicate or
non-text key, a forbidden character, a second document) gives None: the reference loader in yamlsrc.py reads
the file instead, so every message stays exactly the same. So do the shapes that valid YAML takes after a
layout mistake, which the reference loader explains (source/misplaced.py, source/layout.py): a block text
(`|`, `>`) with nothing in it, a list item of plain text running over several lines, a key with an unusual
space around it, and a mapping that mixes language keys with other fields.

The positions of keys and values are only needed to report a problem, so they are found on demand, by reading
the same text again with them. No recursion, so no input can exhaust the stack.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from privacy_site.source.lines import LANGUAGE_KEYS

MAX_DEPTH = 40
MAX_NODES = 50_000
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})
NULL = frozenset({"", "~", "null", "Null", "NULL"})
# Characters that have no place in a statement: C0/C1 controls (tab included: it renders as a
# random-width gap), line/paragraph separators, and the invisible bidirectional controls that can
# make a text display differently from what it says ("Trojan source").
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                       "\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]
_LOADER = getattr(yaml, "CSafeLoader", None)
_DOCUMENT_EVENTS = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent)


_ODD_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _nothing(_: str) -> None:
    return None


def _mixes_languages(mapping: dict[str, Any], key: str) -> bool:
    """Whether adding `key` makes a mapping hold both a language (nl, fr, …) and another field."""
    if key in LANGUAGE_KEYS:
        return not LANGUAGE_KEYS.issuperset(mapping)
    return not LANGUAGE_KEYS.isdisjoint(mapping)


def load_fast(text: str, *, positions: bool) -> tuple[Any, Positions, Positions] | None:
    """(data, value positions, key positions) of a plainly valid file (positions empty unless asked for), or
    None when the reference loader must read it."""
    if _LOADER is None:
        return None
    value_pos: Positions = {}
    key_pos: Positions = {}
    # Open collections: the container, its path (when positions are wanted) and a mapping's key awaiting its value.
    stack: list[tuple[Any, Path_, str | None]] = []
    data: Any = None
    count = 0
    done = False
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent  # local: faster
    # A value can only hold a forbidden character typed as is, or written as an escape (with a backslash):
    # without either in the text, no value needs looking at.
    forbidden = FORBIDDEN.search if "\\" in text or FORBIDDEN.search(text) else _nothing
    # Only a space YAML does not strip (a non-breaking one, say) can stand around a key: look for it only then.
    odd_spaces = _ODD_SPACE.search(text) is not None
    loader = _LOADER(text)
    next_event = loader.get_event
    path: Path_ = ()
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar:
                if event.anchor is not None or event.tag is not None or forbidden(event.value):
                    return None
                if event.style and event.style in "|>" and not event.value.strip():
                    return None  # a block text with no text: its lines may be indented too little
            elif kind is mapping or kind is sequence:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    return None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            elif isinstance(event, _DOCUMENT_EVENTS):
                continue
            else:  # an alias
                return None
            if stack:
                container, parent, key = stack[-1]
                if type(container) is dict:
                    if key is None:  # a key (text as written: `true:` is the key "true"); its value comes next
                        if kind is not scalar or event.value in container:
                            return None  # a list or a mapping as a key, or a duplicate key
                        if container and _mixes_languages(container, event.value):
                            return None  # `fr:` indented so that it became a field next to others
                        if odd_spaces and not event.style and event.value.strip() != event.value:
                            return None
                        if positions:
                            mark = event.start_mark
                            key_pos[(*parent, event.value)] = (mark.line + 1, mark.column + 1)
                        stack[-1] = (container, parent, event.value)
                        continue
                    stack[-1] = (container, parent, None)
                    if positions:
                        path = (*parent, key)
                else:
                    if kind is scalar and not event.style and event.end_mark.line > event.start_mark.line:
                        return None  # a list item that may have swallowed the next line
                    if positions:
                        path = (*parent, len(container))
            elif done:
                return None  # a second document: the reference loader explains it
            else:
                container, key = None, None
            count += 1
            if count > MAX_NODES:
                return None
            if kind is scalar:
                value: Any = event.value
                if not event.style:  # plain, unquoted (PyYAML says None, libyaml says "")
                    value = True if value in TRUE else False if value in FALSE else None if value in NULL else value
            else:
                value = {} if kind is mapping else []
                stack.append((value, path, None))
            if positions:
                mark = event.start_mark
                value_pos[path] = (mark.line + 1, mark.column + 1)
            if container is None:
                data = value
                done = True
            elif key is None:
                container.append(value)
            else:
                container[key] = value
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return (data, value_pos, key_pos) if done else None
