"""How an organisation's name enters a generated sentence: its article, and whether it ends in an apposition."""

from __future__ import annotations

from privacy_site.i18n.names import of_name, subject
from privacy_site.model.documents import Organisation


def article(org: Organisation, lang: str) -> str | None:
    """The article of the name in `lang`, if it takes one."""
    return getattr(org.article, lang, None) if org.article else None


def apposition(org: Organisation, lang: str) -> bool:
    """True when the name is the short name followed by an apposition: "Fopas, Fonds voor bestaanszekerheid"."""
    return org.short_name is not None and org.name.get(lang).startswith(org.short_name.get(lang) + ", ")


def as_subject(org: Organisation, lang: str, name: str | None = None) -> str:
    """The organisation opening a sentence: "De VDAB", "Fopas, Fonds voor bestaanszekerheid,"."""
    return subject(name or org.name.md(lang), article(org, lang), lang, apposition=apposition(org, lang))


def of_org(org: Organisation, lang: str, *, closing: bool) -> str:
    """ "of" + the organisation: "van de VDAB", "du VDAB", "de Fopas"; `closing` when words follow it."""
    return of_name(org.name.md(lang), article(org, lang), lang, apposition=apposition(org, lang), closing=closing)
