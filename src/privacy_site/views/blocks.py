"""The building blocks of statement views: labelled facts, titled blocks, contact lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import language_name, web_link
from privacy_site.i18n.register import Register
from privacy_site.model.documents import Address, Contact, Organisation


@dataclass(frozen=True)
class Link:
    """A labelled link, URL relative to the site root or absolute."""

    label: str
    url: str
    lang: str | None = None


@dataclass(frozen=True)
class Fact:
    """A labelled entry: a heading-like label with one or more values (Markdown)."""

    label: str
    items: list[str]
    as_list: bool = False


@dataclass(frozen=True)
class Block:
    """A titled part of a statement, with an anchor id."""

    id: str
    title: str
    body: list[str] = field(default_factory=list)  # Markdown paragraphs
    facts: list[Fact] = field(default_factory=list)
    subsections: list[Block] = field(default_factory=list)
    notice: tuple[str, str, str] | None = None  # (anchor, title, Markdown) set apart at the top (art. 21(4))


def _t(lang: str, register: Register):  # noqa: ANN202 - returns gettext
    return translations(lang, register).gettext


def _pair(_: Any, label: str, value: str) -> str:
    """ "Label: value", with the language's punctuation (French puts a space before the colon)."""
    return _("{label}: {value}").format(label=label, value=value)


def _address(address: Address, lang: str) -> str:
    return f"{address.street.md(lang)}, {address.postal_code} {address.city.md(lang)}"


def _contact_lines(contact: Contact, lang: str, register: Register) -> list[str]:
    _ = _t(lang, register)
    lines = []
    if contact.name:
        lines.append(f"**{contact.name.md(lang)}**")
    if contact.email:
        lines.append(_pair(_, _("E-mail"), f"[{contact.email}](mailto:{contact.email})"))
    if contact.phone:
        # After a comma, not in brackets: the hours often end in a bracket of their own ("(free number)").
        hours = f", {contact.hours.md(lang)}" if contact.hours else ""
        lines.append(_pair(_, _("Phone"), f"[{contact.phone}](tel:{contact.phone.replace(' ', '')}){hours}"))
    if contact.address:
        lines.append(_pair(_, _("Post"), f"{_address(contact.address, lang)}"))
    if contact.form:
        lines.append(_pair(_, _("Web form"), web_link(contact.form)))
    return lines




def translation_note(o: Organisation, lang: str, authoritative: str | None) -> Markup | None:
    """On every page in a language other than the authoritative one: this is a translation (HTML)."""
    if not o.authoritative_language or o.authoritative_language == lang:
        return None
    _ = _t(lang, o.form_of_address)
    language = language_name(o.authoritative_language, lang, capital=False)
    note = _("This is a translation. The {language} text is authoritative.").format(language=language)
    if authoritative:
        link = _("Read the {language} text").format(language=language)
        note = Markup('{} <a href="{}" hreflang="{}">{}</a>').format(note, authoritative, o.authoritative_language,
                                                                      link)
    return Markup("<p>{}</p>").format(note)
