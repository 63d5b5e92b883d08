"""Versions over time: the build date, which version applies when, and the lock that keeps them."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from privacy_site.source.lockfile import read_lock_file
from privacy_site.source.problems import Problem

PLACEHOLDER = "TODO"


def build_date() -> date:
    """Today, or the day of $SOURCE_DATE_EPOCH so builds and tests are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def content_hash(data: Any) -> str:
    """A hash of what a version says (not of comments or formatting, nor of acknowledged warnings)."""
    if isinstance(data, dict) and "acknowledged" in data:
        # Acknowledging a warning says nothing to visitors: a published version can still be acknowledged.
        data = {key: value for key, value in data.items() if key != "acknowledged"}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Timeline:
    """The versions of one document seen from one day: past, current and upcoming."""

    dates: tuple[date, ...]  # oldest first
    today: date

    @property
    def current(self) -> date | None:
        """The latest version that is in effect today (None if all are upcoming)."""
        effective = [d for d in self.dates if d <= self.today]
        return effective[-1] if effective else None

    @property
    def upcoming(self) -> tuple[date, ...]:
        """Versions that take effect after today."""
        return tuple(d for d in self.dates if d > self.today)

    def status(self, day: date) -> str:
        """current, superseded or upcoming."""
        if day > self.today:
            return "upcoming"
        return "current" if day == self.current else "superseded"

    def until(self, day: date) -> date | None:
        """The day the next version took (or takes) effect: the end of this version's validity."""
        later = [d for d in self.dates if d > day]
        return later[0] if later else None

    def previous(self, day: date) -> date | None:
        """The version before `day`, if any."""
        earlier = [d for d in self.dates if d < day]
        return earlier[-1] if earlier else None


def read_lock(root: Path) -> tuple[dict[str, str] | None, list[Problem]]:
    """The lock entries (key → hash), None when there is no lock file yet, and the problems reading it."""
    lock = read_lock_file(root)
    return lock.entries, list(lock.problems)


def lock_text(entries: dict[str, str], records: dict[str, dict[str, str]] | None = None) -> str:
    """The lock file's content, sorted so diffs stay small: each version's hash, then its records' hashes."""
    header = ("# Published versions: the hash of their content, then per language the hash of the record of\n"
              "# what visitors read (published/<date>.<language>.html). Written by `privacy-site lock`;\n"
              "# a published version never changes: make a new version instead.\n")
    records = records or {}
    return header + "".join(
        f"{key} sha256:{value}" + "".join(f" {lang}:{digest}" for lang, digest in sorted(records.get(key, {}).items()))
        + "\n" for key, value in sorted(entries.items()))
