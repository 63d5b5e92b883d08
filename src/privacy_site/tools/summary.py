"""What changes for visitors between two states of the policies: a Markdown report for reviewers and CI.

A state is a policies folder: the working tree, a folder given on the command line, or the policies
folder of a git revision (exported with `git archive`). Both states are loaded with the same build
date; the report lists, per organisation, document and language, the new versions with their
summaries and change lists, corrected and removed versions, published (locked) versions that changed
or disappeared, new and removed organisations, and the check problems of the new state.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from privacy_site.checks.corpus import DOCUMENT_NAMES_EN, DOCUMENTS, Corpus, Org, display_path, load_corpus
from privacy_site.i18n.register import Register
from privacy_site.model.documents import Version
from privacy_site.model.text import md_escape
from privacy_site.model.versions import build_date, content_hash, read_lock
from privacy_site.source.problems import PolicyError, Problem
from privacy_site.source.yamlsrc import load_yaml, outside_problem
from privacy_site.tools.review_notes import acknowledgement_lines, warning_lines
from privacy_site.views.changes import Change, changes_between
from privacy_site.views.textdiff import Segment, diff_terminal

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "de": "Deutsch", "en": "English"}
DEFAULT_BRANCHES = ("origin/main", "main")
_DATE_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.yaml$")
_CONTEXT_WORDS = 12  # unchanged words kept around each change in a diff


class SummaryError(Exception):
    """The states to compare cannot be read (unknown revision, no git repository...)."""


@dataclass
class State:
    """One state of the policies, loaded for comparison."""

    label: str
    corpus: Corpus | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)  # "org/document/date" -> content hash
    organisations: dict[str, Any] = field(default_factory=dict)  # org slug -> organisation.yaml data
    lock: dict[str, str] = field(default_factory=dict)

    def org(self, slug: str) -> Org | None:
        """The loaded organisation, when the state passed the check."""
        if self.corpus is None:
            return None
        return next((o for o in self.corpus.orgs if o.slug == slug), None)


def read_state(root: Path | None, label: str, today: date, shown: str | None = None) -> State:
    """Load a policies folder; a missing or empty folder is a state without organisations.

    `shown` replaces the folder's path in problem messages (for folders exported to a temporary place).
    """
    state = State(label)
    if root is None or not root.is_dir():
        return state
    for org_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        data = _data(org_dir / "organisation.yaml", root)
        state.organisations[org_dir.name] = data
        for document in DOCUMENTS:
            folder = org_dir / document
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir()):
                if _DATE_FILE.match(entry.name):
                    state.versions[f"{org_dir.name}/{document}/{entry.stem}"] = _hash(entry, root)
    if not state.organisations:
        return state
    state.lock = read_lock(root)[0] or {}
    try:
        state.corpus = load_corpus(root, today)
        found = list(state.corpus.warnings)
    except PolicyError as err:
        found = err.problems
    state.problems = [_relabel(p, root, shown) for p in found if not p.is_warning]
    state.warnings = [_relabel(p, root, shown) for p in found if p.is_warning]
    return state


def _data(path: Path, root: Path) -> Any:
    if not path.is_file():
        return None
    located, _ = load_yaml(path, str(path), root)
    return None if located is None else located.data


def _hash(path: Path, root: Path) -> str:
    """The hash versions.lock uses (content, not formatting); the file's bytes when it does not load."""
    located, problems = load_yaml(path, str(path), root)
    if located is None:
        # Only an ordinary file inside the policies folder is read, even for its hash.
        readable = path.is_file() and outside_problem(path, root, str(path)) is None
        return "unreadable:" + hashlib.sha256(path.read_bytes() if readable else
                                              "".join(map(str, problems)).encode()).hexdigest()
    return content_hash(located.data)


def _relabel(problem: Problem, root: Path, shown: str | None) -> Problem:
    """Name an exported folder by its path in the repository, in the location and in the message."""
    if shown is None:
        return problem
    prefix = display_path(root)
    return replace(problem, path=problem.path.replace(prefix, shown, 1), message=problem.message.replace(prefix, shown))


