"""The audit's recorder and judge without a browser: hand-made observations in, the exact findings out."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from privacy_site.tools import audit_browser, audit_declarations, audit_record
from privacy_site.tools.audit_declarations import Declaration, best_declaration, parse_declarations
from privacy_site.tools.audit_record import Cookie, PageVisit, Recorder, Snapshot, Where

BASE = "http://127.0.0.1:8000/"
NOW = 1_800_000_000.0
HOUR, DAY = 3600, 86400
ROOT = Where(0, "/")
ABOUT = Where(1, "/about/")


def _declared(*items: tuple[str, str, int | None]) -> list[Declaration]:
    """Declarations as the site's policies.json gives them: (name, storage, seconds or None for a session item)."""
    cookies = [{"name": name, "storage": storage, "party": "first", "provider": None, "category": "necessary",
                "duration": {"session": True} if seconds is None else {"seconds": seconds},
                "purpose": {"nl": "Nodig.", "fr": "Nécessaire."}} for name, storage, seconds in items]
    return parse_declarations({"organisations": [{"slug": "sociare", "cookies": cookies}]}, "policies.json")


def _recorder(*items: tuple[str, str, int | None]) -> Recorder:
    pages = [PageVisit(0, BASE, "/", "root", journey=True), PageVisit(1, BASE + "about/", "/about/", "sitemap"),
             PageVisit(2, BASE + "contact/", "/contact/", "sitemap")]
    return Recorder(BASE, pages, _declared(*items))


def _cookie(name: str, lifetime: float | None = None, set_at: float = NOW) -> Cookie:
    """A cookie of 127.0.0.1 that expires `lifetime` seconds after `set_at`; None: a session cookie."""
    return Cookie(name, "127.0.0.1", expires=-1 if lifetime is None else set_at + lifetime)


def _observe(recorder: Recorder, where: Where, *, page: str | None = None, context: str = "journey-1",
             now: float = NOW, **seen: Any) -> None:
    recorder.observe(Snapshot(where=where, page=where.path if page is None else page, context=context, now=now,
                              **{key: tuple(value) for key, value in seen.items()}))


def _findings(recorder: Recorder) -> list[dict[str, Any]]:
    return [finding.to_json() for finding in recorder.findings()]


def _at(where: Where) -> dict[str, str]:
    return where.to_json()


def test_a_clean_visit_has_no_findings() -> None:
    recorder = _recorder(("privacy-site:notice", "localStorage", 365 * DAY), ("privacy-site-lang", "cookie", HOUR),
                         ("privacy-site:query", "sessionStorage", None), ("privacy-site-search*", "IndexedDB", None))
    _observe(recorder, ROOT, cookies=[_cookie("privacy-site-lang", HOUR)])
    _observe(recorder, Where(0, "/", "notice"), local_storage=["privacy-site:notice"],
             cookies=[_cookie("privacy-site-lang", HOUR)])
    _observe(recorder, Where(1, "/about/", "search"), session_storage=["privacy-site:query"],
             indexed_db=["privacy-site-search-v1"], local_storage=["privacy-site:notice"])
    recorder.request(BASE + "search.json", Where(1, "/about/", "search"))  # the site's own host
    recorder.request("ws://127.0.0.1:8000/live", ROOT)  # a WebSocket to the site's own host
    recorder.request("data:image/png;base64,AAAA", ROOT)  # not a request to any host
    assert recorder.findings() == []
    assert recorder.summary([], 1.234).splitlines() == [
        f"Audited {BASE}: 3 pages visited (1 with a visitor journey) in 1.2 s.",
        "Storage: 4 items found, 4 declared.",
        '  cookie "privacy-site-lang": declared as "privacy-site-lang", first seen on /',
        '  localStorage "privacy-site:notice": declared as "privacy-site:notice", first seen on / after closing the '
        "cookie notice",
        '  IndexedDB "privacy-site-search-v1": declared as "privacy-site-search*", first seen on /about/ after '
        "searching",
        '  sessionStorage "privacy-site:query": declared as "privacy-site:query", first seen on /about/ after '
        "searching",
        "Requests to other hosts: none.",
        "No findings: only declared storage, and no request to another host.",
    ]
    report = recorder.report([], "site", 1.234)
    assert (report["findings"], report["requests_to_other_hosts"], report["duration_seconds"]) == ([], [], 1.23)
    assert [(i["storage"], i["name"], i["declared"], i["organisation"]) for i in report["items"]] == [
        ("cookie", "privacy-site-lang", "privacy-site-lang", "sociare"),
        ("localStorage", "privacy-site:notice", "privacy-site:notice", "sociare"),
        ("IndexedDB", "privacy-site-search-v1", "privacy-site-search*", "sociare"),
        ("sessionStorage", "privacy-site:query", "privacy-site:query", "sociare")]
    assert report["items"][0]["cookie"] == {"domain": "127.0.0.1", "path": "/", "httpOnly": False, "secure": False,
                                            "sameSite": "Lax", "lifetime_seconds": HOUR}


