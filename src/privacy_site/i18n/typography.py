"""French typography (narrow no-break space before ; ! ?, no-break space before : and inside « »).

Applied when rendering, to generated and to organisation texts alike, so editors type ordinary spaces.
Addresses (URLs, e-mail addresses), times (14:30) and code are never touched.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space (espace fine insécable)
NBSP = "\u00a0"  # no-break space
_SPACES = " \u00a0\u202f"
# Never typeset inside: URLs, www addresses, e-mail addresses, times and scheme-like "word:x" tokens.
_UNTOUCHED = re.compile(r"(?:https?://|mailto:|tel:|www\.)[^\s<>«»\ue002]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d{1,2}:\d{2}")
_ENTITY = re.compile(r"(&#?[A-Za-z0-9]+;)")
_BEFORE_HIGH = re.compile(rf"[{_SPACES}]*(?<=[^{_SPACES}(\[;!?])([;!?]+)")
_SPACED_HIGH = re.compile(rf"[{_SPACES}]+([;!?]+)")
# A colon that ends a clause: followed by a space, a closing bracket, the end, or a tag or kept token.
_COLON = re.compile(rf"(?<=[^{_SPACES}\d(/:])[{_SPACES}]*:(?=[\s)\ue000\ue002]|$)|[{_SPACES}]+:(?=[\s)\ue000\ue002]|$)")
_OPEN = re.compile(rf"«[{_SPACES}]*")
_CLOSE = re.compile(rf"[{_SPACES}]*»")
_TAG = re.compile(r"(<[^>]*>)")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_TAG_PLACEHOLDER = re.compile("\ue002(\\d+)\ue003")
_RAW = ("code", "pre", "script", "style", "kbd", "samp")


def _plain(piece: str) -> str:
    piece = _SPACED_HIGH.sub(lambda m: NNBSP + m.group(1), piece)
    piece = _BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), piece)
    piece = _COLON.sub(NBSP + ":", piece)
    piece = _OPEN.sub("«" + NBSP, piece)
    return _CLOSE.sub(NBSP + "»", piece)


def _text(text: str) -> str:
    # Addresses, times and entities stand in as private-use placeholders, so the rules see a word there.
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\ue000{len(kept) - 1}\ue001"

    shielded = _ENTITY.sub(keep, _UNTOUCHED.sub(keep, text))
    return _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], _plain(shielded))


def typeset(text: str, lang: str) -> str:
    """A plain text with the typography of `lang` (French only; other languages unchanged)."""
    return _text(text) if lang == "fr" else text


def typeset_html(html: str, lang: str) -> str:
    """Finished HTML with the typography of `lang` applied to its text, never to tags, attributes or code."""
    if lang != "fr":
        return html
    # Tags (and code) stand in as placeholders: "<a …>titre</a>: données" is typeset like "titre: données".
    kept: list[str] = []

    def keep(piece: str) -> str:
        kept.append(piece)
        return f"\ue002{len(kept) - 1}\ue003"

    out, raw_depth = [], 0
    for i, part in enumerate(_TAG.split(html)):
        if i % 2:
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in _RAW:
                raw_depth += -1 if part.startswith("</") else 1
            out.append(keep(part))
        else:
            out.append(keep(part) if raw_depth and part else part)
    return _TAG_PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], _text("".join(out)))
