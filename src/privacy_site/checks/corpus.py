"""Load a policies folder into a checked, typed corpus (or report every problem)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any, TypeVar

from privacy_site.checks import gdpr
from privacy_site.checks.checkcache import CheckCache, file_digest
from privacy_site.checks.consistency import check_consistency, field_name, text_maps
from privacy_site.checks.cookie_checks import check_cookies
from privacy_site.checks.requests import REQUESTS_ID, covers_requests
from privacy_site.i18n.catalogs import available_languages
from privacy_site.model.cookies import COOKIE_PARTS, CookieStatement
from privacy_site.model.documents import PARTS, Organisation, PrivacyStatement, SiteConfig, Version
from privacy_site.model.validate import validate
from privacy_site.model.versions import (
    LOCK_NAME,
    PLACEHOLDER,
    Timeline,
    build_date,
    content_hash,
    read_lock,
    read_lock_text,
)
from privacy_site.source.problems import PolicyError, Problem
from privacy_site.source.yamlsrc import Located, load_yaml, outside_problem

DOCUMENTS = ("privacy", "cookies")
SITE_FILE = "site.yaml"
DOCUMENT_NAMES_EN = {"privacy": "privacy statement", "cookies": "cookie statement"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VERSION_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml$")
_T = TypeVar("_T")
LANGUAGE_NAMES_EN = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}


@dataclass(frozen=True)
class Org:
    """One organisation: its identity and the versions of each document, oldest first."""

    slug: str
    organisation: Organisation
    path: str
    today: date
    documents: dict[str, tuple[Version, ...]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this organisation publishes in."""
        return tuple(self.organisation.languages)

    def versions(self) -> list[Version]:
        """Every version of every document."""
        return [v for versions in self.documents.values() for v in versions]

    def timeline(self, document: str) -> Timeline:
        """The document's versions seen from the build date."""
        return Timeline(tuple(v.effective for v in self.documents[document]), self.today)

    def version(self, document: str, day: date) -> Version:
        """The version of a document that took effect on `day`."""
        return next(v for v in self.documents[document] if v.effective == day)

    def current(self, document: str) -> Version:
        """The version in effect on the build date (the first one while all are upcoming)."""
        day = self.timeline(document).current
        return self.version(document, day) if day else self.documents[document][0]


@dataclass(frozen=True)
class Corpus:
    """All organisations of a policies folder."""

    root: Path
    orgs: tuple[Org, ...]
    today: date
    operator: str = ""
    _by_slug: dict[str, Org] = field(default_factory=dict, compare=False, repr=False)

    def org(self, slug: str) -> Org:
        """The organisation with this folder name."""
        found = self._by_slug.get(slug)
        if found is None:
            self._by_slug.update({o.slug: o for o in self.orgs})
            found = self._by_slug[slug]
        return found

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


def load_corpus(root: Path, today: date | None = None, *, require_lock: bool = False) -> Corpus:
    """Load and check every policy under root; raise PolicyError with all problems.

    Versions listed in versions.lock must be unchanged and present; with require_lock (publishing),
    every version must be listed.
    """
    today = today or build_date()
    problems: list[Problem] = []
    if not root.is_dir():
        raise PolicyError([Problem(display_path(root), 1, 1,
                                   "the policies folder does not exist; create it or pass the right folder")])
    orgs: list[Org] = []
    cache = CheckCache(root)
    for entry in sorted(root.iterdir()):
        shown = display_path(entry)
        if entry.name.startswith(".") or entry.name in ("versions.lock", SITE_FILE):
            continue
        outside = outside_problem(entry, root, shown)
        if outside is not None:
            problems.append(outside)
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
        org = _guarded(shown, problems, lambda entry=entry: _load_org(entry, root, today, problems, cache))
        if org is not None:
            orgs.append(org)
    if not orgs and not problems:
        problems.append(Problem(display_path(root), 1, 1,
                                "no organisations found; add a folder with an organisation.yaml"))
    lock_shown = display_path(root / LOCK_NAME)
    problems.extend(_guarded(lock_shown, problems, lambda: _check_lock(root, orgs, require_lock)) or [])
    operator = _guarded(display_path(root / SITE_FILE), problems, lambda: _operator(root, orgs, problems)) or ""
    cache.save()
    if problems:
        raise PolicyError(problems)
    return Corpus(root=root, orgs=tuple(orgs), today=today, operator=operator)


