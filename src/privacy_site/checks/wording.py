"""Checks for editors: placeholders left in a text (errors) and vague wording that WP260 advises against (warnings).

Warnings are given on the latest version of each document only: older versions are records that cannot change.
An organisation keeps a warned wording on purpose by acknowledging it in the version file, with a reason:

    acknowledged:
      - warning: vague-retention
        field: processing.training.retention
        reason: {nl: ..., fr: ...}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from privacy_site.checks.consistency import text_maps
from privacy_site.model.versions import PLACEHOLDER
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import WARNING, Problem
from privacy_site.source.yamlsrc import Located, Path_

# A note is only a placeholder where it stands on its own: "om je adres te bevestigen" is a real sentence.
_ALONE = r"(?:^|[(\[:;,/–—-]\s*)"
_PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBD|FIXME|XXX+)\b|\blorem ipsum\b"
    rf"|\bnog te bevestigen\b|{_ALONE}te bevestigen\b|\b(?:reste|encore) à confirmer\b|{_ALONE}à confirmer\b"
    r"|\[[^\]\n]*\](?!\()",  # square brackets that do not hold a link's text: "[invullen]", "[?]"
    re.IGNORECASE)

# What every match of _PLACEHOLDER contains, in lower case: a text without any of them is skipped without the
# (slow) pattern. Exact: the three characters that match one of these letters under re.IGNORECASE but do not
# lower-case to it (İ, dotless ı, long ſ) send the text to the pattern too.
_PLACEHOLDER_PARTS = ("todo", "tbd", "fixme", "xxx", "lorem ipsum", "te bevestigen", "à confirmer", "[")
_FOLDS_APART = ("\u0130", "\u0131", "\u017f")


_VAGUE_RETENTION = re.compile(
    r"\bzo ?lang (?:als |dat |het )?(?:nodig|noodzakelijk|vereist)\b|\bniet langer dan (?:nodig|noodzakelijk|vereist)\b"
    r"|\baussi longtemps que (?:c['’]est |cela est )?(?:nécessaire|requis)\b"
    r"|\bpas plus longtemps que (?:nécessaire|requis)\b|\ble temps nécessaire\b", re.IGNORECASE)
_PERIOD_OR_CRITERIA = re.compile(
    r"\d|\b(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|wettelijk\w*|wet|decreet|verjaring\w*|einde|afloop"
    r"|beëindiging|archie\w*|ans?|années?|mois|semaines?|jours?|heures?|légal\w*|loi|décret|prescription"
    r"|expiration|archiv\w*)\b|\bfin d[ue'’]|\bfin de la\b", re.IGNORECASE)
_VAGUE_TRANSFER = re.compile(
    r"\bin principe\b|\bkan (?:\w+ )?gebeuren\b|\beventueel\b|\bin sommige gevallen\b"
    r"|\ble cas échéant\b|\ben principe\b|\bpeu(?:t|vent) (?:\w+ )?(?:avoir lieu|arriver|se produire)\b"
    r"|\béventuellement\b|\bdans certains cas\b", re.IGNORECASE)
_SAFEGUARD = re.compile(
    r"adequa|adéqua|standaardcontract|modelcontract|bindende bedrijfsvoorschriften|clauses contractuelles"
    r"|règles d['’]entreprise contraignantes|data privacy framework|\bart(?:ikel|icle|\.)\s*4[5-9]", re.IGNORECASE)
_COUNTRY = re.compile(
    r"\b(?:Verenigde Staten|États-Unis|Etats-Unis|VS|USA|Verenigd Koninkrijk|Royaume-Uni|Zwitserland|Suisse|Canada"
    r"|Japan|Japon|India|Inde|Israël|Australi[ëe]|Nieuw-Zeeland|Nouvelle-Zélande|Zuid-Korea|Corée du Sud"
    r"|Argentini[ëe]|Argentine|Brazili[ëe]|Brésil|China|Chine|Singapore|Singapour|Turkije|Turquie|Marokko|Maroc)\b")
_CONDITIONAL = re.compile(
    r"\b(?:kan|kunnen|kon|konden|zou|zouden|mogelijk|mogelijks|eventueel|eventuele|misschien"
    r"|peut|peuvent|pouvons|pourra|pourrait|pourraient|pourront|pourrons|pourrions|éventuel(?:le)?s?|éventuellement|possiblement"
    r"|le cas échéant)\b", re.IGNORECASE)
# Not conditional: "zo snel mogelijk" (as soon as possible), "mogelijk maken" (to enable), and what a purpose
# enables ("zodat je ... kan", "om ... te kunnen").
_NOT_CONDITIONAL = re.compile(r"\bzo \w+ mogelijk\b|\bmogelijk (?:te )?maken\b|\b(?:maakt|maken) (?:het )?mogelijk\b"
                              r"|\bzodat\b[^.;]*?\b(?:kan|kunnen)\b|\bte kunnen\b", re.IGNORECASE)

CODES = ("vague-retention", "vague-transfers", "conditional-purpose")


def _strings(data: Any, path: Path_ = ()) -> list[tuple[Path_, str]]:
    found: list[tuple[Path_, str]] = []
    _collect_strings(data, path, found)
    return found


def _collect_strings(data: Any, path: Path_, found: list[tuple[Path_, str]]) -> None:
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _collect_strings(value, (*path, key), found)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _collect_strings(item, (*path, i), found)


@lru_cache(maxsize=32768)  # pure, and versions repeat most texts of the previous one
def _placeholder(text: str) -> str | None:
    """The first placeholder or note to self in a text, or None."""
    lowered = text.lower()
    if not any(part in lowered for part in _PLACEHOLDER_PARTS) and not any(c in text for c in _FOLDS_APART):
        return None
    found = _PLACEHOLDER.search(text)
    return None if found is None else found.group().strip(" (:;,/–—-")


def check_placeholders(located: Located) -> list[Problem]:
    """Placeholders and notes to self are refused in every text of a policy file."""
    problems = []
    for path, text in _strings(located.data):
        if path[:1] == ("summary",) and PLACEHOLDER in text:
            continue  # the summary check reports the placeholder of a new version with its own advice
        note = _placeholder(text)
        if note is None:
            continue
        if note.startswith("["):
            why = msg('"{note}": square brackets outside a link read as a note to self (a link is written '
                      "[text](https://...)); write the final text before it is published", note=note)
        else:
            why = msg('"{note}": this is a placeholder or a note to self; write the final text before it is published',
                      note=note)
        problems.append(located.problem(path, about(located.field(path), why)))
    return problems


def _field_key(data: dict[str, Any], path: Path_) -> str:
    """How an acknowledgement names a field: processing.<id>.retention (ids stay when activities move)."""
    if path[:1] == ("processing",) and len(path) > 2:
        activity = data["processing"][path[1]]
        return f"processing.{activity.get('id', path[1] + 1)}.{path[2]}"
    return ".".join(str(p) for p in path)


def _lint(data: dict[str, Any]) -> Iterator[tuple[str, Path_, str, str]]:
    """(code, path of the text, language, phrase) of every vague wording."""
    for path, text in text_maps(data):
        kind = path[0] if path[:1] == ("transfers_outside_eea",) else (
            path[2] if path[:1] == ("processing",) and len(path) > 2 else None)
        for lang, value in text.items():
            if not isinstance(value, str):
                continue
            if kind == "retention":
                found = _VAGUE_RETENTION.search(value)
                if found and not _PERIOD_OR_CRITERIA.search(value):
                    yield "vague-retention", path, lang, found.group()
                    break
            elif kind == "transfers_outside_eea":
                found = _VAGUE_TRANSFER.search(value)
                if found and not (_COUNTRY.search(value) and _SAFEGUARD.search(value)):
                    yield "vague-transfers", path, lang, found.group()
                    break
            elif kind == "purposes":
                found = _CONDITIONAL.search(_NOT_CONDITIONAL.sub("", value))
                if found:
                    yield "conditional-purpose", path, lang, found.group()
                    break


def _why(code: str, phrase: str) -> Msg:
    """What is vague about `phrase`, and how to say it plainly."""
    if code == "vague-retention":
        return msg('"{phrase}" gives neither a period nor the criteria that determine it (GDPR art. 13(2)(a), '
                   "14(2)(a)); the transparency guidelines (WP260) say it is not enough to state that data are kept "
                   'as long as necessary: give the period ("5 jaar na ..." / "5 ans après ...") or the criteria (the '
                   "law that sets it, the event that ends it)", phrase=phrase)
    if code == "vague-transfers":
        return msg('"{phrase}" leaves open whether data leave the EEA (GDPR art. 13(1)(f)); the transparency '
                   "guidelines (WP260) ask to name the countries and the safeguard (adequacy decision, standard "
                   "contractual clauses, art. 46-49): name them, or say plainly that there are no transfers",
                   phrase=phrase)
    return msg('"{phrase}" makes the purpose conditional; the transparency guidelines (WP260) advise against '
               'qualifiers such as "may", "might" and "possible": a visitor cannot tell whether the processing '
               "happens; say what you do and in which cases", phrase=phrase)


def _acknowledgeable(field: str, warning: Msg, code: str, key: str) -> Msg:
    """A warning on `field`, with how to keep the text on purpose: acknowledge it as `key`."""
    return about(field, msg('{warning}; or, to keep it, acknowledge it under "acknowledged" with {{warning: {code}, '
                            "field: {key}, reason: {{...}}}}", warning=warning, code=code, key=key))


def unless_acknowledged(located: Located, found: Iterable[tuple[str, Path_, str, Msg]],
                        key_of: Callable[[dict[str, Any], Path_], str], codes: tuple[str, ...]) -> list[Problem]:
    """Warnings for `found` (code, path of the text, language, why) that the version does not acknowledge, and an
    error for each of its acknowledgements of `codes` that no warning needs any more."""
    data = located.data if isinstance(located.data, dict) else {}
    raw = data.get("acknowledged")
    acknowledged = {(a.get("warning"), a.get("field")): i for i, a in enumerate(raw if isinstance(raw, list) else [])
                    if isinstance(a, dict)}
    used: set[int] = set()
    problems = []
    for code, path, lang, why in found:
        key = key_of(data, path)
        if (code, key) in acknowledged:
            used.add(acknowledged[(code, key)])
            continue
        line, col = located.pos((*path, lang))
        problems.append(Problem(located.file, line, col, _acknowledgeable(located.field((*path, lang)), why, code, key),
                                WARNING))
    for (code, key), i in acknowledged.items():
        if i not in used and code in codes:
            problems.append(located.problem(("acknowledged", i), about(located.field(("acknowledged", i)), msg(
                'there is no "{code}" warning on {key}; remove this acknowledgement', code=code, key=key))))
    return problems


def check_wording(located: Located) -> list[Problem]:
    """Warnings on vague retention, transfers and purposes, unless acknowledged; stale acknowledgements are errors."""
    data = located.data if isinstance(located.data, dict) else {}
    return unless_acknowledged(located, ((code, path, lang, _why(code, phrase)) for code, path, lang, phrase
                                         in _lint(data)), _field_key, CODES)


def acknowledgements(data: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, field, reason per language) of every acknowledgement in a version's raw data."""
    raw = data.get("acknowledged") if isinstance(data, dict) else None
    return [(str(a.get("warning")), str(a.get("field")), a.get("reason") if isinstance(a.get("reason"), dict) else {})
            for a in (raw if isinstance(raw, list) else []) if isinstance(a, dict)]
