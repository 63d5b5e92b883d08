"""The audit's browser: Chromium driven by Playwright crawls the pages and runs the visitor journeys.

It judges nothing: every cookie, storage key, connection hint and request it sees goes to a Recorder.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import re
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Request, Route, WebSocketRoute, async_playwright
from playwright.async_api import Cookie as PlaywrightCookie
from playwright.async_api import Error as PlaywrightError

from privacy_site.tools.audit_declarations import AuditError
from privacy_site.tools.audit_record import Cookie, PageVisit, Recorder, Snapshot, Where, url_origin, url_path

CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# Journeys run beside the one sequential crawl: with two CPUs, more tabs only wait for each other.
WORKERS = 2
QUIET_SECONDS = 0.3  # no request in flight for this long: the page is done (Playwright's networkidle waits 0.5 s)
SETTLE_MAX_SECONDS = 5.0
NAVIGATION_TIMEOUT_MS = 15_000
ACTION_TIMEOUT_MS = 5_000  # generous: on a busy machine, menus that open on hover take their time
SWITCH_TIMEOUT_MS = 5_000  # a language link to the page itself never navigates: do not wait long for it
SEARCH_TEXT = "privacy"
LINGER_SECONDS = 1.0  # a live website's scripts often store a moment after loading: look once more

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


def drive(recorder: Recorder, chromium: str, first_visits: bool = False) -> None:
    """Visit the recorder's pages in the Chromium at `chromium` and record what they do; returns when done.

    `first_visits`: a live website, not this site: each page once, as a first-time visitor who has not answered
    any consent question yet, with every request let through (what a website loads may set what it stores).
    """
    # Playwright's async API runs in a thread of its own: the caller may already be inside an event loop
    # (the sync API of pytest-playwright keeps one open), where asyncio.run would refuse to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, Driver(recorder, chromium, contain=not first_visits).run()).result()


def first_line(err: BaseException) -> str:
    """The first line of an error's message (Playwright's go on with call logs), or its type."""
    text = str(getattr(err, "message", None) or err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _launch_failure(err: BaseException) -> str:
    """Why Chromium did not start, on one line: Playwright's reason, and the last thing the browser said."""
    text = str(getattr(err, "message", None) or err)
    reason = first_line(err).removeprefix("BrowserType.launch: ")
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


def _cookie(cookie: PlaywrightCookie) -> Cookie:
    return Cookie(name=cookie["name"], domain=cookie["domain"], path=cookie["path"],
                  expires=float(cookie.get("expires", -1)), http_only=cookie.get("httpOnly"),
                  secure=cookie.get("secure"), same_site=cookie.get("sameSite"))


@dataclass
class _Context:
    """A browser context with the state the route and request handlers need."""

    browser_context: BrowserContext
    label: str
    where: Where
    inflight: int = 0
    last_activity: float = field(default_factory=time.monotonic)


