"""The cookies of an organisation's own websites: declared per website in the cookie statement, shown in one
section and table per website in NL (formal and informal) and FR, compared between versions, published in
policies.json, explained in the guide; this site itself stays strictly technical."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.checks.corpus import load_corpus
from privacy_site.model.cookies import NOTICE_ITEM, CookieStatement, Website
from privacy_site.outputs.index import website_declarations
from privacy_site.tools.editing import new_version
from privacy_site.views.changes import cookie_changes
from privacy_site.views.cookie_views import cookie_view
from privacy_site.views.views import StatementLinks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = date(2026, 10, 15)  # Sociare's cookie statement with its main website


def _text(soup: BeautifulSoup | object) -> str:
    return re.sub(r"\s+", " ", soup.get_text()).replace("\u202f", " ").replace("\u00a0", " ")  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def corpus():  # noqa: ANN201 - the example corpus
    return load_corpus(ROOT / "policies")


def _view(corpus, slug: str, lang: str, statement: CookieStatement | None = None):  # noqa: ANN001, ANN202
    org = corpus.org(slug)
    version = org.version("cookies", EXAMPLE) if statement is None else org.current("cookies").model_copy(
        update={"statement": statement})
    return cookie_view(org, version, lang, StatementLinks("history/", "./"), [NOTICE_ITEM], operator="Fopas")


@pytest.mark.parametrize(("lang", "title", "covers", "consent", "category", "party", "transfer"), [
    ("nl", "Website van Sociare (www.sociare.be)",
     "Dit deel gaat over de website [www.sociare.be](https://www.sociare.be), niet over deze website waar je "
     "deze verklaring leest.",
     "Op www.sociare.be gebruiken we cookies en opslag die niet strikt noodzakelijk zijn pas nadat je ermee hebt "
     "ingestemd in de cookiebanner die verschijnt bij je eerste bezoek. Je kunt ze even gemakkelijk weigeren als "
     "aanvaarden.",
     "Analyse: alleen met je toestemming",
     "eerste partij (Sociare), gegevens naar Google Ireland Limited (Google Analytics)",
     "de Verenigde Staten; waarborg: het adequaatheidsbesluit van de Europese Commissie van 10 juli 2023 "
     "(EU-VS-kader voor gegevensbescherming)"),
    ("fr", "Site web de Sociare (www.sociare.be)",
     "Cette partie porte sur le site [www.sociare.be](https://www.sociare.be), et non sur ce site où vous lisez "
     "cette déclaration.",
     "Sur www.sociare.be, nous n'utilisons les cookies et le stockage qui ne sont pas strictement nécessaires "
     "qu'après que vous les avez acceptés dans le bandeau cookies qui s'affiche lors de votre première visite. "
     "Vous pouvez les refuser aussi facilement que les accepter.",
     "Mesure d'audience : uniquement avec votre consentement",
     "première partie (Sociare), données transmises à Google Ireland Limited (Google Analytics)",
     "les États-Unis ; garantie : la décision d'adéquation de la Commission européenne du 10 juillet 2023 "
     "(cadre de protection des données UE-États-Unis)"),
])
def test_one_section_per_website_says_which_website_it_covers(corpus, lang: str, title: str, covers: str,  # noqa: ANN001
                                                              consent: str, category: str, party: str,
                                                              transfer: str) -> None:
    view = _view(corpus, "sociare", lang)
    [section] = view.websites
    assert (section.id, section.title, section.covers, section.consent[0]) == ("website-main", title, covers, consent)
    assert [row.name for row in section.rows] == ["sociare_consent", "sociare_lang", "_ga", "_ga_*"]
    ga = section.rows[2]
    assert (ga.category, ga.party, ga.transfer) == (category, party, transfer)
    # Necessary items whose destination the organisation did not state say nothing about transfers.
    assert section.rows[0].transfer == "–"
    assert len(section.hosts) == 2 and section.hosts[0].startswith("`www.googletagmanager.com`")
    # This site's own table still covers this site only, and says why it asks no consent.
    assert [row.name for row in view.rows] == ["privacy-site:notice"]
    assert view.caption is not None and view.site_note is not None
    assert view.covers[1] == "[www.sociare.be](https://www.sociare.be)"


def test_formal_dutch_addresses_the_reader_with_u(corpus) -> None:  # noqa: ANN001
    """Fopas writes formally: the same website reads "uw toestemming"."""
    sociare = corpus.org("sociare").version("cookies", EXAMPLE).statement
    view = _view(corpus, "fopas", "nl", corpus.org("fopas").current("cookies").statement.model_copy(
        update={"websites": sociare.websites}))
    [section] = view.websites
    assert section.rows[2].category == "Analyse: alleen met uw toestemming"
    assert section.consent[0].endswith("U kunt ze even gemakkelijk weigeren als aanvaarden.")
    assert section.rows[2].party == "eerste partij (Fopas), gegevens naar Google Ireland Limited (Google Analytics)"
    assert view.site_note == "Deze website bewaart alleen wat ze nodig heeft om te werken; daarom vraagt ze uw " \
                             "toestemming niet."


@pytest.mark.parametrize(("lang", "title", "category", "first_party"), [
    ("nl", "Website van de Payvera-groep (www.payvera.be)", "Analyse: alleen met uw toestemming",
     "eerste partij (Payvera)"),
    ("fr", "Site web du groupe Payvera (www.payvera.be)", "Mesure d'audience : uniquement avec votre consentement",
     "première partie (Payvera)"),
])
def test_payvera_declares_its_main_website(corpus, lang: str, title: str, category: str,  # noqa: ANN001
                                           first_party: str) -> None:
    """The fifth example's own website: a consent banner, and analytics on its own server only with consent."""
    org = corpus.org("payvera")
    version = org.current("cookies")
    assert version.effective == date(2026, 10, 20)
    view = cookie_view(org, version, lang, StatementLinks("history/", "./"), [NOTICE_ITEM], operator="Fopas")
    [section] = view.websites
    assert section.title == title
    assert [row.name for row in section.rows] == ["CookieConsent", "payvera_lang", "_pk_id.*", "_pk_ses.*",
                                                  "_pk_ref.*"]
    assert {row.category for row in section.rows[2:]} == {category}
    assert {row.party for row in section.rows[2:]} == {first_party}  # Matomo on its own server: no provider
    assert [host.split("`")[1] for host in section.hosts] == ["*.cookiebot.com", "stats.payvera.be"]
    assert [row.name for row in view.rows] == ["privacy-site:notice"]  # this site stays strictly technical


