"""The change list between two versions, per language: one table row per kind of change, in NL, NL informal and FR."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from privacy_site.model.cookies import CookieStatement
from privacy_site.model.documents import PrivacyStatement
from privacy_site.views.changes import cookie_changes, statement_changes

ROOT = Path(__file__).resolve().parent.parent
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    """Fopas' statement of 1 September 2024, as written in its file, to edit."""
    return yaml.safe_load((ROOT / "policies" / "fopas" / "privacy" / "2024-09-01.yaml").read_text(encoding="utf-8"))


def _rename_activity(d: dict[str, Any]) -> None:
    d["processing"][0]["title"] = {"nl": "Deelname aan opleidingen", "fr": "Participation aux formations"}


def _legal_basis(d: dict[str, Any]) -> None:
    d["processing"][0]["legal_basis"] = ["legal_obligation"]
    d["processing"][0].pop("legitimate_interest")
    d["processing"][0]["legal_basis_note"] = {"nl": "Het sectorakkoord.", "fr": "L'accord sectoriel."}


def _move_section(d: dict[str, Any]) -> None:
    d["sections"][0]["after"] = "security"


def _add_audience(d: dict[str, Any]) -> None:
    d["audiences"].append({"id": "trainers", "name": {"nl": "Lesgevers", "fr": "Formateurs"}})


def _rename_audience(d: dict[str, Any]) -> None:
    d["audiences"][0]["name"] = {"nl": "Werknemers uit PC 306", "fr": "Travailleurs de la CP 306"}


def _transfers_fr_only(d: dict[str, Any]) -> None:
    d["transfers_outside_eea"] = {
        "nl": d["transfers_outside_eea"]["nl"],
        "fr": "Nous ne transférons pas vos données vers des pays situés en dehors de l'Espace économique européen."}


def _automated_fr_only(d: dict[str, Any]) -> None:
    d["automated_decisions"] = {"nl": "We nemen geen geautomatiseerde besluiten.",
                                "fr": "Nous ne prenons aucune décision automatisée."}


def _automated_text(d: dict[str, Any]) -> None:
    d["automated_decisions"] = {"nl": "We nemen geen geautomatiseerde besluiten.",
                                "fr": "Nous ne prenons pas de décisions automatisées."}


A = "‘Deelname aan opleiding, loopbaanbegeleiding en outplacement’"
A_FR = "« Participation à la formation, à l'accompagnement de carrière et à l'outplacement »"
BOTH = object()  # the Dutch change list is the same in both registers

# (what, how the base is prepared, the edit, Dutch formal, Dutch informal, French)
CASES: list[tuple[str, Edit | None, Edit, list[str], Any, list[str]]] = [
    ("activity renamed", None, _rename_activity,
     [f"Verwerking hernoemd: {A} → ‘Deelname aan opleidingen’"], BOTH,
     [f"Traitement renommé : {A_FR} → « Participation aux formations »"]),
    ("legal basis changed", None, _legal_basis,
     [f"Rechtsgrond voor {A} gewijzigd: ons gerechtvaardigd belang (art. 6.1.f AVG) → een wettelijke verplichting "
      "(art. 6.1.c AVG)", f"Gerechtvaardigd belang voor {A} geschrapt", f"Wettelijk kader voor {A} gewijzigd"], BOTH,
     [f"Base juridique de {A_FR} modifiée : notre intérêt légitime (art. 6.1.f RGPD) → une obligation légale "
      "(art. 6.1.c RGPD)", f"Suppression : Intérêt légitime pour {A_FR}", f"Modification : Cadre légal de {A_FR}"]),
    ("section moved", None, _move_section, ["Sectie ‘Publieke en private website’ verplaatst"], BOTH,
     ["Section « Site public et site privé » déplacée"]),
    ("audience added", None, _add_audience, ["Nieuwe betrokken groep: ‘Lesgevers’"], BOTH,
     ["Nouveau groupe concerné : « Formateurs »"]),
    ("audience renamed", None, _rename_audience,
     ["Groep hernoemd: ‘Werknemers van verzekeringsondernemingen’ → ‘Werknemers uit PC 306’"], BOTH,
     ["Groupe renommé : « Travailleurs des entreprises d'assurances » → « Travailleurs de la CP 306 »"]),
    ("French-only correction of the transfers", None, _transfers_fr_only, [], BOTH,
     ["Transferts en dehors de l'Espace économique européen modifiés"]),
    ("French-only correction of automated decisions", _automated_text, _automated_fr_only, [], BOTH,
     ["Décisions automatisées modifiées"]),
]


