"""Load a policies folder into a checked, typed corpus (or report every problem)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from . import gdpr
from .catalogs import available_languages
from .consistency import check_consistency, field_name, text_maps
from .model import PARTS, Organisation, PrivacyStatement, Version
from .problems import PolicyError, Problem
from .validate import validate
from .yamlsrc import Located, load_yaml

DOCUMENTS = ("privacy",)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VERSION_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml$")
LANGUAGE_NAMES_EN = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}


@dataclass(frozen=True)
class Org:
    """One organisation: its identity and the versions of each document, oldest first."""

    slug: str
    organisation: Organisation
    path: str
    documents: dict[str, tuple[Version, ...]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this organisation publishes in."""
        return tuple(self.organisation.languages)

    def current(self, document: str) -> Version:
        """The latest version of a document (versions by date arrive in a later step)."""
        return self.documents[document][-1]


@dataclass(frozen=True)
class Corpus:
    """All organisations of a policies folder."""

    root: Path
    orgs: tuple[Org, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language served by at least one organisation, in a stable order."""
        langs = {lang for org in self.orgs for lang in org.languages}
        return tuple(lang for lang in ("nl", "fr", "de", "en") if lang in langs)


def display_path(path: Path) -> str:
    """Path as editors see it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)


def load_corpus(root: Path) -> Corpus:
    """Load and check every policy under root; raise PolicyError with all problems."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise PolicyError([Problem(display_path(root), 1, 1,
                                   "the policies folder does not exist; create it or pass the right folder")])
    orgs: list[Org] = []
    for entry in sorted(root.iterdir()):
        shown = display_path(entry)
        if entry.name.startswith(".") or entry.name == "versions.lock":
            continue
        if not entry.is_dir():
            if entry.suffix in (".yaml", ".yml"):
                problems.append(Problem(shown, 1, 1, "policy files belong in an organisation folder; "
                                        "move it to policies/<organisation>/"))
            continue
        if not _SLUG.match(entry.name):
            problems.append(Problem(shown, 1, 1, f'"{entry.name}" is not a valid organisation folder name; '
                                    "use lowercase letters a-z, digits and hyphens, like sociare or vdab"))
            continue
        org = _load_org(entry, problems)
        if org is not None:
            orgs.append(org)
    if not orgs and not problems:
        problems.append(Problem(display_path(root), 1, 1,
                                "no organisations found; add a folder with an organisation.yaml"))
    if problems:
        raise PolicyError(problems)
    return Corpus(root=root, orgs=tuple(orgs))


def _load_org(folder: Path, problems: list[Problem]) -> Org | None:
    org_file = folder / "organisation.yaml"
    shown = display_path(org_file)
    organisation: Organisation | None = None
    org_located: Located | None = None
    if not org_file.is_file():
        problems.append(Problem(shown, 1, 1, "organisation.yaml is missing; copy one from another organisation "
                                "and adapt it"))
    else:
        org_located, found = load_yaml(org_file, shown)
        problems.extend(found)
        if org_located is not None:
            organisation, found = validate(Organisation, org_located)
            problems.extend(found)
            problems.extend(check_consistency(org_located))
            if organisation is not None:
                problems.extend(gdpr.check_organisation(organisation, org_located))
    languages: tuple[str, ...] = ()
    if org_located is not None:
        languages = _raw_languages(org_located.data)
        problems.extend(_check_organisation(org_located, languages))

    documents: dict[str, tuple[Version, ...]] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name == "organisation.yaml":
            continue
        if entry.is_dir() and entry.name in DOCUMENTS:
            documents[entry.name] = tuple(_load_versions(entry, entry.name, languages, organisation, problems))
        elif entry.is_dir() or entry.suffix in (".yaml", ".yml"):
            close = get_close_matches(entry.name, [*DOCUMENTS, "organisation.yaml"], n=1)
            hint = f'did you mean "{close[0]}"?' if close else f"expected {', '.join(DOCUMENTS)}/ or organisation.yaml"
            problems.append(Problem(display_path(entry), 1, 1, f'unexpected "{entry.name}" in an organisation '
                                    f"folder; {hint}"))
    if organisation is not None and not documents.get("privacy"):
        if "privacy" not in documents:
            problems.append(Problem(shown, 1, 1, "this organisation has no privacy statement; add "
                                    f"{display_path(folder / 'privacy')}/YYYY-MM-DD.yaml"))
    if organisation is None:
        return None
    return Org(slug=folder.name, organisation=organisation, path=shown, documents=documents)


def _load_versions(folder: Path, document: str, languages: tuple[str, ...],
                   organisation: Organisation | None, problems: list[Problem]) -> Iterator[Version]:
    entries = [e for e in sorted(folder.iterdir()) if not e.name.startswith(".")]
    if not entries:
        problems.append(Problem(display_path(folder), 1, 1, f"the {document} folder has no versions; add a file "
                                "named after its effective date, like 2024-01-01.yaml"))
    for entry in entries:
        shown = display_path(entry)
        effective = _effective_date(entry.name)
        if effective is None:
            problems.append(Problem(shown, 1, 1, _version_name_problem(entry.name)))
            continue
        located, found = load_yaml(entry, shown)
        problems.extend(found)
        if located is None:
            continue
        problems.extend(_check_statement(located, languages))
        problems.extend(check_consistency(located))
        statement, found = validate(PrivacyStatement, located)
        problems.extend(found)
        if statement is not None:
            problems.extend(gdpr.check_statement(statement, located, organisation))
            yield Version(document=document, effective=effective, path=shown, statement=statement)


def _version_name_problem(name: str) -> str:
    match = _VERSION_NAME.match(name)
    if match:
        return (f'"{name}": {match[1]}-{match[2]}-{match[3]} is not a real date; '
                "rename the file to the real effective date, like 2024-02-28.yaml")
    return (f'"{name}" is not a valid version file name; name it after its effective date, '
            "like 2024-01-01.yaml")


def _effective_date(name: str) -> date | None:
    match = _VERSION_NAME.match(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _raw_languages(data: Any) -> tuple[str, ...]:
    """The organisation's languages that have an interface translation, read from the raw YAML."""
    raw = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return ()
    supported = available_languages()
    if not all(isinstance(lang, str) and lang in supported for lang in raw):
        return ()  # the language list itself is wrong: report that alone, not every text that follows from it
    return tuple(raw)


