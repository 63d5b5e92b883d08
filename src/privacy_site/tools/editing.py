"""Editor commands: lock published versions, start a new version, show what changed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from privacy_site.checks.corpus import Corpus, Org
from privacy_site.model.cookies import SiteItem
from privacy_site.model.documents import Version
from privacy_site.model.versions import PLACEHOLDER, lock_text
from privacy_site.source.lockfile import LOCK_NAME, Lock, read_lock_file
from privacy_site.source.messages import msg, tell
from privacy_site.source.problems import Problem, Translate
from privacy_site.source.tree import RECORDS_FOLDER
from privacy_site.views.changes import changes_between
from privacy_site.views.records import record_path, record_text, sha256
from privacy_site.views.textdiff import diff_terminal

# What a new version's summary says until the editor replaces it (the check refuses the TODO), in its language.
_SUMMARY_PLACEHOLDER = {
    "nl": f"{PLACEHOLDER}: wat er in deze versie verandert, en waarom",
    "fr": f"{PLACEHOLDER} : ce qui change dans cette version, et pourquoi",
    "de": f"{PLACEHOLDER}: was sich in dieser Version ändert, und warum",
    "en": f"{PLACEHOLDER}: what changed in this version, and why",
}


class EditError(Exception):
    """A command that cannot be carried out, with a message for the editor (a Msg, or the problems of a file)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    def told(self, translate: Translate) -> str:
        """The message in the editor's language (English without a catalog)."""
        if self.problems:
            return "\n".join(p.told(translate) for p in self.problems)
        return tell(self.args[0], translate)


def _lock_state(root: Path) -> Lock:
    lock = read_lock_file(root)
    if lock.problems:
        raise EditError("\n".join(str(p) for p in lock.problems), lock.problems)
    return lock


def unlocked(corpus: Corpus) -> list[str]:
    """The versions not yet in versions.lock (org/document/date), oldest organisation first."""
    locked = _lock_state(corpus.root).entries or {}
    return [f"{org.slug}/{version.key}" for org in corpus.orgs for version in org.versions()
            if f"{org.slug}/{version.key}" not in locked]


def _write_records(corpus: Corpus, org: Org, version: Version, site_items: list[SiteItem]) -> dict[str, str]:
    """Write what visitors read on `version` in each language; return each record's hash."""
    operator = corpus.org(corpus.operator) if corpus.operator else org
    hashes = {}
    for lang in org.languages:
        text = record_text(org, version, lang, site_items, operator.organisation.name.get(lang))
        path = corpus.root / record_path(org, version.document, version.effective.isoformat(), lang)
        path.parent.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        hashes[lang] = sha256(data)
    return hashes


def lock(corpus: Corpus, site_items: list[SiteItem], keys: list[str]) -> list[str]:
    """Publish the versions `keys` (org/document/date): record what visitors read, and their hashes in the lock.

    Entries already in versions.lock are never rewritten.
    """
    lock_file = _lock_state(corpus.root)
    entries, records = dict(lock_file.entries or {}), dict(lock_file.records)
    wanted = set(keys)
    added = []
    for org in corpus.orgs:
        for version in org.versions():
            key = f"{org.slug}/{version.key}"
            if key in wanted and key not in entries:
                records[key] = _write_records(corpus, org, version, site_items)
                entries[key] = version.content_hash
                added.append(key)
    (corpus.root / LOCK_NAME).write_text(lock_text(entries, records), encoding="utf-8")
    return added


def migrate(corpus: Corpus, site_items: list[SiteItem]) -> list[str]:
    """Record what visitors read today on every version locked before records existed."""
    lock_file = _lock_state(corpus.root)
    entries, records = dict(lock_file.entries or {}), dict(lock_file.records)
    migrated = []
    for org in corpus.orgs:
        for version in org.versions():
            key = f"{org.slug}/{version.key}"
            if key in entries and key not in records:
                records[key] = _write_records(corpus, org, version, site_items)
                migrated.append(key)
    (corpus.root / LOCK_NAME).write_text(lock_text(entries, records), encoding="utf-8")
    return migrated


