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


def main(argv: list[str] | None = None) -> int:
    """Entry point of the privacy-site command."""
    parser = argparse.ArgumentParser(prog="privacy-site", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all policies; print every problem as file:line:col")
    check.add_argument("policies", nargs="?", default="policies", help="policies folder (default: policies/)")
    check.set_defaults(func=_check)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
