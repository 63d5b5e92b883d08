"""The first layer's judgements (WP260): what a visitor would not expect, and how long, truthfully."""

from __future__ import annotations

import re

from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.register import Register
from privacy_site.model.documents import PrivacyStatement
from privacy_site.views.client_processing import ANCHOR


def short(label: str) -> str:
    """A term without its explanation in brackets: the first layer names categories, the detail explains."""
    return re.sub(r"\s*\([^)]*\)", "", label)


def unique(items: list[str]) -> list[str]:
    """The items in order, each once."""
    return list(dict.fromkeys(items))


def retention_summary(statement: PrivacyStatement, lang: str, register: Register) -> str:
    """How long, truthfully: the one period all activities share, else where each one is given."""
    _ = translations(lang, register).gettext
    given = [a for a in statement.processing if a.retention]
    periods = unique([a.retention.md(lang) for a in given if a.retention])
    if len(given) == len(statement.processing) and len(periods) == 1 and "\n" not in periods[0]:
        return periods[0]
    links = [f"[{a.title.md(lang)}](#processing-{a.id})" for a in given]
    if len(given) == len(statement.processing):
        return _("Each activity has its own period: see {activities}.").format(activities=", ".join(links))
    missing = [a.title.md(lang) for a in statement.processing if not a.retention]
    return _("The period is given for {activities}; not for {missing}.").format(
        activities=", ".join(links) or "—", missing=", ".join(missing))


def unexpected(statement: PrivacyStatement, lang: str, register: Register) -> list[str]:
    """What a visitor would not expect (WP260): the national register number (also where we process it for
    clients), automated decisions and profiling."""
    _ = translations(lang, register).gettext
    notes = []
    national = [f"[{a.title.md(lang)}](#processing-{a.id})" for a in statement.processing
                if any(t.key == "national_number" for t in [*a.data, *a.optional_data])]
    if national:
        notes.append(_("We use your national register number for: {activities}.").format(
            activities=", ".join(national)))
    # Also where we only process it for a client (its controller): unexpected all the same, said as what it is.
    for_clients = [f"[{a.title.md(lang)}](#{ANCHOR}-{a.id})" for a in statement.as_processor
                   if any(t.key == "national_number" for t in a.data)]
    if for_clients:
        notes.append(_("On behalf of our clients, we process your national register number for: {activities}.")
                     .format(activities=", ".join(for_clients)))
    automated = [f"[{a.title.md(lang)}](#processing-{a.id})" for a in statement.processing if a.automated_decisions]
    overall = statement.automated_decisions
    if automated or (overall is not None and overall.key != "none"):
        details = _("details")
        notes.append(_("Some decisions are made automatically (including profiling): {activities}.").format(
            activities=", ".join(automated) or f"[{details}](#automated)"))
    return notes
