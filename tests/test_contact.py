"""The privacy request form against a real endpoint on 127.0.0.1, in NL and FR, with and without JavaScript."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

import jsonschema
import pytest
from playwright.sync_api import Browser, Page, expect

from privacy_site.backend.publish import build_site
from privacy_site.tools.localserve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "privacy-request.schema.json").read_text(encoding="utf-8"))
FORM_SCHEMA = json.loads((ROOT / "schemas" / "privacy-request-form.schema.json").read_text(encoding="utf-8"))
TEXT = {
    "nl": {"type": "Waarover gaat uw verzoek?", "name": "Uw naam", "email": "Uw e-mailadres", "message": "Uw bericht",
           "reference": "Klant- of lidnummer (niet verplicht)",
           "send": "Versturen", "sent": "Dank u. We hebben uw verzoek ontvangen.",
           "failed": "Uw verzoek kon niet worden verstuurd.", "required": "Vul dit veld in.",
           "choose": "Kies waarover uw verzoek gaat.", "bad_email": "Vul een geldig e-mailadres in",
           "fallback": "Verstuur het liever per e-mail",
           "access": "De gegevens inkijken die u over mij hebt (inzage)",
           "not_sent": "Uw verzoek is niet verstuurd.",
           "uncertain": "Daardoor weten we niet of uw verzoek is aangekomen. Verstuur het niet opnieuw met het "
                        "formulier"},
    "fr": {"type": "Quel est l'objet de votre demande ?", "name": "Votre nom", "email": "Votre adresse e-mail",
           "message": "Votre message", "reference": "Numéro de client ou de membre (facultatif)",
           "send": "Envoyer",
           "sent": "Merci. Nous avons bien reçu votre demande.", "failed": "Votre demande n'a pas pu être envoyée.",
           "required": "Veuillez remplir ce champ.", "choose": "Choisissez l'objet de votre demande.",
           "bad_email": "Indiquez une adresse e-mail valide", "fallback": "L'envoyer plutôt par e-mail",
           "access": "Consulter les données que vous détenez sur moi (accès)",
           "not_sent": "Votre demande n'a pas été envoyée.",
           "uncertain": "nous ne savons donc pas si votre demande nous est parvenue. Ne la renvoyez pas par le "
                        "formulaire"},
}
# VDAB and Sociare address their readers informally ("je"); Fopas and the Departement formally ("u").
TEXT["nl-informal"] = {**TEXT["nl"], "type": "Waarover gaat je verzoek?", "name": "Je naam", "email": "Je e-mailadres",
                       "message": "Je bericht", "sent": "Bedankt. We hebben je verzoek ontvangen.",
                       "failed": "Je verzoek kon niet worden verstuurd.", "choose": "Kies waarover je verzoek gaat.",
                       "access": "De gegevens inkijken die jullie over mij hebben (inzage)",
                       "not_sent": "Je verzoek is niet verstuurd.",
                       "uncertain": "Daardoor weten we niet of je verzoek is aangekomen."}


def voice(lang: str, org: str) -> str:
    """The key of TEXT for an organisation's pages in `lang`."""
    return "nl-informal" if lang == "nl" and org in ("vdab", "sociare") else lang


class Endpoint(http.server.BaseHTTPRequestHandler):
    """An organisation's system: /ok accepts, /error fails, /slow answers too late."""

    received: list[dict] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib naming
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        kind = self.headers.get("Content-Type", "")
        data = json.loads(body) if kind.startswith("application/json") else {
            k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        self.received.append({"path": self.path, "type": kind, "data": data})
        if self.path == "/slow":
            time.sleep(4)
        status = 500 if self.path == "/error" else 201
        self.send_response(status)
        self._cors()
        if kind.startswith("application/json"):
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}' if status == 201 else b'{"error": "boom"}')
        else:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<!doctype html><title>Ontvangen</title><h1>Ontvangen / Reçu</h1>".encode())


