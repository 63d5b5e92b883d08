"""Shared fixtures: the example site built once, served on 127.0.0.1, and Chromium from Debian.

The suite runs in two pytest-xdist worker processes (pyproject.toml), each with its own session fixtures (server,
browser). What does not depend on the process (the example site, other builds, the HTML checker's report) is made
once for both by `run_once`: the first worker that needs it makes it, under a file lock, in the folder the workers
share; the other waits for it and reads it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from privacy_site.tools.localserve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium (`make test` installs it; `privacy-site audit` uses it by default) and its headless shell, the
# same browser without the desktop parts: it starts faster and needs about a third of the CPU for the same pages.
# Tests use the shell when it is installed (`make test` installs it too), and so does the audit they run;
# PRIVACY_SITE_CHROMIUM names another Chromium for both.
DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM = os.environ.get("PRIVACY_SITE_CHROMIUM") or (
    HEADLESS_SHELL if Path(HEADLESS_SHELL).is_file() else DEBIAN_CHROMIUM)
os.environ["PRIVACY_SITE_CHROMIUM"] = CHROMIUM
# Every test sees the same "today", 1 November 2026: Fopas's 2027-01-01 version is upcoming.
os.environ["SOURCE_DATE_EPOCH"] = "1793491200"
# Tests replace checks with monkeypatch: cached results would hide that. tests/test_check_cache.py turns it on.
os.environ["PRIVACY_SITE_NO_CACHE"] = "1"


RunOnce = Callable[[str, Callable[[Path], None]], Path]


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the check's messages in English unless they choose a language (a Dutch LANG must not fail them)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def run_once(tmp_path_factory: pytest.TempPathFactory) -> RunOnce:
    """`run_once(name, make)`: a folder that `make(folder)` filled, once in this test run whatever the workers.

    Tests only read what is in it. A `make` that fails leaves nothing: the next test that needs it tries again.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    # This run's temporary folder: under xdist, the parent of every worker's own.
    shared = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    made: dict[str, Path] = {}

    def once(name: str, make: Callable[[Path], None]) -> Path:
        if name in made:
            return made[name]
        folder, done = shared / f"once-{name}", shared / f"once-{name}.done"
        with (shared / f"once-{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
                folder.mkdir()
                make(folder)
                done.touch()
        made[name] = folder
        return folder

    return once


@pytest.fixture(scope="session")
def built_site(run_once: RunOnce) -> Path:
    """The example policies built with the real MkDocs build, once for all workers."""
    from privacy_site.backend.publish import build_site

    def build(folder: Path) -> None:
        assert build_site(ROOT / "mkdocs.yml", folder / "site", ROOT / "policies") == 0, "the example site must build"

    return run_once("example-site", build) / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the built site."""
    with serve_folder(built_site) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright cannot download browsers here), isolated from the network."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium "
                    "chromium-headless-shell)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # Not --renderer-process-limit=1: a page alone starts faster in a shared renderer, but the gate's 30 visits
        # took longer with it (46-49 s against 44 s, back to back), a renderer slowed by every page it served.
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def policies_copy(tmp_path: Path) -> Path:
    """A writable copy of the example policies; versions.lock keeps only Fopas' versions, so the others can be edited.

    Fopas' published versions promise an answer "within 30 days", which the check refuses in a new version
    (checks/promises.py); a published version is a record that only a newer version corrects, so they stay
    published here, as in policies/.
    """
    target = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", target)
    lock = target / "versions.lock"
    kept = [line for line in lock.read_text(encoding="utf-8").splitlines() if line.startswith(("#", "fopas/"))]
    lock.write_text("\n".join(kept) + "\n", encoding="utf-8")
    for records in target.glob("*/*/published"):  # the records of versions no longer locked go with their lock
        if records.parts[-3] != "fopas":
            shutil.rmtree(records)
    return target


@pytest.fixture
def locked_policies(tmp_path: Path) -> Path:
    """A writable copy of the example policies with their versions.lock."""
    target = tmp_path / "locked" / "policies"
    shutil.copytree(ROOT / "policies", target)
    return target
