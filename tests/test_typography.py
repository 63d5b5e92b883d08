"""French typography on every French page; Dutch untouched; addresses, times and code never touched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.i18n.typography import NBSP, NNBSP, typeset, typeset_html


@pytest.mark.parametrize(("text", "expected"), [
    ("Données contractuelles: données", f"Données contractuelles{NBSP}: données"),
    ("Adresse : rue", f"Adresse{NBSP}: rue"),
    ("Pourquoi? Parce que!", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("art. 6; art. 9", f"art. 6{NNBSP}; art. 9"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
    ("le « scope »", f"le «{NBSP}scope{NBSP}»"),
    ("le «scope»", f"le «{NBSP}scope{NBSP}»"),
    ("écrivez à privacy@demo.be: merci", f"écrivez à privacy@demo.be{NBSP}: merci"),
    ("à 14:30 heures", "à 14:30 heures"),
    ("https://www.vdab.be/privacy?x=1;y", "https://www.vdab.be/privacy?x=1;y"),
    ("mailto:a@b.be", "mailto:a@b.be"),
    ("Tom &amp; Jerry; fin", f"Tom &amp; Jerry{NNBSP}; fin"),
    (f"déjà{NBSP}: fait", f"déjà{NBSP}: fait"),
])
def test_french_rules(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected


def test_other_languages_are_unchanged() -> None:
    assert typeset("Let op: dit!", "nl") == "Let op: dit!"
    assert typeset_html("<p>Let op: dit!</p>", "nl") == "<p>Let op: dit!</p>"


def test_html_tags_attributes_and_code_are_untouched() -> None:
    html = ('<p>Contact: <a href="https://x.be/a?b=1" title="a: b">https://x.be/a?b=1</a>; <code>a;b: c</code> '
            '<a href="#x">Titre</a>: données</p>')
    assert typeset_html(html, "fr") == (
        f'<p>Contact{NBSP}: <a href="https://x.be/a?b=1" title="a: b">https://x.be/a?b=1</a>{NNBSP}; '
        f'<code>a;b: c</code> <a href="#x">Titre</a>{NBSP}: données</p>')


_WRONG = re.compile(r"(?:[^\s\u00a0\u202f]|[ \t])[;!?»]|(?:[^\s\u00a0\u202f(]| )(?::(?=\s|$))|«(?:[^\u00a0]|$)")
_UNTOUCHED = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\d:\d")


def _wrong_places(site: Path, lang: str) -> list[str]:
    found = []
    for page in sorted((site / lang).rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["script", "style", "code"]):
            tag.decompose()
        main = soup.find("article")
        title = soup.title.get_text() if soup.title else ""
        text = _UNTOUCHED.sub("", (main.get_text() if main else "") + " " + title)
        found += [f"{page.relative_to(site)}: {text[max(0, m.start() - 20):m.end() + 5]!r}"
                  for m in _WRONG.finditer(text)]
    return found


def test_every_french_page_follows_french_typography(built_site: Path) -> None:
    assert _wrong_places(built_site, "fr") == []


def test_the_check_bites_on_dutch_pages(built_site: Path) -> None:
    """Dutch pages keep ordinary punctuation, so the same scan finds places there."""
    assert _wrong_places(built_site, "nl")