@pytest.fixture(scope="module")
def closed_port() -> Iterator[int]:
    """A port of 127.0.0.1 bound and never listened on: connections are refused, and no other process can take it
    (a port merely found free could be taken by a server of another test worker meanwhile)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def received() -> list[dict]:
    Endpoint.received.clear()
    return Endpoint.received


@pytest.fixture(scope="module")
def form_site(endpoint: str, closed_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The examples with endpoints on the test server; connection refused for one organisation.

    Built in each test process that runs these tests (not shared with `run_once`): the endpoints are this process's.
    """
    root = tmp_path_factory.mktemp("forms")
    policies = root / "policies"
    shutil.copytree(ROOT / "policies", policies)
    closed = f"http://127.0.0.1:{closed_port}/closed"
    for org, url in [("sociare", f"{endpoint}/ok"), ("vdab", f"{endpoint}/error"),
                     ("departement-wse", f"{endpoint}/slow"), ("fopas", closed)]:
        path = policies / org / "organisation.yaml"
        text = path.read_text(encoding="utf-8").replace(
            "request_form:\n", f"request_form:\n  endpoint: {url}\n  timeout_seconds: 2\n", 1)
        path.write_text(text, encoding="utf-8")
    # The endpoints live in organisation.yaml: versions.lock is untouched and still matches.
    site = root / "site"
    assert build_site(ROOT / "mkdocs.yml", site, policies) == 0
    with serve_folder(site) as url:
        yield url.rstrip("/")


def fill(page: Page, lang: str, message: str = "Welke gegevens hebt u over mij?") -> None:
    t = TEXT[lang]
    page.get_by_label(t["type"]).select_option(label=t["access"])
    page.get_by_label(t["name"]).fill("An Peeters")
    page.get_by_label(t["email"]).fill("an.peeters@example.be")
    page.get_by_label(t["message"]).fill(message)
    page.get_by_label(t["reference"]).fill("M-1234")


