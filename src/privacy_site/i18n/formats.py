"""Dates and language names through Babel, with Belgian locales."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.lists import format_list
from babel.numbers import format_decimal

BABEL_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "de": "de_BE", "en": "en_BE"}


def long_date(value: date, lang: str) -> str:
    """A date as visitors write it: "1 juli 2023", "1er juillet 2023"."""
    pattern = "d MMMM y"
    if lang == "fr" and value.day == 1:
        pattern = "d'er' MMMM y"  # French writes the first day of a month as an ordinal
    return _babel_format_date(value, pattern, locale=BABEL_LOCALES[lang])


def language_name(lang: str, in_lang: str | None = None, *, capital: bool = True) -> str:
    """A language's name in `in_lang` (default: itself): "Nederlands", "Français", "néerlandais"."""
    name = Locale.parse(lang).get_display_name(in_lang or lang) or lang
    return name[:1].upper() + name[1:] if capital else name


def md_link(label: str, url: str) -> str:
    """A Markdown link."""
    return f"[{label}]({url})"


def duration(amount: int, unit: str, lang: str) -> str:
    """A period in words through Babel: "1 jaar", "13 mois", "30 dagen"."""
    from babel.units import format_unit

    text = format_unit(amount, f"duration-{unit}", length="long", locale=lang)
    if "duration-" in text:  # some locales only have the short pattern for a unit (nl: day, hour)
        text = format_unit(amount, f"duration-{unit}", length="short", locale=lang)
    return text


def and_list(items: list[str], lang: str) -> str:
    """Names in running text: "A, B en C", "A, B et C"."""
    return format_list(items, locale=BABEL_LOCALES[lang])


def web_link(url: str) -> str:
    """A Markdown link to a website, labelled with its address without the scheme."""
    label = url.removeprefix("https://").removeprefix("http://").rstrip("/")
    return f"[{label}]({url})"


_SMALL = {"nl": ("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
          "fr": ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
          "de": ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"),
          "en": ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")}


def count_words(number: int, lang: str) -> str:
    """A small count written out, as in running text ("vier", "quatre"); larger ones in figures."""
    words = _SMALL.get(lang)
    return words[number - 2] if words and 2 <= number <= 10 else format_decimal(number, locale=lang)
