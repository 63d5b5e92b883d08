"""Build the site with MkDocs into a temporary folder and swap it in only on success."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from privacy_site.backend.mkdocs_adapter import prime
from privacy_site.checks.corpus import load_corpus
from privacy_site.model.cookies import SiteItem, site_items
from privacy_site.source.messages import msg, tell
from privacy_site.source.problems import PolicyError, Translate


def build_site(config_file: Path, site_dir: Path, policies: Path, *, require_lock: bool = False,
               translate: Translate = None) -> int:
    """Check, build and publish atomically; return a process exit code."""
    try:
        corpus = load_corpus(policies, require_lock=require_lock)  # fail fast, with every problem
    except PolicyError as err:
        print(err.report(translate), file=sys.stderr)
        print(tell(msg("Nothing was built; {folder} is unchanged.", folder=str(site_dir)), translate),
              file=sys.stderr)
        return 1
    os.environ["PRIVACY_SITE_POLICIES"] = str(policies.resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}-building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        prime(config, corpus)  # the hook uses this corpus instead of loading the policies again
        build(config)
    except (MkDocsException, OSError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {err}\nNothing was published; {site_dir} is unchanged.", file=sys.stderr)
        return 1
    finally:
        mkdocs_log.removeHandler(handler)
    _swap(staging, site_dir)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"Built {pages} pages into {site_dir}.")
    return 0


def _swap(staging: Path, site_dir: Path) -> None:
    # Two renames on the same filesystem: readers see the old or the new site, never half of one.
    old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def configured_site_items(config_file: Path) -> list[SiteItem]:
    """What the site stores with this MkDocs configuration (the notice's key, and the theme's when it writes one)."""
    return site_items(load_config(str(config_file)).theme.get("palette"))
