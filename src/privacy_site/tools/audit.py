"""`privacy-site audit`: visit a site in Chromium and compare what it stores and requests with what it declares.

This module is the command: it finds the pages (the sitemap), the declarations (policies.json) and Chromium, then
lets the browser driver (audit_browser) feed what it sees into the recorder (audit_record), which judges it.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError

from privacy_site.tools.audit_browser import drive, first_line
from privacy_site.tools.audit_declarations import AuditError, Declaration, parse_declarations
from privacy_site.tools.audit_record import Finding, PageVisit, Recorder, url_path
from privacy_site.tools.localserve import serve_folder

# Debian's Chromium: Playwright cannot download its own browsers here. PRIVACY_SITE_CHROMIUM overrides it.
DEFAULT_CHROMIUM = "/usr/lib/chromium/chromium"
# A path no site has, to see the site's 404 page (which often loads other assets than the content pages).
NOT_FOUND_PATH = "privacy-site-audit-no-such-page/"
# Visitor journeys (a first visit in a fresh context: close the notice, switch language, search) on every page
# of a small site, a spread sample of a large one: the pages share templates, and a journey waits for the
# network to fall quiet, which lets the search worker build its index: about a second of CPU per page.
JOURNEY_PAGES = 8


def sitemap_locations(xml: bytes, source: str) -> tuple[bool, list[str]]:
    """Whether a sitemap is an index of sitemaps, and its <loc> URLs."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as err:
        raise AuditError(f"{source} is not valid XML: {err}") from None
    locations = [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]
    return root.tag.rsplit("}", 1)[-1] == "sitemapindex", locations


def on_origin(base: str, url: str) -> str:
    """A URL from the sitemap, which names the public address, moved to where the site is audited now."""
    root, parts = urlsplit(base), urlsplit(url)
    return f"{root.scheme}://{root.netloc}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def _fetch(url: str, missing: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - http(s) only, checked by caller
            return response.read()
    except urllib.error.HTTPError as err:
        raise AuditError(f"{missing} (HTTP {err.code} for {url})") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise AuditError(f"cannot reach {url}: {reason}") from None


def chromium_path(chromium: str | None = None) -> str:
    """The Chromium the audit launches: `chromium`, else $PRIVACY_SITE_CHROMIUM, else Debian's."""
    return chromium or os.environ.get("PRIVACY_SITE_CHROMIUM") or DEFAULT_CHROMIUM


def missing_chromium(path: str, chosen: bool) -> str:
    """The one line that says how to get the Chromium at `path`, which is not there."""
    install = '"sudo apt-get install chromium" (Debian/Ubuntu)'
    if chosen:
        return (f"Chromium is not installed at {path}, the path PRIVACY_SITE_CHROMIUM gives; correct that path, or "
                f"unset PRIVACY_SITE_CHROMIUM, install Chromium with {install} and run the audit again")
    return (f"Chromium is not installed (no {path}); install it with {install} and run the audit again, "
            "or set PRIVACY_SITE_CHROMIUM to the path of another Chromium")


def plan_pages(base: str, locations: list[str]) -> list[PageVisit]:
    """The site root, every sitemap page moved onto the audited origin, and a missing page, without duplicates."""
    urls = [base, *(on_origin(base, loc) for loc in locations)]
    pages: list[PageVisit] = []
    for url in dict.fromkeys(urls):
        pages.append(PageVisit(len(pages), url, url_path(url), "root" if url == base else "sitemap"))
    missing = base + NOT_FOUND_PATH
    pages.append(PageVisit(len(pages), missing, url_path(missing), "not-found"))
    # Journeys on the root, the 404 page and pages spread evenly over the sitemap.
    if len(pages) <= JOURNEY_PAGES:
        chosen = set(range(len(pages)))
    else:
        step = (len(pages) - 1) / (JOURNEY_PAGES - 1)
        chosen = {round(i * step) for i in range(JOURNEY_PAGES)}
    for index in chosen:
        pages[index].journey = True
    return pages


def site_pages(base: str) -> list[PageVisit]:
    """The pages to audit at `base` (ending in "/"), from its sitemap; this also checks the site is reachable."""
    url = base + "sitemap.xml"
    is_index, locations = sitemap_locations(_fetch(url, f"no sitemap at {base}"), url)
    if is_index:  # one level of sitemaps, as search engines read them
        pages: list[str] = []
        for sitemap in (on_origin(base, loc) for loc in locations):
            pages.extend(sitemap_locations(_fetch(sitemap, f"no sitemap at {sitemap}"), sitemap)[1])
        locations = pages
    return plan_pages(base, locations)


def audit(base: str, pages: list[PageVisit], declared: list[Declaration],
          chromium: str | None = None) -> tuple[Recorder, list[Finding]]:
    """Visit `pages` of the site at `base` (ending in "/") in Chromium and compare what it does with `declared`."""
    recorder = Recorder(base, pages, declared)
    executable = chromium_path(chromium)
    if not Path(executable).is_file():
        raise AuditError(missing_chromium(executable, executable != DEFAULT_CHROMIUM))
    drive(recorder, executable)
    return recorder, recorder.findings()


def _declarations(base: str, declarations: str | None) -> list[Declaration]:
    if declarations is not None:
        path = Path(declarations)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise AuditError(f"cannot read {path}: {err.strerror or err}") from None
        source = str(path)
    else:
        source = base + "policies.json"
        try:
            text = _fetch(source, f"no policies.json at {base}").decode("utf-8")
        except AuditError as err:
            raise AuditError(f"{err}; give the declarations with --declarations FILE") from None
        except UnicodeDecodeError:
            raise AuditError(f"{source} is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise AuditError(f"{source} is not valid JSON: {err}") from None
    return parse_declarations(data, source)


def run_audit(target: str, declarations: str | None = None, json_file: str | None = None) -> int:
    """The `privacy-site audit` command: 0 when the site matches its declarations, 1 with findings, 2 on errors."""
    started = time.monotonic()
    try:
        if target.startswith(("http://", "https://")):
            base = target if target.endswith("/") else target + "/"
            pages = site_pages(base)
            recorder, findings = audit(base, pages, _declarations(base, declarations))
        else:
            folder = Path(target)
            if not folder.is_dir():
                raise AuditError(f"the site folder does not exist: {folder}")
            if not (folder / "sitemap.xml").is_file():
                raise AuditError(f"no sitemap.xml in {folder}: build the site first")
            with serve_folder(folder.resolve()) as base:
                pages = site_pages(base)
                recorder, findings = audit(base, pages, _declarations(base, declarations))
        seconds = time.monotonic() - started
        print(recorder.summary(findings, seconds))
        if json_file is not None:
            report = recorder.report(findings, target, seconds)
            try:
                Path(json_file).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            except OSError as err:
                raise AuditError(f"cannot write {json_file}: {err.strerror or err}") from None
    except AuditError as err:
        print(f"privacy-site audit: {err}", file=sys.stderr)
        return 2
    except PlaywrightError as err:
        print(f"privacy-site audit: the browser failed: {first_line(err)}", file=sys.stderr)
        return 2
    return 1 if findings else 0
