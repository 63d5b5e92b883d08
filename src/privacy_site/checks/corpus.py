"""Check a policies folder into a typed corpus, or report every problem.

The folder is read first, all of it (privacy_site.source.tree: every file's bytes and the problems of names
and places); then each file is checked here. A file's result comes from the check cache when neither the
file, nor what its checks depend on, nor the code changed. An unexpected error in one file's checks becomes
an "internal error" problem on that file, and the other files are still checked.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from privacy_site.checks import gdpr, raw_checks
from privacy_site.checks.checkcache import CheckCache, Stored, StoredTuple
from privacy_site.checks.consistency import check_consistency
from privacy_site.checks.controllers import check_controllers
from privacy_site.checks.cookie_checks import check_cookies
from privacy_site.checks.form_checks import check_form_organisation, check_form_statement
from privacy_site.checks.language import check_languages
from privacy_site.checks.parallel import map_forked, worth_forking
from privacy_site.checks.promises import check_promises
from privacy_site.checks.raw_checks import check_organisation_data, check_statement_data, check_summary, raw_languages
from privacy_site.checks.requests import REQUESTS_ID, covers_requests
from privacy_site.checks.site_checks import check_lock, check_operator, check_records
from privacy_site.checks.wording import check_placeholders, check_wording
from privacy_site.i18n.register import Register
from privacy_site.model.cookies import CookieStatement
from privacy_site.model.documents import Organisation, PrivacyStatement, Version
from privacy_site.model.validate import validate
from privacy_site.model.versions import Timeline, build_date, content_hash
from privacy_site.source.lockfile import Lock
from privacy_site.source.messages import about, msg
from privacy_site.source.problems import PolicyError, Problem, display_path, guarded
from privacy_site.source.tree import DOCUMENTS, SITE_FILE, OrgFolder, SourceFile, VersionFile, read_tree
from privacy_site.source.yamlsrc import Located

__all__ = ["DOCUMENTS", "DOCUMENT_NAMES_EN", "SITE_FILE", "Corpus", "Org", "display_path", "load_corpus"]

DOCUMENT_NAMES_EN = {"privacy": "privacy statement", "cookies": "cookie statement"}


@dataclass(frozen=True)
class Org:
    """One organisation: its identity and the versions of each document, oldest first."""

    slug: str
    organisation: Organisation
    path: str
    today: date
    documents: dict[str, Sequence[Version]] = field(default_factory=dict)  # tuples of versions, unpickled lazily
    # What visitors read on each locked version, per language, as recorded when it was locked (checked
    # against versions.lock): (document, date, language) → the record file.
    records: dict[tuple[str, str, str], SourceFile] = field(default_factory=dict)
    effective: dict[str, tuple[date, ...]] = field(default_factory=dict)  # each document's dates, from file names
    details: str = ""  # hash of what organisation.yaml says (records name the one they were written from)
    # What the organisation's pages are made of, as hashes of bytes: organisation.yaml alone, and everything (that
    # file, its versions, their records and its lines in versions.lock). A preview rebuilds a page when they change.
    details_digest: str = ""
    sources_digest: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this organisation publishes in."""
        return tuple(self.organisation.languages)

    def versions(self) -> list[Version]:
        """Every version of every document."""
        return [v for versions in self.documents.values() for v in versions]

    def dates(self, document: str) -> tuple[date, ...]:
        """The effective dates of a document's versions, oldest first (without unpickling any version)."""
        known = self.effective.get(document)
        return known if known is not None else tuple(v.effective for v in self.documents[document])

    def timeline(self, document: str) -> Timeline:
        """The document's versions seen from the build date."""
        return Timeline(self.dates(document), self.today)

    def version(self, document: str, day: date) -> Version:
        """The version of a document that took effect on `day`."""
        return self.documents[document][self.dates(document).index(day)]

    def record(self, document: str, day: date, lang: str) -> SourceFile | None:
        """The record of what visitors read on a locked version in `lang`, if it has one."""
        return self.records.get((document, day.isoformat(), lang))

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
    warnings: tuple[Problem, ...] = ()  # the build goes on; `check --strict` fails on them
    site_digest: str = ""  # the hash of site.yaml's bytes ("" without one)
    _by_slug: dict[str, Org] = field(default_factory=dict, compare=False, repr=False)

    def org(self, slug: str) -> Org:
        """The organisation with this folder name."""
        found = self._by_slug.get(slug)
        if found is None:
            self._by_slug.update({o.slug: o for o in self.orgs})
            found = self._by_slug[slug]
        return found

    @property
    def register(self) -> Register:
        """How pages of no organisation (landing, language homes, 404) address the reader: as the operator does."""
        operator = next((o for o in self.orgs if o.slug == self.operator), None)
        return operator.organisation.form_of_address if operator is not None else "formal"

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language served by at least one organisation, in a stable order."""
        langs = {lang for org in self.orgs for lang in org.languages}
        return tuple(lang for lang in ("nl", "fr", "de", "en") if lang in langs)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes many objects that live on (the data and models of every file) and almost no cycles:
    Python's cycle collector would walk them all again and again (a quarter of a cold check). It runs again
    afterwards, as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What was made meanwhile joins the oldest generation at once (frozen, then unfrozen into it): the
            # collector does not walk it all again as young objects the moment it runs again.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def load_corpus(root: Path, today: date | None = None, *, require_lock: bool = False) -> Corpus:
    """Read, then check every policy under root; raise PolicyError with all problems.

    Versions listed in versions.lock must be unchanged and present; with require_lock (publishing),
    every version must be listed.
    """
    with _without_cycle_collection():
        return _load_corpus(root, today, require_lock=require_lock)


def _load_corpus(root: Path, today: date | None, *, require_lock: bool) -> Corpus:
    today = today or build_date()
    tree = read_tree(root)
    problems = list(tree.problems)
    cache = CheckCache(root)
    orgs: list[Org] = []
    present: dict[str, tuple[str, str]] = {}  # lock key of every valid version: its content hash and file
    published = frozenset(tree.lock.entries or ())
    locked = _lock_lines(tree.lock)

    def check(folder: OrgFolder) -> tuple[list[Problem], tuple[Org, dict[str, tuple[str, str]]] | None]:
        found: list[Problem] = []
        return found, guarded(folder.shown, found, lambda: _check_org(
            folder, today, found, cache, published, locked.get(folder.slug, ())))

    results = None
    unchecked = sum(1 for f in tree.orgs if not f.organisation or not cache.has(_organisation_key(f.organisation)))
    if worth_forking(unchecked):
        forked = map_forked(check, tree.orgs, lambda: dict(cache.new))  # the other cores check most of them
        if forked is not None:
            results, entries = forked
            cache.absorb(entries)
    for found, checked in results if results is not None else map(check, tree.orgs):
        problems.extend(found)
        if checked is not None:
            orgs.append(checked[0])
            present.update(checked[1])
    if not orgs and not problems:
        problems.append(Problem(display_path(root), 1, 1,
                                msg("no organisations found; add a folder with an organisation.yaml")))
    slugs = [org.slug for org in orgs]
    problems.extend(guarded(tree.lock.shown, problems,
                            lambda: check_lock(tree.lock, present, set(slugs), root, require_lock)) or [])
    records = {(folder.slug, *where): source for folder in tree.orgs for where, source in folder.records.items()}
    problems.extend(guarded(tree.lock.shown, problems,
                            lambda: check_records(tree.lock, records, set(slugs), root, require_lock)) or [])
    operator = guarded(tree.site_shown, problems, lambda: check_operator(tree, slugs, problems)) or ""
    cache.save()
    if any(not p.is_warning for p in problems):
        raise PolicyError(problems)
    return Corpus(root=root, orgs=tuple(orgs), today=today, operator=operator,
                  warnings=tuple(sorted(set(problems))), site_digest=(tree.site.digest or "") if tree.site else "")


def _lock_lines(lock: Lock) -> dict[str, list[str]]:
    """Each organisation's entries of versions.lock, as text (for its sources digest)."""
    lines: dict[str, list[str]] = {}
    for key, value in sorted((lock.entries or {}).items()):
        records = " ".join(f"{lang}:{digest}" for lang, digest in sorted(lock.records.get(key, {}).items()))
        lines.setdefault(key.split("/", 1)[0], []).append(f"{key} {value} {records}")
    return lines


