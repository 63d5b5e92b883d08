"""Reading a policies folder, before anything is checked: every file's bytes, and the problems of names and places.

The folder holds organisation folders (organisation.yaml, privacy/ and cookies/ with one file per version,
named after its effective date), site.yaml and versions.lock. `read_tree` walks it once and returns plain
data: the bytes of every file (parsed on demand, so a check that has a file's result already never parses
it), the problems of names and places (a misnamed folder or version file, a link leading outside the
folder, a stray file) and of files that cannot be read. An unexpected error while reading an organisation
folder, the lock or site.yaml becomes a problem on it; the rest is still read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path

from privacy_site.source.lockfile import LOCK_NAME, Lock, read_lock_file
from privacy_site.source.messages import Msg, msg
from privacy_site.source.problems import PolicyError, Problem, display_path, guarded
from privacy_site.source.yamlsrc import Located, outside_problem, parse_yaml, read_policy_file

DOCUMENTS = ("privacy", "cookies")
ORGANISATION_FILE = "organisation.yaml"
SITE_FILE = "site.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VERSION_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml$")
RECORDS_FOLDER = "published"  # in a document folder: the records of what visitors read, written by `lock`
_RECORD_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([a-z]{2})\.html$")


@dataclass(frozen=True)
class SourceFile:
    """One policy file as read: its bytes, or the problem that kept it from being read."""

    shown: str
    raw: bytes = b""
    problem: Problem | None = None

    @cached_property
    def digest(self) -> str | None:
        """The hash of the file's bytes (None when it could not be read)."""
        return None if self.problem is not None else hashlib.sha256(self.raw).hexdigest()

    def load(self) -> tuple[Located | None, list[Problem]]:
        """The located data, or the problems that keep the file from being read."""
        if self.problem is not None:
            return None, [self.problem]
        return parse_yaml(self.raw, self.shown)


@dataclass(frozen=True)
class VersionFile:
    """A file of a document folder named after a real date."""

    effective: date
    first: bool  # the first of its folder (it need not say what changed)
    source: SourceFile
    latest: bool = False  # the last of its folder (the one editors work on: wording warnings apply)


@dataclass
class OrgFolder:
    """An organisation folder with a valid name, as read."""

    path: Path
    shown: str
    organisation_shown: str
    organisation: SourceFile | None = None  # None: there is no organisation.yaml
    documents: dict[str, list[VersionFile]] = field(default_factory=dict)  # document folders, in disk order
    records: dict[tuple[str, str, str], SourceFile] = field(default_factory=dict)  # (document, date, lang) → file
    broken: bool = False  # reading stopped at an unexpected error (reported on the folder)

    @property
    def slug(self) -> str:
        """The organisation's folder name."""
        return self.path.name


@dataclass
class PolicyTree:
    """Everything read from a policies folder."""

    root: Path
    orgs: list[OrgFolder]
    problems: list[Problem]  # names and places, in the order found
    lock: Lock
    site_shown: str
    site: SourceFile | None  # None: there is no site.yaml


def read_tree(root: Path) -> PolicyTree:
    """Read every file of a policies folder; raise PolicyError when there is no such folder."""
    if not root.is_dir():
        raise PolicyError([Problem(display_path(root), 1, 1,
                                   msg("the policies folder does not exist; create it or pass the right folder"))])
    problems: list[Problem] = []
    orgs: list[OrgFolder] = []
    for entry in sorted(root.iterdir()):
        shown = display_path(entry)
        if entry.name.startswith(".") or entry.name in (LOCK_NAME, SITE_FILE):
            continue
        outside = _outside(entry, root, shown)
        if outside is not None:
            problems.append(outside)
            continue
        if not entry.is_dir():
            if entry.suffix in (".yaml", ".yml"):
                problems.append(Problem(shown, 1, 1, msg("policy files belong in an organisation folder; "
                                                         "move it to policies/<organisation>/")))
            continue
        if not _SLUG.match(entry.name):
            problems.append(Problem(shown, 1, 1, msg('"{name}" is not a valid organisation folder name; use lowercase '
                                                     "letters a-z, digits and hyphens, like sociare or vdab",
                                                     name=entry.name)))
            continue
        org = OrgFolder(entry, shown, display_path(entry / ORGANISATION_FILE))
        orgs.append(org)
        if guarded(shown, problems, lambda entry=entry, org=org: _read_org(entry, root, org, problems)) is None:
            org.broken = True
    lock_shown, failed = display_path(root / LOCK_NAME), []
    lock = guarded(lock_shown, failed, lambda: read_lock_file(root))
    if lock is None:
        lock = Lock(lock_shown, None, problems=tuple(failed), failed=True)
    site_shown, failed = display_path(root / SITE_FILE), []
    site = guarded(site_shown, failed, lambda: _read_site(root, site_shown))
    if failed:  # reported when site.yaml is checked, like a file that cannot be read
        site = SourceFile(site_shown, problem=failed[0])
    return PolicyTree(root=root, orgs=orgs, problems=problems, lock=lock, site_shown=site_shown, site=site)


