"""What the audit saw, compared with what the site declares: the findings and the report, with no browser here.

The browser driver (audit_browser) feeds raw observations into a Recorder: snapshots of a page's storage and
cookies, requests with the URL of the page that made them, failed visits. The Recorder keeps where each thing was
first seen and judges it against the declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from privacy_site.tools.audit_declarations import Declaration, best_declaration, human_duration

ACTIONS: Mapping[str, str] = MappingProxyType({
    "load": "", "notice": " after closing the cookie notice", "language": " after switching language",
    "search": " after searching"})
STEP_ORDER: Mapping[str, int] = MappingProxyType({action: index for index, action in enumerate(ACTIONS)})
NOUNS: Mapping[str, str] = MappingProxyType({
    "cookie": "cookie", "localStorage": "localStorage key", "sessionStorage": "sessionStorage key",
    "IndexedDB": "IndexedDB database"})
# Cookie expiry is measured from when the audit first sees the cookie, a little after it was set.
DURATION_TOLERANCE_SECONDS = 60


def url_origin(url: str) -> str:
    """Scheme, host and port of a URL, with ws(s) counted as http(s): what "another host" is measured against."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    except ValueError:
        port = None
    # WebSockets to the site's own host are not another host.
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def url_path(url: str) -> str:
    """The path and query of a URL, as the report names pages."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


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

    def on(self, path: str) -> Where:
        """The same step of the crawl, on another page (a frame, or where a script navigated)."""
        return Where(self.index, path, self.action, self.context)


@dataclass(frozen=True)
class Cookie:
    """One cookie of a browser context's jar, as the browser reports it."""

    name: str
    domain: str
    path: str = "/"
    expires: float = -1  # seconds since the epoch; -1 (or any value <= 0): a session cookie
    http_only: bool | None = False
    secure: bool | None = False
    same_site: str | None = "Lax"


@dataclass(frozen=True)
class Snapshot:
    """What one browser context holds at one moment, read on one of its pages."""

    where: Where  # the step of the crawl the context is at
    page: str  # the page's path and query when it was read: a script may have navigated away from where.path
    context: str  # the context's own label: each context has its cookie jar, and cookies are timed per jar
    now: float  # when it was read, in seconds since the epoch
    local_storage: tuple[str, ...] = ()
    session_storage: tuple[str, ...] = ()
    indexed_db: tuple[str, ...] = ()
    hints: tuple[tuple[str, str], ...] = ()  # (rel, href) of <link rel="preconnect|dns-prefetch">
    cookies: tuple[Cookie, ...] = ()


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
class Sighting:
    """A URL on another host, requested or named in a connection hint, and the pages it came from."""

    first: Where
    pages: set[str] = field(default_factory=set)
    hint: tuple[str, str] | None = None  # (rel, href) of a connection hint; None: a request

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


