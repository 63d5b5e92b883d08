"""Problems found in policy files, reported as `file:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # One problem, one line: a quoted value that spans lines shows its line breaks as \n.
        message = self.message.replace("\r", "").replace("\n", "\\n")
        return f"{self.path}:{self.line}:{self.col}: {message}"


class PolicyError(Exception):
    """Raised when policies contain problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """All problems, one per line, followed by a count."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return "\n".join(str(p) for p in self.problems) + f"\n{count} {noun} found."
