"""The preview (`make serve`, a dirty `mkdocs serve`): after an edit, only the pages whose sources changed are built.

MkDocs' dirty rebuild asks every file `is_modified()` and skips reading, rendering and writing the others; our
generated files answer from fingerprints. A page's fingerprint is made of what it shows: its organisation's
files (organisation.yaml, its versions, their records, its lines in versions.lock), what every page shows
(site.yaml, the operating organisation's organisation.yaml, the languages, the build date, mkdocs.yml, the
theme's overrides and this package) and the neighbours MkDocs links it to (`<link rel="prev/next">`). The
fingerprints of one build are kept beside the preview's site, in a file the next rebuild reads: nothing stays
in memory between rebuilds (MkDocs loads a new configuration for each). Pages of no organisation (the landing,
the language homes, 404) are small and always rebuilt. A changed or removed organisation's folders are removed
first, so a removed version or organisation leaves no page behind. The published build never uses any of this.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from privacy_site.checks.checkcache import code_fingerprint
from privacy_site.checks.corpus import Corpus

MANIFEST = ".privacy-site-preview.json"  # in the preview's (temporary) site folder
TEMPLATES = ".privacy-site-preview-templates"  # the theme's compiled templates, beside it
POLL_SECONDS = 0.25  # without the system's notifications, how often the preview looks (MkDocs: 0.5 s)
_LANGUAGE_FOLDERS = ("nl", "fr", "de", "en")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def enabled() -> bool:
    """Whether this build is the preview (`make serve` sets PRIVACY_SITE_PREVIEW=1)."""
    return bool(os.environ.get("PRIVACY_SITE_PREVIEW"))


class _DirtyBuildWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; the preview's fingerprints make it exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(dirty: bool) -> None:
    """A dirty preview: keep MkDocs' warning about dirty builds from failing every strict rebuild. The preview's
    terminal says one line per rebuild (or the problems): MkDocs' own information (building, reloading, links it
    does not recognise, hundreds of lines per save) is left out; its warnings and errors stay."""
    if enabled():
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs.commands.build")
    if dirty and enabled() and not any(isinstance(f, _DirtyBuildWarning) for f in logger.filters):
        logger.addFilter(_DirtyBuildWarning())


def look_often(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """Let the preview's server see a save at once: `mkdocs serve` looks for changed files every half second (and
    has no option for it). Its server's `observer` is public: the preview gives it the operating system's own
    notifications (watchdog's Observer: inotify, FSEvents or ReadDirectoryChangesW), which cost nothing while
    nobody saves; the paths `mkdocs serve` watched before the serve event (the docs folder, mkdocs.yml, the theme
    with --watch-theme) are watched again by the new observer."""
    watched = []
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
        try:
            server.unwatch(path)
        except (KeyError, TypeError):  # not watched (a theme folder without --watch-theme), or no mkdocs.yml
            continue
        watched.append(path)
    server.observer = observer(config.docs_dir)
    for path in watched:
        server.watch(path)


def observer(folder: str) -> BaseObserver:
    """The system's notifications where they work; else (or with PRIVACY_SITE_POLLING=1, for a folder shared over
    a network or from a virtual machine, whose changes the system does not report) a look every POLL_SECONDS."""
    if not os.environ.get("PRIVACY_SITE_POLLING"):
        probe = Observer()
        try:
            probe.schedule(FileSystemEventHandler(), folder, recursive=False)
            probe.start()  # where the system refuses (no inotify, too many watches), it refuses here
        except OSError:
            pass
        else:
            probe.stop()
            probe.join()
            return Observer()
    return PollingObserver(timeout=POLL_SECONDS)


@dataclass
class Preview:
    """What one preview build knows about the previous one, and what it will tell the next."""

    site_dir: Path
    orgs: dict[str, str]  # slug → the fingerprint of its pages (without their neighbours)
    previous_orgs: dict[str, str]
    previous_files: dict[str, str]  # destination → fingerprint, as built by the previous build
    previous_index: dict[str, str]  # slug → its entry of policies.json, as the previous build wrote it
    previous_scripts: dict[str, list[str]]  # destination → hashes of its inline scripts, as last built
    files: dict[str, str] = field(default_factory=dict)  # destination → fingerprint, in this build
    index: dict[str, str] = field(default_factory=dict)  # slug → its entry of policies.json, as written
    scripts: dict[str, list[str]] = field(default_factory=dict)  # destination → its inline scripts' hashes

    def changed(self, slug: str) -> bool:
        """Whether an organisation's pages differ from the previous build's (all of them on a first build)."""
        return self.previous_orgs.get(slug) != self.orgs.get(slug)

    def is_current(self, dest_uri: str, fingerprint: str) -> bool:
        """Whether the file the previous build wrote at dest_uri is still right (remembered for the next build)."""
        self.files[dest_uri] = fingerprint
        return self.previous_files.get(dest_uri) == fingerprint

    def unchanged_scripts(self) -> set[str]:
        """The hashes of the inline scripts of the pages this build kept as they were (for the headers files)."""
        for dest_uri in self.files:
            if dest_uri not in self.scripts and dest_uri in self.previous_scripts:
                self.scripts[dest_uri] = self.previous_scripts[dest_uri]
        return {digest for hashes in self.scripts.values() for digest in hashes}

    def known_index_entries(self) -> dict[str, str]:
        """The entries of policies.json the previous build wrote for organisations that did not change."""
        return {slug: entry for slug, entry in self.previous_index.items() if not self.changed(slug)}

    def template_cache(self) -> BytecodeCache:
        """Where the theme's templates are kept compiled: MkDocs makes a new Jinja environment for every language
        pass of every rebuild, which would compile them all again (Jinja recompiles a template whose source
        changed)."""
        folder = self.site_dir / TEMPLATES
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    def finish(self) -> None:
        """Tell the next rebuild what this one built (only once it ended well); collect cycles again."""
        manifest = {"orgs": self.orgs, "files": self.files, "index": self.index, "scripts": self.scripts}
        (self.site_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")  # keeps the entries' order
        gc.enable()


def on_build_error() -> None:
    """A failed preview build collects cycles again too."""
    if enabled():
        gc.enable()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _theme_digest(config: MkDocsConfig) -> str:
    """mkdocs.yml and the theme's overrides (MkDocs reloads the first; a change of either affects every page)."""
    parts = []
    if config.config_file_path and Path(config.config_file_path).is_file():
        parts.append(Path(config.config_file_path).read_text(encoding="utf-8"))
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                info = path.stat()
                parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return _digest(*parts)