class Recorder:
    """Everything one audit of one origin saw, and how it compares with the declarations."""

    def __init__(self, base: str, pages: list[PageVisit], declared: list[Declaration]) -> None:
        self.base = base
        self.origin = url_origin(base)
        self.pages = pages
        self.declared = declared
        self.items: dict[tuple[str, str], Item] = {}
        self.requests: dict[str, Sighting] = {}  # by URL, or by 'link rel="…" URL' for a connection hint
        self.failures: list[Finding] = []
        self.notes: list[str] = []  # visitor actions that failed: the audit saw less, but the site broke no promise
        # (context, cookie name, domain, path, expiry) -> when the audit first saw that cookie with that expiry:
        # a cookie set again on every page gets a new expiry each time, and each one is measured from its own start.
        self._cookie_seen: dict[tuple[str, str, str, str, float], float] = {}

    def is_other_host(self, url: str) -> bool:
        """Whether a URL leaves the audited origin (only http(s) and ws(s) URLs can)."""
        return url.startswith(("http:", "https:", "ws:", "wss:")) and url_origin(url) != self.origin

    def request(self, url: str, where: Where, frame_url: str = "") -> None:
        """A request (or WebSocket) the page at `where` made; `frame_url`: the frame that made it, if known."""
        if not self.is_other_host(url):
            return
        if frame_url.startswith(("http:", "https:")) and url_origin(frame_url) == self.origin:
            where = where.on(url_path(frame_url))
        self.requests.setdefault(url, Sighting(where)).see(where)

    def observe(self, snapshot: Snapshot) -> None:
        """What a page stores and hints at, and the cookies of its context."""
        where = snapshot.where
        if snapshot.page != where.path:
            where = where.on(snapshot.page)
        for storage, names in (("localStorage", snapshot.local_storage), ("sessionStorage", snapshot.session_storage),
                               ("IndexedDB", snapshot.indexed_db)):
            for name in names:
                self._item(storage, name, where)
        for rel, href in snapshot.hints:
            if href.startswith(("http:", "https:")) and url_origin(href) != self.origin:
                self.requests.setdefault(f'link rel="{rel}" {href}', Sighting(where, hint=(rel, href))).see(where)
        for cookie in snapshot.cookies:
            item = self._item("cookie", cookie.name, where)
            item.cookie = {"domain": cookie.domain, "path": cookie.path, "httpOnly": cookie.http_only,
                           "secure": cookie.secure, "sameSite": cookie.same_site}
            expires = float(cookie.expires)
            started = self._cookie_seen.setdefault(
                (snapshot.context, cookie.name, cookie.domain, cookie.path, expires), snapshot.now)
            item.lifetimes.append((expires - started if expires > 0 else None, where))

    def _item(self, storage: str, name: str, where: Where) -> Item:
        item = self.items.get((storage, name))
        if item is None:
            item = self.items[(storage, name)] = Item(storage, name, where)
        item.see(where)
        return item

    def step(self, visit: PageVisit, where: Where) -> None:
        """One step of a visitor journey on `visit` done: `where` is the page it led to."""
        visit.steps.append(f"{where.action} {where.path}")

    def failed(self, visit: PageVisit, error: str, context: str) -> None:
        """A page that could not be visited in a context ("crawl" or "journey"): one finding per page."""
        visit.error = visit.error or error
        if not any(f.where and f.where.path == visit.path for f in self.failures):
            self.failures.append(Finding("visit", f"could not visit {visit.path}: {error}",
                                         Where(visit.index, visit.path, context=context)))

    def action_failed(self, action: str, path: str, error: str) -> None:
        """A visitor action (such as "search") that failed on a page: a note, not a finding."""
        self.notes.append(f"could not {action} on {path}: {error}")

    def findings(self) -> list[Finding]:
        """Everything that differs from the declarations, in crawl order."""
        found: list[Finding] = list(self.failures)
        for url, seen in self.requests.items():
            where = seen.first
            others = len(seen.pages - {where.path})
            more = f" (and {others} other page{'s' if others > 1 else ''})" if others else ""
            if seen.hint is not None:
                rel, href = seen.hint
                found.append(Finding("connection", f'connection to another host (link rel="{rel}"): {href} from '
                                     f"{where.text()}{more}", where, {"url": href, "pages": sorted(seen.pages)}))
            else:
                found.append(Finding("request", f"request to another host: {url} from {where.text()}{more}", where,
                                     {"url": url, "pages": sorted(seen.pages)}))
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

    def _sorted_items(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda i: (i.first.key(), i.storage, i.name))

    def report(self, findings: list[Finding], target: str, seconds: float) -> dict[str, Any]:
        """The full report: pages, items found with where they were first seen, declarations, findings."""
        items = []
        for item in self._sorted_items():
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
            "requests_to_other_hosts": [{"url": url, "first_seen": seen.first.to_json(), "pages": sorted(seen.pages)}
                                        for url, seen in self.requests.items() if seen.hint is None],
            "findings": [f.to_json() for f in findings],
            "notes": self.notes,
        }

    def summary(self, findings: list[Finding], seconds: float) -> str:
        """The report as the command prints it: pages, items and their declarations, findings."""
        journeys = sum(p.journey for p in self.pages)
        lines = [f"Audited {self.base}: {len(self.pages)} pages visited ({journeys} with a visitor journey) "
                 f"in {seconds:.1f} s."]
        items = self._sorted_items()
        lines.append(f"Storage: {len(items)} item{'s' if len(items) != 1 else ''} found, "
                     f"{len(self.declared)} declared.")
        for item in items:
            declaration = best_declaration(self.declared, item.storage, item.name)
            status = f'declared as "{declaration.name}"' if declaration else "NOT DECLARED"
            lines.append(f'  {item.storage} "{item.name}": {status}, first seen on {item.first.text()}')
        unseen = [d for d in self.declared if not any(d.matches(i.storage, i.name) for i in items)]
        if unseen:
            lines.append("  declared but not seen: " + ", ".join(f'{d.storage} "{d.name}"' for d in unseen))
        blocked = sum(seen.hint is None for seen in self.requests.values())
        lines.append(f"Requests to other hosts: {blocked} (blocked)." if blocked else "Requests to other hosts: none.")
        lines.extend(f"note: {note}" for note in self.notes)
        if findings:
            lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}:")
            lines.extend(f.message for f in findings)
        else:
            lines.append("No findings: only declared storage, and no request to another host.")
        return "\n".join(lines)
