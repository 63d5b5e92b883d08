"""The `privacy-site` command: check policies, build the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import load_corpus
from .problems import PolicyError


def _check(args: argparse.Namespace) -> int:
    try:
        corpus = load_corpus(Path(args.policies))
    except PolicyError as err:
        print(err.report(), file=sys.stderr)
        return 1
    versions = sum(len(v) for org in corpus.orgs for v in org.documents.values())
    print(f"{len(corpus.orgs)} organisations, {versions} versions: no problems found.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .publish import build_site  # MkDocs is only imported when building

    return build_site(Path(args.config), Path(args.site_dir), Path(args.policies))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the privacy-site command."""
    parser = argparse.ArgumentParser(prog="privacy-site", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all policies; print every problem as file:line:col")
    check.add_argument("policies", nargs="?", default="policies", help="policies folder (default: policies/)")
    check.set_defaults(func=_check)
    build = sub.add_parser("build", help="check, then build site/ with MkDocs (strict); replaced only on success")
    build.add_argument("--policies", default="policies", help="policies folder (default: policies/)")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="output folder (default: site/)")
    build.set_defaults(func=_build)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
