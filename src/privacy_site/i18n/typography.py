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
_URL_OR_TIME = re.compile(r"(?:https?://|mailto:|tel:|www\.)[^\s<>«»\ue002]+|\d{1,2}:\d{2}")
_EMAIL_LEFT = re.compile(r"[\w.+-]+$")
_EMAIL_RIGHT = re.compile(r"[\w-]+(?:\.[\w-]+)+")
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


def _untouched(text: str) -> list[tuple[int, int]]:
    """Where addresses and times are: URLs and times by pattern, e-mail addresses around each "@" (fast)."""
    spans = [m.span() for m in _URL_OR_TIME.finditer(text)]
    at = text.find("@")
    while at > 0:
        left = _EMAIL_LEFT.search(text, max(0, at - 80), at)
        right = _EMAIL_RIGHT.match(text, at + 1)
        if left and right:
            spans.append((left.start(), right.end()))
        at = text.find("@", at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:  # a mailto: URL holds its address: keep the outer span
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _text(text: str) -> str:
    # Addresses, times and entities stand in as private-use placeholders, so the rules see a word there.
    kept: list[str] = []

    def keep(piece: str) -> str:
        kept.append(piece)
        return f"\ue000{len(kept) - 1}\ue001"

    out, last = [], 0
    for start, end in _untouched(text):
        out += [text[last:start], keep(text[start:end])]
        last = end
    out.append(text[last:])
    shielded = _ENTITY.sub(lambda m: keep(m.group(0)), "".join(out))
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