def read_source(path: Path, root: Path, *, inside: bool = False) -> SourceFile:
    """One file's bytes (`inside`: its folder is known to lead nowhere outside the policies folder)."""
    shown = display_path(path)
    raw, problem = read_policy_file(path, shown, None if inside and not path.is_symlink() else root)
    return SourceFile(shown, raw, problem)


def _outside(entry: Path, root: Path, shown: str) -> Problem | None:
    """outside_problem for an entry of a folder that is inside the policies folder: only a link can lead out."""
    return outside_problem(entry, root, shown) if entry.is_symlink() else None


def _read_site(root: Path, shown: str) -> SourceFile | None:
    path = root / SITE_FILE
    if not path.is_file():
        return None
    raw, problem = read_policy_file(path, shown, root)
    return SourceFile(shown, raw, problem)


def _read_org(folder: Path, root: Path, org: OrgFolder, problems: list[Problem]) -> bool:
    org_file = folder / ORGANISATION_FILE
    if not org_file.is_file():
        problems.append(Problem(org.organisation_shown, 1, 1, msg("organisation.yaml is missing; copy one from "
                                                                  "another organisation and adapt it")))
    else:
        org.organisation = read_source(org_file, root, inside=True)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name == ORGANISATION_FILE:
            continue
        outside = _outside(entry, root, display_path(entry))
        if outside is not None:
            problems.append(outside)
            continue
        if entry.is_dir() and entry.name in DOCUMENTS:
            org.documents[entry.name] = []  # filled as it is read: what was read is checked even if reading fails
            _read_versions(entry, root, org.documents[entry.name], problems)
            _read_records(entry, root, org, problems)
        elif entry.is_dir() or entry.suffix in (".yaml", ".yml"):
            close = get_close_matches(entry.name, [*DOCUMENTS, ORGANISATION_FILE], n=1)
            problems.append(Problem(display_path(entry), 1, 1, _unexpected_in_org(entry.name, close)))
    return True


def _read_versions(folder: Path, root: Path, versions: list[VersionFile], problems: list[Problem]) -> None:
    entries = [e for e in sorted(folder.iterdir())
               if not e.name.startswith(".") and not (e.name == RECORDS_FOLDER and e.is_dir() and not e.is_symlink())]
    if not entries:
        problems.append(Problem(display_path(folder), 1, 1, msg("the {folder} folder has no versions; add a file "
                                                                "named after its effective date, like 2024-01-01.yaml",
                                                                folder=folder.name)))
    for entry in entries:
        effective = _effective_date(entry.name)
        if effective is None:
            problems.append(Problem(display_path(entry), 1, 1, _version_name_problem(entry.name)))
            continue
        versions.append(VersionFile(effective, not versions, read_source(entry, root, inside=True)))
    if versions:
        versions[-1] = replace(versions[-1], latest=True)


def _read_records(folder: Path, root: Path, org: OrgFolder, problems: list[Problem]) -> None:
    """The records of a document folder's published versions (whether each belongs there is checked with the lock)."""
    records = folder / RECORDS_FOLDER
    if not records.is_dir() or records.is_symlink():
        return
    for entry in sorted(records.iterdir()):
        match = _RECORD_NAME.match(entry.name)
        if entry.name.startswith("."):
            continue
        if match is None or entry.is_dir():
            problems.append(Problem(display_path(entry), 1, 1, msg("only the records written by `privacy-site lock` "
                                                                   "belong in this folder; delete this file or "
                                                                   "restore the folder from git")))
            continue
        org.records[(folder.name, match[1], match[2])] = read_source(entry, root)


def _unexpected_in_org(name: str, close: list[str]) -> Msg:
    """A folder or YAML file an organisation folder does not hold, and what was probably meant."""
    if close:
        return msg('unexpected "{name}" in an organisation folder; did you mean "{close}"?', name=name, close=close[0])
    return msg('unexpected "{name}" in an organisation folder; expected {folders}/ or organisation.yaml', name=name,
               folders=", ".join(DOCUMENTS))


def _version_name_problem(name: str) -> Msg:
    match = _VERSION_NAME.match(name)
    if match:
        return msg('"{name}": {date} is not a real date; rename the file to the real effective date, like '
                   "2024-02-28.yaml", name=name, date=f"{match[1]}-{match[2]}-{match[3]}")
    return msg('"{name}" is not a valid version file name; name it after its effective date, like 2024-01-01.yaml',
               name=name)


def _effective_date(name: str) -> date | None:
    match = _VERSION_NAME.match(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
