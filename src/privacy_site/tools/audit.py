"""`privacy-site audit`: visit a site in Chromium and compare what it stores and requests with what it declares."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import json
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Request, Route, WebSocketRoute, async_playwright
from playwright.async_api import Error as PlaywrightError

from privacy_site.tools.localserve import serve_folder

# Debian's Chromium: Playwright cannot download its own browsers here. PRIVACY_SITE_CHROMIUM overrides it.
DEFAULT_CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STORAGES = ("cookie", "localStorage", "sessionStorage", "IndexedDB")
PARTIES = ("first", "third")
# A path no site has, to see the site's 404 page (which often loads other assets than the content pages).
NOT_FOUND_PATH = "privacy-site-audit-no-such-page/"
# Visitor journeys (a first visit in a fresh context: close the notice, switch language, search) on every page
# of a small site, a spread sample of a large one: the pages share templates, and a journey waits for the
# network to fall quiet, which lets the search worker build its index: about a second of CPU per page.
JOURNEY_PAGES = 8
# Journeys run beside the one sequential crawl: with two CPUs, more tabs only wait for each other.
WORKERS = 2
QUIET_SECONDS = 0.3  # no request in flight for this long: the page is done (Playwright's networkidle waits 0.5 s)
SETTLE_MAX_SECONDS = 5.0
NAVIGATION_TIMEOUT_MS = 15_000
ACTION_TIMEOUT_MS = 5_000  # generous: on a busy machine, menus that open on hover take their time
SWITCH_TIMEOUT_MS = 5_000  # a language link to the page itself never navigates: do not wait long for it
SEARCH_TEXT = "privacy"
# Cookie expiry is measured from when the audit first sees the cookie, a little after it was set.
DURATION_TOLERANCE_SECONDS = 60
ACTIONS = {"load": "", "notice": " after closing the cookie notice", "language": " after switching language",
           "search": " after searching"}
STEP_ORDER = {action: index for index, action in enumerate(ACTIONS)}
NOUNS = {"cookie": "cookie", "localStorage": "localStorage key", "sessionStorage": "sessionStorage key",
         "IndexedDB": "IndexedDB database"}

# Everything a page stores that a cookie jar does not show, read in one round trip.
_READ_STORAGE = """async () => {
  const keys = (get) => {
    try { const s = get(); const out = []; for (let i = 0; i < s.length; i++) out.push(s.key(i)); return out; }
    catch (e) { return []; }
  };
  let databases = [];
  try { databases = (await indexedDB.databases()).map((d) => d.name); } catch (e) { /* no IndexedDB here */ }
  const hints = Array.from(document.querySelectorAll("link[rel]"))
    .filter((l) => /(^|\\s)(preconnect|dns-prefetch)(\\s|$)/i.test(l.rel) && l.href)
    .map((l) => [l.rel, l.href]);
  return {localStorage: keys(() => localStorage), sessionStorage: keys(() => sessionStorage),
          IndexedDB: databases, hints: hints, path: location.pathname + location.search};
}"""


class AuditError(Exception):
    """A problem that stops the audit before it can say anything about the site; its text is one line."""


@dataclass(frozen=True)
class Declaration:
    """One declared cookie or storage item; a name with "*" is a glob pattern."""

    name: str
    storage: str
    party: str
    provider: str | None
    category: str
    seconds: int | None  # None: a session item
    purpose: dict[str, str]
    organisation: str

    def matches(self, storage: str, name: str) -> bool:
        """Whether this declaration covers `name` stored in `storage`."""
        if storage != self.storage:
            return False
        # Only "*" makes a pattern: "?" and "[" may appear in real names and must match literally.
        return fnmatchcase(name, self.name) if "*" in self.name else name == self.name

    def to_json(self) -> dict[str, Any]:
        """The declaration as it appears in policies.json, with its organisation."""
        return {"organisation": self.organisation, "name": self.name, "storage": self.storage, "party": self.party,
                "provider": self.provider, "category": self.category,
                "duration": {"session": True} if self.seconds is None else {"seconds": self.seconds},
                "purpose": self.purpose}


def parse_declarations(data: Any, source: str) -> list[Declaration]:
    """Every declared item of every organisation in a policies.json document."""
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        raise AuditError(f'{source}: expected an object with an "organisations" list')
    declared: list[Declaration] = []
    for org_index, org in enumerate(data["organisations"]):
        if not isinstance(org, dict):
            raise AuditError(f"{source}: organisation {org_index + 1} is not an object")
        slug = str(org.get("slug") or org_index + 1)
        cookies = org.get("cookies", [])
        if not isinstance(cookies, list):
            raise AuditError(f'{source}: "cookies" of organisation {slug} is not a list')
        for index, item in enumerate(cookies):
            declared.append(_declaration(item, f"{source}: cookie {index + 1} of organisation {slug}", slug))
    return declared


def _declaration(item: Any, where: str, slug: str) -> Declaration:
    if not isinstance(item, dict):
        raise AuditError(f"{where} is not an object")
    name = item.get("name")
    if not isinstance(name, str) or not name:
        raise AuditError(f'{where}: "name" must be a non-empty text')
    if item.get("storage") not in STORAGES:
        raise AuditError(f'{where} ("{name}"): "storage" must be one of {", ".join(STORAGES)}')
    if item.get("party") not in PARTIES:
        raise AuditError(f'{where} ("{name}"): "party" must be "first" or "third"')
    provider = item.get("provider")
    if provider is not None and not isinstance(provider, str):
        raise AuditError(f'{where} ("{name}"): "provider" must be null or a text')
    duration = item.get("duration")
    seconds = duration.get("seconds") if isinstance(duration, dict) else None
    if duration == {"session": True}:
        seconds = None
    elif not (isinstance(duration, dict) and set(duration) == {"seconds"} and isinstance(seconds, int)
              and not isinstance(seconds, bool) and seconds >= 0):
        raise AuditError(f'{where} ("{name}"): "duration" must be {{"session": true}} or {{"seconds": N}}')
    purpose = item.get("purpose")
    return Declaration(name=name, storage=item["storage"], party=item["party"], provider=provider,
                       category=str(item.get("category")), seconds=seconds,
                       purpose=purpose if isinstance(purpose, dict) else {}, organisation=slug)


def best_declaration(declared: list[Declaration], storage: str, name: str) -> Declaration | None:
    """The declaration that covers an item: an exact name first, then the longest pattern, then the longest-lived."""
    matching = [d for d in declared if d.matches(storage, name)]
    if not matching:
        return None
    return max(matching, key=lambda d: (d.name == name, len(d.name), float("inf") if d.seconds is None else 0,
                                        d.seconds or 0))


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


def human_duration(seconds: float) -> str:
    """A duration as people say it: "2 days", "1 hour", "1.5 years", "45 seconds"."""
    for unit, size in (("year", 365 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        # A cookie is seen a moment after it was set: 0.99 of a unit is still "1 unit".
        if seconds >= 0.99 * size:
            value = round(seconds / size, 1)
            text = f"{value:g}"
            return f"{text} {unit}" + ("" if text == "1" else "s")
    value = round(seconds)
    return f"{value} second" + ("" if value == 1 else "s")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    except ValueError:
        port = None
    # WebSockets to the site's own host are not another host.
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _fetch(url: str, missing: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - http(s) only, checked by caller
            return response.read()
    except urllib.error.HTTPError as err:
        raise AuditError(f"{missing} (HTTP {err.code} for {url})") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise AuditError(f"cannot reach {url}: {reason}") from None


@dataclass(frozen=True)
class Where:
    """Where something was seen: which page of the crawl order, after which action, in which context."""

    index: int
    path: str
    action: str = "load"
    context: str = "journey"  # "journey": a fresh context for one visitor; "crawl": the context kept for every page

    def key(self) -> tuple[int, int, bool]:
        """Order of the crawl, so "first seen" does not depend on which tab happened to finish first."""
        return (self.index, STEP_ORDER[self.action], self.context != "journey")

    def text(self) -> str:
        """The page, and the visitor action that led to it."""
        return self.path + ACTIONS[self.action]

    def to_json(self) -> dict[str, Any]:
        """The place as JSON."""
        return {"page": self.path, "action": self.action, "context": self.context}


@dataclass
class Item:
    """A cookie or storage key found on the site."""

    storage: str
    name: str
    first: Where
    pages: set[str] = field(default_factory=set)
    cookie: dict[str, Any] | None = None
    lifetimes: list[tuple[float | None, Where]] = field(default_factory=list)  # None: a session cookie

    def see(self, where: Where) -> None:
        """Record one more place it was seen."""
        self.pages.add(where.path)
        if where.key() < self.first.key():
            self.first = where


@dataclass
class Finding:
    """One difference between what the site does and what it declares."""

    kind: str
    message: str
    where: Where | None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON."""
        return {"kind": self.kind, "message": self.message, "where": self.where.to_json() if self.where else None,
                **self.details}


