"""Cookie and storage declarations: the model of a cookie statement and the site's own items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from privacy_site.i18n.catalogs import N_
from privacy_site.model.documents import Acknowledgement, Section, Strict
from privacy_site.model.fields import Slug, Url
from privacy_site.model.text import RichText, Text
from privacy_site.source.messages import msg

Storage = Literal["cookie", "localStorage", "sessionStorage", "IndexedDB"]
Category = Literal["necessary", "functional", "preferences", "statistics", "analytics", "marketing", "advertising",
                   "social_media"]
UNITS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400, "month": 31 * 86400, "year": 366 * 86400}
_DURATION = re.compile(r"^(?:session|(?P<amount>[1-9][0-9]{0,3}) (?P<unit>minute|hour|day|week|month|year)s?)$")
_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z:/]{1,128}$")
_HOST = re.compile(r"^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?$")


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError(msg('"{value}" is not a duration; write "session" or an amount and a unit, like "1 year", '
                             '"13 months" or "30 days"', value=value))
    return value


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(msg('"{value}" is not a valid cookie or storage name; use the exact name the browser shows '
                             "(letters, digits and - _ . : /, with * as a wildcard)", value=value))
    return value


def _host(value: str) -> str:
    if not _HOST.match(value):
        raise ValueError(msg('"{value}" is not a host name; write it as the browser shows it in an address, without '
                             'https:// or a path, like "www.googletagmanager.com", or "*.example.com" for every host '
                             "under example.com", value=value))
    return value


Duration = Annotated[str, AfterValidator(_duration)]
Name = Annotated[str, AfterValidator(_name)]
Host = Annotated[str, AfterValidator(_host)]


def duration_seconds(value: str) -> int | None:
    """The longest lifetime a duration allows, in seconds (None for a session)."""
    match = _DURATION.match(value)
    if match is None or match["amount"] is None:
        return None
    return int(match["amount"]) * UNITS[match["unit"]]


def duration_parts(value: str) -> tuple[int, str] | None:
    """(amount, unit) of a duration, None for a session."""
    match = _DURATION.match(value)
    if match is None or match["amount"] is None:
        return None
    return int(match["amount"]), match["unit"]


class CookieItem(Strict):
    """One cookie or storage key: what it is for, who sets it, how long it lives."""

    name: Name = Field(description="exact name as the browser shows it; * matches any text")
    storage: Storage = "cookie"
    party: Literal["first", "third"] = "first"
    provider: Text | None = Field(None, description="who sets it, for a third-party item")
    category: Category = Field(description="only necessary is allowed without consent")
    purpose: RichText
    duration: Duration = Field(description='"session" or e.g. "1 year", "13 months", "30 days"')
    set_by: Text | None = Field(None, description="the feature that sets it, e.g. the language choice")


class Transfer(Strict):
    """Where the data an item holds goes outside the European Economic Area, and on what safeguard."""

    countries: Text = Field(description='the countries, e.g. {nl: "de Verenigde Staten", fr: "les États-Unis"}')
    safeguard: Text | None = Field(None, description="the safeguard of GDPR art. 45-46: an adequacy decision "
                                                     "(e.g. the EU-US Data Privacy Framework) or standard "
                                                     "contractual clauses")


def _transfer(value: object) -> object:
    if value == "none":
        return None  # stated: the data stays in the EEA
    if value is None:
        raise ValueError(msg('write "none" when the data stays in the European Economic Area, or give countries: '
                             "and safeguard: below it"))
    if isinstance(value, str):
        raise ValueError(msg('"{value}" is not allowed here; write "none" when the data stays in the European '
                             "Economic Area, or give countries: and safeguard: below it", value=value))
    return value


def _transfer_schema(schema: dict[str, Any]) -> None:
    """In the schema, "none" where the model says null: editors write none, never an empty value."""
    schema["anyOf"] = [{"const": "none", "description": "the data stays in the European Economic Area"}
                       if option.get("type") == "null" else option for option in schema.get("anyOf", [])]
    schema.pop("default", None)


TransferStatement = Annotated[Transfer | None, BeforeValidator(_transfer)]


class WebsiteItem(CookieItem):
    """A cookie or storage key of one of the organisation's own websites: it may need consent."""

    category: Category = Field(description="necessary needs no consent; every other category needs the visitor's "
                                           "consent first (Belgian law of 30 July 2018)")
    provider: Text | None = Field(None, description="who receives what it holds, when that is not you (required "
                                                    "for a third-party item)")
    transfers_outside_eea: TransferStatement = Field(
        None, description='"none", or the countries and the safeguard; required when a provider is named',
        json_schema_extra=_transfer_schema)

    @property
    def transfer_stated(self) -> bool:
        """Whether the organisation said where the data goes (none, or countries)."""
        return "transfers_outside_eea" in self.model_fields_set


