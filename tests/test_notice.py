"""The cookie notice as visitors meet it: their language, keyboard, remembered, no jump, accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

TEXT = {
    # VDAB addresses its readers informally ("je").
    "nl": "Deze website plaatst geen cookies en volgt je niet; ze bewaart in je browser alleen wat ze nodig heeft om "
          "te werken.",
    "fr": "Ce site ne dépose aucun cookie et ne vous suit pas ; il ne conserve dans votre navigateur que ce dont il "
          "a besoin pour fonctionner.",
}
LINK = {"nl": "Lees de cookieverklaring", "fr": "Lire la déclaration relative aux cookies"}
CLOSE = {"nl": "Cookiemelding sluiten", "fr": "Fermer l'avis sur les cookies"}

# Records layout shifts from the very start of the page (buffered), as CLS counts them.
CLS_SCRIPT = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_notice_speaks_the_page_language_and_links_the_right_statement(page: Page, site_url: str,
                                                                          lang: str) -> None:
    page.goto(f"{site_url}/{lang}/vdab/privacy/")
    notice = page.get_by_role("region", name="Cookies")
    expect(notice).to_be_visible()
    expect(notice.locator("p")).to_have_text(f"{TEXT[lang]} {LINK[lang]}")
    expect(notice.locator("p")).to_have_attribute("lang", lang)
    notice.get_by_role("link", name=LINK[lang]).click()
    expect(page).to_have_url(f"{site_url}/{lang}/vdab/cookies/")


def test_pages_of_no_organisation_link_the_operator_in_both_languages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    notice = page.get_by_role("region", name="Cookies")
    expect(notice.get_by_role("link", name=LINK["nl"])).to_have_attribute("href", "nl/fopas/cookies/")
    expect(notice.get_by_role("link", name=LINK["fr"])).to_have_attribute("href", "fr/fopas/cookies/")
    response = page.goto(f"{site_url}/fr/no-such-page/")
    assert response is not None and response.status == 404


def test_closing_with_the_keyboard_is_remembered_across_pages_and_languages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/nl/sociare/privacy/")
    notice = page.get_by_role("region", name="Cookies")
    # Keyboard only: the skip link, then the notice's link, then its close button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(notice.get_by_role("link", name=LINK["nl"])).to_be_focused()
    page.keyboard.press("Tab")
    close = notice.get_by_role("button", name=CLOSE["nl"])
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(notice).to_be_hidden()
    # Focus is not lost: it moves to the content, and the next Tab continues from there.
    assert page.evaluate("document.activeElement.classList.contains('md-content')")
    stored = page.evaluate("JSON.parse(localStorage.getItem('privacy-site:notice'))")
    assert isinstance(stored["closed"], (int, float))
    assert page.evaluate("Object.keys(localStorage)") == ["privacy-site:notice"]
    page.goto(f"{site_url}/nl/sociare/cookies/")
    expect(page.get_by_role("region", name="Cookies")).to_be_hidden()
    page.goto(f"{site_url}/fr/fopas/privacy/history/")
    expect(page.get_by_role("region", name="Cookies")).to_be_hidden()


def test_a_closed_notice_comes_back_after_a_year(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/nl/")
    page.evaluate("localStorage.setItem('privacy-site:notice', JSON.stringify({closed: Date.now() - 367 * 864e5}))")
    page.reload()
    expect(page.get_by_role("region", name="Cookies")).to_be_visible()
    assert page.evaluate("localStorage.getItem('privacy-site:notice')") is None


@pytest.mark.parametrize("visit", ["first", "returning"])
def test_no_layout_shift(page: Page, site_url: str, visit: str) -> None:
    page.add_init_script(CLS_SCRIPT)
    page.goto(f"{site_url}/fr/fopas/privacy/")
    if visit == "returning":
        page.get_by_role("button", name=CLOSE["fr"]).click()
        page.goto(f"{site_url}/fr/sociare/privacy/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") == []
    visible = page.get_by_role("region", name="Cookies").is_visible()
    assert visible is (visit == "first")


def test_the_notice_never_covers_the_statement(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/nl/fopas/privacy/")
    notice = page.locator(".ps-notice").bounding_box()
    title = page.locator("article h1").bounding_box()
    assert notice is not None and title is not None
    assert notice["y"] + notice["height"] <= title["y"]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-banner')).position") == "static"


def test_without_javascript_the_information_stays(browser, site_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/fr/fopas/privacy/")
    notice = page.get_by_role("region", name="Cookies")
    expect(notice.get_by_role("link", name=LINK["fr"])).to_be_visible()
    expect(notice.get_by_role("button")).to_be_hidden()  # a button that cannot work is not offered
    context.close()
