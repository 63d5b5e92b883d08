"""Generated legal text, in Dutch and French: automated decisions, objection and direct marketing, erasure,
identity practice, and organisation texts that contradict a generated clause (GDPR art. 12, 13, 17, 21, 22)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.source.problems import PolicyError
from privacy_site.views.contact_views import contact_view
from privacy_site.views.views import StatementLinks, statement_view

VALID = Path(__file__).parent / "bad_inputs" / "_valid" / "policies"
LINKS = StatementLinks(history="history/", current="./")
NEWSLETTER = """  - id: newsletter
    title: {nl: Nieuwsbrief, fr: Lettre d'information}
    subjects: [members]
    recipients: [processors]
    required: {nl: Nee., fr: Non.}
    data: [identification, contact]
    sources: [data_subject]
    purposes:
      - {nl: u onze nieuwsbrief sturen, fr: vous envoyer notre lettre d'information}
    legal_basis: [BASIS]
    legitimate_interest: {nl: Onze leden informeren., fr: Informer nos membres.}
    direct_marketing: true
    retention: {nl: Tot u zich uitschrijft., fr: Jusqu'à votre désinscription.}
"""
DECISION = """    automated_decisions:
      logic: {nl: Een programma berekent uw bijdrage uit uw inkomen., fr: Un programme calcule votre cotisation.}
      consequences: {nl: Het bepaalt hoeveel u betaalt., fr: Il détermine combien vous payez.}
"""


def demo(tmp_path: Path, version: str = "", organisation: str = "", replace: tuple[str, str] = ("", "")) -> Path:
    """The small valid organisation, with text appended to its privacy version and organisation.yaml."""
    root = tmp_path / "policies"
    shutil.copytree(VALID, root)
    path = root / "demo" / "privacy" / "2024-01-01.yaml"
    text = path.read_text(encoding="utf-8").replace(*replace) if replace[0] else path.read_text(encoding="utf-8")
    path.write_text(text.replace("transfers_outside_eea:", version + "transfers_outside_eea:"), encoding="utf-8")
    org = root / "demo" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + organisation, encoding="utf-8")
    return root


def voiced(root: Path, voice: str):  # noqa: ANN201 - Org
    """The demo organisation as `voice` speaks: "nl-informal" is Dutch with "je" (form_of_address: informal)."""
    org = load_corpus(root).org("demo")
    if voice == "nl-informal":
        org = type(org)(org.slug, org.organisation.model_copy(update={"form_of_address": "informal"}), org.path,
                        org.today, org.documents)
    return org


def lang_of(voice: str) -> str:
    return voice.split("-")[0]


def view(root: Path, voice: str):  # noqa: ANN201 - StatementView
    org = voiced(root, voice)
    return statement_view(org, org.current("privacy"), lang_of(voice), LINKS)


def block(root: Path, voice: str, anchor: str) -> str:
    found = next(b for b in view(root, voice).blocks if b.id == anchor)
    return "\n".join(found.body)


def problems(root: Path) -> list[str]:
    try:
        load_corpus(root)
    except PolicyError as err:
        return [str(p).split("policies/", 1)[1] for p in err.problems]
    return []


# 1. Automated decisions (art. 13(2)(f), 14(2)(g)): on every statement.

@pytest.mark.parametrize(("lang", "title", "none"), [
    ("nl", "Geautomatiseerde besluitvorming", "We nemen geen besluiten over u die uitsluitend op geautomatiseerde"),
    ("nl-informal", "Geautomatiseerde besluitvorming", "We nemen geen besluiten over jou die uitsluitend op "
                                                       "geautomatiseerde"),
    ("fr", "Décisions automatisées", "Nous ne prenons aucune décision vous concernant fondée exclusivement"),
])
def test_no_automated_decisions_is_said(tmp_path: Path, lang: str, title: str, none: str) -> None:
    shown = next(b for b in view(demo(tmp_path), lang).blocks if b.id == "automated")
    assert shown.title == title
    assert shown.body[0].startswith(none)


@pytest.mark.parametrize(("lang", "intro", "logic", "consequences"), [
    ("nl", "We nemen besluiten die uitsluitend op geautomatiseerde verwerking berusten bij deze verwerkingen:",
     "Hoe het besluit tot stand komt: Een programma", "Wat het voor u betekent: Het bepaalt"),
    ("nl-informal", "We nemen besluiten die uitsluitend op geautomatiseerde verwerking berusten bij deze verwerkingen:",
     "Hoe het besluit tot stand komt: Een programma", "Wat het voor jou betekent: Het bepaalt"),
    ("fr", "Nous prenons des décisions fondées exclusivement sur un traitement automatisé dans ces traitements :",
     "Comment la décision est prise : Un programme", "Ce que cela signifie pour vous : Il détermine"),
])
def test_an_automated_decision_gives_its_logic_and_consequences(tmp_path: Path, lang: str, intro: str, logic: str,
                                                                 consequences: str) -> None:
    root = demo(tmp_path, "automated_decisions:\n  nl: Eén besluit is geautomatiseerd.\n  fr: Une décision est "
                          "automatisée.\n", replace=("    legal_basis: [contract]\n",
                                                     "    legal_basis: [contract]\n" + DECISION))
    (root / "demo" / "privacy" / "2024-01-01.yaml").write_text(
        (root / "demo" / "privacy" / "2024-01-01.yaml").read_text(encoding="utf-8").replace(
            "automated_decisions: none\n", ""), encoding="utf-8")
    shown = view(root, lang)
    automated = next(b for b in shown.blocks if b.id == "automated")
    assert automated.body[1] == intro
    assert "(#processing-membership)" in automated.body[2]
    facts = next(s for b in shown.blocks for s in b.subsections if s.id == "processing-membership").facts
    items = next(f for f in facts if f.label == automated.title).items
    assert items[0].startswith(logic) and items[1].startswith(consequences)


def test_an_automated_decision_cannot_come_with_none(tmp_path: Path) -> None:
    root = demo(tmp_path, replace=("    legal_basis: [contract]\n", "    legal_basis: [contract]\n" + DECISION))
    assert problems(root) == [
        'demo/privacy/2024-01-01.yaml:34:22: automated_decisions is none, but processing "membership" describes an '
        "automated decision; describe it here instead of none (GDPR art. 13(2)(f), 14(2)(g))"]


# 2. Objection (art. 21) and direct marketing, set apart (21(4)).

@pytest.mark.parametrize(("lang", "objection", "notice", "first_layer"), [
    ("nl", "**Bezwaar**: u kunt, om redenen die verband houden met uw specifieke situatie, bezwaar maken tegen een "
           "verwerking op basis van ons gerechtvaardigd belang. We stoppen dan",
     "U kunt altijd kosteloos en zonder een reden te geven bezwaar maken tegen het gebruik van uw gegevens voor "
     "direct marketing",
     "U kunt altijd kosteloos bezwaar maken, zonder een reden te geven ([details](#direct-marketing))."),
    ("nl-informal", "**Bezwaar**: je kunt, om redenen die verband houden met je specifieke situatie, bezwaar maken "
                    "tegen een verwerking op basis van ons gerechtvaardigd belang. We stoppen dan",
     "Je kunt altijd kosteloos en zonder een reden te geven bezwaar maken tegen het gebruik van je gegevens voor "
     "direct marketing",
     "Je kunt altijd kosteloos bezwaar maken, zonder een reden te geven ([details](#direct-marketing))."),
    ("fr", "**Opposition** : vous pouvez vous opposer, pour des raisons tenant à votre situation particulière, à un "
           "traitement fondé sur notre intérêt légitime. Nous arrêtons alors",
     "Vous pouvez vous opposer à tout moment, gratuitement et sans donner de raison, à l'utilisation de vos données "
     "à des fins de prospection", "Vous pouvez vous y opposer à tout moment, gratuitement et sans donner de raison "
                                  "([détails](#direct-marketing))."),
])
def test_direct_marketing_gets_its_own_notice(tmp_path: Path, lang: str, objection: str, notice: str,
                                              first_layer: str) -> None:
    root = demo(tmp_path, replace=("transfers_outside_eea", NEWSLETTER.replace("BASIS", "legitimate_interest")
                                   + "transfers_outside_eea"))
    shown = view(root, lang)
    rights = next(b for b in shown.blocks if b.id == "rights")
    assert objection in rights.body[0]
    titles = {"nl": "Direct marketing: u kunt altijd bezwaar maken", "fr": "Prospection : vous pouvez toujours "
              "vous y opposer", "nl-informal": "Direct marketing: je kunt altijd bezwaar maken"}
    assert rights.notice is not None and rights.notice[1] == titles[lang]
    assert "public" not in rights.body[0] and "algemeen belang" not in rights.body[0]  # a basis it does not use
    assert rights.notice is not None and rights.notice[0] == "direct-marketing"
    assert rights.notice[2].startswith(notice) and "(#processing-newsletter)" in rights.notice[2]
    assert first_layer in [item for f in shown.first_layer.facts for item in f.items]


@pytest.mark.parametrize(("lang", "objection"), [
    # The box on direct marketing stands above the list of rights (GDPR art. 21(4): set apart, seen first).
    ("nl", "**Bezwaar**: u kunt bezwaar maken tegen het gebruik van uw gegevens voor direct marketing "
           "(zie het kader hierboven)."),
    ("nl-informal", "**Bezwaar**: je kunt bezwaar maken tegen het gebruik van je gegevens voor direct marketing "
                    "(zie het kader hierboven)."),
    ("fr", "**Opposition** : vous pouvez vous opposer à l'utilisation de vos données à des fins de prospection (voir "
           "l'encadré ci-dessus)."),
])
def test_direct_marketing_on_consent_still_gives_the_objection(tmp_path: Path, lang: str, objection: str) -> None:
    newsletter = NEWSLETTER.replace("BASIS", "consent").replace(
        "    legitimate_interest: {nl: Onze leden informeren., fr: Informer nos membres.}\n", "")
    root = demo(tmp_path, replace=("transfers_outside_eea", newsletter + "transfers_outside_eea"))
    assert "- " + objection in block(root, lang, "rights").split("\n")


@pytest.mark.parametrize(("lang", "public"), [("nl", "onze taak van algemeen belang of ons openbaar gezag"),
                                              ("fr", "notre mission d'intérêt public")])
def test_objection_names_the_public_task_only_when_used(policies_copy: Path, lang: str, public: str) -> None:
    corpus = load_corpus(policies_copy)
    for slug, expected in (("departement-wse", True), ("sociare", False)):
        org = corpus.org(slug)
        rights = next(b for b in statement_view(org, org.current("privacy"), lang, LINKS).blocks if b.id == "rights")
        assert (public in rights.body[0]) is expected
        assert rights.notice is None  # no activity of the examples is marked as direct marketing yet


# 3. Erasure: every ground that applies (art. 17(1)).

@pytest.mark.parametrize(("lang", "grounds"), [
    ("nl", ["als we ze niet langer nodig hebben voor de doeleinden", "als u uw toestemming intrekt",
            "als u bezwaar maakt en dat bezwaar gegrond is", "als u bezwaar maakt tegen direct marketing",
            "als we ze onrechtmatig verwerken of als de wet ons verplicht ze te wissen."]),
    ("nl-informal", ["**Wissing**: je kunt ons vragen je gegevens te wissen",
                     "als we ze niet langer nodig hebben voor de doeleinden", "als je je toestemming intrekt",
                     "als je bezwaar maakt en dat bezwaar gegrond is", "als je bezwaar maakt tegen direct marketing",
                     "als we ze onrechtmatig verwerken of als de wet ons verplicht ze te wissen."]),
    ("fr", ["lorsque nous n'en avons plus besoin pour les finalités", "lorsque vous retirez votre consentement",
            "lorsque vous vous y opposez et que votre opposition est fondée",
            "lorsque vous vous opposez à la prospection",
            "lorsque nous les traitons illicitement ou lorsque la loi nous oblige à les effacer."]),
])
def test_erasure_names_every_ground(tmp_path: Path, lang: str, grounds: list[str]) -> None:
    newsletter = NEWSLETTER.replace("[BASIS]", "[consent, legitimate_interest]")
    root = demo(tmp_path, replace=("transfers_outside_eea", newsletter + "transfers_outside_eea"))
    erasure = next(line for line in block(root, lang, "rights").split("\n") if "**Wissing**" in line
                   or "**Effacement**" in line)
    positions = [erasure.index(ground) for ground in grounds]
    assert positions == sorted(positions)


@pytest.mark.parametrize(("lang", "absent"), [("nl", ["toestemming", "bezwaar"]),
                                              ("nl-informal", ["toestemming", "bezwaar"]),
                                              ("fr", ["consentement", "oppos"])])
def test_erasure_leaves_out_grounds_that_cannot_apply(tmp_path: Path, lang: str, absent: list[str]) -> None:
    erasure = block(demo(tmp_path), lang, "rights").split("\n")[2]  # contract only: no consent, no objection
    assert all(word not in erasure for word in absent)


@pytest.mark.parametrize(("lang", "text"), [("nl", "De AVG (artikelen 12 tot en met 22) verplicht ons om "
                                                    "verzoeken om uw rechten"),
                                            ("nl-informal", "De AVG (artikelen 12 tot en met 22) verplicht ons om "
                                                            "verzoeken om je rechten"),
                                            ("fr", "Le RGPD (articles 12 à 22) nous oblige")])
def test_articles_12_to_22_inclusive(tmp_path: Path, lang: str, text: str) -> None:
    activity = next(s for b in view(demo(tmp_path), lang).blocks for s in b.subsections
                    if s.id == "processing-privacy-requests")
    assert any(text in item for f in activity.facts for item in f.items)


# 4. No promise the organisation did not make.

NEUTRAL = {"nl": "Als het nodig is, kunnen we u om informatie vragen om uw identiteit te bevestigen.",
           "nl-informal": "Als het nodig is, kunnen we je om informatie vragen om je identiteit te bevestigen.",
           "fr": "Si nécessaire, nous pouvons vous demander des informations pour confirmer votre identité."}
DOUBT = {"nl": "We vragen alleen informatie om uw identiteit te bevestigen als we redelijke twijfel hebben over wie "
               "u bent.",
         "nl-informal": "We vragen alleen informatie om je identiteit te bevestigen als we redelijke twijfel hebben "
                        "over wie je bent.",
         "fr": "Nous ne demandons des informations pour confirmer votre identité que si nous avons des doutes "
               "raisonnables sur celle-ci."}
NEVER = {"nl": "We vragen nooit een kopie van uw identiteitskaart.",
         "nl-informal": "We vragen nooit een kopie van je identiteitskaart.",
         "fr": "Nous ne demandons jamais de copie de votre carte d'identité."}


@pytest.mark.parametrize("lang", ["nl", "nl-informal", "fr"])
def test_identity_practice_comes_from_the_organisation(tmp_path: Path, lang: str) -> None:
    default = block(demo(tmp_path / "a"), lang, "rights")
    assert NEUTRAL[lang] in default and DOUBT[lang] not in default and NEVER[lang] not in default
    exercise = {"nl": "Om een recht uit te oefenen, neemt u contact met ons op (zie hieronder). We antwoorden binnen "
                      "een maand", "nl-informal": "Om een recht uit te oefenen, neem je contact met ons op (zie "
                                                  "hieronder). We antwoorden binnen een maand",
                "fr": "dans un délai d'un mois"}
    assert exercise[lang] in default
    chosen = block(demo(tmp_path / "b", organisation="requests:\n  identity: reasonable_doubt\n"
                                                     "  never_id_card_copy: true\n"), lang, "rights")
    assert DOUBT[lang] in chosen and NEVER[lang] in chosen and NEUTRAL[lang] not in chosen


@pytest.mark.parametrize(("lang", "neutral", "never"), [
    ("nl", "Als het nodig is, kunnen we u om informatie vragen om te bevestigen wie u bent",
     "We vragen nooit een kopie van uw identiteitskaart."),
    ("nl-informal", "Als het nodig is, kunnen we je om informatie vragen om te bevestigen wie je bent",
     "We vragen nooit een kopie van je identiteitskaart."),
    ("fr", "Si nécessaire, nous pouvons vous demander des informations pour confirmer votre identité",
     "Nous ne demandons jamais de copie de votre carte d'identité."),
])
def test_the_contact_page_promises_only_the_practice(tmp_path: Path, lang: str, neutral: str, never: str) -> None:
    org = voiced(demo(tmp_path / "a"), lang)
    steps = " ".join(contact_view(org, lang_of(lang), "../privacy/").next_steps)
    assert neutral in steps and never not in steps
    org = voiced(demo(tmp_path / "b", organisation="requests:\n  never_id_card_copy: true\n"), lang)
    assert never in " ".join(contact_view(org, lang_of(lang), "../privacy/").next_steps)


@pytest.mark.parametrize("text", [
    "We vragen nooit een kopie van uw identiteitskaart.",  # says the same as the practice
    "Nous ne demandons jamais de copie de votre carte d'identité.",
    "Stuur ons uw vraag; we antwoorden zo snel mogelijk.",  # no time given
    "De chatberichten wissen we binnen 30 dagen.",  # a period, not a reply time
])
def test_texts_that_agree_pass(tmp_path: Path, text: str) -> None:
    root = demo(tmp_path, f"rights:\n  nl: '{text.replace(chr(39), chr(39) * 2)}'\n  fr: '"
                          f"{text.replace(chr(39), chr(39) * 2)}'\n",
                organisation="requests:\n  never_id_card_copy: true\n")
    assert [p for p in problems(root) if "promises" in p or "mentions" in p] == []


def test_published_versions_are_records(locked_policies: Path, tmp_path: Path) -> None:
    """Fopas' published versions promise "binnen 30 dagen": refused in a draft, left alone once published."""
    assert problems(locked_policies) == []
    draft = tmp_path / "draft" / "policies"
    shutil.copytree(locked_policies, draft)
    (draft / "versions.lock").write_text("# nothing published yet\n", encoding="utf-8")
    found = problems(draft)
    assert 'fopas/privacy/2024-09-01.yaml:499:7: rights → nl: promises an answer "binnen 30 dagen", but the text on ' \
           "your rights gives the time the law sets: one month, extendable by two months for complex or numerous " \
           "requests (GDPR art. 12(3)); remove the time or write it as one month" in found
    assert any('rights → fr: promises an answer "dans les 30 jours"' in p for p in found)
