"""Versions over time: the build date, which version applies when, and the lock that keeps them."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import outside_problem

LOCK_NAME = "versions.lock"
_LOCK_LINE = re.compile(r"^(?P<key>[a-z0-9-]+/[a-z]+/\d{4}-\d{2}-\d{2}) sha256:(?P<hash>[0-9a-f]{64})$")
PLACEHOLDER = "TODO"


def build_date() -> date:
    """Today, or the day of $SOURCE_DATE_EPOCH so builds and tests are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def content_hash(data: Any) -> str:
    """A hash of what a version says (not of comments or formatting)."""
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
    """The lock entries (key → hash), None when there is no lock file yet."""
    path = root / LOCK_NAME
    shown = _display(path)
    if not path.exists() and not path.is_symlink():
        return None, []
    text, problem = read_lock_text(root)
    if problem is not None:
        return {}, [problem]
    entries: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LOCK_LINE.match(line)
        if not match:
            problems.append(Problem(shown, number, 1, "this line is not a valid lock entry; the file is written by "
                                    "`privacy-site lock`: restore it from git instead of editing it"))
            continue
        entries[match["key"]] = match["hash"]
    return entries, problems


def read_lock_text(root: Path) -> tuple[str, Problem | None]:
    """The lock file's text, or the problem that keeps it from being read (it is never a traceback)."""
    path = root / LOCK_NAME
    shown = _display(path)
    restore = "restore it from git (it is written by `privacy-site lock`)"
    outside = outside_problem(path, root, shown)
    if outside is not None:
        return "", outside
    if not path.is_file():
        return "", Problem(shown, 1, 1, f"versions.lock is not an ordinary file; {restore}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return "", Problem(shown, 1, 1, f"cannot read versions.lock ({exc.strerror}); check its permissions")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", Problem(shown, line, 1, f"versions.lock is not valid UTF-8 text (it was damaged); {restore}")


def lock_text(entries: dict[str, str]) -> str:
    """The lock file's content, sorted so diffs stay small."""
    header = ("# Published versions and the hash of their content. Written by `privacy-site lock`;\n"
              "# a published version never changes: make a new version instead.\n")
    return header + "".join(f"{key} sha256:{value}\n" for key, value in sorted(entries.items()))


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover
        return str(path)
