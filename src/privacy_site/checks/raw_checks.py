"""Checks on a file's raw data: cross-references, translations and summaries, reported with the model's errors.

They read the YAML as loaded (before the typed model), so a missing translation or an unknown reference is
reported together with the model's own problems, at the exact line.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

from privacy_site.checks.consistency import texts_of
from privacy_site.i18n.catalogs import available_languages
from privacy_site.model.cookies import COOKIE_PARTS
from privacy_site.model.documents import PARTS
from privacy_site.model.versions import PLACEHOLDER
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located

LANGUAGE_NAMES_EN = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}


def check_summary(located: Located, first: bool) -> list[Problem]:
    """Every version after the first says what changed, in every language, without placeholders."""
    data = located.data if isinstance(located.data, dict) else {}
    summary = data.get("summary")
    if summary is None:
        if first:
            return []
        return [located.problem((), 'this version does not say what changed; add "summary" with a few words per '
                                    "language (visitors read it in the change history)")]
    if isinstance(summary, dict):
        for lang, text in summary.items():
            if isinstance(text, str) and PLACEHOLDER in text:
                return [located.problem(("summary", lang), f"summary.{lang}: replace the {PLACEHOLDER} placeholder "
                                                           "with what changed in this version")]
    return []


def raw_languages(data: Any) -> tuple[str, ...]:
    """The organisation's languages that have an interface translation, read from the raw YAML."""
    raw = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return ()
    supported = available_languages()
    if not all(isinstance(lang, str) and lang in supported for lang in raw):
        return ()  # the language list itself is wrong: report that alone, not every text that follows from it
    return tuple(raw)


def check_organisation_data(located: Located, languages: tuple[str, ...]) -> list[Problem]:
    """organisation.yaml's languages and translations."""
    problems: list[Problem] = []
    data = located.data if isinstance(located.data, dict) else {}
    supported = available_languages()
    listed = data.get("languages") if isinstance(data.get("languages"), list) else []
    for i, lang in enumerate(listed):
        if isinstance(lang, str) and lang in LANGUAGE_NAMES_EN and lang not in supported:
            problems.append(located.problem(
                ("languages", i),
                f"{LANGUAGE_NAMES_EN[lang]} ({lang}) is not supported yet; publish in "
                f"{' and/or '.join(supported)} (another language needs its interface translation added first)",
            ))
    problems.extend(_duplicate_ids(_items(data, "entities"), "entities", located))
    authoritative = data.get("authoritative_language")
    if isinstance(authoritative, str) and authoritative in LANGUAGE_NAMES_EN and authoritative not in listed:
        problems.append(located.problem(("authoritative_language",),
                                        f'authoritative_language: "{authoritative}" is not one of the languages; '
                                        "add it to languages or correct it"))
    if languages:
        problems.extend(_check_translations(located, languages))
    return problems


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, mapping) for the mappings in a raw list field; anything else is the model's to report."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def check_statement_data(located: Located, languages: tuple[str, ...], document: str = "privacy") -> list[Problem]:
    """Cross-references and translations, on the raw data so they are reported with model errors."""
    data = located.data
    problems: list[Problem] = []
    for where in ("audiences", "processing", "sections"):
        problems.extend(_duplicate_ids(_items(data, where), where, located))
    audience_ids = [a["id"] for _, a in _items(data, "audiences") if isinstance(a.get("id"), str)]
    for i, activity in _items(data, "processing"):
        subjects = activity.get("subjects")
        for j, subject in enumerate(subjects if isinstance(subjects, list) else []):
            if isinstance(subject, str) and subject not in audience_ids:
                problems.append(located.problem(("processing", i, "subjects", j),
                                                f'processing "{activity.get("id")}": unknown audience "{subject}"; '
                                                f"{choose(subject, audience_ids)}"))
    sections = _items(data, "sections")
    section_ids = [s["id"] for _, s in sections if isinstance(s.get("id"), str)]
    parts = COOKIE_PARTS if document == "cookies" else PARTS
    placeable = [*parts, *section_ids]
    for i, section in sections:
        sid, after = section.get("id"), section.get("after")
        if sid in parts:
            problems.append(located.problem(("sections", i, "id"),
                                            f'section id "{sid}" is the name of a standard part; choose another id'))
        if isinstance(after, str) and (after not in placeable or after == sid):
            problems.append(located.problem(("sections", i, "after"),
                                            f'section "{sid}": cannot be placed after "{after}"; '
                                            f"{choose(after, [p for p in placeable if p != sid])}"))
    if languages:
        problems.extend(_check_translations(located, languages))
    return problems


def choose(value: str, options: list[str]) -> str:
    close = get_close_matches(value, options, n=1)
    if close:
        return f'did you mean "{close[0]}"?'
    return f"use one of: {', '.join(options)}" if options else "define it first"


def _duplicate_ids(items: list[tuple[int, dict[str, Any]]], where: str, located: Located) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = located.pos((where, seen[item_id], "id"))[0]
            problems.append(located.problem((where, i, "id"),
                                            f'{where}: the id "{item_id}" is used twice (first at line {first}); '
                                            "give each item its own id"))
        seen.setdefault(item_id, i)
    return problems


def _check_translations(located: Located, languages: tuple[str, ...]) -> list[Problem]:
    """Every text map ({nl: ..., fr: ...}) must hold exactly the organisation's languages."""
    problems: list[Problem] = []
    for text_path, text in texts_of(located):
        if len(text) == len(languages) and all(text.get(lang) is not None for lang in languages):
            continue  # exactly the organisation's languages, each written
        name = located.field(text_path)
        supported = available_languages()
        for lang in languages:
            if lang not in text:
                problems.append(located.problem(
                    text_path, f'{name}: the {LANGUAGE_NAMES_EN[lang]} ({lang}) text is missing; add "{lang}: ..."'))
            elif text[lang] is None:  # "fr:" with nothing after it
                problems.append(located.problem(
                    (*text_path, lang), f'{name}: the {LANGUAGE_NAMES_EN[lang]} ({lang}) text is empty; write it '
                    f'after "{lang}:"'))
        for lang in sorted(set(text) - set(languages)):
            hint = (f"remove it or add {lang} to languages in organisation.yaml" if lang in supported
                    else "remove it")
            problems.append(located.problem(
                (*text_path, lang),
                f"{name}: {LANGUAGE_NAMES_EN[lang]} ({lang}) is not one of the organisation's languages; {hint}"))
    return problems
