"""Messages for editors that can be told in their language: English text plus what a catalog needs to translate it.

A `Msg` is a `str` (its English wording), so it sorts, compares, pickles and prints like the plain message it
replaces; it also keeps its catalog id (the English pattern with `{names}`) and its parameters, so `tell` can
word it again from the editors' catalog (domain "editor" in i18n/locale) in Dutch or French. Parameters that
are messages themselves are told in the same language; anything else (a field name as the editor wrote it, a
line number, a value from the file) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Msg(str):
    """An editor's message: reads as English, keeps its catalog id and parameters for translation."""

    msgid: str
    params: dict[str, Any]
    catalog: bool  # False for a pattern of our own that reads the same in every language (see `joined`)

    def __new__(cls, msgid: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        self.catalog = True
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # the check cache pickles problems
        return (_rebuild, (self.msgid, self.params, self.catalog))


def _rebuild(msgid: str, params: dict[str, Any], catalog: bool) -> Msg:
    found = Msg(msgid, **params)
    found.catalog = catalog
    return found


def msg(msgid: str, /, **params: Any) -> Msg:
    """A message for editors, in English; `msgid` is a literal the catalogs translate (extracted as `msg`)."""
    return Msg(msgid, **params)


def about(field: str, message: str) -> Msg:
    """`field: message`: a message about one field, named as the editor wrote it (see Located.field)."""
    return msg("{field}: {message}", field=field, message=message)


def joined(parts: list[str], separator: str = "; ") -> Msg:
    """Messages told one after the other (each translated on its own)."""
    names = {f"p{i}": part for i, part in enumerate(parts)}
    pattern = separator.replace("{", "{{").replace("}", "}}").join(f"{{{name}}}" for name in names)
    found = Msg(pattern, **names)
    found.catalog = False
    return found


def tell(text: str, translate: Callable[[str], str] | None) -> str:
    """`text` in the catalog's language: its translation with its parameters told alike; English without one."""
    if translate is None or not isinstance(text, Msg):
        return str(text)
    pattern = translate(text.msgid) if text.catalog else text.msgid
    params = {name: tell(value, translate) if isinstance(value, Msg) else value
              for name, value in text.params.items()}
    try:
        return pattern.format(**params) if params else pattern
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the problem: say it in English
        return text.msgid.format(**params) if params else text.msgid


def untold(text: str) -> list[str]:
    """The parts of a message that no catalog can translate (plain strings where a Msg is needed); a test keeps
    this empty for every message in the bad-input table."""
    if not isinstance(text, Msg):
        return [str(text)]
    return [part for value in text.params.values() if isinstance(value, Msg) for part in untold(value)]
