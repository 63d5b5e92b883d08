"""An organisation's name inside a generated sentence: its article, contractions and apposition commas."""

from __future__ import annotations

_VOWELS = set("aeiouyàâäéèêëîïôöûüæœ")


def _elides(name: str) -> bool:
    """True when French elides before `name` ("l'Office", "d'Actiris"); Markdown emphasis is skipped."""
    first = name.lstrip("*_")[:1].lower()
    return first in _VOWELS


def _with_article(name: str, article: str | None, lang: str) -> str:
    if article is None:
        return name
    if lang == "fr" and article in ("le", "la") and _elides(name):
        return f"l'{name}"
    return f"{article} {name}"


def subject(name: str, article: str | None, lang: str, *, apposition: bool) -> str:
    """The name opening a sentence, before its verb: "De VDAB", "L'Office …", "Fopas, Fonds …,"."""
    phrase = _with_article(name, article, lang)
    phrase = phrase[:1].upper() + phrase[1:]
    # An apposition is closed by a comma before the sentence goes on ("Fopas, Fonds …, is").
    return f"{phrase}," if apposition else phrase


def of_name(name: str, article: str | None, lang: str, *, apposition: bool, closing: bool) -> str:
    """ "of" + the name: "van de VDAB", "du VDAB", "de l'Office", "d'Actiris"; `closing` when words follow."""
    comma = "," if apposition and closing else ""
    if lang == "nl":
        return f"van {_with_article(name, article, lang)}{comma}"
    if lang == "fr":
        if article == "le" and not _elides(name):
            return f"du {name}{comma}"
        if article == "les":
            return f"des {name}{comma}"
        phrase = _with_article(name, article, lang)
        return (f"d'{phrase}" if article is None and _elides(name) else f"de {phrase}") + comma
    raise KeyError(f"no grammar for names in {lang} sentences")
