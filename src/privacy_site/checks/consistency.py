"""Free texts must say the same things in every language: same lists, links, addresses and numbers."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from privacy_site.model.text import markdown_problem
from privacy_site.source.messages import Msg, about, msg
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


# How messages name a language, as the editor reads them: "the French text", "this French (fr) text", "in French".
THE_TEXT = {"nl": msg("the Dutch text"), "fr": msg("the French text"), "de": msg("the German text"),
            "en": msg("the English text")}
THE_CODED_TEXT = {"nl": msg("the Dutch (nl) text"), "fr": msg("the French (fr) text"),
                  "de": msg("the German (de) text"), "en": msg("the English (en) text")}
THIS_CODED_TEXT = {"nl": msg("this Dutch (nl) text"), "fr": msg("this French (fr) text"),
                   "de": msg("this German (de) text"), "en": msg("this English (en) text")}
LANGUAGE = {"nl": msg("Dutch"), "fr": msg("French"), "de": msg("German"), "en": msg("English")}


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
            line, _ = located.pos((*path, base))
            for kind, expected, found in differences:
                problems.append(located.problem((*path, other), about(located.field(path), _differ(
                    kind, _detail(kind, expected, found, THE_TEXT[other], THE_TEXT[base], line)))))
    return problems


def _detail(kind: str, expected: Counter[str], found: Counter[str], other: Msg, base: Msg, line: int) -> Msg:
    """How the other language's text differs from the first language's (at `line`)."""
    if kind == "list items":
        return msg("{other} has {found} list items, {base} (line {line}) has {expected}", other=other,
                   found=found["items"], base=base, line=line, expected=expected["items"])
    missing = ", ".join(sorted((expected - found).elements()))
    extra = ", ".join(sorted((found - expected).elements()))
    if missing and extra:
        return msg("{other} lacks {missing} and adds {extra} compared with {base} (line {line})", other=other,
                   missing=missing, extra=extra, base=base, line=line)
    if missing:
        return msg("{other} lacks {missing} compared with {base} (line {line})", other=other, missing=missing,
                   base=base, line=line)
    return msg("{other} adds {extra} compared with {base} (line {line})", other=other, extra=extra, base=base,
               line=line)


def _differ(kind: str, detail: Msg) -> Msg:
    if kind == "list items":
        return msg("list items differ between languages: {detail}; make the translations match", detail=detail)
    if kind == "links":
        return msg("links differ between languages: {detail}; make the translations match", detail=detail)
    if kind == "e-mail addresses":
        return msg("e-mail addresses differ between languages: {detail}; make the translations match", detail=detail)
    return msg("numbers differ between languages: {detail}; make the translations match", detail=detail)
