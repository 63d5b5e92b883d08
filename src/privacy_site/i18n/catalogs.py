"""UI strings through gettext catalogs, compiled in memory from the .po files."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def available_languages() -> tuple[str, ...]:
    """Languages with a UI catalog, in a stable order."""
    order = ("nl", "fr", "de", "en")
    present = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(lang for lang in order if lang in present)


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog for `lang`; compiling here means a stale .mo can never be used."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def untranslated(lang: str) -> list[str]:
    """msgids of `lang`'s catalog that have no translation (a test keeps this empty)."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a string for the catalogs without translating it yet."""
    return message


def document_name(document: str, lang: str) -> str:
    """The default title of a document kind: "Privacyverklaring", "Déclaration relative aux cookies"."""
    _ = translations(lang).gettext
    return {"privacy": _("Privacy statement"), "cookies": _("Cookie statement")}[document]


def document_title(statement: object, document: str, lang: str) -> str:
    """A statement's own title, else the default title of its kind."""
    title = getattr(statement, "title", None)
    return title.get(lang) if title is not None else document_name(document, lang)
