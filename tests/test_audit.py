"""`privacy-site audit`: tiny sites in Chromium, each breaking one promise, and the exact finding it gets."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from privacy_site.tools.audit import JOURNEY_PAGES, plan_pages, serve_folder, site_pages
from privacy_site.tools.audit_declarations import Declaration, human_duration
from privacy_site.tools.cli import main

SITES = Path(__file__).resolve().parent / "audit_sites"


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and remembers every path asked for, to prove what did (not) reach this server."""

    seen: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        self.seen.append(self.path)


Serve = Callable[[Path], tuple[str, list[str]]]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start a server for a site folder: returns its URL and the list of paths it was asked for."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> tuple[str, list[str]]:
        seen: list[str] = []
        handler = type("Handler", (_RecordingHandler,), {"seen": seen})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/", seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _audit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="session")
def clean_audit(run_once: Callable[[str, Callable[[Path], None]], Path]) -> tuple[int, str, str, dict]:
    """One audit of the clean site (exit code, output, errors, JSON report) for the tests that read it.

    As users run it: with the default browser, Debian's Chromium (other tests use its headless shell, conftest.py).
    """

    def run(folder: Path) -> None:
        out, err = io.StringIO(), io.StringIO()
        chosen = os.environ.pop("PRIVACY_SITE_CHROMIUM", None)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["audit", str(SITES / "clean"), "--json", str(folder / "report.json")])
        finally:
            if chosen is not None:
                os.environ["PRIVACY_SITE_CHROMIUM"] = chosen
        (folder / "run.json").write_text(json.dumps([code, out.getvalue(), err.getvalue()]), encoding="utf-8")

    folder = run_once("clean-audit", run)
    code, out, err = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    return code, out, err, json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_clean_site_passes(clean_audit: tuple[int, str, str, dict]) -> None:
    code, out, err, _ = clean_audit
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"Audited http://127\.0\.0\.1:\d+/: 4 pages visited \(4 with a visitor journey\) in [\d.]+ s\.",
                        lines[0])
    # Every declared item was really produced: by loading, closing the notice, and searching after the switch.
    assert lines[1:] == [
        "Storage: 4 items found, 4 declared.",
        '  localStorage "privacy-site:notice": declared as "privacy-site:notice", first seen on / after closing '
        "the cookie notice",
        '  cookie "privacy-site-lang": declared as "privacy-site-lang", first seen on /nl/',
        '  IndexedDB "privacy-site-search-v1": declared as "privacy-site-search*", first seen on /fr/ after searching',
        '  sessionStorage "privacy-site:query": declared as "privacy-site:query", first seen on /fr/ after searching',
        "Requests to other hosts: none.",
        "No findings: only declared storage, and no request to another host.",
    ]


@pytest.mark.parametrize(("site", "message"), [
    ("undeclared_cookie", 'undeclared cookie "tracker" set on /about/'),
    ("undeclared_local_storage", 'undeclared localStorage key "theme" set on /'),
    ("other_host", "request to another host: https://example.invalid/x.png from /"),
    ("long_cookie", 'cookie "prefs" set on / lasts 2 days but is declared for 1 hour'),
    ("session_cookie", 'cookie "visitor" set on / persists for 30 days but is declared as a session cookie'),
])
def test_each_broken_promise_is_one_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            site: str, message: str) -> None:
    report = tmp_path / "report.json"
    code, out, err = _audit(capsys, str(SITES / site), "--json", str(report))
    assert (code, err) == (1, "")
    assert out.splitlines()[-2:] == ["1 finding:", message]
    assert [f["message"] for f in json.loads(report.read_text(encoding="utf-8"))["findings"]] == [message]


def test_json_report(clean_audit: tuple[int, str, str, dict]) -> None:
    code, _, _, data = clean_audit
    assert code == 0
    origin = data["base_url"]
    assert origin.startswith("http://127.0.0.1:") and data["findings"] == []
    # Sitemap URLs name the public host; the audit visits them where the site is served.
    assert [(p["url"], p["source"], p["status"]) for p in data["pages"]] == [
        (origin, "root", 200), (origin + "nl/", "sitemap", 200), (origin + "fr/", "sitemap", 200),
        (origin + "privacy-site-audit-no-such-page/", "not-found", 404)]
    # Visitors close the notice, switch language, then search (the landing page has neither switch nor search).
    assert [p["steps"] for p in data["pages"]] == [
        ["load /", "notice /"], ["load /nl/", "notice /nl/", "language /fr/", "search /fr/"],
        ["load /fr/", "notice /fr/", "language /nl/", "search /nl/"],
        ["load /privacy-site-audit-no-such-page/", "notice /privacy-site-audit-no-such-page/", "language /fr/",
         "search /fr/"]]
    assert data["notes"] == []
    items = {(i["storage"], i["name"]): i for i in data["items"]}
    assert items[("localStorage", "privacy-site:notice")]["first_seen"] == {
        "page": "/", "action": "notice", "context": "journey"}
    assert items[("IndexedDB", "privacy-site-search-v1")]["declared"] == "privacy-site-search*"
    assert items[("IndexedDB", "privacy-site-search-v1")]["organisation"] == "fopas"
    assert items[("cookie", "privacy-site-lang")]["cookie"]["lifetime_seconds"] <= 3600
    assert [(d["organisation"], d["name"]) for d in data["declared"]] == [
        ("sociare", "privacy-site:notice"), ("sociare", "privacy-site-lang"),
        ("fopas", "privacy-site:query"), ("fopas", "privacy-site-search*")]
    assert data["requests_to_other_hosts"] == []


