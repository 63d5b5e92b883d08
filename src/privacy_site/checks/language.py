"""Texts in the wrong language, and texts left the same in two languages (editor warnings).

A Dutch text pasted under `fr:` by mistake, or a text copied into both languages and never translated, is
a warning with the place of the text and of its twin. Only prose is judged: names, addresses, e-mail
addresses, web addresses, numbers, quoted names («Mijn Loopbaan») and short terms are left out first, and
what remains must hold at least MIN_WORDS words in lower case and MIN_LETTERS letters (a short sentence).

Language identification is lingua's (lingua-language-detector), restricted to Dutch, French, English and
German. Its fast mode (trigrams, loaded in about 0.1 s) reads every judged text; it is as good as the full
mode from 120 characters on, not below. A short text it places in another language of the same field is
read again by the full mode (1- to 5-grams, a few seconds to load, so loaded only then); a short text it
places in English or German is left alone. A text is in the wrong language when its own language is
clearly unlikely (confidence at most MAX_FILED_CONFIDENCE). Each detector is built once per process.

Like the wording warnings, these apply to the latest version of each document, and an organisation keeps a
text on purpose by acknowledging it in the version file:

    acknowledged:
      - warning: untranslated
        field: processing.training.title
        reason: {nl: ..., fr: ...}
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from privacy_site.checks.consistency import LANGUAGE, THE_CODED_TEXT, THIS_CODED_TEXT, text_maps
from privacy_site.checks.wording import unless_acknowledged
from privacy_site.source.messages import Msg, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_

if TYPE_CHECKING:
    from lingua import LanguageDetector

CODES = ("wrong-language", "untranslated")
MIN_WORDS = 4  # words in lower case: names and titles are mostly capitalised
MIN_LETTERS = 25
MAX_FILED_CONFIDENCE = 0.05
MAX_JUDGED = 200  # characters of prose read per text
FULL_MODE_BELOW = 120  # characters: lingua's full mode reads texts this long with trigrams only, like the fast one

_LANGUAGES = ("nl", "fr", "en", "de")
# Short words that belong to one of the four languages only ("de", "en", "die", "is", "we"… are left out: they are
# words of two). A text with several of its own language's and hardly any of another's is plainly in its language:
# the detector, the check's most expensive step, is asked only about the others.
_OWN_WORDS = {
    "nl": frozenset("het een van voor zijn uw wij ons onze niet aan bij worden wordt deze naar ook tot hoe wat jouw "
                    "jij kunt hebben heeft wanneer welke waar".split()),
    "fr": frozenset("le la les des du et vous nous votre vos notre nos un une est sont pour avec dans qui que sur "
                    "par au aux ces cette leur peut être".split()),
    "en": frozenset("the and of to you your our for with are this that be by on or not will can which".split()),
    "de": frozenset("der und ist nicht sie ihre wir unsere zu mit für auf werden eine dem".split()),
}
PLAIN_MIN = 3  # own words at least, and at least 4 times those of any other language
_NOT_PROSE = re.compile(
    r"\]\([^)]*\)"  # a link's address (its text stays)
    r"|<[^>\s]*>|(?:https?://|mailto:|tel:)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:be|eu|com|org|net|nl|fr|de|lu|info)\b"  # domain names
    r"|«[^»]*»|“[^”]*”|„[^”“]*[”“]|\"[^\"]*\"|‘[^’]*’"  # quoted names and titles
    r"|\([^)]*\)"  # abbreviations and names in brackets
    r"|\d[\d.,/:h-]*")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def _detector(full: bool) -> LanguageDetector:
    """lingua's detector for the four languages, built once: `full` is the slower, more accurate mode."""
    from lingua import Language, LanguageDetectorBuilder  # imported on first use: most commands never judge a text

    builder = LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.FRENCH, Language.ENGLISH,
                                                     Language.GERMAN)
    return builder.build() if full else builder.with_low_accuracy_mode().build()


@lru_cache(maxsize=65536)  # versions repeat most texts of the previous one: judge each text once
def prose(text: str) -> str | None:
    """The text without names, addresses and numbers, when enough of it remains to tell its language."""
    rest = _NOT_PROSE.sub(" ", text)
    words = _WORD.findall(rest)
    if sum(word[0].islower() for word in words) < MIN_WORDS or sum(map(len, words)) < MIN_LETTERS:
        return None
    judged = " ".join(rest.split())
    cut = judged.rfind(" ", 0, MAX_JUDGED + 1)  # enough to tell the language; the time it takes grows with length
    return judged if len(judged) <= MAX_JUDGED else judged[:cut if cut > 0 else MAX_JUDGED]