def test_a_statement_without_websites_reads_as_before(corpus) -> None:  # noqa: ANN001
    view = _view(corpus, "vdab", "nl", corpus.org("vdab").current("cookies").statement)
    assert view.websites == [] and view.site_note is None and view.caption is None
    assert view.table_title == "Welke cookies en opslag we gebruiken"


def _website(**changes: object) -> Website:
    data: dict[str, object] = {
        "id": "main", "url": "https://www.demo.be",
        "consent": {"tool": {"nl": "de banner", "fr": "le bandeau"}, "change": {"nl": "Klik.", "fr": "Cliquez."}},
        "items": [{"name": "_ga", "category": "analytics", "duration": "13 months",
                   "provider": {"nl": "Google", "fr": "Google"}, "transfers_outside_eea": "none",
                   "purpose": {"nl": "Telt bezoeken.", "fr": "Compte les visites."}}],
        "hosts": [{"host": "www.googletagmanager.com", "provider": {"nl": "Google", "fr": "Google"},
                   "purpose": {"nl": "laadt statistieken", "fr": "charge les statistiques"}}],
    }
    data.update(changes)
    return Website.model_validate(data)


def _statement(*websites: Website) -> CookieStatement:
    return CookieStatement.model_validate({"introduction": {"nl": "Intro.", "fr": "Intro."}}).model_copy(
        update={"websites": list(websites)})


GA_US = {"name": "_ga", "category": "analytics", "duration": "2 years", "provider": {"nl": "Google", "fr": "Google"},
         "transfers_outside_eea": {"countries": {"nl": "de VS", "fr": "les USA"},
                                   "safeguard": {"nl": "het kader", "fr": "le cadre"}},
         "purpose": {"nl": "Telt bezoeken.", "fr": "Compte les visites."}}


