"""`privacy-site audit URL --website ORG/SITE`: a live website's first visit, before any consent, in Chromium.

The fixture website (tests/audit_sites/website/, served by a real server on 127.0.0.1) has a consent banner
nobody answers, and plants exactly these mistakes: an undeclared cookie from the server, an analytics cookie
set at once (declared, but it needs consent first), a script from another host ("localhost") that the
declaration does not list, and an undeclared local storage key that script writes. The declaration also
lists a necessary cookie the site sets (no finding) and an analytics cookie it does not set before consent
(no finding).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from privacy_site.tools.audit_declarations import WebsiteDeclaration
from privacy_site.tools.audit_record import Cookie, PageVisit, Snapshot, Where
from privacy_site.tools.audit_website import WebsiteRecorder
from privacy_site.tools.cli import main

HERE = Path(__file__).resolve().parent
WEBSITE = HERE / "audit_sites" / "website"
VALID = HERE / "bad_inputs" / "_valid" / "policies"

COOKIES = """\
introduction:
  nl: Deze verklaring gaat over onze websites.
  fr: Cette déclaration porte sur nos sites web.
items: []
websites:
  - id: main
    url: https://www.demo.be
    consent:
      tool:
        nl: de cookiebanner
        fr: le bandeau cookies
      change:
        nl: Klik onderaan elke pagina op Cookie-instellingen.
        fr: Cliquez sur Paramètres des cookies en bas de chaque page.
    items:
      - name: lang
        category: necessary
        purpose:
          nl: Onthoudt je taal.
          fr: Retient votre langue.
        duration: 1 year
      - name: _ga
        category: analytics
        provider:
          nl: Google Ireland Ltd
          fr: Google Ireland Ltd
        transfers_outside_eea:
          countries:
            nl: de Verenigde Staten
            fr: les États-Unis
          safeguard:
            nl: het EU-VS-kader voor gegevensbescherming
            fr: le cadre de protection des données UE-États-Unis
        purpose:
          nl: Telt bezoeken.
          fr: Compte les visites.
        duration: 13 months
      - name: _gid
        category: analytics
        purpose:
          nl: Telt bezoeken per dag.
          fr: Compte les visites par jour.
        duration: 1 day
    hosts:
      - host: www.googletagmanager.com
        provider:
          nl: Google Ireland Ltd
          fr: Google Ireland Ltd
        purpose:
          nl: laadt de statistieken, na je toestemming
          fr: charge les statistiques, après votre consentement
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The fixture website: its files, and a session cookie and the language cookie with the home page."""

    hosts: list[tuple[str, str]]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        self.hosts.append((self.headers.get("Host", ""), self.path))

    def end_headers(self) -> None:
        if self.path == "/":
            self.send_header("Set-Cookie", "PHPSESSID=abc123; Path=/; HttpOnly; SameSite=Lax")
            self.send_header("Set-Cookie", "lang=nl; Path=/; Max-Age=31536000; SameSite=Lax")
        super().end_headers()


@pytest.fixture
def website() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The fixture website on 127.0.0.1: its URL, and the (Host, path) of every request it answered."""
    seen: list[tuple[str, str]] = []
    handler = type("Handler", (_Handler,), {"hosts": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(WEBSITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small valid organisation "demo" with its website "main" declared, as the current directory."""
    shutil.copytree(VALID, tmp_path / "policies")
    (tmp_path / "policies" / "demo" / "cookies" / "2024-01-01.yaml").write_text(COOKIES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "policies"


def _audit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_fixture_website_gets_exactly_its_planted_findings(
        capsys: pytest.CaptureFixture[str], website: tuple[str, list[tuple[str, str]]], policies: Path,
        tmp_path: Path) -> None:
    url, seen = website
    port = url.rstrip("/").rsplit(":", 1)[1]
    report = tmp_path / "report.json"
    code, out, err = _audit(capsys, url, "--website", "demo/main", "--json", str(report))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert re.fullmatch(rf"Audited http://127\.0\.0\.1:{port}/ as a first visit before any consent \(website "
                        r"demo/main, declared as https://www\.demo\.be\): 1 page visited in [\d.]+ s\.", lines[0])
    assert lines[1:] == [
        "Storage: 4 items found, 3 declared.",
        '  cookie "PHPSESSID": NOT DECLARED, first seen on /',
        '  cookie "_ga": declared as "_ga" (analytics), first seen on /',
        '  cookie "lang": declared as "lang" (necessary), first seen on /',
        '  localStorage "trk_visitor": NOT DECLARED, first seen on /',
        "Other hosts: 1.",
        f"  localhost:{port}: NOT DECLARED, first seen on /",
        "4 findings:",
        'cookie "_ga" set on / before any consent, but it is declared as analytics, which needs consent first',
        f"request to a host the declaration does not list: localhost:{port} (http://localhost:{port}/tracker.js "
        "from /)",
        'undeclared cookie "PHPSESSID" set on /',
        'undeclared localStorage key "trk_visitor" set on /',
    ]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [(f["kind"], f.get("name") or f.get("host")) for f in data["findings"]] == [
        ("consent", "_ga"), ("host", f"localhost:{port}"), ("undeclared", "PHPSESSID"),
        ("undeclared", "trk_visitor")]
    assert data["website"] == {"organisation": "demo", "id": "main", "url": "https://www.demo.be",
                               "hosts": ["www.googletagmanager.com"]}
    # A live website is visited as it is: the other host's script was really fetched, through its own name.
    assert (f"localhost:{port}", "/tracker.js") in seen


def test_declared_hosts_and_items_are_not_findings(capsys: pytest.CaptureFixture[str],
                                                   website: tuple[str, list[tuple[str, str]]],
                                                   tmp_path: Path) -> None:
    """The same website against a policies.json that declares all it does before consent: no finding."""
    url, _ = website
    item = {"storage": "cookie", "party": "first", "provider": None, "category": "necessary",
            "duration": {"seconds": 400 * 86400}, "purpose": {"nl": "Nodig.", "fr": "Nécessaire."}}
    declarations = {"organisations": [{"slug": "demo", "cookies": [], "websites": [{
        "id": "main", "url": "https://www.demo.be",
        "cookies": [{**item, "name": "PHPSESSID"}, {**item, "name": "lang"}, {**item, "name": "_ga"},
                    {**item, "name": "trk_*", "storage": "localStorage"}],
        "hosts": [{"host": "localhost:*"}]}]}]}
    path = tmp_path / "policies.json"
    path.write_text(json.dumps(declarations), encoding="utf-8")
    code, out, err = _audit(capsys, url, "--website", "demo/main", "--declarations", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == ("No findings: before consent, only declared, strictly necessary storage, "
                                    "and only declared hosts.")


@pytest.mark.parametrize(("args", "error"), [
    (["{tmp}", "--website", "demo/main"], "--website audits a live website: give its address, like "
                                          "https://www.example.be, not {tmp}"),
    (["https://www.demo.be", "--website", "demo"], '--website takes ORGANISATION/WEBSITE, like sociare/main, '
                                                   'not "demo"'),
    (["https://www.demo.be", "--website", "nobody/main"], "policies: there is no organisation nobody; "
                                                          "organisations: demo"),
    (["https://www.demo.be", "--website", "demo/shop"], "policies: the current cookie statement of demo declares "
                                                        "no website shop (websites: main); declare it under "
                                                        "websites: in a new version"),
    (["https://www.demo.be", "--website", "demo/main", "--policies", "{tmp}/nope"],
     "the policies folder does not exist: {tmp}/nope; run the audit from the repository, or give it with "
     "--policies DIR"),
])
def test_unusable_requests_are_one_line(capsys: pytest.CaptureFixture[str], policies: Path, tmp_path: Path,
                                        args: list[str], error: str) -> None:
    code, out, err = _audit(capsys, *(a.format(tmp=tmp_path) for a in args))
    assert (code, out, err) == (2, "", f"privacy-site audit: {error.format(tmp=tmp_path)}\n")


def test_policies_with_problems_are_one_line(capsys: pytest.CaptureFixture[str], policies: Path) -> None:
    cookies = policies / "demo" / "cookies" / "2024-01-01.yaml"
    cookies.write_text(COOKIES.replace("    consent:\n", "    consent_:\n"), encoding="utf-8")
    code, out, err = _audit(capsys, "https://www.demo.be", "--website", "demo/main")
    assert (code, out) == (2, "")
    assert err == ("privacy-site audit: the policies in policies have problems; run privacy-site check and fix "
                   "them first\n")


def _recorder(hosts: list[str]) -> WebsiteRecorder:
    base = "https://www.demo.be/"
    declared = WebsiteDeclaration("demo", "main", "https://www.demo.be", [], hosts)
    return WebsiteRecorder(base, [PageVisit(0, base, "/", "root")], declared)


@pytest.mark.parametrize(("url", "first_party"), [
    ("https://www.demo.be/a.js", True),
    ("http://www.demo.be/a.js", True),
    ("https://static.demo.be/a.js", True),  # the website's own subdomain
    ("https://demo.be/", True),
    ("https://www.demo.be.evil.example/a.js", False),
    ("https://notdemo.be/a.js", False),
    ("https://www.googletagmanager.com/gtm.js", False),
])
def test_first_party_hosts(url: str, first_party: bool) -> None:
    recorder = _recorder([])
    recorder.request(url, Where(0, "/"))
    assert (recorder.other_hosts() == {}) is first_party


@pytest.mark.parametrize(("host", "patterns", "listed"), [
    ("www.googletagmanager.com", ["www.googletagmanager.com"], True),
    ("region1.google-analytics.com", ["*.google-analytics.com"], True),
    ("google-analytics.com", ["*.google-analytics.com"], False),
    ("cdn.example.com:8443", ["cdn.example.com"], True),  # a host without a port: any port
    ("cdn.example.com:8443", ["cdn.example.com:443"], False),
    ("evilgoogletagmanager.com", ["*googletagmanager.com"], True),  # patterns match as written
])
def test_declared_hosts(host: str, patterns: list[str], listed: bool) -> None:
    assert _recorder(patterns).website.lists_host(host) is listed


def test_one_finding_per_undeclared_host_and_a_hint_counts() -> None:
    """Several requests to one host are one finding; a preconnect to another host is a finding of its own."""
    recorder = _recorder(["www.googletagmanager.com"])
    recorder.request("https://cdn.other.example/a.js", Where(0, "/"))
    recorder.request("https://cdn.other.example/b.js", Where(0, "/"))
    recorder.request("https://www.googletagmanager.com/gtm.js", Where(0, "/"))
    recorder.observe(Snapshot(Where(0, "/"), "/", "first-visit-1", 1.8e9,
                              hints=(("preconnect", "https://fonts.example.net/"),),
                              cookies=(Cookie("_gcl_au", "www.demo.be"),)))
    assert [f.message for f in recorder.findings()] == [
        "request to a host the declaration does not list: cdn.other.example (https://cdn.other.example/a.js from /)",
        "request to a host the declaration does not list: fonts.example.net (https://fonts.example.net/ from /)",
        'undeclared cookie "_gcl_au" set on /',
    ]