def test_undeclared_cookie() -> None:
    recorder = _recorder(("prefs", "cookie", HOUR))
    _observe(recorder, ROOT, cookies=[_cookie("prefs", HOUR)])
    _observe(recorder, ABOUT, cookies=[_cookie("prefs", HOUR), _cookie("tracker", 30 * DAY)])
    _observe(recorder, Where(2, "/contact/"), cookies=[_cookie("tracker", 30 * DAY)])
    assert _findings(recorder) == [{"kind": "undeclared", "message": 'undeclared cookie "tracker" set on /about/',
                                    "where": _at(ABOUT), "storage": "cookie", "name": "tracker"}]
    assert recorder.summary(recorder.findings(), 2).splitlines()[1:] == [
        "Storage: 2 items found, 1 declared.",
        '  cookie "prefs": declared as "prefs", first seen on /',
        '  cookie "tracker": NOT DECLARED, first seen on /about/',
        "Requests to other hosts: none.",
        "1 finding:",
        'undeclared cookie "tracker" set on /about/',
    ]


def test_cookie_declared_with_a_wildcard_name() -> None:
    recorder = _recorder(("__hs*", "cookie", DAY))
    _observe(recorder, ROOT, cookies=[_cookie("__hssc", HOUR), _cookie("__hs", HOUR), _cookie("x__hssc", HOUR)])
    # The pattern covers names that start with "__hs", nothing else, and only cookies.
    _observe(recorder, ABOUT, local_storage=["__hssc"])
    assert _findings(recorder) == [
        {"kind": "undeclared", "message": 'undeclared cookie "x__hssc" set on /', "where": _at(ROOT),
         "storage": "cookie", "name": "x__hssc"},
        {"kind": "undeclared", "message": 'undeclared localStorage key "__hssc" set on /about/', "where": _at(ABOUT),
         "storage": "localStorage", "name": "__hssc"}]
    assert {(i["name"], i["storage"]): i["declared"] for i in recorder.report([], "site", 0)["items"]} == {
        ("__hssc", "cookie"): "__hs*", ("__hs", "cookie"): "__hs*", ("x__hssc", "cookie"): None,
        ("__hssc", "localStorage"): None}


def test_an_exact_name_wins_over_a_pattern_and_a_longer_pattern_over_a_shorter() -> None:
    recorder = _recorder(("pref*", "cookie", 60), ("prefs", "cookie", DAY), ("prefix*", "cookie", 2 * DAY))
    _observe(recorder, ROOT, cookies=[_cookie("prefs", HOUR), _cookie("prefixed", DAY), _cookie("preferred", HOUR)])
    assert [best_declaration(recorder.declared, "cookie", name).name for name in ("prefs", "prefixed", "preferred")] \
        == ["prefs", "prefix*", "pref*"]
    assert _findings(recorder) == [{
        "kind": "duration", "message": 'cookie "preferred" set on / lasts 1 hour but is declared for 1 minute',
        "where": _at(ROOT), "storage": "cookie", "name": "preferred", "lifetime_seconds": HOUR,
        "declared_seconds": 60, "declared": "pref*"}]


def test_cookie_that_lasts_longer_than_declared() -> None:
    recorder = _recorder(("prefs", "cookie", HOUR))
    _observe(recorder, ROOT, cookies=[_cookie("prefs", 2 * DAY)])
    assert _findings(recorder) == [{
        "kind": "duration", "message": 'cookie "prefs" set on / lasts 2 days but is declared for 1 hour',
        "where": _at(ROOT), "storage": "cookie", "name": "prefs", "lifetime_seconds": 2 * DAY,
        "declared_seconds": HOUR, "declared": "prefs"}]