@pytest.mark.parametrize(("old", "new", "nl", "fr"), [
    ((), (_website(),), ["Nieuwe website in deze verklaring: www.demo.be"],
     ["Nouveau site web dans cette déclaration : www.demo.be"]),
    ((_website(),), (), ["Website niet langer in deze verklaring: www.demo.be"],
     ["Site web qui ne figure plus dans cette déclaration : www.demo.be"]),
    ((_website(),), (_website(items=[GA_US]),),
     ["Duur van ‘_ga’ op www.demo.be gewijzigd: 13 maanden → 2 jaar",
      "Doorgifte buiten de EER van ‘_ga’ op www.demo.be gewijzigd"],
     ["Durée de « _ga » sur www.demo.be modifiée : 13\u00a0mois → 2 ans",
      "Transfert hors de l'EEE de « _ga » sur www.demo.be modifié"]),
    ((_website(),), (_website(items=[{**GA_US, "name": "_gid", "duration": "1 day"}], hosts=[]),),
     ["Nieuwe cookie of opslag op www.demo.be: ‘_gid’", "Cookie of opslag geschrapt op www.demo.be: ‘_ga’",
      "www.demo.be laadt geen inhoud meer van www.googletagmanager.com"],
     ["Nouveau cookie ou élément de stockage sur www.demo.be : « _gid »",
      "Cookie ou élément de stockage supprimé sur www.demo.be : « _ga »",
      "www.demo.be ne charge plus de contenu depuis www.googletagmanager.com"]),
    ((_website(),), (_website(consent={"tool": {"nl": "het venster", "fr": "le bandeau"},
                                       "change": {"nl": "Klik.", "fr": "Cliquez."}}),),
     ["De manier waarop www.demo.be uw toestemming vraagt, is gewijzigd"],
     []),  # French readers read the same consent text: no change for them
])
def test_website_changes_in_each_language(old: tuple[Website, ...], new: tuple[Website, ...], nl: list[str],
                                          fr: list[str]) -> None:
    assert [c.message for c in cookie_changes(_statement(*old), _statement(*new), "nl", "formal")] == nl
    assert [c.message for c in cookie_changes(_statement(*old), _statement(*new), "fr", "formal")] == fr
    informal = [c.message for c in cookie_changes(_statement(*old), _statement(*new), "nl", "informal")]
    assert informal == [m.replace("uw toestemming", "je toestemming") for m in nl]


def test_policies_json_keeps_websites_apart_from_this_site(corpus) -> None:  # noqa: ANN001
    org = corpus.org("sociare")
    [main] = website_declarations(org, ["nl", "fr"])
    assert (main["id"], main["url"], [c["name"] for c in main["cookies"]]) == (
        "main", "https://www.sociare.be", ["sociare_consent", "sociare_lang", "_ga", "_ga_*"])
    assert main["cookies"][2]["category"] == "analytics"
    assert main["cookies"][2]["transfers_outside_eea"]["countries"] == {"nl": "de Verenigde Staten",
                                                                        "fr": "les États-Unis"}
    assert main["cookies"][0]["transfers_outside_eea"] is None
    assert [h["host"] for h in main["hosts"]] == ["www.googletagmanager.com", "*.google-analytics.com"]
    assert main["consent"]["tool"]["nl"] == "de cookiebanner die verschijnt bij je eerste bezoek"


def test_the_built_statement_and_notice(built_site: Path) -> None:
    """The example site: one table per website, each saying what it covers; the notice stays technical."""
    page = BeautifulSoup((built_site / "nl" / "sociare" / "cookies" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    captions = [_text(c) for c in page.select("article table caption")]
    assert captions == ["Cookies en opslag van deze website, waar je deze verklaring leest",
                        "Cookies en opslag van www.sociare.be"]
    assert _text(page.find("h2", id="website-main")) == "Website van Sociare (www.sociare.be)"
    notice = page.find("section", class_="ps-notice")
    assert notice is not None and "plaatst geen cookies" in _text(notice)
    assert "toestemming" not in _text(notice)
    index = json.loads((built_site / "policies.json").read_text(encoding="utf-8"))
    sociare = next(o for o in index["organisations"] if o["slug"] == "sociare")
    # This site's declarations stay strictly necessary: an audit of it never accepts the website's analytics.
    assert {c["category"] for c in sociare["cookies"]} == {"necessary"}
    assert [w["id"] for w in sociare["websites"]] == ["main"]


def _guide_example(guide: Path) -> str:
    text = guide.read_text(encoding="utf-8")
    [block] = re.findall(r"^```yaml\n(websites:\n.*?)^```$", text, re.S | re.M)
    return block


@pytest.mark.parametrize("guide", sorted((ROOT / "guide").glob("*.md")), ids=lambda g: g.name)
def test_the_guide_example_passes_the_check(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "policies", "policies")
    day = date(2027, 3, 1)
    path = new_version(load_corpus(Path("policies")), "sociare", "cookies", day)
    content = path.read_text(encoding="utf-8")
    content = content.replace('nl: "TODO: wat er in deze versie verandert, en waarom"', 'nl: "Een nieuwe versie."')
    content = content.replace('fr: "TODO : ce qui change dans cette version, et pourquoi"', 'fr: "Une version."')
    path.write_text(content[:content.index("websites:\n")] + _guide_example(guide), encoding="utf-8")
    statement = load_corpus(Path("policies")).org("sociare").version("cookies", day).statement
    [website] = statement.websites
    assert (website.id, [i.name for i in website.items], [h.host for h in website.hosts]) == (
        "main", ["_ga"], ["www.googletagmanager.com"])
