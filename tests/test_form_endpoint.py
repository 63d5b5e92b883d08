"""The real contact pages in Chromium against examples/form_endpoint.py on 127.0.0.1, and an organisation
without a form (request_form: none).

A copy of the examples is built once: Sociare's form posts to the example endpoint, VDAB offers no form
(letters, e-mail and a counter), Fopas's privacy contact has no e-mail address, so its form falls back on
its DPO's.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from privacy_site.backend.publish import build_site
from privacy_site.checks.corpus import load_corpus
from privacy_site.tools.localserve import serve_folder
from privacy_site.views.plan import PlannedPage, make_plan
from privacy_site.views.render import render_page

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {kind: json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
           for kind in ("privacy-request", "privacy-request-form")}
# Sociare addresses its readers informally ("je").
TEXT = {
    "nl": {"type": "Waarover gaat je verzoek?", "name": "Je naam", "email": "Je e-mailadres", "message": "Je bericht",
           "access": "De gegevens inkijken die jullie over mij hebben (inzage)", "send": "Versturen",
           "sent": "Bedankt. We hebben je verzoek ontvangen.", "failed": "Je verzoek kon niet worden verstuurd.",
           "received": "Verzoek ontvangen", "not_sent": "Niet verstuurd", "back": "Terug naar de contactpagina",
           "trap": "Laat dit veld leeg"},
    "fr": {"type": "Quel est l'objet de votre demande ?", "name": "Votre nom", "email": "Votre adresse e-mail",
           "message": "Votre message", "access": "Consulter les données que vous détenez sur moi (accès)",
           "send": "Envoyer", "sent": "Merci. Nous avons bien reçu votre demande.",
           "failed": "Votre demande n'a pas pu être envoyée.", "received": "Demande reçue",
           "not_sent": "Non envoyée", "back": "Retour à la page de contact", "trap": "Laissez ce champ vide"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _without_form(path: Path) -> None:
    """request_form: none, with a counter, instead of the form's settings."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("request_form:\n")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    lines[start:end] = ["request_form: none\n", "requests:\n", "  counter:\n",
                        "    nl: aan ons onthaal in de Keizerslaan 11, elke werkdag van 9 tot 16 uur\n",
                        "    fr: à notre accueil au boulevard de l'Empereur 11, chaque jour ouvrable de 9 h à 16 h\n"]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def endpoint_port() -> int:
    return _free_port()


@pytest.fixture(scope="module")
def site(endpoint_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("endpoint")
    policies = root / "policies"
    shutil.copytree(ROOT / "policies", policies)
    _edit(policies / "sociare" / "organisation.yaml", "request_form:\n",
          f"request_form:\n  endpoint: http://127.0.0.1:{endpoint_port}/privacy-requests\n")
    _without_form(policies / "vdab" / "organisation.yaml")
    fopas = policies / "fopas" / "organisation.yaml"
    _edit(fopas, "  email: info@fopas.be\n  address:", "  address:")  # the privacy contact: letters only
    _edit(fopas, "privacy_contact:\n", "dpo:\n  email: dpo@fopas.be\nprivacy_contact:\n")
    # Only organisation.yaml changed: versions.lock still matches every version.
    assert build_site(ROOT / "mkdocs.yml", root / "site", policies) == 0
    with serve_folder(root / "site") as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def store(site: str, endpoint_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example endpoint, started as documented, allowing the site's origin only; yields its store."""
    path = tmp_path_factory.mktemp("store") / "requests.jsonl"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / "form_endpoint.py"), "--port", str(endpoint_port),
         "--allow-origin", site, "--store", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"listening on http://127.0.0.1:{endpoint_port}"
        yield path
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def inbox(store: Path) -> Path:
    """The endpoint's store, emptied: what one test sends."""
    store.write_text("", encoding="utf-8")
    return store


def read(store: Path) -> list[dict]:
    return [json.loads(line) for line in store.read_text(encoding="utf-8").splitlines()]


def fill(page: Page, lang: str) -> None:
    t = TEXT[lang]
    page.get_by_label(t["type"]).select_option(label=t["access"])
    page.get_by_label(t["name"]).fill("An Peeters")
    page.get_by_label(t["email"]).fill("an.peeters@example.be")
    page.get_by_label(t["message"]).fill("Welke gegevens hebben jullie over mij?\nGraag een kopie.")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_with_javascript_the_example_endpoint_receives_json(page: Page, site: str, inbox: Path,
                                                            lang: str) -> None:
    t = TEXT[lang]
    page.goto(f"{site}/{lang}/sociare/contact/")
    fill(page, lang)
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(t["sent"])  # the preflight and the POST passed CORS
    [entry] = read(inbox)
    assert entry["via"] == "json"
    jsonschema.validate(entry["request"], SCHEMAS["privacy-request"], format_checker=jsonschema.FormatChecker())
    assert entry["request"]["language"] == lang and entry["request"]["reference"] is None
    assert entry["request"]["message"] == "Welke gegevens hebben jullie over mij?\nGraag een kopie."


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_without_javascript_the_example_endpoint_receives_the_form_post(browser: Browser, site: str, inbox: Path,
                                                                        lang: str) -> None:
    t = TEXT[lang]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{lang}/sociare/contact/")
    fill(page, lang)
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("heading", name=t["received"])).to_be_visible()
    [entry] = read(inbox)
    assert entry["via"] == "form" and entry["received_at"]  # the endpoint's clock: the page has none
    jsonschema.validate(entry["request"], SCHEMAS["privacy-request-form"], format_checker=jsonschema.FormatChecker())
    assert entry["request"]["website"] == "" and entry["request"]["reference"] == ""
    assert entry["request"]["message"] == "Welke gegevens hebben jullie over mij?\r\nGraag een kopie."
    page.get_by_role("link", name=t["back"]).click()
    expect(page).to_have_url(f"{site}/{lang}/sociare/contact/")
    context.close()


