"""The cookie statement in one language: a table of every item, how to block them, whom to ask."""

from __future__ import annotations

from dataclasses import dataclass, field

from privacy_site.checks.corpus import Org
from privacy_site.i18n.catalogs import document_title, translations
from privacy_site.i18n.formats import md_link, web_link
from privacy_site.i18n.register import Register
from privacy_site.model.cookies import COOKIE_PARTS, CookieItem, CookieStatement, SiteItem
from privacy_site.model.documents import Version
from privacy_site.views.blocks import translation_note
from privacy_site.views.changes import duration_text
from privacy_site.views.views import Block, StatementLinks, _contact_lines, _status, arrange, in_effect
from privacy_site.views.website_views import WebsiteSection, storage_name, website_section


@dataclass(frozen=True)
class CookieRow:
    """One line of the table: all cells are Markdown without line breaks."""

    name: str
    storage: str
    party: str
    purpose: str
    duration: str


@dataclass(frozen=True)
class CookieView:
    """Everything the cookie statement page shows, in reading order."""

    lang: str
    title: str
    org_name: str
    effective: str
    history_link: str
    status_note: str | None
    announcement: str | None
    introduction: str
    covers: list[str]
    table_title: str
    columns: list[str]
    rows: list[CookieRow]
    blocks: list[Block]
    translation_note: str | None = None
    fingerprint: str | None = None  # the heading's: fresh views have none
    # With other websites declared: what this site's table covers, and one section per website.
    site_note: str | None = None
    caption: str | None = None
    websites: list[WebsiteSection] = field(default_factory=list)



def _item_row(item: CookieItem, org_name: str, lang: str, register: Register) -> CookieRow:
    _ = translations(lang, register).gettext
    party = (_("first party ({name})").format(name=org_name) if item.party == "first"
             else _("third party ({name})").format(name=item.provider.get(lang) if item.provider else ""))
    purpose = item.purpose.md(lang)
    if item.set_by:
        purpose += " " + _("Used by: {feature}.").format(feature=item.set_by.md(lang))
    return CookieRow(item.name, storage_name(item.storage, lang, register), party, purpose,
                     duration_text(item.duration, lang, register))


def _site_row(item: SiteItem, operator: str, lang: str, register: Register) -> CookieRow:
    _ = translations(lang, register).gettext
    purpose = _(item.purpose_msgid) + " " + _("Used by: {feature}.").format(feature=_(item.feature_msgid))
    # The site's own storage is placed by whoever operates this site, whichever organisation's statement lists it.
    party = _("first party ({name}, operator of this website)").format(name=operator)
    return CookieRow(item.name, storage_name(item.storage, lang, register), party, purpose,
                     duration_text(item.duration, lang, register))


def cookie_view(org: Org, version: Version, lang: str, links: StatementLinks, site_items: list[SiteItem],
                shown_as_current: bool = False, operator: str | None = None) -> CookieView:
    """The cookie statement of `org` as one version shows it; `operator`: the name of who operates this site."""
    register = org.organisation.form_of_address
    _ = translations(lang, register).gettext
    statement: CookieStatement = version.statement
    name = org.organisation.name.get(lang)
    # In the table's brackets the short name reads best ("first party (VDAB)"); no article is needed there.
    # Plain text: the template escapes it.
    party = org.organisation.short_name.get(lang) if org.organisation.short_name else name
    rows = [_site_row(item, operator or name, lang, register) for item in site_items]
    rows += [_item_row(item, party, lang, register) for item in statement.items]
    declared = {website.url.rstrip("/") for website in statement.websites}
    covers = [_("this website, where you read this statement")]
    covers += [web_link(website.url) for website in statement.websites]
    covers += [web_link(url) for url in org.organisation.websites if url.rstrip("/") not in declared]
    websites = [website_section(website, party, lang, register) for website in statement.websites]
    blocking = (statement.blocking.md(lang) if statement.blocking
                else _default_blocking(lang, register, others=bool(websites)))
    contact = [_("Questions about cookies? Contact:"), "  \n".join(_contact_lines(org.organisation.privacy_contact,
                                                                                    lang, register))]
    parts = {"blocking": Block("blocking", _("Blocking or deleting cookies"), [blocking]),
             "contact": Block("contact", _("Contact"), contact)}
    blocks = arrange(statement.sections, COOKIE_PARTS, parts, lang)
    status_note, announcement = _status(org, version, lang, links, shown_as_current)
    return CookieView(
        lang=lang, title=document_title(statement, "cookies", lang, register), org_name=name,
        effective=in_effect(org, version, lang),
        history_link=md_link(_("Change history"), links.history), status_note=status_note,
        announcement=announcement, introduction=statement.introduction.md(lang), covers=covers,
        table_title=(_("On this website, where you read this statement") if websites
                     else _("Which cookies and storage we use")),
        columns=[_("Name"), _("Kind"), _("Who sets it"), _("Purpose"), _("Duration")], rows=rows, blocks=blocks,
        translation_note=translation_note(org.organisation, lang, links.authoritative),
        # This site stores only what it needs to work (the check refuses anything else): so it asks no consent.
        site_note=(_("This website only stores what it needs to work, so it does not ask for your consent.")
                   if websites else None),
        caption=_("Cookies and storage of this website, where you read this statement") if websites else None,
        websites=websites,
    )


def _default_blocking(lang: str, register: Register, others: bool = False) -> str:
    _ = translations(lang, register).gettext
    return "\n".join([
        _("You can block cookies or delete them at any time in your browser's settings:"),
        "",
        "- " + _("**Chrome** and **Edge**: Settings → Privacy and security → Cookies and other site data."),
        "- " + _("**Firefox**: Settings → Privacy & Security → Cookies and Site Data."),
        "- " + _("**Safari**: Settings (Preferences) → Privacy → Manage Website Data."),
        "- " + _("On a smartphone, look for the same options in the browser's settings, under privacy."),
        "",
        # The same facts as the cookie notice: no cookies, only the storage the site needs to work.
        _("Deleting the site data also deletes the local storage described above. This website sets no cookies "
          "and works without the storage too: if you block it, the cookie notice simply appears again."),
        *(["", _("On our other websites, you can also change your choice or withdraw your consent at any time in "
                 "their consent tool, as described above.")] if others else []),
    ])
