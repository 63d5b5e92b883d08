"""One visit of a page in Chromium that records, while it happens, what the quality gates judge.

`PageWatch.attach(page)` before the first `goto` listens, for the whole life of the page's context, to:

- CSP violations: the `securitypolicyviolation` events of every document (reported to Python through a binding,
  so they survive navigations) and the Content-Security-Policy reports Chromium writes to the console (those of
  workers too);
- console errors and uncaught exceptions (other than the CSP reports);
- every request, so that those to a host other than the site's (127.0.0.1) can be listed;

and `axe()` runs axe-core (WCAG 2.1 A and AA) on the page as it is at that moment.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe, AxeResults
from playwright.sync_api import ConsoleMessage, Page, Response

LOOPBACK = "127.0.0.1"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}  # the passes are not needed: their details only cost time
# In every document, before its own scripts: each violation goes to Python at once.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation",
  e => window.__pageWatchViolation(e.violatedDirective + " " + e.blockedURI));
"""
_AXE = Axe()


def _is_csp_report(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


@dataclass
class PageWatch:
    """What one page (and its context: its workers, popups) did since `attach`."""

    page: Page
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> PageWatch:
        watch = cls(page)
        context = page.context
        context.on("request", lambda request: watch.requests.append(request.url))
        context.on("console", watch._console)
        page.on("pageerror", lambda error: watch.console_errors.append(f"uncaught: {error}"))
        page.expose_function("__pageWatchViolation", lambda text: watch.violations.append(text))
        page.add_init_script(_REPORT_VIOLATIONS)
        return watch

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if _is_csp_report(message.text):
            self.violations.append(f"console: {message.text}")
        else:
            self.console_errors.append(message.text)

    def goto(self, url: str) -> Response:
        response = self.page.goto(url)
        assert response is not None, url
        return response

    def other_hosts(self) -> list[str]:
        """Every request so far to a host other than 127.0.0.1 (data:, blob: and about: are no requests)."""
        return [url for url in self.requests
                if not url.startswith(("data:", "blob:", "about:")) and urlsplit(url).hostname != LOOPBACK]

    def axe(self, context: dict | None = None) -> AxeResults:
        """axe-core's WCAG 2.1 A/AA violations on the page as it is now (of `context` only, when given)."""
        return _AXE.run(self.page, context=context, options=WCAG)


def compressed_size(site: Path, urls: list[str], origin: str) -> int:
    """Bytes the server sends for these same-origin URLs: gzip for text, Pagefind's own gzip'd files as they are.

    A path without a file is answered with the 404 page of its language (tools/localserve.py).
    """
    total = 0
    for url in urls:
        path = url.removeprefix(origin + "/").split("#")[0].split("?")[0]
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        if not file.is_file():
            lang = path.split("/", 1)[0]
            file = site / lang / "404.html" if lang and (site / lang / "404.html").is_file() else site / "404.html"
        data = file.read_bytes()
        total += len(data) if file.suffix in {".png", ".pagefind", ".pf_meta"} else len(gzip.compress(data, 6))
    return total
