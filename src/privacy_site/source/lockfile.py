"""Reading versions.lock: the published versions and the hash of their content, one per line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from privacy_site.source.messages import msg
from privacy_site.source.problems import Problem, display_path
from privacy_site.source.yamlsrc import outside_problem

LOCK_NAME = "versions.lock"
# "<org>/<document>/<date> sha256:<hash of the version's content>", then one "<lang>:<sha256>" per language: the
# hash of the record of what visitors read in that language (absent for versions locked before records existed).
_LOCK_LINE = re.compile(r"^(?P<key>[a-z0-9-]+/[a-z]+/\d{4}-\d{2}-\d{2}) sha256:(?P<hash>[0-9a-f]{64})"
                        r"(?P<records>(?: [a-z]{2}:[0-9a-f]{64})*)$")


@dataclass(frozen=True)
class Lock:
    """versions.lock as read: entries (key → hash) with their line, or None when there is no lock file yet."""

    shown: str
    entries: dict[str, str] | None
    lines: dict[str, int] = field(default_factory=dict)  # the first line starting with "<key> "
    records: dict[str, dict[str, str]] = field(default_factory=dict)  # key → language → hash of its record
    problems: tuple[Problem, ...] = ()
    failed: bool = False  # an unexpected error stopped the reading (its problem is the only one)


def read_lock_text(root: Path) -> tuple[str, Problem | None]:
    """The lock file's text, or the problem that keeps it from being read (it is never a traceback)."""
    path = root / LOCK_NAME
    shown = display_path(path)
    outside = outside_problem(path, root, shown)
    if outside is not None:
        return "", outside
    if not path.is_file():
        return "", Problem(shown, 1, 1, msg("versions.lock is not an ordinary file; restore it from git (it is "
                                            "written by `privacy-site lock`)"))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return "", Problem(shown, 1, 1, msg("cannot read versions.lock ({error}); check its permissions",
                                            error=exc.strerror))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", Problem(shown, line, 1, msg("versions.lock is not valid UTF-8 text (it was damaged); restore it "
                                               "from git (it is written by `privacy-site lock`)"))


def read_lock_file(root: Path) -> Lock:
    """Read and parse versions.lock; every line that is not an entry is a problem."""
    path = root / LOCK_NAME
    shown = display_path(path)
    if not path.exists() and not path.is_symlink():
        return Lock(shown, None)
    text, problem = read_lock_text(root)
    if problem is not None:
        return Lock(shown, {}, problems=(problem,))
    entries: dict[str, str] = {}
    records: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if " " in line:
            lines.setdefault(line.split(" ", 1)[0], number)
        if not line.strip() or line.startswith("#"):
            continue
        match = _LOCK_LINE.match(line)
        if not match:
            problems.append(Problem(shown, number, 1, msg("this line is not a valid lock entry; the file is written "
                                                          "by `privacy-site lock`: restore it from git instead of "
                                                          "editing it")))
            continue
        entries[match["key"]] = match["hash"]
        if match["records"]:
            records[match["key"]] = dict(pair.split(":") for pair in match["records"].split())
    return Lock(shown, entries, lines, records, tuple(problems))
