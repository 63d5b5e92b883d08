"""Dutch forms of address: the formal "u" and the informal "je", as words a text uses."""

from __future__ import annotations

import re
from typing import Literal

Register = Literal["formal", "informal"]
REGISTERS: tuple[Register, ...] = ("formal", "informal")

# Words that address the reader, per register. "je" is also a reflexive pronoun and "jij"/"jou"
# only ever address; "u" and "uw" never mean anything else in Dutch.
_WORDS: dict[Register, re.Pattern[str]] = {
    "formal": re.compile(r"\b(u|uw|uwe|uzelf)\b", re.IGNORECASE),
    "informal": re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE),
}


def address_words(text: str, register: Register) -> list[str]:
    """The words of `text` that address the reader in `register`, in order."""
    # Links and their addresses are not prose ("...?u=1"); drop them before counting.
    prose = re.sub(r"\]\([^)]*\)|https?://\S+|mailto:\S+", " ", text)
    return [m.group(0) for m in _WORDS[register].finditer(prose)]


def other(register: Register) -> Register:
    """The register an organisation did not choose."""
    return "informal" if register == "formal" else "formal"
