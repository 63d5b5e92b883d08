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
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located

LANGUAGE_NAMES_EN = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}


def language_name(lang: str) -> str:
    """A language's name for editors ("Dutch", told "Nederlands" or "néerlandais"); an unknown code as it is."""
    names = {"nl": msg("Dutch"), "fr": msg("French"), "de": msg("German"), "en": msg("English")}
    return names.get(lang, lang)


def check_summary(located: Located, first: bool) -> list[Problem]:
    """Every version after the first says what changed, in every language, without placeholders."""
    data = located.data if isinstance(located.data, dict) else {}
    summary = data.get("summary")
    if summary is None:
        if first:
            return []
        return [located.problem((), msg('this version does not say what changed; add "summary" with a few words per '
                                        "language (visitors read it in the change history)"))]
    if isinstance(summary, dict):
        for lang, text in summary.items():
            if isinstance(text, str) and PLACEHOLDER in text:
                return [located.problem(("summary", lang), about(located.field(("summary", lang)), msg(
                    "replace the {placeholder} placeholder with what changed in this version",
                    placeholder=PLACEHOLDER)))]
    return []


def repeated_summary(located: Located, previous: Any, day: str) -> list[Problem]:
    """A summary copied from the previous version (a version started by copying its file): it must say what changed
    in this one."""
    data = located.data if isinstance(located.data, dict) else {}
    summary = data.get("summary")
    if not isinstance(summary, dict) or previous is None:
        return []
    return [located.problem(("summary", lang), about(located.field(("summary", lang)), msg(
        "this is the summary of the version of {date}; say what changed in this version (visitors read it in the "
        "change history)", date=day)))
            for lang, text in summary.items()
            if isinstance(text, str) and text.strip() and text.strip() == (previous.get(lang) or "").strip()]


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
            problems.append(located.problem(("languages", i), msg(
                "{language} ({lang}) is not supported yet; publish in {languages} (another language needs its "
                "interface translation added first)", language=language_name(lang), lang=lang,
                languages=_and_or(list(supported)))))
    problems.extend(_duplicate_ids(_items(data, "entities"), "entities", located))
    authoritative = data.get("authoritative_language")
    if isinstance(authoritative, str) and authoritative in LANGUAGE_NAMES_EN and authoritative not in listed:
        problems.append(located.problem(("authoritative_language",), about("authoritative_language", msg(
            '"{lang}" is not one of the languages; add it to languages or correct it', lang=authoritative))))
    if languages:
        problems.extend(_check_translations(located, languages))
    return problems


def _and_or(options: list[str]) -> str:
    """ "nl and/or fr": the options as they are typed, joined in the editor's language."""
    if not options:
        return ""
    told: str = options[-1]
    for option in reversed(options[:-1]):
        told = msg("{option} and/or {rest}", option=option, rest=told)
    return told


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
                problems.append(located.problem(("processing", i, "subjects", j), about(
                    located.field(("processing", i)),
                    msg('unknown audience "{audience}"; {hint}', audience=subject,
                        hint=choose(subject, audience_ids)))))
    sections = _items(data, "sections")
    section_ids = [s["id"] for _, s in sections if isinstance(s.get("id"), str)]
    parts = COOKIE_PARTS if document == "cookies" else PARTS
    placeable = [*parts, *section_ids]
    for i, section in sections:
        sid, after = section.get("id"), section.get("after")
        if sid in parts:
            problems.append(located.problem(("sections", i, "id"),
                                            msg('section id "{id}" is the name of a standard part; choose another id',
                                                id=sid)))
        if isinstance(after, str) and (after not in placeable or after == sid):
            problems.append(located.problem(("sections", i, "after"), msg(
                'section "{id}": cannot be placed after "{after}"; {hint}', id=sid, after=after,
                hint=choose(after, [p for p in placeable if p != sid]))))
    if languages:
        problems.extend(_check_translations(located, languages))
    return problems


def choose(value: str, options: list[str]) -> Msg:
    """How to fix an unknown name: the closest option, else every option (as the editor types them)."""
    close = get_close_matches(value, options, n=1)
    if close:
        return msg('did you mean "{option}"?', option=close[0])
    return msg("use one of: {options}", options=", ".join(options)) if options else msg("define it first")


def _duplicate_ids(items: list[tuple[int, dict[str, Any]]], where: str, located: Located) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = located.pos((where, seen[item_id], "id"))[0]
            problems.append(located.problem((where, i, "id"), about(where, msg(
                'the id "{id}" is used twice (first at line {line}); give each item its own id',
                id=item_id, line=first))))
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
                problems.append(located.problem(text_path, about(name, msg(
                    'the {language} ({lang}) text is missing; add "{lang}: ..."',
                    language=language_name(lang), lang=lang))))
            elif text[lang] is None:  # "fr:" with nothing after it
                problems.append(located.problem((*text_path, lang), about(name, msg(
                    'the {language} ({lang}) text is empty; write it after "{lang}:"',
                    language=language_name(lang), lang=lang))))
        for lang in sorted(set(text) - set(languages)):
            if lang in supported:
                told = msg("{language} ({lang}) is not one of the organisation's languages; remove it or add {lang} to "
                           "languages in organisation.yaml", language=language_name(lang), lang=lang)
            else:
                told = msg("{language} ({lang}) is not one of the organisation's languages; remove it",
                           language=language_name(lang), lang=lang)
            problems.append(located.problem((*text_path, lang), about(name, told)))
    return problems
