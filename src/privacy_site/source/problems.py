"""Problems found in policy files, reported as `file:line:col: message`."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from privacy_site.source.messages import msg, tell

_T = TypeVar("_T")
Translate = Callable[[str], str] | None  # an editors' catalog's gettext; None tells messages in English


ERROR = "error"
WARNING = "warning"  # reported, but only `check --strict` fails on it


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column; a warning when severity is WARNING."""

    path: str
    line: int
    col: int
    message: str
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        """True for a warning (the build goes on; `check --strict` fails)."""
        return self.severity == WARNING

    def __str__(self) -> str:
        return self.told(None)

    def told(self, translate: Translate) -> str:
        """`file:line:col: message`, in the language of `translate` (English without one)."""
        # One problem, one line: a quoted value that spans lines shows its line breaks as \n.
        message = tell(self.message, translate).replace("\r", "").replace("\n", "\\n")
        prefix = tell(msg("warning: "), translate) if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{message}"


class PolicyError(Exception):
    """Raised when policies contain problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self, translate: Translate = None) -> str:
        """All problems, one per line, followed by a count."""
        found = tell(msg("{count} found.", count=count_text(self.problems)), translate)
        return "\n".join(p.told(translate) for p in self.problems) + f"\n{found}"


def count_text(problems: list[Problem]) -> str:
    """"3 problems", "1 problem and 2 warnings": errors and warnings counted apart."""
    warnings = sum(p.is_warning for p in problems)
    errors = len(problems) - warnings
    counted = msg("1 problem") if errors == 1 else msg("{n} problems", n=errors)
    if not warnings:
        return counted
    counted_warnings = msg("1 warning") if warnings == 1 else msg("{n} warnings", n=warnings)
    if not errors:
        return counted_warnings
    return msg("{problems} and {warnings}", problems=counted, warnings=counted_warnings)


def display_path(path: Path) -> str:
    """Path as editors see it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)


def guarded(shown: str, problems: list[Problem], work: Callable[[], _T]) -> _T | None:
    """Run one file's reading or checks; an unexpected error becomes a problem on that file, the others go on."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001 - a bug must never hide the other files' problems
        problems.append(Problem(shown, 1, 1, msg("internal error while checking this file ({error}); the other "
                                                 "files were checked. Please report it to the privacy-site "
                                                 "developers with this file",
                                                 error=f"{type(exc).__name__}: {exc}")))
        return None