def _sources_digest(folder: OrgFolder, locked: Sequence[str]) -> str:
    """One hash of every file an organisation's pages are made of, and of its lines in versions.lock."""
    parts = [(folder.organisation.digest or "") if folder.organisation else ""]
    parts += [f"{document}/{file.effective}:{file.source.digest}" for document, files in folder.documents.items()
              for file in files]
    parts += [f"{'/'.join(where)}:{source.digest}" for where, source in sorted(folder.records.items())]
    parts += locked
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class OrganisationResult(NamedTuple):
    """What checking organisation.yaml gives (cached): its problems, its model and what the versions need."""

    problems: tuple[Problem, ...]
    organisation: Stored[Organisation] | None  # None when the model is invalid
    languages: tuple[str, ...]  # the languages every text must have (none when the list itself is wrong)
    loaded: bool  # the file is valid YAML (its versions' results can be cached)
    no_channel: tuple[Problem, ...]  # the request form's delivery: its e-mail, the host it posts to
    undescribed: tuple[Problem, ...]  # reported unless every privacy statement version describes the form's processing
    content: str = ""  # hash of what the file says (not its comments or layout): the details records are made from


class VersionResult(NamedTuple):
    """What checking a version file gives (cached): its problems, its model and what the other checks need."""

    problems: tuple[Problem, ...]
    version: Stored[Version] | None  # None when the model is invalid
    content_hash: str
    covers_requests: bool
    # Reported unless the version is published: texts that contradict a generated clause, a group's activity
    # without its controller (checks that came after a version was published do not judge it).
    promises: tuple[Problem, ...] = ()
    summary: tuple[tuple[str, str], ...] = ()  # its summary's texts, compared with the next version's