def _operator(root: Path, orgs: list[Org], problems: list[Problem]) -> str:
    """The organisation operating the site, from site.yaml (optional with a single organisation)."""
    path = root / SITE_FILE
    slugs = [org.slug for org in orgs]
    if not path.is_file():
        if len(slugs) == 1:
            return slugs[0]
        if slugs:
            problems.append(Problem(display_path(root), 1, 1, f"name the organisation that operates this site: add "
                                    f"{display_path(path)} with a line like `operator: {slugs[0]}`"))
        return ""
    located, found = load_yaml(path, display_path(path), root)
    problems.extend(found)
    if located is None:
        return ""
    config, found = validate(SiteConfig, located)
    problems.extend(found)
    if config is None:
        return ""
    if slugs and config.operator not in slugs:
        problems.append(located.problem(("operator",), f'operator: there is no organisation "{config.operator}"; '
                                                       f"{_choose(config.operator, slugs)}"))
    return config.operator


def _check_lock(root: Path, orgs: list[Org], require_lock: bool) -> list[Problem]:
    locked, problems = read_lock(root)
    lock_path = display_path(root / LOCK_NAME)
    if locked is None:
        if require_lock:
            problems.append(Problem(lock_path, 1, 1, "there is no versions.lock; run `privacy-site lock` to record "
                                    "the published versions"))
        return problems
    present = {f"{org.slug}/{v.key}": v for org in orgs for v in org.versions()}
    loaded_orgs = {org.slug for org in orgs}
    for number, key in enumerate(locked, start=1):
        if key not in present and key.split("/")[0] in loaded_orgs:
            file = display_path(root / f"{key}.yaml")
            problems.append(Problem(lock_path, _lock_line(root, key) or number, 1,
                                    f"{key} is published but {file} is gone; restore the file from git "
                                    "(published versions stay available for good)"))
    for key, version in present.items():
        if key in locked and locked[key] != version.content_hash:
            org, document = key.split("/")[:2]
            problems.append(Problem(version.path, 1, 1,
                                    "this version is published and must not change; undo the change and put it "
                                    f"in a new version (privacy-site new-version {org} {document})"))
        elif key not in locked and require_lock:
            problems.append(Problem(version.path, 1, 1, "this version is not recorded in versions.lock; run "
                                    "`privacy-site lock` once it is approved"))
    return problems


def _lock_line(root: Path, key: str) -> int | None:
    text, _ = read_lock_text(root)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(key + " "):
            return number
    return None