@dataclass
class _Context:
    """A browser context with the state the route and request handlers need."""

    browser_context: BrowserContext
    label: str
    where: Where
    inflight: int = 0
    last_activity: float = field(default_factory=time.monotonic)


@dataclass
class PageVisit:
    """One page of the crawl order."""

    index: int
    url: str
    path: str
    source: str  # "root", "sitemap" or "not-found"
    journey: bool = False
    status: int | None = None
    error: str | None = None
    steps: list[str] = field(default_factory=list)  # what the journey did: "load /nl/", "language /fr/", ...


class Auditor:
    """One audit of one origin: the crawl, what it saw, and the findings."""

    def __init__(self, base: str, pages: list[PageVisit], declared: list[Declaration], chromium: str) -> None:
        self.base = base
        self.origin = _origin(base)
        self.pages = pages
        self.declared = declared
        self.chromium = chromium
        self.items: dict[tuple[str, str], Item] = {}
        self.requests: dict[str, dict[str, Any]] = {}
        self.failures: list[Finding] = []
        self.notes: list[str] = []  # visitor actions that failed: the audit saw less, but the site broke no promise
        # (context, cookie name, domain, path, expiry) -> when the audit first saw that cookie with that expiry:
        # a cookie set again on every page gets a new expiry each time, and each one is measured from its own start.
        self._cookie_seen: dict[tuple[str, str, str, str, float], float] = {}
        self._contexts = 0
        self._proxy: dict[str, str] = {}

    async def run(self) -> None:
        """Crawl every page with one browser: fresh contexts per journey beside one context kept throughout."""
        host = urlsplit(self.base).hostname or "127.0.0.1"
        # Defence in depth: no name but the audited host resolves (preconnects and DNS prefetches are not requests
        # that routing or a proxy sees)...
        args = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"]
        # ...and every context sends what is not for the audited host to a proxy that refuses connections: a port
        # bound and never listened on. This stops what routing cannot (redirect hops, IP addresses) and lets the
        # crawl do without routing, which turns the HTTP cache off and doubles the CPU a page costs.
        with socket.socket() as dead:
            dead.bind(("127.0.0.1", 0))
            self._proxy = {"server": f"http://127.0.0.1:{dead.getsockname()[1]}", "bypass": urlsplit(self.base).netloc}
            await self._run(args)

    async def _run(self, args: list[str]) -> None:
        async with async_playwright() as playwright:
            try:
                browser = await playwright.chromium.launch(executable_path=self.chromium, args=args)
            except PlaywrightError as err:
                raise AuditError(f"cannot start Chromium ({self.chromium}): {_launch_failure(err)}") from None
            try:
                queue: asyncio.Queue[PageVisit] = asyncio.Queue()
                for page in self.pages:
                    if page.journey:
                        queue.put_nowait(page)
                await asyncio.gather(self._crawl(browser),
                                     *(self._journeys(browser, queue) for _ in range(WORKERS)))
            finally:
                await browser.close()

    async def _new_context(self, browser: Browser, label: str, where: Where, route: bool) -> _Context:
        self._contexts += 1
        name = f"{label}-{self._contexts}"  # before awaiting: contexts are opened concurrently
        context = _Context(await browser.new_context(proxy=self._proxy), name, where)
        bc = context.browser_context
        bc.set_default_timeout(ACTION_TIMEOUT_MS)
        bc.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)

        def activity(delta: int) -> None:
            context.inflight = max(0, context.inflight + delta)
            context.last_activity = time.monotonic()

        bc.on("request", lambda request: (activity(1), self._note_request(request.url, context, request)))
        bc.on("requestfinished", lambda _: activity(-1))
        bc.on("requestfailed", lambda _: activity(-1))
        # WebSockets are not requests: only the page sees them open (the proxy refuses them in the crawl).
        bc.on("page", lambda page: page.on("websocket", lambda ws: self._note_request(ws.url, context, None)))
        if not route:
            return context
        # Journeys abort requests to other hosts before they reach even the proxy.
        await bc.route(lambda url: _origin(url) != self.origin, functools.partial(self._block, context=context))
        await bc.route_web_socket(lambda url: _origin(url) != self.origin,
                                  functools.partial(self._block_socket, context=context))
        return context

    async def _block(self, route: Route, context: _Context) -> None:
        # The request is reported by the "request" event (which also sees redirect hops); here it only stops.
        self._note_request(route.request.url, context, route.request)
        await route.abort("blockedbyclient")

    def _block_socket(self, ws: WebSocketRoute, context: _Context) -> None:
        # Never connected to the server: the page sees a socket that stays silent.
        self._note_request(ws.url, context, None)

    def _note_request(self, url: str, context: _Context, request: Request | None) -> None:
        if not url.startswith(("http:", "https:", "ws:", "wss:")) or _origin(url) == self.origin:
            return
        where = context.where
        if request is not None:
            try:
                frame_url = request.frame.url
            except PlaywrightError:  # a worker's request has no frame: it belongs to the current page
                frame_url = ""
            if frame_url.startswith(("http:", "https:")) and _origin(frame_url) == self.origin:
                where = Where(where.index, _path(frame_url), where.action, where.context)
        seen = self.requests.setdefault(url, {"first": where, "pages": set()})
        seen["pages"].add(where.path)
        if where.key() < seen["first"].key():
            seen["first"] = where

    async def _settle(self, context: _Context) -> None:
        """Wait until no request has been in flight for a moment (searching and workers fetch after load)."""
        deadline = time.monotonic() + SETTLE_MAX_SECONDS
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if context.inflight == 0 and time.monotonic() - context.last_activity >= QUIET_SECONDS:
                return

    async def _goto(self, page: Page, visit: PageVisit, context: _Context, settle: bool = True) -> int | None:
        context.where = Where(visit.index, visit.path, "load", context.where.context)
        response = await page.goto(visit.url, wait_until="load")
        if settle:
            await self._settle(context)
        await self._observe(page, context)
        return response.status if response else None

    async def _observe(self, page: Page, context: _Context) -> None:
        try:
            stored = await page.evaluate(_READ_STORAGE)
        except PlaywrightError:
            # A script navigated while we read: read the page it went to.
            await page.wait_for_load_state("load")
            stored = await page.evaluate(_READ_STORAGE)
        cookies = await context.browser_context.cookies()
        now = time.time()
        where = context.where
        if stored["path"] != where.path:
            where = Where(where.index, stored["path"], where.action, where.context)
        for storage in ("localStorage", "sessionStorage", "IndexedDB"):
            for name in stored[storage]:
                self._item(storage, name, where)
        for rel, href in stored["hints"]:
            if href.startswith(("http:", "https:")) and _origin(href) != self.origin:
                self._note_hint(rel, href, where)
        for cookie in cookies:
            item = self._item("cookie", cookie["name"], where)
            item.cookie = {k: cookie.get(k) for k in ("domain", "path", "httpOnly", "secure", "sameSite")}
            expires = float(cookie.get("expires", -1))
            seen_key = (context.label, cookie["name"], cookie["domain"], cookie["path"], expires)
            started = self._cookie_seen.setdefault(seen_key, now)
            item.lifetimes.append((expires - started if expires > 0 else None, where))

    def _note_hint(self, rel: str, href: str, where: Where) -> None:
        key = f'link rel="{rel}" {href}'
        seen = self.requests.setdefault(key, {"first": where, "pages": set(), "hint": (rel, href)})
        seen["pages"].add(where.path)
        if where.key() < seen["first"].key():
            seen["first"] = where

    def _item(self, storage: str, name: str, where: Where) -> Item:
        item = self.items.get((storage, name))
        if item is None:
            item = self.items[(storage, name)] = Item(storage, name, where)
        item.see(where)
        return item

    async def _crawl(self, browser: Browser) -> None:
        """One visitor reading every page in one tab: what persists from page to page, and what piles up."""
        context = await self._new_context(browser, "crawl", Where(0, "/", context="crawl"), route=False)
        page = await context.browser_context.new_page()
        notice_closed = False
        try:
            for visit in self.pages:
                try:
                    # No waiting for the network to fall quiet (the journeys do): requests are recorded whenever
                    # they happen, and what a late script stores is still seen on the next page of this context.
                    visit.status = await self._goto(page, visit, context, settle=False)
                except PlaywrightError as err:
                    self._failed(visit, err, "crawl")
                    continue
                try:
                    if not notice_closed and await self._close_notice(page, context):
                        notice_closed = True  # a visitor closes it once; afterwards it should stay closed
                except PlaywrightError as err:
                    self.notes.append(f"could not close the cookie notice on {visit.path}: {_first_line(err)}")
            if page.url.startswith(("http:", "https:")):
                await self._settle(context)  # the last page has no next page to show what it stored late
                await self._observe(page, context)
        finally:
            await context.browser_context.close()

    async def _journeys(self, browser: Browser, queue: asyncio.Queue[PageVisit]) -> None:
        """First-time visitors, each in a fresh context: arrive, close the notice, switch language, search."""
        while not queue.empty():
            visit = queue.get_nowait()
            context = await self._new_context(browser, "journey", Where(visit.index, visit.path), route=True)
            try:
                page = await context.browser_context.new_page()
                await self._goto(page, visit, context)
                visit.steps.append(f"load {visit.path}")
                # Search last: its open dialog covers the header and with it the language switch.
                for action, step in (("close the cookie notice", self._close_notice),
                                     ("switch language", self._switch_language), ("search", self._search)):
                    try:
                        if await step(page, context):
                            visit.steps.append(f"{context.where.action} {context.where.path}")
                    except PlaywrightError as err:
                        self.notes.append(f"could not {action} on {context.where.path}: {_first_line(err)}")
            except PlaywrightError as err:
                self._failed(visit, err, "journey")
            finally:
                await context.browser_context.close()

    def _failed(self, visit: PageVisit, err: PlaywrightError, context: str) -> None:
        visit.error = visit.error or _first_line(err)
        if not any(f.where and f.where.path == visit.path for f in self.failures):
            self.failures.append(Finding("visit", f"could not visit {visit.path}: {_first_line(err)}",
                                         Where(visit.index, visit.path, context=context)))

    def _step(self, page: Page, context: _Context, action: str) -> None:
        context.where = Where(context.where.index, _path(page.url), action, context.where.context)

    async def _close_notice(self, page: Page, context: _Context) -> bool:
        """Click the cookie notice's close button, if the page shows one."""
        button = page.locator("[data-privacy-notice-close]").first
        if not await button.count() or not await button.is_visible():
            return False
        self._step(page, context, "notice")
        await button.click()
        await self._settle(context)
        await self._observe(page, context)
        return True

    async def _search(self, page: Page, context: _Context) -> bool:
        """Type in the search box, which loads the search index and its worker."""
        box = page.locator("input[name=query]").first
        if not await box.count():
            return False
        self._step(page, context, "search")
        try:
            await box.click()
        except PlaywrightError:
            await box.focus()  # a search box hidden behind a toggle can still take keys
        await page.keyboard.type(SEARCH_TEXT)
        await self._settle(context)
        await self._observe(page, context)
        return True

    async def _switch_language(self, page: Page, context: _Context) -> bool:
        """Follow the header's language switch to another language, as a visitor hovering over it does."""
        lang = await page.evaluate("document.documentElement.lang")
        links = page.locator(".md-header__option a[hreflang]")
        target = None
        for index in range(await links.count()):
            if await links.nth(index).get_attribute("hreflang") != lang:
                target = links.nth(index)
                break
        if target is None:
            return False
        self._step(page, context, "language")
        before = page.url
        select = page.locator(".md-header__option .md-select").first
        if await select.count():
            await select.hover()  # Material shows the languages on hover
        await target.click()
        try:
            await page.wait_for_url(lambda url: url != before, timeout=SWITCH_TIMEOUT_MS)
        except PlaywrightError:
            return False  # the link led to this very page
        await page.wait_for_load_state("load")
        context.where = Where(context.where.index, _path(page.url), "language", context.where.context)
        await self._settle(context)
        await self._observe(page, context)
        return True

    def findings(self) -> list[Finding]:
        """Everything that differs from the declarations, in crawl order."""
        found: list[Finding] = list(self.failures)
        for url, seen in self.requests.items():
            where: Where = seen["first"]
            others = len(seen["pages"] - {where.path})
            more = f" (and {others} other page{'s' if others > 1 else ''})" if others else ""
            if "hint" in seen:
                rel, href = seen["hint"]
                found.append(Finding("connection", f'connection to another host (link rel="{rel}"): {href} from '
                                     f"{where.text()}{more}", where, {"url": href, "pages": sorted(seen["pages"])}))
            else:
                found.append(Finding("request", f"request to another host: {url} from {where.text()}{more}", where,
                                     {"url": url, "pages": sorted(seen["pages"])}))
        for item in self.items.values():
            found.extend(self._item_findings(item))
        return sorted(found, key=lambda f: (f.where.key() if f.where else (-1, 0, False), f.kind, f.message))

    def _item_findings(self, item: Item) -> list[Finding]:
        declaration = best_declaration(self.declared, item.storage, item.name)
        details = {"storage": item.storage, "name": item.name}
        if declaration is None:
            return [Finding("undeclared", f'undeclared {NOUNS[item.storage]} "{item.name}" set on {item.first.text()}',
                            item.first, details)]
        persistent = sorted(((lifetime, where) for lifetime, where in item.lifetimes if lifetime is not None),
                            key=lambda pair: pair[1].key())
        if declaration.seconds is None and persistent:
            lifetime, where = persistent[0]
            return [Finding("session", f'cookie "{item.name}" set on {where.text()} persists for '
                            f"{human_duration(lifetime)} but is declared as a session cookie", where,
                            {**details, "lifetime_seconds": round(lifetime), "declared": declaration.name})]
        if declaration.seconds is not None:
            limit = declaration.seconds + DURATION_TOLERANCE_SECONDS
            for lifetime, where in persistent:
                if lifetime > limit:
                    return [Finding("duration", f'cookie "{item.name}" set on {where.text()} lasts '
                                    f"{human_duration(lifetime)} but is declared for "
                                    f"{human_duration(declaration.seconds)}", where,
                                    {**details, "lifetime_seconds": round(lifetime),
                                     "declared_seconds": declaration.seconds, "declared": declaration.name})]
        return []

    def report(self, findings: list[Finding], target: str, seconds: float) -> dict[str, Any]:
        """The full report: pages, items found with where they were first seen, declarations, findings."""
        items = []
        for item in sorted(self.items.values(), key=lambda i: (i.first.key(), i.storage, i.name)):
            declaration = best_declaration(self.declared, item.storage, item.name)
            lifetimes = [lifetime for lifetime, _ in item.lifetimes]
            entry: dict[str, Any] = {
                "storage": item.storage, "name": item.name, "first_seen": item.first.to_json(),
                "pages": sorted(item.pages), "declared": declaration.name if declaration else None,
                "organisation": declaration.organisation if declaration else None,
            }
            if item.storage == "cookie":
                persistent = [x for x in lifetimes if x is not None]
                entry["cookie"] = {**(item.cookie or {}),
                                   "lifetime_seconds": round(max(persistent)) if persistent else None}
            items.append(entry)
        return {
            "target": target,
            "base_url": self.base,
            "duration_seconds": round(seconds, 2),
            "pages": [{"path": p.path, "url": p.url, "source": p.source, "status": p.status, "journey": p.journey,
                       "steps": p.steps, "error": p.error} for p in self.pages],
            "items": items,
            "declared": [d.to_json() for d in self.declared],
            "requests_to_other_hosts": [{"url": url, "first_seen": seen["first"].to_json(),
                                         "pages": sorted(seen["pages"])}
                                        for url, seen in self.requests.items() if "hint" not in seen],
            "findings": [f.to_json() for f in findings],
            "notes": self.notes,
        }


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "message", None) or err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _launch_failure(err: BaseException) -> str:
    """Why Chromium did not start, on one line: Playwright's reason, and the last thing the browser said."""
    text = str(getattr(err, "message", None) or err)
    reason = _first_line(err).removeprefix("BrowserType.launch: ")
    # Playwright's message goes on with the browser's log: "[pid=123][err] what it printed" and its exit code.
    said = [line.split("]", 2)[2].strip() for line in text.splitlines()
            if line.startswith("[pid=") and "][err]" in line and line.split("]", 2)[2].strip()]
    exited = re.search(r"<process did exit: exitCode=(\d+), signal=(\w+)>", text)
    if exited and exited.group(1) != "0":
        reason += f" (it exited with code {exited.group(1)})"
    elif exited and exited.group(2) != "null":
        reason += f" (it was stopped by {exited.group(2)})"
    if said:
        reason += f"; it said: {said[-1][:200]}"
    return reason


