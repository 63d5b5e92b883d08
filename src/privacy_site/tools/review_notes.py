"""The reviewer summary's notes on wording: warnings of the new state, and the warnings kept with a reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from privacy_site.checks.corpus import Corpus
from privacy_site.source.problems import Problem

_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}\.yaml$")


def warning_lines(old: Sequence[Problem], new: Sequence[Problem], fence: Callable[[list[str]], list[str]]) -> list[str]:
    """A "Warnings" section with the warnings the change brings (those of the old state are only counted)."""
    before = {_key(p) for p in old}
    added = [str(p) for p in new if _key(p) not in before]
    if not added:
        return []
    count, kept = len(added), len(new) - len(added)
    earlier = f" ({kept} earlier warning{'s' if kept > 1 else ''} remain)" if kept else ""
    return ["## Warnings", "",
            f"{count} new warning{'s' if count > 1 else ''}{earlier}: wording that the transparency guidelines "
            "(WP260) advise against, or texts in the wrong language or left untranslated. `privacy-site check "
            "--strict` (CI) fails until each is fixed, or acknowledged in the version file with a reason.", "",
            *fence(added), ""]


def _key(problem: Problem) -> tuple[str, str]:
    """A warning as both states name it: the file inside its organisation folder (the folders differ), the message."""
    parts = PurePath(problem.path).parts
    inside = parts[-3:] if _VERSION.match(parts[-1]) else parts[-2:]
    return "/".join(inside), problem.message


def acknowledgement_lines(corpus: Corpus | None, escape: Callable[[str], str]) -> list[str]:
    """An "Acknowledged warnings" section: what the latest versions keep on purpose, and why."""
    if corpus is None:
        return []
    lines = []
    for org in corpus.orgs:
        for versions in org.documents.values():
            if not versions:
                continue
            latest = versions[-1]
            for ack in getattr(latest.statement, "acknowledged", ()):
                reasons = " / ".join(f"{lang}: {ack.reason.get(lang)}" for lang in org.languages)
                lines.append(f"- `{org.slug}/{latest.key}` {ack.warning} on `{ack.field}`: "
                             f"{escape(reasons)}")
    return ["## Acknowledged warnings", "", "Kept on purpose by the organisation, with its reason:", "",
            *lines, ""] if lines else []