def test_without_stylesheet_a_filled_trap_is_not_confirmed(browser: Browser, site: str, inbox: Path) -> None:
    """Without JavaScript and CSS the trap is visible: whoever fills it in is told nothing was sent."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("**/*.css", lambda route: route.abort())
    page.goto(f"{site}/fr/sociare/contact/")
    fill(page, "fr")
    page.get_by_label(TEXT["fr"]["trap"]).fill("https://www.example.be")
    page.get_by_role("button", name=TEXT["fr"]["send"]).click()
    expect(page.get_by_role("heading", name=TEXT["fr"]["not_sent"])).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(TEXT["fr"]["received"])
    assert read(inbox) == []
    context.close()


def test_a_page_on_another_origin_is_refused_by_cors(page: Page, site: str, inbox: Path) -> None:
    """The endpoint allows the site's origin only: the same page served as localhost cannot post JSON."""
    other = site.replace("127.0.0.1", "localhost")
    page.goto(f"{other}/nl/sociare/contact/")
    fill(page, "nl")
    page.get_by_role("button", name=TEXT["nl"]["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(TEXT["nl"]["failed"])
    assert read(inbox) == []


@pytest.mark.parametrize(("lang", "title", "ways"), [
    ("nl", "Zo dien je een verzoek in", ["per e-mail naar info@vdab.be",
                                         "per brief naar VDAB, Keizerslaan 11, 1000 Brussel",
                                         "aan ons loket: aan ons onthaal in de Keizerslaan 11, elke werkdag van 9 "
                                         "tot 16 uur"]),
    ("fr", "Comment introduire une demande", ["par e-mail à l'adresse info@vdab.be",
                                              "par courrier adressé à VDAB, Boulevard de l'Empereur 11, 1000 "
                                              "Bruxelles",
                                              "à notre guichet\u00a0: à notre accueil au boulevard de l'Empereur 11, "
                                              "chaque jour ouvrable de 9\u00a0h à 16\u00a0h"]),
])
def test_without_a_form_the_contact_page_says_how_to_write(page: Page, site: str, lang: str, title: str,
                                                           ways: list[str]) -> None:
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith(".js") else None)
    page.goto(f"{site}/{lang}/vdab/contact/")
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    items = page.locator("#request ~ ul").first.locator("li")
    expect(items).to_have_text(ways)
    assert page.locator("form[data-privacy-request]").count() == 0
    assert not [url for url in scripts if url.endswith("/contact.js")]  # the form's script is not loaded


def test_without_a_form_published_versions_keep_their_text_and_new_ones_have_no_form(
        site: str, tmp_path: Path) -> None:
    import urllib.request

    # A published version is a record (issue 15): dropping the form later does not rewrite what it said.
    for lang, activity in (("nl", "Je privacyverzoeken en -vragen"), ("fr", "Vos demandes et questions")):
        for path in ("privacy/", "privacy/2024-01-01/", "privacy/2027-02-01/"):
            with urllib.request.urlopen(f"{site}/{lang}/vdab/{path}") as answer:
                assert activity in answer.read().decode("utf-8")
    # Versions rendered from today's files (drafts, new versions) have no form and no form processing.
    policies = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", policies)
    for records in (policies / "vdab").glob("*/published"):  # VDAB's versions as drafts, without records
        shutil.rmtree(records)
    lock = policies / "versions.lock"
    lock.write_text("".join(line for line in lock.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("vdab/")), encoding="utf-8")
    _without_form(policies / "vdab" / "organisation.yaml")
    corpus = load_corpus(policies)
    plan = make_plan(corpus)
    for lang, activity in (("nl", "Je privacyverzoeken en -vragen"), ("fr", "Vos demandes et questions")):
        for kind, day in (("statement", None), ("version", date(2024, 1, 1)), ("version", date(2027, 2, 1))):
            html = render_page(PlannedPage(kind, lang, "vdab", "privacy", day), corpus, plan).html
            assert "processing-privacy-requests" not in html and activity not in html
            assert "aanvraagformulier" not in html and "formulaire de demande" not in html
            assert "../contact/" in html  # the rights still lead to the contact page


def test_with_no_privacy_e_mail_the_form_falls_back_on_the_dpo(page: Page, site: str) -> None:
    page.goto(f"{site}/nl/fopas/contact/")
    form = page.locator("form[data-privacy-request]")
    expect(form).to_have_attribute("data-mailto", "dpo@fopas.be")
    expect(form).to_have_attribute("action", "mailto:dpo@fopas.be?subject=Privacyverzoek")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_no_accessibility_violation_on_the_page_without_a_form(page: Page, site: str, lang: str) -> None:
    page.goto(f"{site}/{lang}/vdab/contact/")
    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
