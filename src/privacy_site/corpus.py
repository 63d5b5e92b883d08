"""Load a policies folder into a checked, typed corpus (or report every problem)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from .catalogs import available_languages
from .model import PARTS, Organisation, PrivacyStatement, Term, Version
from .problems import PolicyError, Problem
from .text import Text
from .validate import validate
from .yamlsrc import Located, Path_, load_yaml

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
    if organisation is not None and org_located is not None:
        problems.extend(_check_organisation(organisation, org_located))
    languages = tuple(organisation.languages) if organisation else ()

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
    found_any = False
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        shown = display_path(entry)
        effective = _effective_date(entry.name)
        if effective is None:
            problems.append(Problem(shown, 1, 1, f'"{entry.name}" is not a valid version file name; name it after '
                                    "its effective date, like 2024-01-01.yaml"))
            continue
        found_any = True
        located, found = load_yaml(entry, shown)
        problems.extend(found)
        if located is None:
            continue
        statement, found = validate(PrivacyStatement, located)
        problems.extend(found)
        if statement is None:
            continue
        problems.extend(_check_statement(statement, located, languages))
        yield Version(document=document, effective=effective, path=shown, statement=statement)
    if not found_any:
        problems.append(Problem(display_path(folder), 1, 1, f"the {document} folder has no versions; add a file "
                                "named after its effective date, like 2024-01-01.yaml"))


def _effective_date(name: str) -> date | None:
    match = _VERSION_NAME.match(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _check_organisation(org: Organisation, located: Located) -> list[Problem]:
    problems: list[Problem] = []
    supported = available_languages()
    for i, lang in enumerate(org.languages):
        if lang not in supported:
            problems.append(located.problem(
                ("languages", i),
                f"{LANGUAGE_NAMES_EN[lang]} ({lang}) has no interface translation yet; "
                f"publish in {', '.join(supported)} or add a catalog under locale/{lang}/",
            ))
    if org.authoritative_language and org.authoritative_language not in org.languages:
        problems.append(located.problem(("authoritative_language",),
                                        f'authoritative_language: "{org.authoritative_language}" is not one of '
                                        "the languages; add it to languages or correct it"))
    problems.extend(_check_translations(org, (), located, tuple(org.languages)))
    return problems


def _check_statement(statement: PrivacyStatement, located: Located, languages: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_duplicate_ids(statement.audiences, "audiences", located))
    problems.extend(_duplicate_ids(statement.processing, "processing", located))
    problems.extend(_duplicate_ids(statement.sections, "sections", located))
    audience_ids = [a.id for a in statement.audiences]
    for i, activity in enumerate(statement.processing):
        for j, subject in enumerate(activity.subjects):
            if subject not in audience_ids:
                problems.append(located.problem(("processing", i, "subjects", j),
                                                f'processing "{activity.id}": unknown audience "{subject}"; '
                                                f"{_choose(subject, audience_ids)}"))
    placeable = [*PARTS, *(s.id for s in statement.sections)]
    for i, section in enumerate(statement.sections):
        if section.id in PARTS:
            problems.append(located.problem(("sections", i, "id"),
                                            f'section id "{section.id}" is the name of a standard part; '
                                            "choose another id"))
        if section.after not in placeable or section.after == section.id:
            problems.append(located.problem(("sections", i, "after"),
                                            f'section "{section.id}": cannot be placed after "{section.after}"; '
                                            f"{_choose(section.after, [p for p in placeable if p != section.id])}"))
    if languages:
        problems.extend(_check_translations(statement, (), located, languages))
    return problems


def _choose(value: str, options: list[str]) -> str:
    close = get_close_matches(value, options, n=1)
    if close:
        return f'did you mean "{close[0]}"?'
    return f"use one of: {', '.join(options)}" if options else "define it first"


def _duplicate_ids(items: Any, where: str, located: Located) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items):
        if item.id in seen:
            first = located.pos((where, seen[item.id], "id"))[0]
            problems.append(located.problem((where, i, "id"),
                                            f'{where}: the id "{item.id}" is used twice (first at line {first}); '
                                            "give each item its own id"))
        seen.setdefault(item.id, i)
    return problems


def _check_translations(obj: Any, path: Path_, located: Located, languages: tuple[str, ...]) -> list[Problem]:
    """Every text must exist in exactly the organisation's languages."""
    problems: list[Problem] = []
    for text_path, text in _texts(obj, path):
        have = text.languages()
        name = _field_name(text_path)
        for lang in languages:
            if lang not in have:
                problems.append(located.problem(
                    text_path, f'{name}: the {LANGUAGE_NAMES_EN[lang]} ({lang}) text is missing; add "{lang}: ..."'))
        for lang in sorted(have - set(languages)):
            problems.append(located.problem(
                (*text_path, lang),
                f"{name}: {LANGUAGE_NAMES_EN[lang]} ({lang}) is not one of the organisation's languages; "
                f"remove it or add {lang} to languages in organisation.yaml"))
    return problems


def _texts(obj: Any, path: Path_) -> Iterator[tuple[Path_, Text]]:
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, Term):
        if obj.text is not None:
            yield path, obj.text
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), (*path, name))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _texts(item, (*path, i))


def _field_name(path: Path_) -> str:
    out = ""
    for seg in path:
        out += f"[{seg + 1}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out
