"""Cookie and storage declarations: the model of a cookie statement and the site's own items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field

from privacy_site.i18n.catalogs import N_
from privacy_site.model.documents import Acknowledgement, Section, Strict
from privacy_site.model.text import RichText, Text

Storage = Literal["cookie", "localStorage", "sessionStorage", "IndexedDB"]
Category = Literal["necessary", "functional", "preferences", "statistics", "analytics", "marketing", "advertising",
                   "social_media"]
UNITS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400, "month": 31 * 86400, "year": 366 * 86400}
_DURATION = re.compile(r"^(?:session|(?P<amount>[1-9][0-9]{0,3}) (?P<unit>minute|hour|day|week|month|year)s?)$")
_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z:/]{1,128}$")


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError(f'"{value}" is not a duration; write "session" or an amount and a unit, like "1 year", '
                         '"13 months" or "30 days"')
    return value


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(f'"{value}" is not a valid cookie or storage name; use the exact name the browser shows '
                         '(letters, digits and - _ . : /, with * as a wildcard)')
    return value


Duration = Annotated[str, AfterValidator(_duration)]
Name = Annotated[str, AfterValidator(_name)]


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


class CookieStatement(Strict):
    """cookies/YYYY-MM-DD.yaml: one version of the cookie statement."""

    model_config = ConfigDict(json_schema_extra={"required": ["introduction", "items"]})

    title: Text | None = None
    summary: RichText | None = Field(None, description="What changed in this version (required after the first)")
    introduction: RichText
    items: list[CookieItem] = Field(default_factory=list, description="every cookie and storage key your websites "
                                                                      "set (this generated site's own are added)")
    blocking: RichText | None = Field(None, description="your own text on blocking and deleting cookies")
    sections: list[Section] = Field(default_factory=list)
    acknowledged: list[Acknowledgement] = Field(default_factory=list, description="warnings kept on purpose, each "
                                                "with its reason (shown to reviewers)")


COOKIE_PARTS = ("introduction", "items", "site", "blocking", "contact")


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