class Driver:
    """One browser run over one origin: a crawl in one context, and visitor journeys in fresh ones."""

    def __init__(self, recorder: Recorder, chromium: str, contain: bool = True) -> None:
        self.recorder = recorder
        self.base = recorder.base
        self.origin = recorder.origin
        self.chromium = chromium
        self.contain = contain  # this site: nothing may leave it; a live website: first visits, nothing blocked
        self._contexts = 0
        self._proxy: dict[str, str] = {}

    async def run(self) -> None:
        """Crawl every page with one browser: fresh contexts per journey beside one context kept throughout."""
        if not self.contain:
            await self._run(list(CHROMIUM_ARGS))
            return
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
                if not self.contain:
                    await self._first_visits(browser)
                    return
                queue: asyncio.Queue[PageVisit] = asyncio.Queue()
                for page in self.recorder.pages:
                    if page.journey:
                        queue.put_nowait(page)
                await asyncio.gather(self._crawl(browser),
                                     *(self._journeys(browser, queue) for _ in range(WORKERS)))
            finally:
                await browser.close()

    async def _new_context(self, browser: Browser, label: str, where: Where, route: bool) -> _Context:
        self._contexts += 1
        name = f"{label}-{self._contexts}"  # before awaiting: contexts are opened concurrently
        context = _Context(await browser.new_context(proxy=self._proxy or None), name, where)
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
        await bc.route(lambda url: url_origin(url) != self.origin, functools.partial(self._block, context=context))
        await bc.route_web_socket(lambda url: url_origin(url) != self.origin,
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
        frame_url = ""
        if request is not None and self.recorder.is_other_host(url):
            try:
                frame_url = request.frame.url
            except PlaywrightError:  # a worker's request has no frame: it belongs to the current page
                frame_url = ""
        self.recorder.request(url, context.where, frame_url)

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
        self.recorder.observe(Snapshot(
            where=context.where, page=stored["path"], context=context.label, now=time.time(),
            local_storage=tuple(stored["localStorage"]), session_storage=tuple(stored["sessionStorage"]),
            indexed_db=tuple(stored["IndexedDB"]), hints=tuple((rel, href) for rel, href in stored["hints"]),
            cookies=tuple(_cookie(cookie) for cookie in cookies)))

    async def _crawl(self, browser: Browser) -> None:
        """One visitor reading every page in one tab: what persists from page to page, and what piles up."""
        context = await self._new_context(browser, "crawl", Where(0, "/", context="crawl"), route=False)
        page = await context.browser_context.new_page()
        notice_closed = False
        try:
            for visit in self.recorder.pages:
                try:
                    # No waiting for the network to fall quiet (the journeys do): requests are recorded whenever
                    # they happen, and what a late script stores is still seen on the next page of this context.
                    visit.status = await self._goto(page, visit, context, settle=False)
                except PlaywrightError as err:
                    self.recorder.failed(visit, first_line(err), "crawl")
                    continue
                try:
                    if not notice_closed and await self._close_notice(page, context):
                        notice_closed = True  # a visitor closes it once; afterwards it should stay closed
                except PlaywrightError as err:
                    self.recorder.action_failed("close the cookie notice", visit.path, first_line(err))
            if page.url.startswith(("http:", "https:")):
                await self._settle(context)  # the last page has no next page to show what it stored late
                await self._observe(page, context)
        finally:
            await context.browser_context.close()

    async def _first_visits(self, browser: Browser) -> None:
        """Each page as a first-time visitor sees it before answering any consent question: nothing is clicked."""
        for visit in self.recorder.pages:
            context = await self._new_context(browser, "first-visit", Where(visit.index, visit.path), route=False)
            try:
                page = await context.browser_context.new_page()
                visit.status = await self._goto(page, visit, context)
                self.recorder.step(visit, context.where)
                await asyncio.sleep(LINGER_SECONDS)  # what scripts store a moment after the page settled
                await self._settle(context)
                await self._observe(page, context)
            except PlaywrightError as err:
                self.recorder.failed(visit, first_line(err), "first-visit")
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
                self.recorder.step(visit, context.where)
                # Search last: its open dialog covers the header and with it the language switch.
                for action, step in (("close the cookie notice", self._close_notice),
                                     ("switch language", self._switch_language), ("search", self._search)):
                    try:
                        if await step(page, context):
                            self.recorder.step(visit, context.where)
                    except PlaywrightError as err:
                        self.recorder.action_failed(action, context.where.path, first_line(err))
            except PlaywrightError as err:
                self.recorder.failed(visit, first_line(err), "journey")
            finally:
                await context.browser_context.close()

    def _step(self, page: Page, context: _Context, action: str) -> None:
        context.where = Where(context.where.index, url_path(page.url), action, context.where.context)

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
        context.where = Where(context.where.index, url_path(page.url), "language", context.where.context)
        await self._settle(context)
        await self._observe(page, context)
        return True