def _check_org(folder: OrgFolder, today: date, problems: list[Problem], cache: CheckCache,
               published: frozenset[str] = frozenset(), locked: Sequence[str] = ()
               ) -> tuple[Org, dict[str, tuple[str, str]]] | None:
    """The organisation and its valid versions' lock facts; None when it is invalid.

    A published version (in versions.lock) is a record that can no longer change: checks added after its
    publication (its texts against the generated clauses) apply to new versions only.
    """
    source = folder.organisation
    result = _organisation_result(source, cache) if source is not None else None
    organisation = result.organisation.get() if result and result.organisation else None
    languages = result.languages if result else ()
    org_digest = source.digest if source is not None and result and result.loaded else None
    problems.extend(result.problems if result else ())
    documents: dict[str, list[tuple[VersionFile, VersionResult]]] = {}
    for document, files in folder.documents.items():
        documents[document] = []
        for file in files:
            checked = _version_result(file, document, languages, organisation, org_digest, cache)
            problems.extend(checked.problems)
            if f"{folder.slug}/{document}/{file.effective.isoformat()}" not in published:
                problems.extend(checked.promises)
            if checked.version is not None:
                documents[document].append((file, checked))
    if folder.broken:  # reading it stopped at an unexpected error: what was read is checked, the rest is unknown
        return None
    for document in DOCUMENTS:
        if organisation is not None and document not in documents:
            shown = display_path(folder.path / document)
            missing = (msg("this organisation has no privacy statement; add {folder}/YYYY-MM-DD.yaml", folder=shown)
                       if document == "privacy" else
                       msg("this organisation has no cookie statement; add {folder}/YYYY-MM-DD.yaml", folder=shown))
            problems.append(Problem(folder.organisation_shown, 1, 1, missing))
    if result is not None and organisation is not None and "privacy" in documents:
        problems.extend(result.no_channel)
        if not all(r.covers_requests for _, r in documents["privacy"]):
            problems.extend(result.undescribed)
    if organisation is None:
        return None
    ordered = {d: documents[d] for d in DOCUMENTS if d in documents}  # privacy first, whatever the disk says
    for document, checked in ordered.items():  # a new version copied from the previous one keeps its summary
        for (before, old), (file, new) in zip(checked, checked[1:], strict=False):
            if f"{folder.slug}/{document}/{file.effective.isoformat()}" not in published and new.summary and \
                    new.summary == old.summary:
                located, _ = file.source.load()
                problems.extend(raw_checks.repeated_summary(located, dict(old.summary), before.effective.isoformat())
                                if located else ())
    versions = {d: StoredTuple(r.version for _, r in checked if r.version) for d, checked in ordered.items()}
    facts = {f"{folder.slug}/{d}/{file.effective.isoformat()}": (r.content_hash, file.source.shown)
             for d, checked in ordered.items() for file, r in checked}
    return Org(slug=folder.slug, organisation=organisation, path=folder.organisation_shown, today=today,
               documents=versions, records=folder.records, details=result.content if result else "",
               effective={d: tuple(file.effective for file, r in checked if r.version)
                          for d, checked in ordered.items()},
               details_digest=(source.digest or "") if source is not None else "",
               sources_digest=_sources_digest(folder, locked)), facts


def _organisation_key(source: SourceFile) -> str:
    return f"organisation|{source.digest}|{source.shown}"


