"""The language check (issue 17, item 4): a text in the wrong language, or the same in two languages, is a warning.

Real sentences of the kind the example statements hold; names, addresses, e-mail and web addresses and short
terms are never judged.
"""

from __future__ import annotations

import pytest

from privacy_site.checks import language
from privacy_site.checks.language import check_languages, language_of, prose
from privacy_site.source.yamlsrc import Located, parse_yaml

NL = "We bewaren je gegevens tot vijf jaar na het einde van je lidmaatschap."
FR = "Nous conservons vos données jusqu'à cinq ans après la fin de votre affiliation."
NL_LONG = ("We gebruiken je contactgegevens om je uit te nodigen voor onze opleidingen en om je te laten weten "
           "wanneer er plaatsen vrijkomen. Je kunt je op elk moment uitschrijven via de link onderaan elke e-mail.")
FR_LONG = ("Nous utilisons vos coordonnées pour vous inviter à nos formations et pour vous prévenir lorsque des "
           "places se libèrent. Vous pouvez vous désinscrire à tout moment via le lien au bas de chaque e-mail.")
EN_LONG = ("We use your contact details to invite you to our training courses and to let you know when places "
           "become available. You can unsubscribe at any time using the link at the bottom of every e-mail.")


def located(text: str) -> Located:
    result, problems = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert problems == [] and result is not None
    return result


def retention(nl: str, fr: str, extra: str = "") -> str:
    return f'processing:\n  - id: training\n    retention:\n      nl: "{nl}"\n      fr: "{fr}"\n{extra}'


def messages(text: str) -> list[str]:
    return [str(p) for p in check_languages(located(text))]


@pytest.mark.parametrize(("text", "filed", "expected"), [
    (NL, "nl", None), (FR, "fr", None), (NL_LONG, "nl", None), (FR_LONG, "fr", None),
    (NL, "fr", "nl"), (FR, "nl", "fr"), (NL_LONG, "fr", "nl"), (FR_LONG, "nl", "fr"),
    (EN_LONG, "fr", "en"), (EN_LONG, "nl", "en"),
    ("uw lidmaatschap beheren en u informeren over onze activiteiten", "fr", "nl"),
    ("gérer votre affiliation et vous informer de nos activités", "nl", "fr"),
])
def test_language_of_real_sentences(text: str, filed: str, expected: str | None) -> None:
    assert language_of(text, filed, ("nl", "fr")) == expected


@pytest.mark.parametrize("text", [
    "VDAB", "Sociare", "Departement Werk en Sociale Economie", "Kerkstraat 1, 1000 Brussel",
    "Rue de la Loi 200, 1040 Bruxelles", "privacy@demo.be", "https://www.vdab.be/privacy", "Lidmaatschap",
    "Microsoft Ireland Operations Limited", "Google Ireland Limited, Gordon House, Barrow Street, Dublin 4",
    "[privacy@sociare.be](mailto:privacy@sociare.be) of +32 2 549 22 11", "02/549 22 11 (9u-12u)",
])
def test_names_addresses_and_short_terms_are_not_judged(text: str) -> None:
    assert prose(text) is None
    assert messages(f'name:\n  nl: "{text}"\n  fr: "{text}"\n') == []


def test_quoted_names_are_left_out() -> None:
    french = "Traiter votre demande d'accès à « Mijn Loopbaan voor Partners » et vous donner accès à la plateforme."
    assert language_of(french, "fr", ("nl",)) is None
    assert "Mijn" not in (prose(french) or "")


def test_dutch_under_fr_is_a_warning_with_both_places() -> None:
    assert messages(retention(NL, NL.replace("vijf", "5"))) == [
        'f.yaml:5:11: warning: processing "training" → retention → fr: this French (fr) text is written in Dutch '
        '(like the Dutch (nl) text at f.yaml:4:11); write it in French; or, to keep it, acknowledge it under '
        '"acknowledged" with '
        "{warning: wrong-language, field: processing.training.retention, reason: {...}}"]


def test_french_under_nl_is_a_warning() -> None:
    found = messages(retention(FR_LONG, FR))
    assert len(found) == 1
    assert found[0].startswith('f.yaml:4:11: warning: processing "training" → retention → nl: this Dutch (nl) text '
                               "is written in French (like the French (fr) text at f.yaml:5:11); write it in Dutch")


def test_english_under_fr_names_the_dutch_twin() -> None:
    found = messages(retention(NL_LONG, EN_LONG))
    assert len(found) == 1
    assert "this French (fr) text is written in English (the Dutch (nl) text is at f.yaml:4:11)" in found[0]


def test_the_same_text_in_both_languages_is_one_warning() -> None:
    assert messages(retention(NL, NL)) == [
        'f.yaml:5:11: warning: processing "training" → retention → fr: the French (fr) text is the same as the '
        'Dutch (nl) text at f.yaml:4:11; translate it into French; or, to keep it, acknowledge it under '
        '"acknowledged" with '
        "{warning: untranslated, field: processing.training.retention, reason: {...}}"]


def test_good_translations_give_nothing() -> None:
    assert messages(retention(NL, FR)) == []
    assert messages(retention(NL_LONG, FR_LONG)) == []


def test_an_acknowledged_warning_is_kept_and_a_stale_one_is_an_error() -> None:
    acknowledged = ("acknowledged:\n  - warning: untranslated\n    field: processing.training.retention\n"
                    "    reason: {nl: Eén tekst voor allen., fr: Un texte pour tous.}\n")
    assert messages(retention(NL, NL, acknowledged)) == []
    assert messages(retention(NL, FR, acknowledged)) == [
        'f.yaml:7:5: acknowledged #1: there is no "untranslated" warning on processing.training.retention; remove '
        "this acknowledgement"]


def test_the_full_model_is_loaded_only_for_a_suspicious_short_text() -> None:
    """Clean texts need no detector (their own short words tell); each detector is built once."""
    language._detector.cache_clear()
    language.language_of.cache_clear()  # texts already judged by other tests are not judged again
    assert messages(retention(NL, FR)) == [] and messages(retention(NL_LONG, FR_LONG)) == []
    assert language._detector.cache_info().currsize == 0
    assert messages(retention(NL_LONG, EN_LONG))
    assert language._detector.cache_info().currsize == 1
    assert messages(retention(NL, NL.replace("vijf", "5")))
    assert language._detector.cache_info().currsize == 2
    first = language._detector(True)
    assert language._detector(True) is first


@pytest.mark.parametrize(("text", "filed", "plain"), [
    (NL_LONG, "nl", True), (FR_LONG, "fr", True), (EN_LONG, "en", True),
    (NL_LONG, "fr", False), (FR_LONG, "nl", False), (EN_LONG, "nl", False),  # judged by the detector
    ("Wij bewaren uw gegevens.", "nl", False),  # too few short words to tell: judged
])
def test_a_text_is_plainly_in_its_language_from_its_short_words(text: str, filed: str, plain: bool) -> None:
    assert language._plainly(language.prose(text) or text, filed) is plain