def test_the_first_too_long_lifetime_in_crawl_order_is_the_finding() -> None:
    recorder = _recorder(("prefs", "cookie", HOUR))
    _observe(recorder, Where(2, "/contact/"), context="journey-3", cookies=[_cookie("prefs", 3 * DAY)])
    _observe(recorder, ROOT, context="journey-1", cookies=[_cookie("prefs", HOUR)])
    _observe(recorder, ABOUT, context="journey-2", cookies=[_cookie("prefs", 2 * DAY)])
    assert [f.message for f in recorder.findings()] == ['cookie "prefs" set on /about/ lasts 2 days but is declared '
                                                        "for 1 hour"]
    # The report gives the longest lifetime seen.
    assert recorder.report([], "site", 0)["items"][0]["cookie"]["lifetime_seconds"] == 3 * DAY


@pytest.mark.parametrize(("lifetime", "finding"), [(HOUR + 60, False), (HOUR + 60.5, True), (HOUR + 61, True)])
def test_a_minute_of_tolerance_on_lifetimes(lifetime: float, finding: bool) -> None:
    recorder = _recorder(("prefs", "cookie", HOUR))
    _observe(recorder, ROOT, cookies=[_cookie("prefs", lifetime)])
    assert [f.kind for f in recorder.findings()] == (["duration"] if finding else [])


def test_a_cookie_set_again_on_every_page_is_measured_from_each_setting() -> None:
    recorder = _recorder(("prefs", "cookie", HOUR))
    # Page after page, the site sets the cookie again for one more hour: each expiry is measured from when it was
    # first seen, not from the first page (that would make it 1 hour + 10 minutes).
    _observe(recorder, Where(0, "/", context="crawl"), context="crawl-1", cookies=[_cookie("prefs", HOUR)])
    _observe(recorder, Where(1, "/about/", context="crawl"), context="crawl-1", now=NOW + 600,
             cookies=[_cookie("prefs", HOUR, set_at=NOW + 600)])
    # The same expiry seen later is still measured from its first sighting: 1 hour, not 50 minutes.
    _observe(recorder, Where(2, "/contact/", context="crawl"), context="crawl-1", now=NOW + 1200,
             cookies=[_cookie("prefs", HOUR, set_at=NOW + 600)])
    assert recorder.findings() == []
    assert [round(lifetime) for lifetime, _ in recorder.items[("cookie", "prefs")].lifetimes] == [HOUR] * 3


def test_undeclared_local_storage_key() -> None:
    recorder = _recorder(("privacy-site:notice", "localStorage", 365 * DAY), ("theme", "cookie", HOUR))
    _observe(recorder, ROOT, local_storage=["privacy-site:notice", "theme"])  # "theme" is declared as a cookie
    assert _findings(recorder) == [{"kind": "undeclared", "message": 'undeclared localStorage key "theme" set on /',
                                    "where": _at(ROOT), "storage": "localStorage", "name": "theme"}]


def test_every_storage_has_its_noun() -> None:
    recorder = _recorder()
    _observe(recorder, Where(0, "/", "search"), session_storage=["q"], indexed_db=["index"])
    assert [f.message for f in recorder.findings()] == [
        'undeclared IndexedDB database "index" set on / after searching',
        'undeclared sessionStorage key "q" set on / after searching']


def test_request_to_another_host() -> None:
    recorder = _recorder()
    recorder.request("https://example.invalid/x.png", ROOT)
    assert _findings(recorder) == [{
        "kind": "request", "message": "request to another host: https://example.invalid/x.png from /",
        "where": _at(ROOT), "url": "https://example.invalid/x.png", "pages": ["/"]}]
    assert recorder.summary(recorder.findings(), 1).splitlines()[-3:] == [
        "Requests to other hosts: 1 (blocked).", "1 finding:",
        "request to another host: https://example.invalid/x.png from /"]