def test_url_with_declarations_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, serve: Serve) -> None:
    url, _ = serve(SITES / "clean")
    declarations = json.loads((SITES / "clean" / "policies.json").read_text(encoding="utf-8"))
    del declarations["organisations"][0]["cookies"][0]  # the notice's key is no longer declared
    path = tmp_path / "declarations.json"
    path.write_text(json.dumps(declarations), encoding="utf-8")
    code, out, err = _audit(capsys, url, "--declarations", str(path))
    assert (code, err) == (1, "")
    assert out.splitlines()[-2:] == [
        "1 finding:", 'undeclared localStorage key "privacy-site:notice" set on / after closing the cookie notice']


def test_request_to_another_host_never_leaves(capsys: pytest.CaptureFixture[str], serve: Serve) -> None:
    # The beacon goes to this same server under the name "localhost": another origin, which must be blocked.
    url, seen = serve(SITES / "beacon")
    port = url.rsplit(":", 1)[1].rstrip("/")
    code, out, _ = _audit(capsys, url)
    assert code == 1
    assert out.splitlines()[-1] == f"request to another host: http://localhost:{port}/beacon.png?page=%2F from /"
    assert "/sitemap.xml" in seen and not any(path.startswith("/beacon.png") for path in seen)


@pytest.mark.parametrize(("args", "error"), [
    (["{tmp}/nope"], "the site folder does not exist: {tmp}/nope"),
    (["{tmp}"], "no sitemap.xml in {tmp}: build the site first"),
])
def test_unusable_folder_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     args: list[str], error: str) -> None:
    code, out, err = _audit(capsys, *(a.format(tmp=tmp_path) for a in args))
    assert (code, out, err) == (2, "", f"privacy-site audit: {error.format(tmp=tmp_path)}\n")


def test_unreachable_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:  # a port bound and never listened on: refused, and no other test takes it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        code, out, err = _audit(capsys, f"http://127.0.0.1:{port}")
    assert (code, out) == (2, "")
    assert err.startswith(f"privacy-site audit: cannot reach http://127.0.0.1:{port}/sitemap.xml: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_url_without_policies_json_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               serve: Serve) -> None:
    (tmp_path / "sitemap.xml").write_bytes((SITES / "other_host" / "sitemap.xml").read_bytes())
    url, _ = serve(tmp_path)
    code, out, err = _audit(capsys, url)
    assert (code, out) == (2, "")
    assert err == (f"privacy-site audit: no policies.json at {url} (HTTP 404 for {url}policies.json); "
                   "give the declarations with --declarations FILE\n")


def test_invalid_declarations_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "declarations.json"
    path.write_text(json.dumps({"organisations": [{"slug": "fopas", "cookies": [
        {"name": "theme", "storage": "localstorage", "party": "first", "provider": None, "category": "necessary",
         "duration": {"session": True}, "purpose": {"nl": "", "fr": ""}}]}]}), encoding="utf-8")
    code, out, err = _audit(capsys, str(SITES / "clean"), "--declarations", str(path))
    assert (code, out) == (2, "")
    assert err == (f'privacy-site audit: {path}: cookie 1 of organisation fopas ("theme"): "storage" must be one of '
                   "cookie, localStorage, sessionStorage, IndexedDB\n")


@pytest.mark.parametrize(("pattern", "name", "matches"), [
    ("*.__palette", "/.__palette", True),
    ("*.__palette", "/nl/.__palette", True),
    ("__hs*", "__hssc", True),
    ("__hs*", "x__hssc", False),
    ("theme", "theme", True),
    ("a?b", "axb", False),  # only "*" is a pattern: "?" is an ordinary character
])
def test_declared_names_and_patterns(pattern: str, name: str, matches: bool) -> None:
    declaration = Declaration(pattern, "localStorage", "first", None, "necessary", None, {}, "fopas")
    assert declaration.matches("localStorage", name) is matches
    assert not declaration.matches("sessionStorage", name)


@pytest.mark.parametrize(("seconds", "text"), [
    (172799.6, "2 days"), (3600, "1 hour"), (3599.2, "1 hour"), (5400, "1.5 hours"),
    (2592000, "30 days"), (31536000, "1 year"), (45, "45 seconds"), (1, "1 second"),
])
def test_human_duration(seconds: float, text: str) -> None:
    assert human_duration(seconds) == text


def test_sitemap_index_is_followed_onto_the_audited_host(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "sitemap.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>https://privacy.example.be/nl/sitemap.xml</loc></sitemap></sitemapindex>", encoding="utf-8")
    (tmp_path / "nl" / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://privacy.example.be/nl/</loc></url>"
        "<url><loc>https://privacy.example.be/nl/a/?v=2</loc></url></urlset>", encoding="utf-8")
    with serve_folder(tmp_path) as base:
        pages = site_pages(base)
    assert [(p.url.removeprefix(base), p.path, p.source) for p in pages] == [
        ("", "/", "root"), ("nl/", "/nl/", "sitemap"), ("nl/a/?v=2", "/nl/a/?v=2", "sitemap"),
        ("privacy-site-audit-no-such-page/", "/privacy-site-audit-no-such-page/", "not-found")]


def test_journeys_sample_a_large_site_from_root_to_404() -> None:
    pages = plan_pages("http://127.0.0.1:1/", [f"https://privacy.example.be/p{i}/" for i in range(80)])
    journeys = [p.path for p in pages if p.journey]
    assert len(pages) == 82 and len(journeys) == JOURNEY_PAGES
    assert journeys[0] == "/" and journeys[-1] == "/privacy-site-audit-no-such-page/"