class Consent(Strict):
    """How a website asks for consent before it sets what is not strictly necessary."""

    tool: Text = Field(description='your consent tool as visitors know it, e.g. {nl: "de cookiebanner", fr: '
                                   '"le bandeau cookies"} or its product name')
    change: RichText = Field(description="how visitors change or withdraw their choice later, e.g. the link at "
                                         "the bottom of every page")


class ThirdPartyHost(Strict):
    """Another host a website loads content from: it receives the visitor's IP address."""

    host: Host = Field(description='as in an address, e.g. "www.googletagmanager.com" or "*.example.com"')
    provider: Text
    purpose: Text = Field(description="what the website loads from it, in a few words")


class Website(Strict):
    """One of the organisation's own websites, with everything it stores and loads."""

    id: Slug = Field(description='a short name of your choice, e.g. "main"; privacy-site audit --website ORG/ID')
    url: Url = Field(description="its address, e.g. https://www.example.be")
    name: Text | None = Field(None, description="its name for visitors, e.g. {nl: Onze website, fr: Notre site}")
    consent: Consent | None = Field(None, description="how it asks for consent; required when an item needs it")
    items: list[WebsiteItem] = Field(default_factory=list, description="every cookie and storage key it sets")
    hosts: list[ThirdPartyHost] = Field(default_factory=list, description="the other hosts it loads content from")


class CookieStatement(Strict):
    """cookies/YYYY-MM-DD.yaml: one version of the cookie statement."""

    model_config = ConfigDict(json_schema_extra={"required": ["introduction", "items"]})

    title: Text | None = None
    summary: RichText | None = Field(None, description="What changed in this version (required after the first)")
    introduction: RichText
    items: list[CookieItem] = Field(default_factory=list, description="every cookie and storage key this website "
                                                                      "sets beyond its own (strictly necessary only)")
    websites: list[Website] = Field(default_factory=list, description="your other websites, each with its cookies, "
                                                                      "consent and the hosts it loads from")
    blocking: RichText | None = Field(None, description="your own text on blocking and deleting cookies")
    sections: list[Section] = Field(default_factory=list)
    acknowledged: list[Acknowledgement] = Field(default_factory=list, description="warnings kept on purpose, each "
                                                "with its reason (shown to reviewers)")


COOKIE_PARTS = ("introduction", "items", "websites", "site", "blocking", "contact")


@dataclass(frozen=True)
class SiteItem:
    """An item this generated site itself stores, declared in every cookie statement."""

    name: str
    storage: str
    duration: str
    purpose_msgid: str
    feature_msgid: str


NOTICE_KEY = "privacy-site:notice"
# The notice remembers that it was closed for this long, then asks again (the script enforces it).
NOTICE_DURATION = "1 year"
NOTICE_ITEM = SiteItem(NOTICE_KEY, "localStorage", NOTICE_DURATION,
                       N_("Remembers that you closed the cookie notice, so it is not shown on every page."),
                       N_("the cookie notice"))
PALETTE_ITEM = SiteItem("*.__palette", "localStorage", "1 year",
                        N_("Remembers the colour scheme (light or dark) you chose."), N_("the colour scheme switch"))


def site_items(theme_palette: object) -> list[SiteItem]:
    """What this site stores: the notice's key, plus any key the theme writes with this configuration."""
    items = [NOTICE_ITEM]
    if isinstance(theme_palette, list) and any(isinstance(p, dict) and p.get("toggle") for p in theme_palette):
        items.append(PALETTE_ITEM)  # Material's palette toggle writes it on the first visit
    return items
