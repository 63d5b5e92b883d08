"""Shared fixtures: the example site built once, served on 127.0.0.1, and Chromium from Debian."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/lib/chromium/chromium"
# Every test sees the same "today", 1 November 2026: Fopas's 2027-01-01 version is upcoming.
os.environ["SOURCE_DATE_EPOCH"] = "1793491200"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example policies built into a temporary folder with the real MkDocs build."""
    from privacy_site.publish import build_site

    site = tmp_path_factory.mktemp("build") / "site"
    code = build_site(ROOT / "mkdocs.yml", site, ROOT / "policies")
    assert code == 0, "the example site must build"
    return site


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as its host would: the headers of its `_headers` file, 404 pages per language."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        headers = Path(self.directory) / "_headers"
        if headers.is_file():
            for line in headers.read_text(encoding="utf-8").splitlines()[1:]:
                name, _, value = line.strip().partition(": ")
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        lang = self.path.strip("/").split("/", 1)[0]
        page = root / lang / "404.html" if (root / lang / "404.html").is_file() else root / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the built site."""
    handler = functools.partial(SiteHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright cannot download browsers here), isolated from the network."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def policies_copy(tmp_path: Path) -> Path:
    """A writable copy of the example policies, without versions.lock so versions can be edited."""
    target = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", target)
    (target / "versions.lock").unlink()
    return target


@pytest.fixture
def locked_policies(tmp_path: Path) -> Path:
    """A writable copy of the example policies with their versions.lock."""
    target = tmp_path / "locked" / "policies"
    shutil.copytree(ROOT / "policies", target)
    return target
