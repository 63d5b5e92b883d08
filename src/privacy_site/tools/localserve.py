"""Serve a built site on 127.0.0.1 the way its static host would (headers, 404 per language)."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class _SiteServer(http.server.ThreadingHTTPServer):
    """Quiet when a browser drops a download by leaving the page."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Sends the headers of the site's `_headers` file; missing paths get the language's 404 page."""

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
        root = Path(self.directory)
        lang = self.path.strip("/").split("/", 1)[0]
        page = root / lang / "404.html" if lang and (root / lang / "404.html").is_file() else root / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a site folder on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    server = _SiteServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
