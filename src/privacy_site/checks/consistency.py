"""Free texts must say the same things in every language: same lists, links, addresses and numbers."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from privacy_site.model.text import markdown_problem
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_

LANGUAGE_NAMES_EN = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}
_LANGS = frozenset(LANGUAGE_NAMES_EN)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https://|mailto:|tel:)[^>\s]+)>")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LANG_SEGMENT = re.compile(r"/(?:nl|fr|de|en)(?=/|$)")


def text_maps(data: Any, path: Path_ = ()) -> list[tuple[Path_, dict[str, Any]]]:
    """Every translated text in raw YAML data: a mapping whose keys are all language codes."""
    # No other part of the model consists of language keys only, so this finds texts even where
    # the rest of the file is invalid.
    found: list[tuple[Path_, dict[str, Any]]] = []
    _collect_text_maps(data, path, found)
    return found


def texts_of(located: Located) -> list[tuple[Path_, dict[str, Any]]]:
    """text_maps of a file's data, found once for all the checks that read them."""
    found = located.derived.get("text_maps")
    if found is None:
        found = located.derived["text_maps"] = text_maps(located.data)
    return found  # type: ignore[no-any-return]


def _collect_text_maps(data: Any, path: Path_, found: list[tuple[Path_, dict[str, Any]]]) -> None:
    if isinstance(data, dict):
        if data and _LANGS.issuperset(data):
            found.append((path, data))
            return
        for key, value in data.items():
            if isinstance(value, dict | list):
                _collect_text_maps(value, (*path, key), found)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, dict | list):
                _collect_text_maps(item, (*path, i), found)


def field_name(path: Path_) -> str:
    """A path as editors read it: processing[2].purposes[1]."""
    out = ""
    for seg in path:
        out += f"[{seg + 1}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def _links(text: str) -> Counter[str]:
    # The same page in another language often differs only by a /nl/ or /fr/ segment.
    return Counter(_LANG_SEGMENT.sub("/*", a or b) for a, b in _LINK.findall(text))


@lru_cache(maxsize=32768)  # versions repeat most texts of the previous one: compare each text once
def _features(text: str) -> dict[str, Counter[str]]:
    without_links = _LINK.sub(" ", text)
    emails = Counter(e.lower() for e in _EMAIL.findall(without_links))  # linked ones count as links
    numbers = Counter(n.replace(",", ".") for n in _NUMBER.findall(_EMAIL.sub(" ", without_links)))
    return {"list items": Counter({"items": len(_LIST_ITEM.findall(text))}),
            "links": _links(text), "e-mail addresses": emails, "numbers": numbers}


_Differences = tuple[tuple[str, tuple[tuple[str, Counter[str], Counter[str]], ...]], ...]


@lru_cache(maxsize=32768)  # versions repeat most texts of the previous one: compare each text map once
def _differences(texts: tuple[tuple[str, str], ...]) -> _Differences:
    """Per other language: (kind, in the first language's text, in its text) of every kind of feature the two
    texts do not share; nothing when a text is outside the safe Markdown (it is reported on its own)."""
    if any(markdown_problem(value) for _, value in texts):
        return ()
    base_features = _features(texts[0][1])
    found = []
    for lang, value in texts[1:]:
        other_features = _features(value)
        kinds = tuple((kind, expected, other_features[kind]) for kind, expected in base_features.items()
                      if other_features[kind] != expected)
        if kinds:
            found.append((lang, kinds))
    return tuple(found)


def check_consistency(located: Located) -> list[Problem]:
    """Compare each translation with the first language of its text; report both locations."""
    problems: list[Problem] = []
    for path, text in texts_of(located):
        texts = tuple((lang, text[lang]) for lang in ("nl", "fr", "de", "en") if isinstance(text.get(lang), str))
        if len(texts) < 2:
            continue
        base = texts[0][0]
        for other, differences in _differences(texts):
            line, col = located.pos((*path, base))
            where = f"{LANGUAGE_NAMES_EN[base]} text (line {line})"
            for kind, expected, found in differences:
                name = field_name(path)
                if kind == "list items":
                    detail = (f"the {LANGUAGE_NAMES_EN[other]} text has {found['items']} list items, the {where} "
                              f"has {expected['items']}")
                else:
                    missing = sorted((expected - found).elements())
                    extra = sorted((found - expected).elements())
                    parts = []
                    if missing:
                        parts.append(f"lacks {', '.join(missing)}")
                    if extra:
                        parts.append(f"adds {', '.join(extra)}")
                    detail = f"the {LANGUAGE_NAMES_EN[other]} text {' and '.join(parts)} compared with the {where}"
                problems.append(located.problem(
                    (*path, other), f"{name}: {kind} differ between languages: {detail}; make the translations match"))
    return problems
