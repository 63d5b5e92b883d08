"""Quality gates over every page type in both languages: CSP, console, accessibility, links, 404, print."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pagewatch import PageWatch, compressed_size
from playwright.sync_api import Page

from privacy_site.checks.corpus import load_corpus
from privacy_site.model.authorities import AUTHORITIES, FLEMISH_OMBUDSMAN
from privacy_site.tools.linkcheck import allowed_hosts, check_links

ROOT = Path(__file__).resolve().parent.parent

# Every page type of the example site in each language, each page visited once by a first-time visitor. Some
# types have a page of more than one organisation in a language: organisations differ (register, public body,
# translation note, operator of the site), and every page the separate CSP, console, host, axe and first-visit
# tests used to open is here.
PAGES = [
    "",  # the bilingual landing
    "nl/", "fr/",  # language homes
    # current statements
    "nl/fopas/privacy/", "fr/fopas/privacy/", "nl/vdab/privacy/", "fr/vdab/privacy/", "nl/departement-wse/privacy/",
    "fr/sociare/privacy/",
    # versions: superseded, and upcoming
    "nl/fopas/privacy/2023-07-01/", "fr/fopas/privacy/2023-07-01/", "fr/fopas/privacy/2027-01-01/",
    # histories
    "nl/sociare/privacy/history/", "fr/sociare/privacy/history/", "nl/fopas/privacy/history/",
    # comparisons
    "nl/sociare/privacy/compare/2020-10-07/2025-06-01/", "fr/sociare/privacy/compare/2020-10-07/2025-06-01/",
    # cookie statements: of an organisation, and of the operator of the site
    "nl/vdab/cookies/", "fr/vdab/cookies/", "nl/fopas/cookies/", "fr/fopas/cookies/",
    # contact and request form
    "nl/departement-wse/contact/", "fr/departement-wse/contact/", "nl/vdab/contact/", "fr/vdab/contact/",
    # accessibility statements
    "nl/departement-wse/accessibility/", "fr/vdab/accessibility/",
    # 404: in a language, deeper, and at the root
    "nl/no-such-page/", "fr/no/such/page/", "no-such-page/",
]
NOT_FOUND = {  # path: the language and the heading of its 404 page
    "nl/no-such-page/": ("nl", "Pagina niet gevonden"),
    "fr/no/such/page/": ("fr", "Page introuvable"),
    "no-such-page/": ("nl", "Pagina niet gevonden · Page introuvable"),  # one heading, both languages
}
AXE_WITH_THE_NOTICE_CLOSED = {"", "nl/fopas/privacy/"}  # axe also runs after the visitor closed it
# Searching loads the same worker, WebAssembly and index chunks under the same policy on every page; what differs
# from page to page is where they are fetched from (relative to the page): one page of every depth, in both
# languages, and the 404 pages (served at any depth) search. A search costs a second of CPU: not 30 times.
SEARCH_ON = {"", "fr/", "nl/fopas/privacy/", "fr/fopas/privacy/2023-07-01/", "nl/sociare/privacy/history/",
             "fr/sociare/privacy/compare/2020-10-07/2025-06-01/", "fr/no/such/page/", "no-such-page/"}
FIRST_VISIT_BUDGET = 100 * 1024  # bytes, compressed


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_in_one_visit(page: Page, site_url: str, built_site: Path, path: str) -> None:
    """One visit per page: strict CSP, a clean console, no other host, no axe violation, a light first visit.

    The visitor arrives (empty cache), meets the cookie notice, closes it and, on the pages of SEARCH_ON, searches
    (which loads the search worker, Pagefind's WebAssembly and index chunks); from the first request on, the page
    is watched.
    """
    watch = PageWatch.attach(page)
    response = watch.goto(f"{site_url}/{path}")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert policy.startswith("default-src 'self'")
    if path in NOT_FOUND:
        lang, title = NOT_FOUND[path]
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1").inner_text() == title
        if path == "no-such-page/":
            # The root one speaks both languages, each marked as such, in one heading and one paragraph each.
            assert page.locator('article h1 span[lang="fr"]').inner_text() == "Page introuvable"
            assert page.locator('article section[lang="fr"] p').count() == 1
    else:
        assert response.status == 200

    # Accessibility as the visitor first sees the page: the cookie notice open (it is part of every page).
    close = page.locator("[data-privacy-notice-close]")
    assert close.is_visible()
    results = watch.axe()
    assert results.violations_count == 0, results.generate_report()

    # A first visit loads nothing that grows with the number of organisations: no index, no site-wide sitemap.
    page.wait_for_load_state("networkidle")
    first_visit = list(watch.requests)
    assert all(url.startswith(f"{site_url}/") for url in first_visit), first_visit
    assert not [url for url in first_visit if "/pagefind/" in url or url == f"{site_url}/sitemap.xml"], first_visit
    assert compressed_size(built_site, first_visit, site_url) < FIRST_VISIT_BUDGET

    close.click()
    if path in AXE_WITH_THE_NOTICE_CLOSED:
        results = watch.axe()
        assert results.violations_count == 0, results.generate_report()

    # Searching loads the search worker, its WebAssembly and index chunks: still this host, still within the CSP.
    if path in SEARCH_ON:
        french = path.startswith("fr/")
        page.get_by_role("textbox", name="Rechercher" if french else "Zoeken").first.click()
        page.keyboard.type("données" if french else "gegevens")
        page.locator(".md-search-result__link").first.wait_for()
        page.wait_for_load_state("networkidle")

    assert watch.violations == []
    errors = watch.console_errors
    if path in NOT_FOUND:  # the browser reports the 404 status of the page itself; nothing else may fail
        errors = [e for e in errors if "status of 404" not in e]
    assert errors == []
    assert watch.other_hosts() == []
    if path in SEARCH_ON:
        assert any(urlsplit(url).hostname == "127.0.0.1" for url in watch.requests if "/pagefind/" in url)


def test_the_visits_search_from_every_depth_in_both_languages() -> None:
    assert SEARCH_ON <= set(PAGES)
    depths = {path.count("/") for path in PAGES if path not in NOT_FOUND}
    assert {path.count("/") for path in SEARCH_ON if path not in NOT_FOUND} == depths
    assert {path[:3] for path in SEARCH_ON} >= {"nl/", "fr/"} and set(NOT_FOUND) & SEARCH_ON


def test_the_page_watch_bites(page: Page, tmp_path: Path) -> None:
    """What the gate reads is really recorded: a request to another host (by name), a console error, an exception."""
    from privacy_site.tools.localserve import serve_folder

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><title>t</title><img src="http://localhost:1/pixel.png" alt="">'
        '<script>console.error("boom"); setTimeout(() => { throw new Error("bang"); });</script></html>',
        encoding="utf-8")
    with serve_folder(tmp_path) as url:  # no _headers: no CSP stops the request
        watch = PageWatch.attach(page)
        watch.goto(url)
        page.wait_for_load_state("networkidle")
    assert watch.other_hosts() == ["http://localhost:1/pixel.png"]
    assert "boom" in watch.console_errors and any("bang" in e for e in watch.console_errors), watch.console_errors
    assert watch.violations == []


@pytest.mark.parametrize(("path", "label", "query", "lang"), [
    ("fr/fopas/privacy/", "Rechercher", "données", "fr"),
    ("nl/sociare/privacy/history/", "Zoeken", "gegevens", "nl"),
])
def test_search_finds_pages_in_the_language_of_the_page(page: Page, site_url: str, path: str, label: str,
                                                        query: str, lang: str) -> None:
    page.goto(f"{site_url}/{path}")
    page.get_by_role("textbox", name=label).first.click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(f"{site_url}/{lang}/") for href in hrefs), hrefs
    results.first.click()
    assert page.locator("html").get_attribute("lang") == lang
    assert page.url.startswith(f"{site_url}/{lang}/")


def _hosts() -> set[str]:
    """The organisations' and the authorities' websites: the only external links a statement may hold."""
    urls = [url for a in (*AUTHORITIES.values(), FLEMISH_OMBUDSMAN) for url in a.website.values()]
    for org in load_corpus(ROOT / "policies").orgs:
        o = org.organisation
        urls += [u for u in (o.website, o.privacy_contact.form, o.dpo.form if o.dpo else None) if u]
        urls += o.websites
        urls += [e.website for e in o.entities if e.website]  # a group's entities link their own sites
    return allowed_hosts(urls) | {"www.xaurum.be"}  # Fopas links its software partner's site


def test_no_broken_link_or_anchor_and_no_unexpected_host(built_site: Path) -> None:
    assert check_links(built_site, _hosts(), "http://127.0.0.1:8000/") == []


def test_the_link_gate_bites(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "nl" / "fopas" / "privacy" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</article>", '<a href="../nope/">x</a><a href="history/#v1999-01-01">y</a>'
                                      '<a href="https://tracker.example.com/">z</a></article>', 1)
    page.write_text(html, encoding="utf-8")
    assert check_links(site, _hosts(), "http://127.0.0.1:8000/") == [
        "nl/fopas/privacy/index.html: broken link: ../nope/",
        "nl/fopas/privacy/index.html: missing anchor: history/#v1999-01-01",
        "nl/fopas/privacy/index.html: link to another host not allowed: https://tracker.example.com/",
    ]


def test_the_accessibility_gate_bites(page: Page, site_url: str) -> None:
    watch = PageWatch.attach(page)
    watch.goto(f"{site_url}/nl/sociare/contact/")
    page.evaluate("""() => {
      const article = document.querySelector('article');
      article.insertAdjacentHTML('beforeend', '<img src="x.png"><input type="text" name="unlabelled">');
    }""")
    rules = {v["id"] for v in watch.axe().response["violations"]}
    assert {"image-alt", "label"} <= rules


@pytest.mark.parametrize(("lang", "effective", "hidden"), [
    ("nl", "Van kracht sinds 1 september 2024", "Deze website gebruikt alleen technische cookies"),
    ("fr", "En vigueur depuis le 1er septembre 2024", "Ce site utilise uniquement des cookies"),
])
def test_a_statement_prints_cleanly(page: Page, site_url: str, tmp_path: Path, lang: str, effective: str,
                                    hidden: str) -> None:
    import pypdf

    page.goto(f"{site_url}/{lang}/fopas/privacy/")
    pdf = tmp_path / "statement.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages).split())
    assert effective in text, "the version and its effective date are on paper"
    assert "<https://www.fopas.be>" in text.replace("< ", "<"), "link addresses are printed"
    assert hidden not in text, "no cookie notice on paper"
    assert ("Zoeken" if lang == "nl" else "Rechercher") not in text, "no header or search on paper"


VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors the theme produces that we cannot fix without forking it, each with its reason.
KNOWN_HTML_ERRORS = {
    # Material's hidden drawer/search toggles are checkboxes with autocomplete="off", so that Firefox
    # does not restore an open drawer on reload; the attribute is only defined for text-like inputs.
    "Attribute “autocomplete” is only allowed when the input type is",
}


# The checker runs briefly: the JIT's first tier is enough (half the CPU), with the larger thread stack its
# frames need (the checker asks for at least 512k).
JAVA = ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def _vnu(paths: list[Path]) -> list[dict]:
    import subprocess

    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing; `make test` installs it (npm vnu-jar)")
    result = subprocess.run([*JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *map(str, paths)], capture_output=True, text=True, check=False)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


@pytest.fixture(scope="session")
def html_errors(built_site: Path, run_once: Callable[[str, Callable[[Path], None]], Path]) -> dict[str, list[dict]]:
    """One run of the checker (one Java start) over the site and over a page broken on purpose, by file."""

    def check(folder: Path) -> None:
        broken = folder / "broken" / "index.html"
        broken.parent.mkdir()
        html = (built_site / "nl" / "fopas" / "privacy" / "index.html").read_text(encoding="utf-8")
        broken.write_text(html.replace("</article>", "<p><div>nested block in a paragraph</div></p></article>", 1),
                          encoding="utf-8")
        found: dict[str, list[dict]] = {"site": [], "broken": []}
        for message in _vnu([built_site, broken]):
            file = Path(urlsplit(message.get("url", "")).path)  # the checker names files file:/path
            if not any(message["message"].startswith(known) for known in KNOWN_HTML_ERRORS):
                found["broken" if file == broken else "site"].append(message)
        (folder / "errors.json").write_text(json.dumps(found), encoding="utf-8")

    return json.loads((run_once("html-errors", check) / "errors.json").read_text(encoding="utf-8"))


def test_generated_html_is_valid(html_errors: dict[str, list[dict]]) -> None:
    unexpected = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
                  for m in html_errors["site"]]
    assert unexpected == []


def test_the_html_gate_bites(html_errors: dict[str, list[dict]]) -> None:
    errors = [m["message"] for m in html_errors["broken"]]
    assert any("No “p” element in scope but a “p” end tag seen." in e for e in errors), errors


def test_the_csp_gate_bites(page: Page, built_site: Path, tmp_path: Path) -> None:
    from privacy_site.tools.localserve import serve_folder

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / "nl" / "vdab" / "privacy" / "index.html"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "</article>", "<script>document.title = 'injected';</script></article>", 1), encoding="utf-8")
    with serve_folder(site) as url:
        watch = PageWatch.attach(page)
        watch.goto(f"{url}nl/vdab/privacy/")
        page.wait_for_load_state("networkidle")
        assert page.title() != "injected"
        assert any(v.startswith("script-src") for v in watch.violations), watch.violations
        assert any("Content Security Policy" in v for v in watch.violations), "the console report is seen too"


def test_the_example_site_passes_its_own_audit(built_site: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from privacy_site.tools.cli import main

    report = tmp_path / "audit.json"
    assert main(["audit", str(built_site), "--json", str(report)]) == 0, capsys.readouterr().out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["findings"] == []
    found = {(item["storage"], item["name"]) for item in data["items"]}
    assert found == {("localStorage", "privacy-site:notice")}, "what the cookie statements declare is what is stored"


@pytest.mark.parametrize(("lang", "status", "ombudsman"), [
    ("nl", "Deze website voldoet gedeeltelijk aan de Web Content Accessibility Guidelines (WCAG) 2.1 niveau AA",
     "Vlaamse Ombudsdienst"),
    ("fr", "Ce site est partiellement conforme aux règles pour l'accessibilité des contenus web (WCAG) 2.1",
     "Service de médiation flamand"),
])
def test_public_bodies_publish_an_accessibility_statement(page: Page, site_url: str, lang: str, status: str,
                                                          ombudsman: str) -> None:
    page.goto(f"{site_url}/{lang}/vdab/accessibility/")
    article = page.locator("article")
    for text in (status, ombudsman, "axe-core", "W3C Nu HTML Checker", "1 november 2026" if lang == "nl"
                 else "1er novembre 2026"):
        assert text in article.inner_text()
    assert page.goto(f"{site_url}/{lang}/sociare/accessibility/").status == 404  # a private body need not
