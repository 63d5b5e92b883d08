"""The cookie notice and the cookie statements say the same thing, and this site's storage is the operator's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.checks.corpus import load_corpus
from privacy_site.model.cookies import NOTICE_ITEM, CookieItem
from privacy_site.views.cookie_views import cookie_view
from privacy_site.views.views import StatementLinks

OPERATOR = {"nl": "Fopas, Fonds voor bestaanszekerheid", "fr": "Fopas, Fonds de sécurité d'existence"}
NO_COOKIES = {"nl": "plaatst geen cookies", "fr": "ne dépose aucun cookie"}



@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("org", ["vdab", "sociare", "fopas"])
def test_notice_and_statement_agree_and_the_operator_sets_the_site_storage(built_site: Path, org: str,
                                                                          lang: str) -> None:
    page = BeautifulSoup((built_site / lang / org / "cookies" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    notice = page.find("section", class_="ps-notice")
    assert notice is not None
    text = re.sub(r"\s+", " ", page.get_text()).replace("\u202f", " ").replace("\u00a0", " ")
    # The notice and the statement's text on blocking both say the site sets no cookies, only storage.
    assert NO_COOKIES[lang] in re.sub(r"\s+", " ", notice.get_text()).replace("\u202f", " ")
    assert text.count(NO_COOKIES[lang]) >= 2
    assert "technische cookies" not in notice.get_text() and "cookies et un stockage" not in notice.get_text()
    # The notice's key is placed by the operator of this site (site.yaml), on every organisation's statement.
    row = next(tr for tr in page.find_all("tr") if "privacy-site:notice" in tr.get_text())
    party = {"nl": f"eerste partij ({OPERATOR[lang]}, beheerder van deze website)",
             "fr": f"première partie ({OPERATOR[lang]}, exploitant de ce site)"}[lang]
    assert party in re.sub(r"\s+", " ", row.get_text()).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(("lang", "first", "third", "site"), [
    ("nl", "eerste partij (VDAB)", "derde partij (Kaart & Co)",
     "eerste partij (Fopas & Co, beheerder van deze website)"),
    ("fr", "première partie (VDAB)", "tierce partie (Kaart & Co)",
     "première partie (Fopas & Co, exploitant de ce site)"),
])
def test_cookie_parties_are_plain_text_named_by_their_short_name(lang: str, first: str, third: str, site: str) -> None:
    org = load_corpus(Path(__file__).resolve().parent.parent / "policies").org("vdab")
    version = org.current("cookies")
    items = [CookieItem.model_validate({"name": "lang", "category": "necessary", "duration": "1 year",
                                        "purpose": {"nl": "taal", "fr": "langue"}}),
             CookieItem.model_validate({"name": "map", "party": "third", "provider": {"nl": "Kaart & Co",
                                                                                      "fr": "Kaart & Co"},
                                        "category": "necessary", "duration": "session",
                                        "purpose": {"nl": "kaart", "fr": "carte"}})]
    version = version.model_copy(update={"statement": version.statement.model_copy(update={"items": items})})
    # The template escapes the cells: the view gives plain text, never Markdown escapes.
    view = cookie_view(org, version, lang, StatementLinks("history/", "./"), [NOTICE_ITEM], operator="Fopas & Co")
    assert [row.party for row in view.rows] == [site, first, third]
