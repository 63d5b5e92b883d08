"""Checks of the folder as a whole: versions.lock against the versions found, and site.yaml's operator."""

from __future__ import annotations

from pathlib import Path

from privacy_site.checks.raw_checks import choose
from privacy_site.model.documents import SiteConfig
from privacy_site.model.validate import validate
from privacy_site.source.lockfile import Lock
from privacy_site.source.problems import Problem, display_path
from privacy_site.source.tree import PolicyTree


def check_lock(lock: Lock, present: dict[str, tuple[str, str]], loaded_orgs: set[str], root: Path,
               require_lock: bool) -> list[Problem]:
    """Published versions are unchanged and present; with require_lock (publishing), every version is listed.

    `present` maps each valid version's lock key (org/document/date) to its content hash and shown path.
    """
    problems = list(lock.problems)
    locked = lock.entries
    if lock.failed:
        return problems
    if locked is None:
        if require_lock:
            problems.append(Problem(lock.shown, 1, 1, "there is no versions.lock; run `privacy-site lock` to record "
                                    "the published versions"))
        return problems
    for number, key in enumerate(locked, start=1):
        if key not in present and key.split("/")[0] in loaded_orgs:
            file = display_path(root / f"{key}.yaml")
            problems.append(Problem(lock.shown, lock.lines.get(key) or number, 1,
                                    f"{key} is published but {file} is gone; restore the file from git "
                                    "(published versions stay available for good)"))
    for key, (content_hash, path) in present.items():
        if key in locked and locked[key] != content_hash:
            org, document = key.split("/")[:2]
            problems.append(Problem(path, 1, 1,
                                    "this version is published and must not change; undo the change and put it "
                                    f"in a new version (privacy-site new-version {org} {document})"))
        elif key not in locked and require_lock:
            problems.append(Problem(path, 1, 1, "this version is not recorded in versions.lock; run "
                                    "`privacy-site lock` once it is approved"))
    return problems


def check_operator(tree: PolicyTree, slugs: list[str], problems: list[Problem]) -> str:
    """The organisation operating the site, from site.yaml (optional with a single organisation)."""
    if tree.site is None:
        if len(slugs) == 1:
            return slugs[0]
        if slugs:
            problems.append(Problem(display_path(tree.root), 1, 1, f"name the organisation that operates this site: "
                                    f"add {tree.site_shown} with a line like `operator: {slugs[0]}`"))
        return ""
    located, found = tree.site.load()
    problems.extend(found)
    if located is None:
        return ""
    config, found = validate(SiteConfig, located)
    problems.extend(found)
    if config is None:
        return ""
    if slugs and config.operator not in slugs:
        problems.append(located.problem(("operator",), f'operator: there is no organisation "{config.operator}"; '
                                                       f"{choose(config.operator, slugs)}"))
    return config.operator