def record_events(page: Page) -> None:
    page.evaluate("""window.__events = [];
      for (const name of ['privacy-request:submitted', 'privacy-request:failed'])
        document.addEventListener(name, e => window.__events.push([name, e.detail.reason || null]));""")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_a_json_request_is_delivered_and_confirmed(page: Page, form_site: str, received: list[dict],
                                                   lang: str) -> None:
    page.goto(f"{form_site}/{lang}/sociare/contact/")
    record_events(page)
    fill(page, voice(lang, "sociare"))
    page.get_by_role("button", name=TEXT[voice(lang, "sociare")]["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(TEXT[voice(lang, "sociare")]["sent"])
    assert len(received) == 1 and received[0]["type"].startswith("application/json")
    payload = received[0]["data"]
    jsonschema.validate(payload, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert payload["organisation"] == "sociare" and payload["language"] == lang
    assert payload["request_type"] == "access" and payload["reference"] == "M-1234"
    assert payload["statement_version"] == "2025-06-01"
    assert "acknowledged" not in payload
    assert page.evaluate("window.__events") == [["privacy-request:submitted", None]]
    assert page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))") == []


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_without_javascript_the_browser_posts_the_form(browser: Browser, form_site: str, received: list[dict],
                                                       lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{form_site}/{lang}/sociare/contact/")
    fill(page, voice(lang, "sociare"))
    page.get_by_role("button", name=TEXT[voice(lang, "sociare")]["send"]).click()
    expect(page.get_by_role("heading", name="Ontvangen / Reçu")).to_be_visible()
    assert len(received) == 1 and received[0]["type"] == "application/x-www-form-urlencoded"
    data = received[0]["data"]
    assert data["organisation"] == "sociare" and data["language"] == lang and "acknowledged" not in data
    assert data["email"] == "an.peeters@example.be" and data["website"] == ""  # the trap, left empty
    jsonschema.validate(data, FORM_SCHEMA, format_checker=jsonschema.FormatChecker())  # its own schema
    assert "submitted_at" not in data  # no clock without JavaScript: the endpoint's time of receipt counts
    context.close()


@pytest.mark.parametrize(("lang", "org", "reason"), [
    ("nl", "vdab", "status 500"), ("fr", "vdab", "status 500"), ("fr", "fopas", "network"), ("nl", "fopas", "network"),
])
def test_a_failed_request_keeps_every_value_and_offers_e_mail(page: Page, form_site: str, received: list[dict],
                                                              lang: str, org: str, reason: str) -> None:
    page.goto(f"{form_site}/{lang}/{org}/contact/")
    record_events(page)
    t = TEXT[voice(lang, org)]
    fill(page, voice(lang, org), message="Graag een kopie van mijn dossier.")
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(t["failed"], timeout=8000)
    expect(page.get_by_label(t["name"])).to_have_value("An Peeters")
    expect(page.get_by_label(t["email"])).to_have_value("an.peeters@example.be")
    expect(page.get_by_label(t["message"])).to_have_value("Graag een kopie van mijn dossier.")
    expect(page.get_by_label(t["reference"])).to_have_value("M-1234")
    fallback = page.get_by_role("link", name=t["fallback"])
    expect(fallback).to_be_visible()
    href = fallback.get_attribute("href") or ""
    assert href.startswith("mailto:") and "Graag%20een%20kopie%20van%20mijn%20dossier." in href
    assert "%0D%0A" in href and "%0A" not in href.replace("%0D%0A", "")  # RFC 6068 line breaks
    expect(page.get_by_role("button", name=t["send"])).to_be_enabled()  # retry is possible
    assert page.evaluate("window.__events") == [["privacy-request:failed", reason]]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_after_a_timeout_the_page_says_the_request_may_have_arrived(page: Page, form_site: str,
                                                                    received: list[dict], lang: str) -> None:
    """The endpoint got the request but answered too late: never "could not be sent", never a blind resend."""
    page.goto(f"{form_site}/{lang}/departement-wse/contact/")
    record_events(page)
    t = TEXT[lang]
    fill(page, lang, message="Graag een kopie van mijn dossier.")
    page.get_by_role("button", name=t["send"]).click()
    status = page.get_by_role("status")
    expect(status).to_contain_text(t["uncertain"], timeout=8000)
    expect(status).not_to_contain_text(t["failed"])
    expect(status).not_to_contain_text(t["sent"])
    expect(page.get_by_label(t["message"])).to_have_value("Graag een kopie van mijn dossier.")
    href = page.get_by_role("link", name=t["fallback"]).get_attribute("href") or ""
    note = {"nl": "Opmerking: dit verzoek is misschien al via het formulier", "fr": "Remarque"}[lang]
    assert href.startswith("mailto:dpo.wse@vlaanderen.be?") and quote(note) in href  # the e-mail says so too
    assert page.evaluate("window.__events") == [["privacy-request:failed", "timeout"]]
    assert len(received) == 1  # it did arrive


def test_a_long_message_gives_a_short_prepared_e_mail(page: Page, form_site: str, received: list[dict]) -> None:
    """Mail programs refuse long mailto: links: the prepared e-mail is shortened, the form keeps everything."""
    page.goto(f"{form_site}/fr/vdab/contact/")
    t = TEXT["fr"]
    message = "\n".join(f"Ligne {i} : je souhaite recevoir une copie complète de mon dossier, é à ç."
                        for i in range(60))
    assert len(message) > 4000
    fill(page, "fr", message=message)
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(t["failed"], timeout=8000)
    href = page.get_by_role("link", name=t["fallback"]).get_attribute("href") or ""
    assert len(href) <= 2000
    body = unquote(href.split("&body=", 1)[1])
    assert body.startswith("Demande: ") and "Ligne 0 : je souhaite" in body and "Ligne 59" not in body
    assert body.endswith("Copiez le texte complet depuis le formulaire du site et collez-le ici.")
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")
    expect(page.get_by_text("Votre message est long")).to_be_visible()
    expect(page.get_by_label(t["message"])).to_have_value(message)  # the full text, to copy


def test_no_double_submission(page: Page, form_site: str, received: list[dict]) -> None:
    page.goto(f"{form_site}/nl/departement-wse/contact/")
    fill(page, "nl")
    button = page.get_by_role("button", name=TEXT["nl"]["send"])
    button.click()
    expect(button).to_be_disabled()
    page.evaluate("document.querySelector('form[data-privacy-request]').requestSubmit()")
    expect(page.get_by_role("status")).to_contain_text(TEXT["nl"]["uncertain"], timeout=8000)
    assert len(received) == 1


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_validation_messages_are_tied_to_the_fields(page: Page, form_site: str, received: list[dict],
                                                    lang: str) -> None:
    t = TEXT[voice(lang, "sociare")]
    page.goto(f"{form_site}/{lang}/sociare/contact/")
    page.get_by_label(t["email"]).fill("an.peeters")
    page.get_by_role("button", name=t["send"]).click()
    select = page.get_by_label(t["type"])
    expect(select).to_be_focused()
    expect(select).to_have_attribute("aria-invalid", "true")
    expect(select).to_have_accessible_description(t["choose"])
    expect(page.get_by_label(t["name"])).to_have_accessible_description(t["required"])
    email_description = page.get_by_label(t["email"]).evaluate(
        "el => el.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)")
    assert t["bad_email"] in email_description[1]
    # Art. 12(2) GDPR: exercising a right needs no confirmation of having read the privacy statement.
    assert page.locator("form[data-privacy-request] input[type=checkbox]").count() == 0
    assert received == []


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_honeypot_sends_nothing_and_never_says_it_did(page: Page, form_site: str, received: list[dict],
                                                          lang: str) -> None:
    """Filled in by a robot, or by a person's autofill: nothing is sent, and the page says so."""
    t = TEXT[voice(lang, "sociare")]
    page.goto(f"{form_site}/{lang}/sociare/contact/")
    fill(page, voice(lang, "sociare"))
    page.locator("#ps-website").fill("https://spam.example", force=True)
    page.get_by_role("button", name=t["send"]).click()
    status = page.get_by_role("status")
    expect(status).to_contain_text(t["not_sent"])
    expect(status).not_to_contain_text(t["sent"])
    expect(page.get_by_role("link", name=t["fallback"])).to_be_visible()  # a way that does work
    page.wait_for_timeout(500)
    assert received == []


def test_the_form_can_be_completed_with_the_keyboard_only(page: Page, form_site: str, received: list[dict]) -> None:
    page.goto(f"{form_site}/nl/sociare/contact/")
    page.get_by_label(TEXT["nl-informal"]["type"]).focus()
    page.keyboard.press("ArrowDown")  # the first request type
    for text in ["An Peeters", "an.peeters@example.be", "Mijn vraag.", "M-1"]:
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.keyboard.press("Tab")  # the honeypot is skipped: straight to the button
    expect(page.get_by_role("button", name=TEXT["nl-informal"]["send"])).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(TEXT["nl-informal"]["sent"])
    assert len(received) == 1 and received[0]["data"]["message"] == "Mijn vraag."


def test_without_an_endpoint_the_form_prepares_an_e_mail(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/fr/sociare/contact/")
    fill(page, "fr")
    page.get_by_role("button", name=TEXT["fr"]["send"]).click()
    expect(page.get_by_role("status")).to_contain_text("Votre logiciel de messagerie s'ouvre")
    form = page.locator("form[data-privacy-request]")
    expect(form).to_have_attribute("action", "mailto:info@sociare.be?subject=Demande%20relative%20%C3%A0%20la%20vie"
                                             "%20priv%C3%A9e")


def test_without_an_endpoint_a_long_message_is_shortened_in_the_e_mail(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/fr/sociare/contact/")
    fill(page, "fr", message="Je souhaite recevoir une copie complète de mon dossier. " * 80)
    page.get_by_role("button", name=TEXT["fr"]["send"]).click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Votre logiciel de messagerie s'ouvre")
    expect(status).to_contain_text("Votre message est long")


def test_the_form_processing_is_in_the_privacy_statement(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/nl/vdab/privacy/")
    activity = page.locator("#processing-privacy-requests")
    expect(activity).to_have_text("Je privacyverzoeken en -vragen")
    expect(page.locator("article")).to_contain_text("De AVG (artikelen 12 tot en met 22) verplicht ons")
    expect(page.locator("#rights ~ p a", has_text="aanvraagformulier").first).to_have_attribute("href", "../contact/")


def test_the_content_security_policy_allows_exactly_the_endpoints() -> None:
    from privacy_site.checks.corpus import load_corpus
    from privacy_site.checks.requests import csp_sources
    from privacy_site.model.documents import Organisation

    orgs = [o.organisation for o in load_corpus(ROOT / "policies").orgs]
    assert csp_sources(orgs) == {"form-action": ["'self'", "mailto:"], "connect-src": ["'self'"]}
    with_endpoint = Organisation.model_validate({
        **orgs[0].model_dump(exclude_none=True),
        "request_form": {"endpoint": "https://forms.example.be/privacy", "retention": {"nl": "x", "fr": "y"}}})
    assert csp_sources([with_endpoint]) == {"form-action": ["'self'", "https://forms.example.be/privacy"],
                                            "connect-src": ["'self'", "https://forms.example.be/privacy"]}