def release(root: Path, org_slug: str, document: str, day: date, today: date) -> None:
    """Take an upcoming version out of the lock so it can still be corrected before it applies.

    It works on the lock alone: the version may already have been edited (the check refuses that until it
    is released).
    """
    lock_file = _lock_state(root)
    key = f"{org_slug}/{document}/{day.isoformat()}"
    if not lock_file.entries or key not in lock_file.entries:
        raise EditError(msg("{key} is not in {lock}; nothing to release", key=key, lock=LOCK_NAME))
    if day <= today:
        raise EditError(msg("{key} is already in effect; it can no longer change: make a new version instead", key=key))
    entries, records = dict(lock_file.entries), dict(lock_file.records)
    del entries[key]
    for lang in records.pop(key, {}):
        (root / org_slug / document / RECORDS_FOLDER / f"{day.isoformat()}.{lang}.html").unlink(missing_ok=True)
    (root / LOCK_NAME).write_text(lock_text(entries, records), encoding="utf-8")


def find_document(corpus: Corpus, org_slug: str, document: str) -> Org:
    """The organisation that has `document`, or an EditError naming the ones there are."""
    org = next((o for o in corpus.orgs if o.slug == org_slug), None)
    if org is None:
        raise EditError(msg('there is no organisation "{org}"; use one of: {options}', org=org_slug,
                            options=", ".join(o.slug for o in corpus.orgs)))
    if document not in org.documents:
        raise EditError(msg('{org} has no "{document}" document; use one of: {options}', org=org_slug,
                            document=document, options=", ".join(org.documents)))
    return org


def new_version(corpus: Corpus, org_slug: str, document: str, day: date) -> Path:
    """Copy the latest version to a new file named after `day`, with a summary placeholder to fill in."""
    org = find_document(corpus, org_slug, document)
    latest = org.documents[document][-1]
    if day <= latest.effective:
        raise EditError(msg("a new version must take effect after the latest one ({date}); choose a later --date",
                            date=latest.effective.isoformat()))
    target = corpus.root / org_slug / document / f"{day.isoformat()}.yaml"
    source = Path(latest.path) if Path(latest.path).is_absolute() else Path.cwd() / latest.path
    text = _without_top_level_key(source.read_text(encoding="utf-8"), "summary")
    placeholder = "".join(f'  {lang}: "{_SUMMARY_PLACEHOLDER.get(lang, _SUMMARY_PLACEHOLDER["en"])}"\n'
                          for lang in org.languages)
    lines = text.split("\n")
    insert_at = 1 if lines and lines[0].startswith("#") else 0
    lines[insert_at:insert_at] = ["summary:", *placeholder.rstrip("\n").split("\n")]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def _without_top_level_key(text: str, key: str) -> str:
    lines = text.split("\n")
    out, skipping = [], False
    for line in lines:
        if re.match(rf"^{re.escape(key)}\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out)


def diff_report(corpus: Corpus, org_slug: str, document: str, old: date | None, new: date | None,
                lang: str, translate: Translate = None) -> str:
    """The change list between two versions (default: the last two), for a terminal."""
    org = next((o for o in corpus.orgs if o.slug == org_slug), None)
    if org is None or document not in org.documents:
        raise EditError(msg("there is no privacy statement for {org}", org=repr(org_slug)) if document == "privacy"
                        else msg("there is no cookies statement for {org}", org=repr(org_slug)))
    versions = org.documents[document]
    if old is None and new is None:
        if len(versions) < 2:
            raise EditError(msg("{org} {document} has only one version; nothing to compare", org=org_slug,
                                document=document))
        before, after = versions[-2], versions[-1]
    else:
        known = {v.effective: v for v in versions}
        missing = [d for d in (old, new) if d not in known]
        if missing:
            raise EditError(msg("no version of {date}; versions: {dates}", date=str(missing[0]),
                                dates=", ".join(str(d) for d in known)))
        assert old is not None and new is not None
        before, after = known[old], known[new]
    lines = [f"{org_slug} {document}: {before.effective} → {after.effective}"]
    changes = changes_between(before, after, lang, org.organisation.form_of_address)
    for change in changes:
        lines.append(f"- {change.message}")
        if change.diff:
            lines.extend(f"    {line}" for line in diff_terminal(change.diff).split("\n"))
    if not changes:
        lines.append(tell(msg("(no change in content)"), translate))
    return "\n".join(lines)