def chromium_path(chromium: str | None = None) -> str:
    """The Chromium the audit launches: `chromium`, else $PRIVACY_SITE_CHROMIUM, else Debian's."""
    return chromium or os.environ.get("PRIVACY_SITE_CHROMIUM") or DEFAULT_CHROMIUM


def _missing_chromium(path: str, chosen: bool) -> str:
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
        pages.append(PageVisit(len(pages), url, _path(url), "root" if url == base else "sitemap"))
    missing = base + NOT_FOUND_PATH
    pages.append(PageVisit(len(pages), missing, _path(missing), "not-found"))
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
          chromium: str | None = None) -> tuple[Auditor, list[Finding]]:
    """Visit `pages` of the site at `base` (ending in "/") in Chromium and compare what it does with `declared`."""
    auditor = Auditor(base, pages, declared, chromium_path(chromium))
    if not Path(auditor.chromium).is_file():
        raise AuditError(_missing_chromium(auditor.chromium, auditor.chromium != DEFAULT_CHROMIUM))
    # Playwright's async API runs in a thread of its own: the caller may already be inside an event loop
    # (the sync API of pytest-playwright keeps one open), where asyncio.run would refuse to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, auditor.run()).result()
    return auditor, auditor.findings()


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


def _summary(auditor: Auditor, findings: list[Finding], seconds: float) -> str:
    journeys = sum(p.journey for p in auditor.pages)
    lines = [f"Audited {auditor.base}: {len(auditor.pages)} pages visited ({journeys} with a visitor journey) "
             f"in {seconds:.1f} s."]
    items = sorted(auditor.items.values(), key=lambda i: (i.first.key(), i.storage, i.name))
    lines.append(f"Storage: {len(items)} item{'s' if len(items) != 1 else ''} found, "
                 f"{len(auditor.declared)} declared.")
    for item in items:
        declaration = best_declaration(auditor.declared, item.storage, item.name)
        status = f'declared as "{declaration.name}"' if declaration else "NOT DECLARED"
        lines.append(f'  {item.storage} "{item.name}": {status}, first seen on {item.first.text()}')
    unseen = [d for d in auditor.declared if not any(d.matches(i.storage, i.name) for i in items)]
    if unseen:
        lines.append("  declared but not seen: " + ", ".join(f'{d.storage} "{d.name}"' for d in unseen))
    blocked = sum("hint" not in seen for seen in auditor.requests.values())
    lines.append(f"Requests to other hosts: {blocked} (blocked)." if blocked else "Requests to other hosts: none.")
    lines.extend(f"note: {note}" for note in auditor.notes)
    if findings:
        lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}:")
        lines.extend(f.message for f in findings)
    else:
        lines.append("No findings: only declared storage, and no request to another host.")
    return "\n".join(lines)


