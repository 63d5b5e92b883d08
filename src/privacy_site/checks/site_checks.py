"""Checks of the folder as a whole: versions.lock against the versions found, and site.yaml's operator."""

from __future__ import annotations

from pathlib import Path

from privacy_site.checks.raw_checks import choose, language_name
from privacy_site.model.documents import SiteConfig
from privacy_site.model.records import parse_record
from privacy_site.model.validate import validate
from privacy_site.source.lockfile import Lock
from privacy_site.source.messages import about, msg
from privacy_site.source.problems import Problem, display_path
from privacy_site.source.tree import RECORDS_FOLDER, PolicyTree, SourceFile


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
            problems.append(Problem(lock.shown, 1, 1, msg("there is no versions.lock; run `privacy-site lock` to "
                                                          "record the published versions")))
        return problems
    for number, key in enumerate(locked, start=1):
        # A published version whose file has problems is reported there; only a missing file is "gone".
        if key not in present and key.split("/")[0] in loaded_orgs and not (root / f"{key}.yaml").is_file():
            file = display_path(root / f"{key}.yaml")
            problems.append(Problem(lock.shown, lock.lines.get(key) or number, 1,
                                    msg("{key} is published but {file} is gone; restore the file from git "
                                        "(published versions stay available for good)", key=key, file=file)))
    for key, (content_hash, path) in present.items():
        if key in locked and locked[key] != content_hash:
            org, document = key.split("/")[:2]
            problems.append(Problem(path, 1, 1,
                                    msg("this version is published and must not change; undo the change and put it "
                                        "in a new version (privacy-site new-version {org} {document})",
                                        org=org, document=document)))
        elif key not in locked and require_lock:
            org, document, day = key.split("/")
            problems.append(Problem(path, 1, 1, msg("this version is not recorded in versions.lock; run "
                                                    "`privacy-site lock {org} {document} {day}` once it is approved",
                                                    org=org, document=document, day=day)))
    return problems


def check_records(lock: Lock, records: dict[tuple[str, str, str, str], SourceFile], loaded_orgs: set[str],
                  root: Path, require_lock: bool) -> list[Problem]:
    """Every record of what visitors read is the one locked, none is missing; publishing needs them all.

    `records` maps (organisation, document, date, language) to the record file found in the policies folder.
    """
    if lock.failed or lock.entries is None:
        return [Problem(source.shown, 1, 1, msg("this record belongs to no locked version; delete it, or restore "
                                                "versions.lock from git")) for source in records.values()]
    problems: list[Problem] = []
    restore = msg("restore it from git: what visitors read on a published version never changes")
    for (org, document, day, lang), source in sorted(records.items()):
        key = f"{org}/{document}/{day}"
        expected = lock.records.get(key, {}).get(lang)
        if source.problem is not None:
            problems.append(source.problem)
        elif expected is None:
            problems.append(Problem(source.shown, 1, 1, msg(
                "this record belongs to no locked version ({key} in {language}); delete it, or lock that version "
                "with `privacy-site lock {org} {document} {day}`",
                key=key, language=language_name(lang), org=org, document=document, day=day)))
        elif source.digest != expected:
            problems.append(Problem(source.shown, 1, 1, msg("this record of a published version was changed after "
                                                            "it was locked; {restore}", restore=restore)))
        elif not _readable(source):
            problems.append(Problem(source.shown, 1, 1, msg("this file is not a record written by `privacy-site "
                                                            "lock`; {restore}", restore=restore)))
    for key, langs in sorted(lock.records.items()):
        org, document, day = key.split("/")
        if org not in loaded_orgs:
            continue
        for lang in sorted(langs):
            if (org, document, day, lang) not in records:
                path = display_path(root / org / document / RECORDS_FOLDER / f"{day}.{lang}.html")
                problems.append(Problem(lock.shown, lock.lines.get(key, 1), 1, msg(
                    "{key} is published but its record {path} is missing; {restore}",
                    key=key, path=path, restore=restore)))
    if require_lock:
        for key in sorted(lock.entries):
            if key.split("/")[0] in loaded_orgs and key not in lock.records:
                problems.append(Problem(lock.shown, lock.lines.get(key, 1), 1, msg(
                    "{key} was locked before records of what visitors read existed; run `privacy-site migrate` once "
                    "and commit the files it writes", key=key)))
    return problems


def _readable(source: SourceFile) -> bool:
    try:
        return parse_record(source.raw.decode("utf-8"), source.digest or "") is not None
    except UnicodeDecodeError:
        return False


def check_operator(tree: PolicyTree, slugs: list[str], problems: list[Problem]) -> str:
    """The organisation operating the site, from site.yaml (optional with a single organisation)."""
    if tree.site is None:
        if len(slugs) == 1:
            return slugs[0]
        if slugs:
            problems.append(Problem(display_path(tree.root), 1, 1, msg(
                "name the organisation that operates this site: add {file} with a line like `operator: {slug}`",
                file=tree.site_shown, slug=slugs[0])))
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
        problems.append(located.problem(("operator",), about("operator", msg(
            'there is no organisation "{name}"; {hint}', name=config.operator, hint=choose(config.operator, slugs)))))
    return config.operator