# --- git ------------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _commit(repo: Path, ref: str) -> str | None:
    result = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result.returncode != 0:
        return None
    return result.stdout.decode().strip() or None


def git_toplevel(path: Path) -> Path:
    """The root of the git work tree holding `path`."""
    result = _git(path, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise SummaryError(f"{display_path(path)} is not in a git repository; compare folders with --base-dir "
                           "and --head-dir instead")
    return Path(result.stdout.decode().strip())


def default_base(repo: Path, inside: str) -> tuple[str | None, str]:
    """The revision to compare with when none is given, and how the report names it.

    The commit where HEAD left origin/main (or main when there is no remote): what this branch and
    the uncommitted edits change. When that is HEAD itself and `inside` has no uncommitted edit (on
    main, after a merge), the commit before HEAD. Without an earlier commit: nothing.
    """
    head = _commit(repo, "HEAD")
    if head is None:
        return None, "nothing (no commit yet)"
    fork, label = head, f"`HEAD` ({head[:7]})"
    for branch in DEFAULT_BRANCHES:
        if _commit(repo, branch) is not None:
            fork = _git(repo, "merge-base", branch, "HEAD").stdout.decode().strip() or head
            label = f"`{branch}` at {fork[:7]} (where this branch started)"
            break
    edited = _git(repo, "status", "--porcelain", "--", inside).stdout.strip()
    if fork != head or edited:
        return fork, label
    previous = _commit(repo, "HEAD~1")
    if previous is None:
        return None, "nothing (first commit)"
    return previous, f"`HEAD~1` ({previous[:7]})"


def export_policies(repo: Path, ref: str, inside: str, target: Path) -> Path | None:
    """Extract the policies folder of a revision (`git archive REF inside`) into target.

    Return the extracted folder, or None when the revision has no such folder.
    """
    if _commit(repo, ref) is None:
        raise SummaryError(f'"{ref}" is not a git revision here; fetch it first (git fetch origin) or name a '
                           "branch, tag or commit")
    if not _git(repo, "ls-tree", "-d", ref, "--", inside).stdout.strip():
        return None
    archive = _git(repo, "archive", "--format=tar", ref, "--", inside)
    if archive.returncode != 0:
        raise SummaryError(f"git archive {ref} {inside} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
        tar.extractall(target, filter="data")
    return target / inside


# --- report ---------------------------------------------------------------------------------------


def summarize(base: State, head: State, lang: str = "all", today: date | None = None) -> str:
    """The Markdown report of what changes for visitors from `base` to `head`."""
    today = today or build_date()
    out = ["# What changes for visitors", "", f"From {base.label} to {head.label}; build date {today}.", ""]
    if head.problems:
        count = len(head.problems)
        out += ["## Check problems", "",
                f"The new state does not pass `privacy-site check` ({count} problem{'s' if count > 1 else ''}); "
                "nothing can be published until they are fixed, and the details below are incomplete until then.",
                "", *_fenced([str(p) for p in head.problems]), ""]
    if base.problems:
        out += [f"The old state does not pass today's check either ({len(base.problems)} problems): "
                "versions it holds cannot be compared word by word.", ""]
    out += warning_lines(base.warnings, head.warnings, _fenced)
    out += acknowledgement_lines(head.corpus, _md)
    broken = _locked_broken(base, head)
    if broken:
        out += ["## Published versions changed or removed", "",
                "A published version never changes: restore it from git and put the change in a new version "
                "(`privacy-site new-version ORG DOCUMENT`).", "", *(f"- `{key}` {what}" for key, what in broken), ""]
    new_orgs = [s for s in head.organisations if s not in base.organisations]
    gone_orgs = [s for s in base.organisations if s not in head.organisations]
    if new_orgs:
        out += ["## New organisations", "", *(f"- {_org_name(head, s)} (`{s}`)" for s in new_orgs), ""]
    if gone_orgs:
        out += ["## Removed organisations", "", *(f"- {_org_name(base, s)} (`{s}`)" for s in gone_orgs), ""]
    body = [line for slug in sorted({*base.organisations, *head.organisations})
            for line in _organisation(base, head, slug, lang)]
    if not (head.problems or broken or new_orgs or gone_orgs or body):
        out += ["No change for visitors.", ""]
    out += body
    return "\n".join(out).rstrip("\n") + "\n"


def _locked_broken(base: State, head: State) -> list[tuple[str, str]]:
    """Versions locked in the base state that changed or disappeared in the head state."""
    found = []
    for key, locked in sorted(base.lock.items()):
        if key not in head.versions:
            found.append((key, "was removed"))
        elif head.versions[key] != locked:
            found.append((key, "changed"))
    return found


def _org_name(state: State, slug: str) -> str:
    org = state.org(slug)
    if org is None:
        data = state.organisations.get(slug)
        names = data.get("name") if isinstance(data, dict) else None
        values = [v for v in names.values() if isinstance(v, str)] if isinstance(names, dict) else []
    else:
        values = [org.organisation.name.get(lang) for lang in org.languages]
    return _md(" / ".join(dict.fromkeys(values))) or slug


def _organisation(base: State, head: State, slug: str, lang: str) -> Iterator[str]:
    name = _org_name(head if slug in head.organisations else base, slug)
    old, new = base.organisations.get(slug), head.organisations.get(slug)
    if slug in base.organisations and slug in head.organisations and old != new:
        fields = sorted(k for k in {*_keys(old), *_keys(new)} if _get(old, k) != _get(new, k))
        yield from [f"## {name} (`{slug}`): organisation details", "",
                    "organisation.yaml changed" + (f": {', '.join(f'`{k}`' for k in fields)}" if fields else "")
                    + " (the contact page and versions not yet published show it at once; published versions keep "
                    "the details they were published with until a new version takes effect).", ""]
    for document in DOCUMENTS:
        prefix = f"{slug}/{document}/"
        keys = sorted({k for k in (*base.versions, *head.versions) if k.startswith(prefix)})
        entries = [line for key in keys for line in _version(base, head, slug, document, key, lang)]
        if entries:
            yield from [f"## {name} (`{slug}`): {DOCUMENT_NAMES_EN[document]}", "", *entries]


def _keys(data: Any) -> set[str]:
    return set(data) if isinstance(data, dict) else set()


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _version(base: State, head: State, slug: str, document: str, key: str, lang: str) -> Iterator[str]:
    day = key.rsplit("/", 1)[1]
    before, after = base.versions.get(key), head.versions.get(key)
    if before == after:
        return
    locked = key in base.lock
    head_org = head.org(slug)
    status = ""
    if head_org is not None and after is not None:
        status = head_org.timeline(document).status(date.fromisoformat(day))
    if after is None:
        yield from [f"### Version {day} removed" + (" (published: not allowed)" if locked else ""), ""]
        return
    if before is None:
        yield from [f"### New version {day} ({status or 'not checked'})", ""]
        if head_org is not None and key not in head.lock:
            yield from [f"Not in versions.lock yet: run `privacy-site lock {' '.join(key.split('/'))}` once it is "
                        "approved (publishing refuses unlocked versions).", ""]
    else:
        yield from [f"### Version {day} changed ({'published: not allowed' if locked else status or 'not checked'})",
                    ""]
    if head_org is None:
        yield from ["Details appear once the check problems are fixed.", ""]
        return
    new = head_org.version(document, date.fromisoformat(day))
    old: Version | None = None
    if before is None:
        earlier = [v for v in head_org.documents[document] if v.effective < new.effective]
        old = earlier[-1] if earlier else None
        compared = f"Changes compared with {old.effective}:" if old else "First version of this document."
    else:
        base_org = base.org(slug)
        old = base_org.version(document, new.effective) if base_org is not None else None
        compared = ("Changes compared with the previous text of this version:" if old is not None
                    else "The previous text cannot be compared: the old state has check problems.")
    if old is None and new.statement.summary is None:
        yield from [compared, ""]
        return
    for language in _languages(head_org, lang):
        yield from [f"#### {LANGUAGE_NAMES[language]} ({language})", ""]
        yield from _version_text(new, old, compared, language, head_org.organisation.form_of_address)


def _languages(org: Org, lang: str) -> list[str]:
    return list(org.languages) if lang == "all" else [lang] if lang in org.languages else []


def _version_text(new: Version, old: Version | None, compared: str, lang: str, register: Register
                  ) -> Iterator[str]:
    summary = new.statement.summary
    if summary is not None:
        yield "Summary:"
        yield ""
        yield from (f"> {line}".rstrip() for line in summary.get(lang).split("\n"))
        yield ""
    yield compared
    yield ""
    if old is None:
        return
    changes = changes_between(old, new, lang, register)
    if not changes:
        yield "- (no change in content)"
    for change in changes:
        yield from _change(change)
    yield ""


def _change(change: Change) -> Iterator[str]:
    yield f"- {_md(change.message)}"
    if change.diff:
        yield from (f"  {line}".rstrip() for line in _fenced(diff_terminal(_trim(change.diff)).split("\n")))


def _fenced(lines: list[str]) -> list[str]:
    """Lines shown as they are, in a code block whose fence no line can close."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *lines, fence]


def _trim(segments: list[Segment]) -> list[Segment]:
    """Long unchanged stretches shortened to a few words of context around each change."""
    out: list[Segment] = []
    last = len(segments) - 1
    for i, (op, text) in enumerate(segments):
        words = text.split(" ")
        if op != "equal" or len(words) <= 2 * _CONTEXT_WORDS:
            out.append((op, text))
        elif i == 0:
            out.append((op, "… " + " ".join(words[-_CONTEXT_WORDS:])))
        elif i == last:
            out.append((op, " ".join(words[:_CONTEXT_WORDS]) + " …"))
        else:
            out.append((op, " ".join(words[:_CONTEXT_WORDS]) + " … " + " ".join(words[-_CONTEXT_WORDS:])))
    return out


def _md(text: str) -> str:
    """Text from policies, shown as written inside a Markdown line."""
    return md_escape(text)


# --- command --------------------------------------------------------------------------------------


def run_summary(policies: str, *, base: str | None = None, base_dir: str | None = None, head: str | None = None,
                head_dir: str | None = None, lang: str = "all") -> int:
    """`privacy-site summary`: print the report on stdout; exit 1 only when a state cannot be read."""
    today = build_date()
    working = Path(policies)
    try:
        with tempfile.TemporaryDirectory(prefix="privacy-site-summary-") as tmp:
            repo = inside = None
            if base_dir is None or head is not None:
                repo = git_toplevel(working.resolve().parent if not working.is_dir() else working.resolve())
                try:
                    inside = working.resolve().relative_to(repo.resolve()).as_posix()
                except ValueError:
                    raise SummaryError(f"{policies} is not inside the git repository {repo}; compare folders "
                                       "with --base-dir and --head-dir") from None
            if base_dir is not None:
                old = read_state(Path(base_dir), f"`{base_dir}`", today)
            else:
                assert repo is not None and inside is not None
                ref, label = (base, f"`{base}`") if base is not None else default_base(repo, inside)
                exported = export_policies(repo, ref, inside, Path(tmp) / "base") if ref is not None else None
                old = read_state(exported, label, today, shown=inside)
            if head_dir is not None:
                new = read_state(Path(head_dir), f"`{head_dir}`", today)
            elif head is not None:
                assert repo is not None and inside is not None
                exported = export_policies(repo, head, inside, Path(tmp) / "head")
                new = read_state(exported, f"`{head}`", today, shown=inside)
            else:
                new = read_state(working, f"the working tree (`{display_path(working)}`)", today)
            report = summarize(old, new, lang, today)
    except SummaryError as err:
        print(f"privacy-site summary: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(report)
    return 0

