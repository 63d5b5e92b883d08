"""Editor commands: lock published versions, start a new version, show what changed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from privacy_site.checks.corpus import Corpus
from privacy_site.model.versions import PLACEHOLDER, lock_text, read_lock
from privacy_site.source.lockfile import LOCK_NAME
from privacy_site.views.changes import changes_between
from privacy_site.views.textdiff import diff_terminal


class EditError(Exception):
    """A command that cannot be carried out, with a message for the editor."""


def lock(corpus: Corpus) -> list[str]:
    """Record every version not yet in versions.lock; existing entries are never rewritten."""
    entries, problems = read_lock(corpus.root)
    if problems:
        raise EditError("\n".join(str(p) for p in problems))
    entries = dict(entries or {})
    added = []
    for org in corpus.orgs:
        for version in org.versions():
            key = f"{org.slug}/{version.key}"
            if key not in entries:
                entries[key] = version.content_hash
                added.append(key)
    (corpus.root / LOCK_NAME).write_text(lock_text(entries), encoding="utf-8")
    return added


def release(corpus: Corpus, org_slug: str, document: str, day: date) -> None:
    """Take an upcoming version out of the lock so it can still be corrected before it applies."""
    entries, problems = read_lock(corpus.root)
    key = f"{org_slug}/{document}/{day.isoformat()}"
    if problems or not entries or key not in entries:
        raise EditError(f"{key} is not in {LOCK_NAME}; nothing to release")
    if day <= corpus.today:
        raise EditError(f"{key} is already in effect; it can no longer change: make a new version instead")
    del entries[key]
    (corpus.root / LOCK_NAME).write_text(lock_text(entries), encoding="utf-8")


def new_version(corpus: Corpus, org_slug: str, document: str, day: date) -> Path:
    """Copy the latest version to a new file named after `day`, with a summary placeholder to fill in."""
    org = next((o for o in corpus.orgs if o.slug == org_slug), None)
    if org is None:
        raise EditError(f'there is no organisation "{org_slug}"; use one of: {", ".join(o.slug for o in corpus.orgs)}')
    if document not in org.documents:
        raise EditError(f'{org_slug} has no "{document}" document; use one of: {", ".join(org.documents)}')
    latest = org.documents[document][-1]
    if day <= latest.effective:
        raise EditError(f"a new version must take effect after the latest one ({latest.effective}); "
                        "choose a later --date")
    target = corpus.root / org_slug / document / f"{day.isoformat()}.yaml"
    source = Path(latest.path) if Path(latest.path).is_absolute() else Path.cwd() / latest.path
    text = _without_top_level_key(source.read_text(encoding="utf-8"), "summary")
    placeholder = "".join(f'  {lang}: "{PLACEHOLDER}: what changed in this version, and why"\n'
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
                lang: str) -> str:
    """The change list between two versions (default: the last two), for a terminal."""
    org = next((o for o in corpus.orgs if o.slug == org_slug), None)
    if org is None or document not in org.documents:
        raise EditError(f"there is no {document} statement for {org_slug!r}")
    versions = org.documents[document]
    if old is None and new is None:
        if len(versions) < 2:
            raise EditError(f"{org_slug} {document} has only one version; nothing to compare")
        before, after = versions[-2], versions[-1]
    else:
        known = {v.effective: v for v in versions}
        missing = [d for d in (old, new) if d not in known]
        if missing:
            raise EditError(f"no version of {missing[0]}; versions: {', '.join(str(d) for d in known)}")
        assert old is not None and new is not None
        before, after = known[old], known[new]
    lines = [f"{org_slug} {document}: {before.effective} → {after.effective}"]
    changes = changes_between(before, after, lang, org.organisation.form_of_address)
    for change in changes:
        lines.append(f"- {change.message}")
        if change.diff:
            lines.extend(f"    {line}" for line in diff_terminal(change.diff).split("\n"))
    if not changes:
        lines.append("(no change in content)")
    return "\n".join(lines)