def _organisation_result(source: SourceFile, cache: CheckCache) -> OrganisationResult:
    key = _organisation_key(source) if source.digest else None
    cached = cache.get(key) if key else None
    if cached is None:
        cached = _check_organisation_file(source)
        if key:
            cache.put(key, cached)
    return cached


def _check_organisation_file(source: SourceFile) -> OrganisationResult:
    located, found = source.load()
    problems = list(found)
    if located is None:
        return OrganisationResult(tuple(problems), None, (), False, (), ())
    organisation, found = validate(Organisation, located)
    problems.extend(found)
    problems.extend(check_consistency(located))
    problems.extend(check_placeholders(located))
    if organisation is not None:
        problems.extend(gdpr.check_organisation(organisation, located))
        if organisation.clauses is not None:  # they were here before versions kept them
            slug = Path(source.shown).parent.name
            problems.append(located.problem(("clauses",), about(located.field(("clauses",)), msg(
                "your own clause texts belong to the privacy statement, so that each published version keeps the "
                "texts it was published with; move this block into a new version of the privacy statement "
                "(privacy-site new-version {slug} privacy)", slug=slug)), at_key=True))
    languages = raw_languages(located.data)
    problems.extend(check_organisation_data(located, languages))
    if organisation is None:
        return OrganisationResult(tuple(problems), None, languages, True, (), ())
    no_channel, undescribed = _request_form_problems(organisation, located)
    return OrganisationResult(tuple(problems), Stored(organisation), languages, True, no_channel, undescribed,
                              content_hash(located.data))


def _request_form_problems(org: Organisation, located: Located) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """A form needs an e-mail to fall back on and a declared processor on another host (form_checks.py); its own
    processing must be described. The second group stands unless every privacy statement version describes it.
    """
    if org.request_form is None:  # no form: people write to the privacy contact
        return (), ()
    now, deferred = check_form_organisation(org, located)
    if org.request_form.retention is None:
        deferred.append(located.problem(("request_form",) if "request_form" in (located.data or {}) else (), msg(
            'the processing of privacy requests sent with the form is not described (GDPR art. 13(2)(a)); add '
            '"retention" under request_form, or a processing activity with id "{id}" in every privacy statement '
            'version, or write "request_form: none" if you offer no form', id=REQUESTS_ID)))
    return tuple(now), tuple(deferred)


def _version_result(file: VersionFile, document: str, languages: tuple[str, ...], organisation: Organisation | None,
                    org_digest: str | None, cache: CheckCache) -> VersionResult:
    """A version file's result, from the cache when the file, its place and its organisation's file are the same."""
    source = file.source
    key = (f"{source.digest}|{source.shown}|{document}|{file.first}|{file.latest}|{languages}|{org_digest}"
           if source.digest and org_digest else None)
    cached = cache.get(key) if key else None
    if cached is None:
        found: list[Problem] = []
        located, loaded = source.load()
        found.extend(loaded)
        version = None if located is None else guarded(source.shown, found, lambda: _check_version(
            located, document, file, languages, organisation, found))
        covers = version is not None and document == "privacy" and covers_requests(version.statement)
        # Checks added after a version was published judge new versions only (a published one cannot change).
        promises = tuple(check_promises(located, organisation)) if version is not None and located else ()
        if version is not None and located is not None and document == "privacy":
            promises += tuple(check_controllers(version.statement, located, organisation))
        summary = getattr(version.statement, "summary", None) if version is not None else None
        cached = VersionResult(tuple(found), None if version is None else Stored(version),
                               "" if version is None else version.content_hash, covers, promises,
                               tuple((lang, summary.get(lang)) for lang in sorted(summary.languages()))
                               if summary is not None else ())
        if key:
            cache.put(key, cached)
    return cached


def _check_version(located: Located, document: str, file: VersionFile, languages: tuple[str, ...],
                   organisation: Organisation | None, problems: list[Problem]) -> Version | None:
    """Check one loaded version file; the version, or None when its model is invalid."""
    problems.extend(check_statement_data(located, languages, document))
    problems.extend(check_consistency(located))
    problems.extend(check_summary(located, file.first))
    problems.extend(check_placeholders(located))
    if document == "privacy" and file.latest:  # older versions are records: what they say cannot change
        problems.extend(check_wording(located))
    if file.latest:
        problems.extend(check_languages(located))
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
        if file.latest:  # the form as it is now, against the statement visitors read now
            problems.extend(check_form_statement(privacy_statement, located, organisation))
        statement = privacy_statement
    return Version(document=document, effective=file.effective, path=located.file,
                   content_hash=content_hash(located.data), statement=statement)