def test_a_request_from_many_pages_is_one_finding_at_the_first_page_in_crawl_order() -> None:
    recorder = _recorder()
    url = "https://cdn.example.invalid/font.woff2"
    # The journeys finish before the crawl reaches the root: the root still comes first.
    recorder.request(url, Where(2, "/contact/"))
    recorder.request(url, Where(1, "/about/", "search"))
    recorder.request(url, Where(0, "/", context="crawl"))
    recorder.request(url, Where(0, "/", "language"))
    crawl = Where(0, "/", context="crawl")  # loading the root comes before switching language on it
    assert _findings(recorder) == [{
        "kind": "request", "message": f"request to another host: {url} from / (and 2 other pages)",
        "where": _at(crawl), "url": url, "pages": ["/", "/about/", "/contact/"]}]
    assert recorder.report([], "site", 0)["requests_to_other_hosts"] == [
        {"url": url, "first_seen": _at(crawl), "pages": ["/", "/about/", "/contact/"]}]
    recorder.request("https://cdn.example.invalid/other.css", Where(1, "/about/", context="crawl"))
    recorder.request("https://cdn.example.invalid/other.css", Where(2, "/contact/"))
    assert recorder.findings()[-1].message == ("request to another host: https://cdn.example.invalid/other.css "
                                               "from /about/ (and 1 other page)")


def test_a_beacon_to_the_same_server_under_another_name_is_another_host() -> None:
    recorder = _recorder()
    beacon = "http://localhost:8000/beacon.png?page=%2Fabout%2F"
    # Sent by a frame showing /about/ while the tab was closing the notice on the root page.
    recorder.request(beacon, Where(0, "/", "notice"), frame_url=BASE + "about/")
    recorder.request("http://127.0.0.1:8001/beacon.png", ROOT)  # another port is another origin
    recorder.request("wss://127.0.0.1:8000/live", ROOT)  # wss means https: another origin than http
    assert [f.message for f in recorder.findings()] == [
        "request to another host: http://127.0.0.1:8001/beacon.png from /",
        "request to another host: wss://127.0.0.1:8000/live from /",
        f"request to another host: {beacon} from /about/ after closing the cookie notice"]


def test_a_request_from_a_frame_on_another_host_stays_with_the_page() -> None:
    recorder = _recorder()
    recorder.request("https://ads.example.invalid/pixel", ABOUT, frame_url="https://ads.example.invalid/frame")
    assert [f.message for f in recorder.findings()] == [
        "request to another host: https://ads.example.invalid/pixel from /about/"]


def test_connection_hints_to_other_hosts() -> None:
    recorder = _recorder()
    _observe(recorder, ROOT, hints=[("preconnect", "https://fonts.example.invalid/"),
                                    ("dns-prefetch", BASE + "assets/"), ("preconnect", "mailto:x@example.invalid")])
    assert _findings(recorder) == [{
        "kind": "connection", "message": 'connection to another host (link rel="preconnect"): '
        "https://fonts.example.invalid/ from /", "where": _at(ROOT), "url": "https://fonts.example.invalid/",
        "pages": ["/"]}]
    # A hint is no request: it is neither counted as one nor listed with them.
    assert "Requests to other hosts: none." in recorder.summary(recorder.findings(), 0).splitlines()
    assert recorder.report(recorder.findings(), "site", 0)["requests_to_other_hosts"] == []


def test_session_cookie_that_persists() -> None:
    recorder = _recorder(("visitor", "cookie", None))
    _observe(recorder, ABOUT, context="journey-2", cookies=[_cookie("visitor", None)])  # a session cookie here,
    _observe(recorder, Where(2, "/contact/"), context="journey-3", cookies=[_cookie("visitor", DAY)])
    _observe(recorder, ROOT, context="journey-1", cookies=[_cookie("visitor", 30 * DAY)])  # persistent ones there
    assert _findings(recorder) == [{
        "kind": "session", "message": 'cookie "visitor" set on / persists for 30 days but is declared as a '
        "session cookie", "where": _at(ROOT), "storage": "cookie", "name": "visitor",
        "lifetime_seconds": 30 * DAY, "declared": "visitor"}]


def test_session_cookies_meet_any_declaration() -> None:
    recorder = _recorder(("visitor", "cookie", None), ("prefs", "cookie", HOUR))
    _observe(recorder, ROOT, cookies=[_cookie("visitor", None), _cookie("prefs", None)])
    assert recorder.findings() == []
    cookies = {i["name"]: i["cookie"]["lifetime_seconds"] for i in recorder.report([], "site", 0)["items"]}
    assert cookies == {"visitor": None, "prefs": None}