def start(config: MkDocsConfig, corpus: Corpus) -> Preview:
    """Read what the previous build left, fingerprint this one, remove the folders of changed organisations.

    Until the build ends, Python's cycle collector pauses: a rebuild makes many objects that live until its end
    (MkDocs' files, pages and navigation of every language pass), which it would walk again and again.
    """
    gc.disable()
    site_dir = Path(config.site_dir)
    try:
        manifest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        previous = [dict(manifest[part]) for part in ("orgs", "files", "index", "scripts")]
    except (OSError, ValueError, KeyError, TypeError):
        previous = [{}, {}, {}, {}]
    operator = next((org for org in corpus.orgs if org.slug == corpus.operator), None)
    shared = _digest(corpus.site_digest, corpus.operator, operator.details_digest if operator else "",
                     " ".join(corpus.languages), corpus.today.isoformat(), _theme_digest(config), code_fingerprint())
    preview = Preview(site_dir, {org.slug: _digest(shared, org.sources_digest) for org in corpus.orgs}, *previous)
    for slug in preview.previous_orgs:
        if preview.changed(slug) and _SLUG.fullmatch(slug):  # an organisation folder's name, nothing else
            for lang in _LANGUAGE_FOLDERS:
                shutil.rmtree(site_dir / lang / slug, ignore_errors=True)
    return preview


class PreviewFile(File):
    """A generated file that can tell a dirty rebuild it is unchanged since the previous preview build."""

    preview: Preview | None = None
    fingerprint: str | None = None  # None: always built (pages of no organisation)

    def is_modified(self) -> bool:
        """Changed since the previous preview build: its sources, or the neighbours its page links to."""
        if self.preview is None or self.fingerprint is None:
            return super().is_modified()
        page = self.page
        neighbours = () if page is None else tuple(other.url if other is not None else ""
                                                    for other in (page.previous_page, page.next_page))
        return not self.preview.is_current(self.dest_uri, _digest(self.fingerprint, *neighbours))
