"""UI strings through gettext catalogs, compiled in memory from the .po files."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from privacy_site.i18n.register import Register, address_words

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@cache  # the package's catalogs do not change while it runs
def available_languages() -> tuple[str, ...]:
    """Languages with a UI catalog, in a stable order."""
    order = ("nl", "fr", "de", "en")
    present = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(lang for lang in order if lang in present)


def _read(folder: str, domain: str = DOMAIN) -> Catalog:
    with (LOCALE_DIR / folder / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle, locale=folder.split("_")[0])


def _compiled(catalog: Catalog, domain: str) -> Translations:
    """A catalog compiled in memory (a stale .mo can never be used)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def _informal_folder(lang: str) -> str | None:
    """The catalog of the informal register of `lang` ("nl_informal"), when the language has one."""
    folder = f"{lang}_informal"
    return folder if (LOCALE_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file() else None


@cache
def translations(lang: str, register: Register) -> Translations:
    """The compiled catalog for `lang` in `register`; compiling here means a stale .mo can never be used.

    The informal catalog holds only the messages that address the reader ("je" for "u"); every other
    message reads the same in both registers, so it comes from the language's own catalog.
    """
    catalog = _read(lang)
    informal = _informal_folder(lang) if register == "informal" else None
    if informal is not None:
        for message in _read(informal):
            if message.id and message.string and message.id in catalog:
                catalog[message.id].string = message.string
    return _compiled(catalog, DOMAIN)


def untranslated(lang: str, domain: str = DOMAIN) -> list[str]:
    """msgids of `lang`'s catalog (of `domain`) that have no translation (a test keeps this empty)."""
    return [str(m.id) for m in _read(lang, domain) if m.id and (not m.string or m.fuzzy)]


def register_gaps(lang: str) -> list[str]:
    """What keeps `lang`'s informal catalog from matching its formal one (a test keeps this empty).

    A formal message that addresses the reader ("u", "uw") needs an informal one; an informal
    message must not address the reader formally.
    """
    folder = _informal_folder(lang)
    if folder is None:
        return []
    informal = {m.id: m for m in _read(folder) if m.id}
    gaps = []
    for message in _read(lang):
        if not message.id:
            continue
        other = informal.get(message.id)
        if other is None:
            gaps.append(f"{message.id!r}: not in {folder}; run `make messages`")
        elif address_words(str(message.string), "formal") and not other.string:
            gaps.append(f"{message.id!r}: the formal text addresses the reader; write its informal text in {folder}")
        elif other.string and address_words(str(other.string), "formal"):
            gaps.append(f"{message.id!r}: the informal text still says {address_words(str(other.string), 'formal')}")
    return gaps


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a string for the catalogs without translating it yet."""
    return message


def document_name(document: str, lang: str, register: Register) -> str:
    """The default title of a document kind: "Privacyverklaring", "Déclaration relative aux cookies"."""
    _ = translations(lang, register).gettext
    return {"privacy": _("Privacy statement"), "cookies": _("Cookie statement")}[document]


def document_title(statement: object, document: str, lang: str, register: Register) -> str:
    """A statement's own title, else the default title of its kind."""
    title = getattr(statement, "title", None)
    return title.get(lang) if title is not None else document_name(document, lang, register)


EDITOR_DOMAIN = "editor"  # what privacy-site tells editors (check messages), apart from what visitors read
EDITOR_LANGUAGES = ("nl", "fr", "en")


@cache
def editor_gettext(lang: str) -> Callable[[str], str] | None:
    """The editors' catalog of `lang` as a gettext function; None for English (the messages' own language)."""
    if lang not in EDITOR_LANGUAGES or lang == "en":
        return None
    return _compiled(_read(lang, EDITOR_DOMAIN), EDITOR_DOMAIN).gettext


def editor_language(chosen: str | None, environ: Mapping[str, str]) -> str:
    """The language to tell editors in: the option, else the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
    as gettext reads them), else English."""
    if chosen:
        return chosen
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for item in value.split(":"):  # LANGUAGE may list several: nl_BE:fr
            lang = item.split("_")[0].split(".")[0].split("@")[0].lower()
            if lang in EDITOR_LANGUAGES:
                return lang
        if name != "LANGUAGE":  # the locale in force has no catalog (de_DE, C): English, not a guess
            return "en"
    return "en"
