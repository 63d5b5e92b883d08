"""The `privacy-site` command: check policies, build the site."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from datetime import date
from pathlib import Path

from privacy_site.checks.corpus import DOCUMENTS, Corpus, load_corpus
from privacy_site.i18n.catalogs import EDITOR_LANGUAGES, editor_gettext, editor_language
from privacy_site.model.cookies import NOTICE_ITEM, SiteItem
from privacy_site.model.versions import PLACEHOLDER, build_date
from privacy_site.source.messages import msg, tell
from privacy_site.source.problems import PolicyError, Translate, count_text


def _translate(args: argparse.Namespace) -> Translate:
    """The editors' catalog chosen with --messages, else by the environment's language (LANG)."""
    return editor_gettext(editor_language(getattr(args, "messages", None), os.environ))


def _load(args: argparse.Namespace, require_lock: bool = False) -> Corpus | None:
    try:
        return load_corpus(Path(args.policies), require_lock=require_lock)
    except PolicyError as err:
        print(err.report(_translate(args)), file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    corpus = _load(args, args.require_lock)
    if corpus is None:
        return 1
    notes: list[str] = []
    if any(org.records for org in corpus.orgs):  # published versions that would read differently today
        from privacy_site.tools.published import report, reworded  # renders: only imported once the check passed

        notes = report(reworded(corpus, _site_items(args.config)), corpus.today, _translate(args))
    if notes:
        print("\n".join(notes), file=sys.stderr)
    versions = sum(len(v) for org in corpus.orgs for v in org.documents.values())
    orgs = len(corpus.orgs)
    counted = msg("{organisations}, {versions}",
                  organisations=msg("1 organisation") if orgs == 1 else msg("{n} organisations", n=orgs),
                  versions=msg("1 version") if versions == 1 else msg("{n} versions", n=versions))
    translate = _translate(args)
    if corpus.warnings:
        print("\n".join(w.told(translate) for w in corpus.warnings), file=sys.stderr)
        warned = count_text(list(corpus.warnings))
        if args.strict:  # CI: a warning must be fixed or acknowledged before it is merged
            print(tell(msg("{warnings} found (--strict: fix them, or acknowledge them with a reason).",
                           warnings=warned), translate), file=sys.stderr)
            return 1
        print(tell(msg("{checked}: no problems, {warnings}.", checked=counted, warnings=warned), translate))
        return 0
    print(tell(msg("{checked}: no problems found.", checked=counted), translate))
    return 0


def _site_items(config: str) -> list[SiteItem]:
    """What this site stores, from its MkDocs configuration (only the notice's key without one)."""
    if not Path(config).is_file():
        return [NOTICE_ITEM]
    from privacy_site.backend.publish import configured_site_items  # MkDocs is only imported when needed

    return configured_site_items(Path(config))


def _lock(args: argparse.Namespace, corpus: Corpus) -> int:
    from privacy_site.tools import editing  # renders: not imported by `check`

    translate = _translate(args)
    if args.command == "migrate":
        done = editing.migrate(corpus, _site_items(args.config))
        print("\n".join(tell(msg("recorded {key} as it reads today", key=key), translate) for key in done)
              or tell(msg("every locked version already has its record"), translate))
        return 0
    waiting = editing.unlocked(corpus)
    if args.version:
        key = "/".join(args.version)
        if key not in waiting:
            others = ", ".join(" ".join(k.split("/")) for k in waiting)
            if _known(corpus, args.version):
                raise editing.EditError(msg("{key} is already locked", key=key))
            raise editing.EditError(msg("there is no version {key}; versions not locked yet: {others}", key=key,
                                        others=others) if others else
                                    msg("there is no version {key}; versions not locked yet: none", key=key))
        chosen = [key]
    elif args.all:
        chosen = waiting
    else:
        if not waiting:
            print(tell(msg("every version was already locked"), translate))
            return 0
        print(tell(msg("Not locked yet:"), translate) + "\n"
              + "".join(f"  {' '.join(key.split('/'))}\n" for key in waiting)
              + tell(msg("Lock one once it is approved: privacy-site lock ORGANISATION DOCUMENT DATE; all of them: "
                         "privacy-site lock --all"), translate))
        return 0
    added = editing.lock(corpus, _site_items(args.config), chosen)
    print("\n".join(tell(msg("locked {key}", key=key), translate) for key in added)
          or tell(msg("every version was already locked"), translate))
    return 0


def _known(corpus: Corpus, version: list[str]) -> bool:
    org, document, day = version
    return any(o.slug == org and f"{document}/{day}" in {v.key for v in o.versions()} for o in corpus.orgs)


def _edit(args: argparse.Namespace) -> int:
    from privacy_site.tools import editing  # renders: not imported by `check`

    translate = _translate(args)
    try:
        if args.command == "lock" and args.release:
            org, document, day = args.release
            # From the lock alone: the version may already be edited, which the check refuses until it is released.
            editing.release(Path(args.policies), org, document, _date(day), build_date())
            print(tell(msg("released {key}: it can be corrected until it takes effect; lock it again once it is "
                           "approved", key=f"{org}/{document}/{day}"), translate))
            return 0
    except editing.EditError as err:
        print(f"privacy-site {args.command}: {err.told(translate)}", file=sys.stderr)
        return 1
    corpus = _load(args)
    if corpus is None:
        return 1
    try:
        if args.command in ("lock", "migrate"):
            return _lock(args, corpus)
        if args.command == "new-version":
            day = _date(args.date) if args.date else corpus.today
            path = editing.new_version(corpus, args.org, args.document, day)
            print(tell(msg("{file}: edit it and replace the {placeholder} summary; it takes effect on {date}",
                           file=str(path), placeholder=PLACEHOLDER, date=day.isoformat()), translate))
        else:
            old = _date(args.versions[0]) if args.versions else None
            new = _date(args.versions[1]) if args.versions else None
            print(editing.diff_report(corpus, args.org, args.document, old, new, args.lang, translate))
    except editing.EditError as err:
        print(f"privacy-site {args.command}: {err.told(translate)}", file=sys.stderr)
        return 1
    return 0


def _review(args: argparse.Namespace) -> int:
    from privacy_site.tools import editing  # renders: not imported by `check`
    from privacy_site.tools.review import build_review, write_docx, write_html  # python-docx only when reviewing

    corpus = _load(args)
    if corpus is None:
        return 1
    try:
        review = build_review(corpus, args.org, args.document, _date(args.date) if args.date else None,
                              _site_items(args.config))
    except editing.EditError as err:
        print(f"privacy-site review: {err.told(_translate(args))}", file=sys.stderr)
        return 1
    day = review.heading.rsplit(" ", 1)[1]
    base = Path(args.output) / f"{args.org}-{args.document}-{day}"
    write_docx(review, base.with_suffix(".docx"))
    write_html(review, base.with_suffix(".html"))
    print(tell(msg("{docx} and {html}: {note}", docx=f"{base}.docx", html=f"{base}.html", note=review.note),
               _translate(args)))
    return 0


def _date(text: str) -> date:
    from privacy_site.tools import editing

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise editing.EditError(msg('"{text}" is not a date; write it as YYYY-MM-DD', text=text)) from None


def _build(args: argparse.Namespace) -> int:
    from privacy_site.backend.publish import build_site  # MkDocs is only imported when building

    return build_site(Path(args.config), Path(args.site_dir), Path(args.policies), require_lock=args.require_lock,
                      translate=_translate(args))


def _audit(args: argparse.Namespace) -> int:
    try:
        from privacy_site.tools.audit import run_audit  # Playwright is only imported when auditing
    except ImportError as err:
        missing = (err.name or "").split(".")[0]
        if missing not in ("playwright", "greenlet", "pyee"):
            raise
        # An environment installed before Playwright became a dependency of privacy-site.
        print(f"privacy-site audit: {missing} is not installed; install privacy-site again "
              '(".venv/bin/pip install -e ." or "make site") and run the audit again', file=sys.stderr)
        return 2
    if args.website is not None:
        from privacy_site.tools.audit_website import run_website_audit

        return run_website_audit(args.target, args.website, policies=args.policies, declarations=args.declarations,
                                 json_file=args.json)
    return run_audit(args.target, declarations=args.declarations, json_file=args.json)


def _summary(args: argparse.Namespace) -> int:
    from privacy_site.tools.summary import run_summary  # git and the report are only needed here

    return run_summary(args.policies, base=args.base, base_dir=args.base_dir, head=args.head,
                       head_dir=args.head_dir, lang=args.lang)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the privacy-site command."""
    parser = argparse.ArgumentParser(prog="privacy-site", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    told = argparse.ArgumentParser(add_help=False)
    told.add_argument("--messages", choices=EDITOR_LANGUAGES,
                      help="the language of the problems reported: nl, fr or en (default: the language of the "
                           "environment, LANG; else en)")
    check = sub.add_parser("check", parents=[told], help="validate all policies; print every problem as file:line:col")
    check.add_argument("policies", nargs="?", default="policies", help="policies folder (default: policies/)")
    check.add_argument("--require-lock", action="store_true",
                       help="also require every version to be in versions.lock (for publishing)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    check.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml): what "
                       "the site stores, which the cookie statements list")
    check.set_defaults(func=_check)
    locker = sub.add_parser("lock", parents=[told], help="publish a version: record what visitors read and its hash in "
                            "policies/versions.lock (never rewrites entries); without arguments, list what is not "
                            "locked yet")
    locker.add_argument("version", nargs="*", metavar="ORG DOCUMENT DATE", help="the version to lock")
    locker.add_argument("--all", action="store_true", help="lock every version not locked yet")
    locker.add_argument("--policies", default="policies")
    locker.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    locker.add_argument("--release", nargs=3, metavar=("ORG", "DOCUMENT", "DATE"),
                        help="take an upcoming version out of the lock so it can still be corrected")
    locker.set_defaults(func=_edit)
    migrator = sub.add_parser("migrate", parents=[told],
                              help="record what visitors read today on versions locked before records "
                              "existed (once, after upgrading privacy-site)")
    migrator.add_argument("--policies", default="policies")
    migrator.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    migrator.set_defaults(func=_edit)
    new = sub.add_parser("new-version", parents=[told], help="start a new version from the latest one")
    new.add_argument("org")
    new.add_argument("document", choices=DOCUMENTS)
    new.add_argument("--date", help="effective date YYYY-MM-DD (default: today)")
    new.add_argument("--policies", default="policies")
    new.set_defaults(func=_edit)
    differ = sub.add_parser("diff", parents=[told], help="what changed between two versions (default: the last two)")
    differ.add_argument("org")
    differ.add_argument("document", choices=DOCUMENTS)
    differ.add_argument("versions", nargs="*", metavar="DATE", help="two version dates (default: the last two)")
    differ.add_argument("--lang", default="nl", choices=["nl", "fr"])
    differ.add_argument("--policies", default="policies")
    differ.set_defaults(func=_edit)
    reviewer = sub.add_parser("review", parents=[told],
                              help="write a version side by side in its languages, with its changes "
                              "marked, as a Word document and an HTML page for the DPO or legal reviewer")
    reviewer.add_argument("org")
    reviewer.add_argument("document", choices=DOCUMENTS)
    reviewer.add_argument("date", nargs="?", help="the version (default: the latest)")
    reviewer.add_argument("--output", default="review", help="folder to write to (default: review/)")
    reviewer.add_argument("--policies", default="policies")
    reviewer.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    reviewer.set_defaults(func=_review)
    build = sub.add_parser("build", parents=[told],
                           help="check, then build site/ with MkDocs (strict); replaced only on success")
    build.add_argument("--policies", default="policies", help="policies folder (default: policies/)")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="output folder (default: site/)")
    build.add_argument("--require-lock", action="store_true", help="refuse versions missing from versions.lock")
    build.set_defaults(func=_build)
    auditor = sub.add_parser("audit", help="visit a built site in Chromium: report undeclared storage and requests "
                             "to other hosts; with --website, one of your own websites before any consent",
                             epilog="Chromium: /usr/lib/chromium/chromium (Debian/Ubuntu: sudo apt-get install "
                             "chromium); set the environment variable PRIVACY_SITE_CHROMIUM to launch another "
                             "Chromium executable. Exit code: 0 no findings, 1 findings, 2 the audit could not run.")
    auditor.add_argument("target", metavar="SITE_DIR_OR_URL", help="a built site folder (served on 127.0.0.1) or a URL")
    auditor.add_argument("--declarations", metavar="FILE",
                         help="declarations in the policies.json format (default: the site's /policies.json)")
    auditor.add_argument("--json", metavar="FILE", help="also write the full report as JSON")
    auditor.add_argument("--website", metavar="ORG/SITE",
                         help="audit the live website SITE_DIR_OR_URL as a first-time visitor who has not given "
                         "consent, against the website SITE (its id) of organisation ORG in the current cookie "
                         "statement: only declared, strictly necessary items may be set, and only declared hosts "
                         "loaded (declarations: the policies folder, or --declarations)")
    auditor.add_argument("--policies", default="policies", help="with --website: the policies folder (default: "
                         "policies/)")
    auditor.set_defaults(func=_audit)
    summary = sub.add_parser("summary", parents=[told],
                             help="what changes for visitors between two states of the policies "
                             "(Markdown on stdout, for reviews and CI job summaries)")
    old = summary.add_mutually_exclusive_group()
    old.add_argument("--base", metavar="REF", help="git revision to compare with (default: the commit where "
                     "HEAD left origin/main or main; on main without uncommitted edits, HEAD~1)")
    old.add_argument("--base-dir", metavar="DIR", help="a policies folder to compare with, instead of a revision")
    new_state = summary.add_mutually_exclusive_group()
    new_state.add_argument("--head", metavar="REF", help="git revision with the changes (default: the working tree)")
    new_state.add_argument("--head-dir", metavar="DIR", help="a policies folder with the changes")
    summary.add_argument("--policies", default="policies", help="the policies folder of the working tree; its path "
                         "in the repository is the one taken from revisions (default: policies/)")
    summary.add_argument("--lang", default="all", choices=["all", "nl", "fr", "de", "en"],
                         help="language of the change lists (default: every language of each organisation)")
    summary.set_defaults(func=_summary)
    args = parser.parse_args(argv)
    if args.command == "diff" and len(args.versions) not in (0, 2):
        parser.error(tell(msg("diff takes no version dates or exactly two"), _translate(args)))
    if args.command == "lock" and (len(args.version) not in (0, 3) or (args.version and args.all)):
        parser.error(tell(msg("lock takes ORGANISATION DOCUMENT DATE, or --all"), _translate(args)))
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into a command that stopped reading (e.g. `| head`)
        return 0
    except Exception as exc:  # noqa: BLE001 - editors get one line, never a traceback
        if os.environ.get("PRIVACY_SITE_DEBUG"):
            raise
        print(f"privacy-site {args.command}: " + tell(msg(
            "internal error ({error}). Please report it to the privacy-site developers (PRIVACY_SITE_DEBUG=1 shows "
            "the details)", error=f"{type(exc).__name__}: {exc}"), _translate(args)), file=sys.stderr)
        return 2


def run() -> None:  # pragma: no cover - the console command
    """The privacy-site command: main, then exit without a last walk of the cycle collector over what is left."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
