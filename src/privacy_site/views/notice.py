"""The cookie notice: a few words in the page's language, a link to the right statement, a close button."""

from __future__ import annotations

from dataclasses import dataclass

from privacy_site.checks.corpus import Corpus
from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.typography import typeset
from privacy_site.views.plan import PlannedPage


@dataclass(frozen=True)
class NoticePart:
    """The notice in one language; url is relative to the site root."""

    lang: str
    text: str
    link: str
    url: str


@dataclass(frozen=True)
class NoticeView:
    """What the notice shows on one page (two parts on the bilingual landing)."""

    label: str
    close: str
    close_label: str
    parts: list[NoticePart]


def notice_view(corpus: Corpus, languages: list[str], org: str | None) -> NoticeView | None:
    """The notice for a page in `languages` that belongs to `org` (None: the operating organisation's)."""
    owner = org or corpus.operator
    if not owner or not any(o.slug == owner and "cookies" in o.documents for o in corpus.orgs):
        return None
    # The notice speaks for the page it is on: an organisation's register, or the site's.
    register = corpus.org(org).organisation.form_of_address if org else corpus.register
    parts = []
    for lang in languages:
        _ = translations(lang, register).gettext
        parts.append(NoticePart(
            lang=lang,
            # The same facts as the cookie statement: no cookies, only the storage the site needs to work.
            text=typeset(_("This website sets no cookies and does not follow you; it only stores in your browser "
                           "what it needs to work."), lang),
            link=typeset(_("Read the cookie statement"), lang),
            url=PlannedPage("statement", lang, owner, "cookies").url,
        ))
    first = translations(languages[0], register).gettext
    if len(languages) == 1:
        close, close_label = first("Close"), first("Close the cookie notice")
    else:
        close = " / ".join(translations(lang, register).gettext("Close") for lang in languages)
        close_label = " / ".join(translations(lang, register).gettext("Close the cookie notice") for lang in languages)
    return NoticeView(label=first("Cookies"), close=close, close_label=close_label, parts=parts)