def _messages(old: dict[str, Any], new: dict[str, Any], lang: str, register: str) -> list[str]:
    return [c.message for c in statement_changes(PrivacyStatement.model_validate(old),
                                                 PrivacyStatement.model_validate(new), lang, register)]  # type: ignore


@pytest.mark.parametrize(("what", "prepare", "edit", "nl", "nl_informal", "fr"), CASES, ids=[c[0] for c in CASES])
def test_privacy_changes(base: dict[str, Any], what: str, prepare: Edit | None, edit: Edit, nl: list[str],
                         nl_informal: Any, fr: list[str]) -> None:
    old = copy.deepcopy(base)
    if prepare is not None:
        prepare(old)
    new = copy.deepcopy(old)
    edit(new)
    assert _messages(old, new, "nl", "formal") == nl
    assert _messages(old, new, "nl", "informal") == (nl if nl_informal is BOTH else nl_informal)
    assert _messages(old, new, "fr", "formal") == fr


def test_a_french_only_correction_has_its_word_diff_in_french_only(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    _transfers_fr_only(new)
    old_s, new_s = PrivacyStatement.model_validate(base), PrivacyStatement.model_validate(new)
    assert statement_changes(old_s, new_s, "nl", "formal") == []  # type: ignore[arg-type]
    [change] = statement_changes(old_s, new_s, "fr", "formal")  # type: ignore[arg-type]
    assert change.diff is not None
    assert [segment for segment in change.diff if segment[0] != "equal"] == [
        ("delete", "à caractère personnel"), ("delete", "l'Union européenne."),
        ("insert", "l'Espace économique européen.")]


COOKIE = {"name": "lang", "category": "necessary", "duration": "1 year",
          "purpose": {"nl": "Onthoudt uw taal.", "fr": "Retient votre langue."}}


def _cookies(item: dict[str, Any]) -> CookieStatement:
    return CookieStatement.model_validate({"introduction": {"nl": "Cookies.", "fr": "Cookies."}, "items": [item]})


COOKIE_CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[str], list[str]]] = [
    ("duration", COOKIE, {**COOKIE, "duration": "13 months"},
     ["Duur van ‘lang’ gewijzigd: 1 jaar → 13 maanden"],
     ["Durée de « lang » modifiée : 1\u00a0an → 13\u00a0mois"]),
    ("party", COOKIE, {**COOKIE, "party": "third", "provider": {"nl": "Taaldienst", "fr": "Service linguistique"}},
     ["Wie ‘lang’ plaatst, is gewijzigd"], ["Modification de qui place « lang »"]),
    ("provider corrected in French only",
     {**COOKIE, "party": "third", "provider": {"nl": "Taaldienst", "fr": "Service des langues"}},
     {**COOKIE, "party": "third", "provider": {"nl": "Taaldienst", "fr": "Service linguistique"}},
     [], ["Modification de qui place « lang »"]),
]


@pytest.mark.parametrize(("what", "old", "new", "nl", "fr"), COOKIE_CASES, ids=[c[0] for c in COOKIE_CASES])
def test_cookie_changes(what: str, old: dict[str, Any], new: dict[str, Any], nl: list[str], fr: list[str]) -> None:
    for register in ("formal", "informal"):
        assert [c.message for c in cookie_changes(_cookies(old), _cookies(new), "nl", register)] == nl  # type: ignore
    assert [c.message for c in cookie_changes(_cookies(old), _cookies(new), "fr", "formal")] == fr
