"""Organisation texts that contradict a generated clause: a reply time other than the law's, an ID-card copy.

The generated text on rights says what the law requires (an answer within one month, extendable by two
months: GDPR art. 12(3)) and what the organisation's `requests:` settings say about identity checks. An
organisation text that says otherwise on the same page leaves the visitor with two answers, so it is
refused where the words make it certain; anything less certain is left to the reviewer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from privacy_site.checks.consistency import texts_of
from privacy_site.model.documents import Organisation
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located

_NUMBER = r"(?:\d+|twee|drie|vier|vijf|zes|tien|veertien|dertig|two|three|four|five|ten|fourteen|thirty|deux|trois|" \
          r"quatre|cinq|dix|quinze|trente)"
_REPLY_TIME = re.compile("|".join((
    r"\b(?:binnen|uiterlijk|na)\s+(?:de\s+|een\s+termijn\s+van\s+)?" + _NUMBER
    + r"\s+(?:werk|kalender)?(?:dagen|weken)\b",
    r"\b(?:dans\s+les|sous|dans\s+un\s+délai\s+de)\s+" + _NUMBER + r"\s+(?:jours|semaines)\b",
    r"\bwithin\s+" + _NUMBER + r"\s+(?:working\s+|calendar\s+)?(?:days|weeks)\b")), re.IGNORECASE)
_ANSWER = re.compile(r"antwoord|beantwoord|reactie|réponse|répond|answer|repl(?:y|ies)|respon", re.IGNORECASE)
_ID_COPY = re.compile(
    r"\bkopie\s+van\s+(?:uw\s+|je\s+|jouw\s+|de\s+|een\s+|het\s+)?(?:identiteitskaart|identiteitsbewijs|eid|paspoort)"
    r"|\bcopie\s+(?:de\s+(?:votre\s+|la\s+|ta\s+)?|d['’]une\s+|du\s+)?(?:carte\s+d['’]identité|pièce\s+d['’]identité|"
    r"passeport)"
    r"|\bcop(?:y|ies)\s+of\s+(?:your\s+|an\s+|the\s+)?(?:identity\s+card|id\s+card|passport)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:nooit|niet|geen|jamais|pas|aucune?|never|not|no)\b|\bn['’]", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_ABOUT_REQUESTS = ("rights", "sections", "clauses")  # the fields where a reply time is about privacy requests


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def check_promises(located: Located, organisation: Organisation | None, *, clauses_only: bool = False) -> list[Problem]:
    """Texts of one file that contradict the generated clauses on reply times and identity checks."""
    problems: list[Problem] = []
    never_copy = organisation is not None and organisation.requests.never_id_card_copy
    for path, texts in texts_of(located):
        if not path or path[0] == "summary" or (clauses_only and path[0] != "clauses"):
            continue
        for lang, text in texts.items():
            if not isinstance(text, str):
                continue
            problem = _contradiction(text, path[0] in _ABOUT_REQUESTS, never_copy)
            if problem:
                problems.append(located.problem((*path, lang), about(located.field((*path, lang)), problem)))
    return problems


@lru_cache(maxsize=32768)  # pure, and versions repeat most texts of the previous one
def _contradiction(text: str, about_requests: bool, never_copy: bool) -> Msg | None:
    if not about_requests and not never_copy:
        return None  # neither rule applies to this text
    for sentence in _sentences(text):
        found = _REPLY_TIME.search(sentence) if about_requests else None
        if found and _ANSWER.search(sentence):
            return msg('promises an answer "{found}", but the text on your rights gives the time the law sets: '
                       "one month, extendable by two months for complex or numerous requests (GDPR art. 12(3)); "
                       "remove the time or write it as one month", found=found.group(0))
        found = _ID_COPY.search(sentence) if never_copy else None
        if found and not _NEGATION.search(sentence):
            return msg('mentions asking for a "{found}", but organisation.yaml says you never ask for one '
                       "(requests: never_id_card_copy: true); remove the sentence, or set never_id_card_copy to "
                       "false", found=found.group(0))
    return None