def test_where_a_script_navigated_to_is_where_it_was_seen() -> None:
    recorder = _recorder()
    _observe(recorder, Where(1, "/about/", "language"), page="/fr/about/", local_storage=["lang"])
    assert [f.message for f in recorder.findings()] == [
        'undeclared localStorage key "lang" set on /fr/about/ after switching language']


def test_first_seen_follows_the_crawl_order_not_the_order_of_arrival() -> None:
    recorder = _recorder()
    _observe(recorder, Where(2, "/contact/"), local_storage=["k"])
    _observe(recorder, Where(1, "/about/", "search"), local_storage=["k"])
    _observe(recorder, Where(1, "/about/", context="crawl"), local_storage=["k"])
    _observe(recorder, Where(1, "/about/", "notice"), local_storage=["k"])
    [finding] = recorder.findings()
    assert finding.where == Where(1, "/about/", context="crawl")  # loading a page comes before acting on it
    _observe(recorder, ABOUT, local_storage=["k"])
    [finding] = recorder.findings()
    assert finding.where == ABOUT  # a first-time visitor's load comes before the crawl's
    assert finding.message == 'undeclared localStorage key "k" set on /about/'
    assert recorder.items[("localStorage", "k")].pages == {"/about/", "/contact/"}


def test_findings_come_in_crawl_order() -> None:
    recorder = _recorder()
    recorder.request("https://b.example.invalid/", Where(2, "/contact/"))
    _observe(recorder, ABOUT, local_storage=["z"], cookies=[_cookie("a")])
    recorder.request("https://a.example.invalid/", Where(0, "/", "search"))
    assert [f.message for f in recorder.findings()] == [
        "request to another host: https://a.example.invalid/ from / after searching",
        'undeclared cookie "a" set on /about/',
        'undeclared localStorage key "z" set on /about/',
        "request to another host: https://b.example.invalid/ from /contact/"]


def test_a_page_that_fails_is_one_finding_and_a_failed_action_a_note() -> None:
    recorder = _recorder()
    about = recorder.pages[1]
    recorder.failed(about, "net::ERR_CONNECTION_RESET at http://127.0.0.1:8000/about/", "crawl")
    recorder.failed(about, "Timeout 15000ms exceeded.", "journey")
    recorder.action_failed("search", "/", "Timeout 5000ms exceeded.")
    recorder.step(recorder.pages[0], ROOT)
    recorder.step(recorder.pages[0], Where(0, "/fr/", "language"))
    assert about.error == "net::ERR_CONNECTION_RESET at http://127.0.0.1:8000/about/"
    assert _findings(recorder) == [{
        "kind": "visit", "message": "could not visit /about/: net::ERR_CONNECTION_RESET at http://127.0.0.1:8000/about/",
        "where": {"page": "/about/", "action": "load", "context": "crawl"}}]
    assert recorder.summary(recorder.findings(), 0).splitlines()[-4:] == [
        "Requests to other hosts: none.", "note: could not search on /: Timeout 5000ms exceeded.", "1 finding:",
        "could not visit /about/: net::ERR_CONNECTION_RESET at http://127.0.0.1:8000/about/"]
    report = recorder.report(recorder.findings(), "site", 0)
    assert report["notes"] == ["could not search on /: Timeout 5000ms exceeded."]
    assert [(p["path"], p["steps"], p["error"]) for p in report["pages"]] == [
        ("/", ["load /", "language /fr/"], None),
        ("/about/", [], "net::ERR_CONNECTION_RESET at http://127.0.0.1:8000/about/"), ("/contact/", [], None)]


def test_declared_but_not_seen_is_listed() -> None:
    recorder = _recorder(("prefs", "cookie", HOUR), ("_ga*", "cookie", DAY), ("theme", "localStorage", None))
    _observe(recorder, ROOT, cookies=[_cookie("prefs", HOUR)])
    assert '  declared but not seen: cookie "_ga*", localStorage "theme"' in recorder.summary([], 0).splitlines()


def _imports(module: ModuleType) -> set[str]:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_judge_needs_no_browser() -> None:
    """The recorder and the declarations import only the standard library and each other: no Playwright."""
    for module in (audit_record, audit_declarations):
        outside = {name for name in _imports(module) if name.split(".")[0] not in sys.stdlib_module_names}
        assert outside <= {"__future__", "privacy_site.tools.audit_declarations"}, (module.__name__, outside)
    assert "playwright.async_api" in _imports(audit_browser)