def run_audit(target: str, declarations: str | None = None, json_file: str | None = None) -> int:
    """The `privacy-site audit` command: 0 when the site matches its declarations, 1 with findings, 2 on errors."""
    started = time.monotonic()
    try:
        if target.startswith(("http://", "https://")):
            base = target if target.endswith("/") else target + "/"
            pages = site_pages(base)
            auditor, findings = audit(base, pages, _declarations(base, declarations))
        else:
            folder = Path(target)
            if not folder.is_dir():
                raise AuditError(f"the site folder does not exist: {folder}")
            if not (folder / "sitemap.xml").is_file():
                raise AuditError(f"no sitemap.xml in {folder}: build the site first")
            with serve_folder(folder.resolve()) as base:
                pages = site_pages(base)
                auditor, findings = audit(base, pages, _declarations(base, declarations))
        seconds = time.monotonic() - started
        print(_summary(auditor, findings, seconds))
        if json_file is not None:
            report = auditor.report(findings, target, seconds)
            try:
                Path(json_file).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            except OSError as err:
                raise AuditError(f"cannot write {json_file}: {err.strerror or err}") from None
    except AuditError as err:
        print(f"privacy-site audit: {err}", file=sys.stderr)
        return 2
    except PlaywrightError as err:
        print(f"privacy-site audit: the browser failed: {_first_line(err)}", file=sys.stderr)
        return 2
    return 1 if findings else 0