def _confidences(text: str, full: bool) -> dict[str, float]:
    values = _detector(full).compute_language_confidence_values(text)
    return {value.language.iso_code_639_1.name.lower(): value.value for value in values}


def _plainly(text: str, filed: str) -> bool:
    """Whether a text is plainly written in `filed`, from its short words alone."""
    words = _WORD.findall(text.lower())
    counts = {lang: sum(word in own for word in words) for lang, own in _OWN_WORDS.items()}
    own = counts.pop(filed)
    return own >= PLAIN_MIN and all(4 * other <= own for other in counts.values())


@lru_cache(maxsize=65536)
def language_of(text: str, filed: str, twins: tuple[str, ...] = ()) -> str | None:
    """The language a text is clearly written in when it is not `filed`, else None.

    `twins` are the other languages of the same field: a short text is only judged against them.
    """
    if filed not in _LANGUAGES or _plainly(text, filed):  # links and names hardly hold short words: no need to
        return None                                        # take them out first
    judged = prose(text)
    if judged is None:
        return None
    values = _confidences(judged, full=False)
    best = max(values, key=values.__getitem__)
    if best == filed:
        return None
    if len(judged) < FULL_MODE_BELOW:
        if best not in twins:
            return None
        values = _confidences(judged, full=True)
        best = max(values, key=values.__getitem__)
    return best if best != filed and values.get(filed, 0.0) <= MAX_FILED_CONFIDENCE else None


def _field_key(data: dict[str, Any], path: Path_) -> str:
    """How an acknowledgement names a field: processing.<id>.retention (ids stay when activities move)."""
    parts = [str(p) for p in path]
    for i, seg in enumerate(path):
        if isinstance(seg, int) and i > 0:
            item = _at(data, path[:i + 1])
            parts[i] = str(item["id"]) if isinstance(item, dict) and isinstance(item.get("id"), str) else str(seg + 1)
    return ".".join(parts)


def _at(data: Any, path: Path_) -> Any:
    for seg in path:
        data = data[seg]
    return data


def language_problems(located: Located) -> list[tuple[str, Path_, str, Msg]]:
    """(code, path of the text, language, message) of every text in the wrong language or left untranslated."""
    data = located.data if isinstance(located.data, dict) else {}
    found = []
    for path, text in text_maps(data):
        if path[:1] == ("acknowledged",):
            continue
        langs = tuple(lang for lang in ("nl", "fr", "de", "en") if isinstance(text.get(lang), str))
        for i, lang in enumerate(langs):
            twin = next((other for other in langs if other != lang), None)
            same = next((other for other in langs[:i] if text[other].strip() == text[lang].strip()), None)
            if same is not None:
                if prose(text[lang]) is not None:  # a name or an address may well read the same
                    line, col = located.pos((*path, same))
                    found.append(("untranslated", path, lang, msg(
                        "{text} is the same as {same} at {where}; translate it into {language}",
                        text=THE_CODED_TEXT[lang], same=THE_CODED_TEXT[same], where=f"{located.file}:{line}:{col}",
                        language=LANGUAGE[lang])))
                continue
            actual = language_of(text[lang], lang, tuple(other for other in langs if other != lang))
            if actual is None:
                continue
            if twin is not None:  # positions are only looked up for a problem (finding them reads the file again)
                line, col = located.pos((*path, twin))
                where = f"{located.file}:{line}:{col}"
            if twin is None:
                message = msg("{text} is written in {actual}; write it in {language}", text=THIS_CODED_TEXT[lang],
                              actual=LANGUAGE[actual], language=LANGUAGE[lang])
            elif twin == actual:
                message = msg("{text} is written in {actual} (like {twin} at {where}); write it in {language}",
                              text=THIS_CODED_TEXT[lang], actual=LANGUAGE[actual], twin=THE_CODED_TEXT[twin],
                              where=where, language=LANGUAGE[lang])
            else:
                message = msg("{text} is written in {actual} ({twin} is at {where}); write it in {language}",
                              text=THIS_CODED_TEXT[lang], actual=LANGUAGE[actual], twin=THE_CODED_TEXT[twin],
                              where=where, language=LANGUAGE[lang])
            found.append(("wrong-language", path, lang, message))
    return found


def check_languages(located: Located) -> list[Problem]:
    """Warnings on texts in the wrong language or left untranslated, unless acknowledged; stale acknowledgements."""
    return unless_acknowledged(located, language_problems(located), _field_key, CODES)
