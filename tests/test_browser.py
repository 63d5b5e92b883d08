"""A visitor in Chromium: reads statements, switches language, and no request leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def requests_seen(page: Page) -> list[str]:
    """Every URL the page requests, including blocked attempts."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _hosts(urls: list[str]) -> set[str]:
    return {urlsplit(u).hostname or "" for u in urls if not u.startswith(("data:", "blob:", "about:"))}


def test_switch_language_keeps_the_statement(page: Page, site_url: str, requests_seen: list[str]) -> None:
    page.goto(f"{site_url}/nl/sociare/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("article h1")).to_have_text("Privacyverklaring")
    expect(page.get_by_role("heading", name="Je rechten")).to_be_visible()  # Sociare writes "je"

    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Français").click()

    expect(page).to_have_url(f"{site_url}/fr/sociare/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Vos droits")).to_be_visible()
    expect(page.locator("article")).to_contain_text("Galerie Ravenstein 28 boîte 3")

    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(f"{site_url}/nl/sociare/privacy/")
    assert _hosts(requests_seen) == {"127.0.0.1"}


def test_from_landing_to_a_french_statement(page: Page, site_url: str, requests_seen: list[str]) -> None:
    page.goto(f"{site_url}/")
    french = page.locator('section[lang="fr"]')
    expect(french.get_by_role("heading", name="Déclarations de confidentialité")).to_be_visible()
    french.get_by_role("link", name="Continuer en français").click()
    expect(page).to_have_url(f"{site_url}/fr/")
    page.locator("article li", has_text="Sociare").get_by_role("link", name="Déclaration de confidentialité").click()
    expect(page).to_have_url(f"{site_url}/fr/sociare/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("article")).to_contain_text("Autorité de protection des données")
    assert _hosts(requests_seen) == {"127.0.0.1"}


@pytest.mark.parametrize(("lang", "history", "version", "superseded", "current"), [
    ("nl", "Historiek van de wijzigingen", "Versie van 1 juli 2023", "Deze versie was van kracht van 1 juli 2023",
     "Lees de huidige versie"),
    ("fr", "Historique des modifications", "Version du 1er juillet 2023",
     "Cette version était en vigueur du 1er juillet 2023", "Lire la version actuelle"),
])
def test_walk_from_a_statement_through_its_history_and_back(page: Page, site_url: str, requests_seen: list[str],
                                                            lang: str, history: str, version: str,
                                                            superseded: str, current: str) -> None:
    page.goto(f"{site_url}/{lang}/fopas/privacy/")
    page.locator(".ps-meta").get_by_role("link", name=history).click()
    expect(page).to_have_url(f"{site_url}/{lang}/fopas/privacy/history/")
    expect(page.locator("article h1")).to_have_text(history)
    entry = page.locator("h2", has_text=version)
    expect(entry).to_be_visible()
    # The entry's own "read this version" link is in the status line right after its heading.
    page.locator("#v2023-07-01 + .ps-version-status a").click()
    expect(page).to_have_url(f"{site_url}/{lang}/fopas/privacy/2023-07-01/")
    expect(page.locator(".ps-status-note")).to_contain_text(superseded)
    page.locator(".ps-status-note").get_by_role("link", name=current).click()
    expect(page).to_have_url(f"{site_url}/{lang}/fopas/privacy/")
    expect(page.locator(".ps-status-note")).to_have_count(0)
    expect(page.locator(".ps-announcement")).to_be_visible()
    assert _hosts(requests_seen) == {"127.0.0.1"}