def _check_organisation(located: Located, languages: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    data = located.data if isinstance(located.data, dict) else {}
    supported = available_languages()
    raw_languages = data.get("languages") if isinstance(data.get("languages"), list) else []
    for i, lang in enumerate(raw_languages):
        if lang in LANGUAGE_NAMES_EN and lang not in supported:
            problems.append(located.problem(
                ("languages", i),
                f"{LANGUAGE_NAMES_EN[lang]} ({lang}) is not supported yet; publish in "
                f"{' and/or '.join(supported)} (another language needs its interface translation added first)",
            ))
    authoritative = data.get("authoritative_language")
    if isinstance(authoritative, str) and authoritative in LANGUAGE_NAMES_EN and authoritative not in raw_languages:
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


def _check_statement(located: Located, languages: tuple[str, ...]) -> list[Problem]:
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
                                                f"{_choose(subject, audience_ids)}"))
    sections = _items(data, "sections")
    section_ids = [s["id"] for _, s in sections if isinstance(s.get("id"), str)]
    placeable = [*PARTS, *section_ids]
    for i, section in sections:
        sid, after = section.get("id"), section.get("after")
        if sid in PARTS:
            problems.append(located.problem(("sections", i, "id"),
                                            f'section id "{sid}" is the name of a standard part; choose another id'))
        if isinstance(after, str) and (after not in placeable or after == sid):
            problems.append(located.problem(("sections", i, "after"),
                                            f'section "{sid}": cannot be placed after "{after}"; '
                                            f"{_choose(after, [p for p in placeable if p != sid])}"))
    if languages:
        problems.extend(_check_translations(located, languages))
    return problems


def _choose(value: str, options: list[str]) -> str:
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


_LANGS = frozenset(LANGUAGE_NAMES_EN)


def _check_translations(located: Located, languages: tuple[str, ...]) -> list[Problem]:
    """Every text map ({nl: ..., fr: ...}) must hold exactly the organisation's languages."""
    problems: list[Problem] = []
    supported = available_languages()
    for text_path, text in text_maps(located.data):
        name = field_name(text_path)
        for lang in languages:
            if lang not in text:
                problems.append(located.problem(
                    text_path, f'{name}: the {LANGUAGE_NAMES_EN[lang]} ({lang}) text is missing; add "{lang}: ..."'))
        for lang in sorted(set(text) - set(languages)):
            hint = (f"remove it or add {lang} to languages in organisation.yaml" if lang in supported
                    else "remove it")
            problems.append(located.problem(
                (*text_path, lang),
                f"{name}: {LANGUAGE_NAMES_EN[lang]} ({lang}) is not one of the organisation's languages; {hint}"))
    return problems