def _guarded(shown: str, problems: list[Problem], work: Callable[[], _T]) -> _T | None:
    """Run one file's checks; an unexpected error becomes a problem on that file and the others are still checked."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001 - a bug must never hide the other files' problems
        problems.append(Problem(shown, 1, 1, f"internal error while checking this file ({type(exc).__name__}: "
                                f"{exc}); the other files were checked. Please report it to the privacy-site "
                                "developers with this file"))
        return None


def _load_org(folder: Path, root: Path, today: date, problems: list[Problem], cache: CheckCache) -> Org | None:
    org_file = folder / "organisation.yaml"
    shown = display_path(org_file)
    organisation: Organisation | None = None
    org_located: Located | None = None
    org_digest: str | None = None
    if not org_file.is_file():
        problems.append(Problem(shown, 1, 1, "organisation.yaml is missing; copy one from another organisation "
                                "and adapt it"))
    else:
        org_located, found = load_yaml(org_file, shown, root)
        org_digest = file_digest(org_file) if org_located is not None else None
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
        outside = outside_problem(entry, root, display_path(entry))
        if outside is not None:
            problems.append(outside)
            continue
        if entry.is_dir() and entry.name in DOCUMENTS:
            documents[entry.name] = tuple(_load_versions(entry, root, entry.name, languages, organisation, problems,
                                                         cache, org_digest))
        elif entry.is_dir() or entry.suffix in (".yaml", ".yml"):
            close = get_close_matches(entry.name, [*DOCUMENTS, "organisation.yaml"], n=1)
            hint = f'did you mean "{close[0]}"?' if close else f"expected {', '.join(DOCUMENTS)}/ or organisation.yaml"
            problems.append(Problem(display_path(entry), 1, 1, f'unexpected "{entry.name}" in an organisation '
                                    f"folder; {hint}"))
    for document in DOCUMENTS:
        if organisation is not None and document not in documents:
            problems.append(Problem(shown, 1, 1, f"this organisation has no {DOCUMENT_NAMES_EN[document]}; add "
                                    f"{display_path(folder / document)}/YYYY-MM-DD.yaml"))
    if organisation is not None and org_located is not None and "privacy" in documents:
        problems.extend(_check_request_form(organisation, org_located, documents["privacy"]))
    if organisation is None:
        return None
    ordered = {d: documents[d] for d in DOCUMENTS if d in documents}  # privacy first, whatever the disk says
    return Org(slug=folder.name, organisation=organisation, path=shown, today=today, documents=ordered)


def _check_request_form(org: Organisation, located: Located, versions: tuple[Version, ...]) -> list[Problem]:
    """The request form needs a way to deliver, and its own processing must be described."""
    problems = []
    if org.request_form.endpoint is None and org.privacy_contact.email is None:
        problems.append(located.problem(("privacy_contact",), "the privacy request form has nowhere to deliver: add "
                                        '"endpoint" under request_form, or an "email" under privacy_contact'))
    if org.request_form.retention is None and not all(covers_requests(v.statement) for v in versions):
        problems.append(located.problem(("request_form",) if "request_form" in (located.data or {}) else (),
                                        "the processing of privacy requests sent with the form is not described "
                                        '(GDPR art. 13(2)(a)); add "retention" under request_form, or a processing '
                                        f'activity with id "{REQUESTS_ID}" in every privacy statement version'))
    return problems


def _load_versions(folder: Path, root: Path, document: str, languages: tuple[str, ...],
                   organisation: Organisation | None, problems: list[Problem], cache: CheckCache,
                   org_digest: str | None) -> Iterator[Version]:
    entries = [e for e in sorted(folder.iterdir()) if not e.name.startswith(".")]
    if not entries:
        problems.append(Problem(display_path(folder), 1, 1, f"the {document} folder has no versions; add a file "
                                "named after its effective date, like 2024-01-01.yaml"))
    first = True
    for entry in entries:
        shown = display_path(entry)
        effective = _effective_date(entry.name)
        if effective is None:
            problems.append(Problem(shown, 1, 1, _version_name_problem(entry.name)))
            continue
        digest = file_digest(entry) if entry.is_file() and not entry.is_symlink() else None
        key = f"{digest}|{shown}|{document}|{first}|{languages}|{org_digest}" if digest and org_digest else None
        cached = cache.get(key) if key else None
        if cached is None:
            found: list[Problem] = []
            located, loaded = load_yaml(entry, shown, root)
            found.extend(loaded)
            version = None if located is None else _guarded(
                shown, found, lambda located=located, effective=effective, first=first, found=found: _check_version(
                    located, document, effective, first, languages, organisation, found))
            cached = (found, version)
            if key:
                cache.put(key, cached)
        problems.extend(cached[0])
        first = False
        if cached[1] is not None:
            yield cached[1]


def _check_version(located: Located, document: str, effective: date, first: bool, languages: tuple[str, ...],
                   organisation: Organisation | None, problems: list[Problem]) -> Version | None:
    """Check one loaded version file; the version, or None when its model is invalid."""
    problems.extend(_check_statement(located, languages, document))
    problems.extend(check_consistency(located))
    problems.extend(_check_summary(located, first))
    if document == "cookies":
        cookie_statement, found = validate(CookieStatement, located)
        problems.extend(found)
        if cookie_statement is None:
            return None
        problems.extend(check_cookies(cookie_statement, located))
        statement: PrivacyStatement | CookieStatement = cookie_statement
    else:
        privacy_statement, found = validate(PrivacyStatement, located)
        problems.extend(found)
        if privacy_statement is None:
            return None
        problems.extend(gdpr.check_statement(privacy_statement, located, organisation))
        statement = privacy_statement
    return Version(document=document, effective=effective, path=located.file,
                   content_hash=content_hash(located.data), statement=statement)


def _check_summary(located: Located, first: bool) -> list[Problem]:
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
        if isinstance(lang, str) and lang in LANGUAGE_NAMES_EN and lang not in supported:
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


def _check_statement(located: Located, languages: tuple[str, ...], document: str = "privacy") -> list[Problem]:
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
