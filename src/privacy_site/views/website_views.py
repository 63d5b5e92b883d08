"""The organisation's other websites in its cookie statement: one section and one table per website.

This site itself stores only what is strictly necessary (the check sees to it); the other websites may set
items that need consent. Each section says which website it covers, how that website asks for consent, and
lists every item with its category, who sets it and whether its data leaves the European Economic Area.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import web_link
from privacy_site.i18n.register import Register
from privacy_site.model.cookies import Website, WebsiteItem
from privacy_site.views.changes import duration_text


@dataclass(frozen=True)
class WebsiteRow:
    """One item of a website: `purpose` is Markdown, every other cell plain text."""

    name: str
    storage: str
    category: str
    party: str
    purpose: str
    duration: str
    transfer: str


@dataclass(frozen=True)
class WebsiteSection:
    """The part of the cookie statement on one website: paragraphs are Markdown."""

    id: str
    title: str
    covers: str
    consent: list[str]
    caption: str
    columns: list[str]
    rows: list[WebsiteRow]
    hosts_intro: str | None
    hosts: list[str]


def website_label(website: Website) -> str:
    """A website as visitors read it in a sentence: its address without the scheme."""
    return website.url.removeprefix("https://").rstrip("/")


def storage_name(kind: str, lang: str, register: Register) -> str:
    """The kind of storage in words."""
    _ = translations(lang, register).gettext
    return {"cookie": _("cookie"), "localStorage": _("local storage (localStorage)"),
            "sessionStorage": _("session storage (sessionStorage)"), "IndexedDB": _("IndexedDB database")}[kind]


def category_name(category: str, lang: str, register: Register) -> str:
    """A category with what it means for consent: "Analytics: only with your consent"."""
    _ = translations(lang, register).gettext
    if category == "necessary":
        return _("Strictly necessary: no consent needed")
    name = {"functional": _("Functional"), "preferences": _("Preferences"), "statistics": _("Statistics"),
            "analytics": _("Analytics"), "marketing": _("Marketing"), "advertising": _("Advertising"),
            "social_media": _("Social media")}[category]
    return _("{category}: only with your consent").format(category=name)


def _transfer(item: WebsiteItem, lang: str, register: Register) -> str:
    _ = translations(lang, register).gettext
    transfer = item.transfers_outside_eea
    if transfer is not None:
        safeguard = transfer.safeguard.get(lang) if transfer.safeguard else ""
        return _("{countries}; safeguard: {safeguard}").format(countries=transfer.countries.get(lang),
                                                                 safeguard=safeguard)
    # Only what the organisation stated: an item whose destination it did not state says nothing.
    return _("No") if item.transfer_stated else "–"


def _row(item: WebsiteItem, org_name: str, lang: str, register: Register) -> WebsiteRow:
    _ = translations(lang, register).gettext
    provider = item.provider.get(lang) if item.provider else None
    if item.party == "third":
        party = _("third party ({name})").format(name=provider or "")
    elif provider:  # a first-party item whose content goes to a provider, like an analytics cookie
        party = _("first party ({name}), data to {provider}").format(name=org_name, provider=provider)
    else:
        party = _("first party ({name})").format(name=org_name)
    purpose = item.purpose.md(lang)
    if item.set_by:
        purpose += " " + _("Used by: {feature}.").format(feature=item.set_by.md(lang))
    return WebsiteRow(item.name, storage_name(item.storage, lang, register), category_name(item.category, lang,
                                                                                            register),
                      party, purpose, duration_text(item.duration, lang, register), _transfer(item, lang, register))


def website_section(website: Website, org_name: str, lang: str, register: Register) -> WebsiteSection:
    """One website's section; `org_name`: who is the first party when no provider is named."""
    _ = translations(lang, register).gettext
    label = website_label(website)
    title = (_("{name} ({address})").format(name=website.name.get(lang), address=label) if website.name
             else label)
    covers = _("This part covers the website {website}, not this website where you read this statement.").format(
        website=web_link(website.url))
    if website.consent is not None:
        consent = [
            _("On {website}, cookies and storage that are not strictly necessary are only used after you have "
              "agreed to them in {tool}. You can refuse them as easily as accept them.").format(
                website=label, tool=website.consent.tool.md(lang)),
            _("To change or withdraw your choice at any time:"),
            website.consent.change.md(lang),
        ]
    else:
        consent = [_("On {website}, we only use cookies and storage that are strictly necessary for the website to "
                     "work; they need no consent.").format(website=label)]
    hosts = [_("{host}: {provider}, {purpose}").format(host=f"`{host.host}`", provider=host.provider.md(lang),
                                                      purpose=host.purpose.md(lang)) for host in website.hosts]
    return WebsiteSection(
        id=f"website-{website.id}", title=title, covers=covers, consent=consent,
        caption=_("Cookies and storage of {website}").format(website=label),
        columns=[_("Name"), _("Kind"), _("Category"), _("Who sets it"), _("Purpose"), _("Duration"),
                 _("Outside the EEA")],
        rows=[_row(item, org_name, lang, register) for item in website.items],
        hosts_intro=(_("{website} also loads content from these other hosts, which therefore receive your IP "
                       "address:").format(website=label) if hosts else None),
        hosts=hosts)
