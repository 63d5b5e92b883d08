"""GDPR art. 13/14: removing any required item from a real example is refused with the article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from privacy_site.checks.clauses import applicable_rights
from privacy_site.checks.corpus import load_corpus
from privacy_site.source.problems import PolicyError
from privacy_site.views.markup import md_block
from privacy_site.views.views import StatementLinks, statement_view

LINKS = StatementLinks(history="history/", current="./")

SOCIARE = Path("sociare/privacy/2020-10-07.yaml")
WSE = Path("departement-wse/privacy/2024-01-01.yaml")
VDAB_ORG = Path("vdab/organisation.yaml")


def remove_key(text: str, key_line: str, after: str | None = None) -> str:
    """Remove the YAML key on the first line equal to `key_line` (after the line `after`), with its block."""
    lines = text.split("\n")
    start = lines.index(after) if after else 0
    i = next(k for k in range(start, len(lines)) if lines[k].rstrip() == key_line or
             lines[k].startswith(key_line + " ") or lines[k].startswith(key_line + ":"))
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent
                              or (lines[j].lstrip().startswith("- ") and len(lines[j]) - len(lines[j].lstrip())
                                  == indent and not lines[i].lstrip().startswith("- "))):
        j += 1
    return "\n".join(lines[:i] + lines[j:])


def problems_for(policies: Path) -> list[str]:
    try:
        load_corpus(policies)
    except PolicyError as err:  # the errors; the wording warnings are tested in test_wording.py
        return [str(p) for p in err.problems if not p.is_warning]
    return []


def item_position(text: str, activity: str) -> tuple[int, int]:
    """Where `- id: activity` starts in the file (1-based line, column of "id")."""
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"^\s*- id: {re.escape(activity)}\s*$", line):
            return number, line.index("id:") + 1
    raise AssertionError(activity)


ACTIVITY_ITEMS = [
    # (file, activity, key removed, expected message after "processing \"activity\": ")
    (SOCIARE, "activities", "purposes", 'no purpose (GDPR art. 13(1)(c)); add "purposes"'),
    (SOCIARE, "activities", "legal_basis", 'no legal basis (GDPR art. 13(1)(c)); add "legal_basis"'),
    (SOCIARE, "activities", "recipients", 'no recipients (GDPR art. 13(1)(e)); add "recipients" '
                                               "(write none when nobody outside your organisation receives the data)"),
    (SOCIARE, "activities", "retention",
     'no retention period or criteria (GDPR art. 13(2)(a)); add "retention"'),
    (SOCIARE, "activities", "required", "does not say whether providing the data is required and what happens "
                                             'if not (GDPR art. 13(2)(e)); add "required"'),
    (SOCIARE, "activities", "legitimate_interest",
     'the legitimate interest is not described (GDPR art. 13(1)(d)); add "legitimate_interest"'),
    (SOCIARE, "activities", "data", 'no categories of data; add "data"'),
    (SOCIARE, "activities", "subjects", 'no audience; say whose data it is; add "subjects"'),
    (SOCIARE, "activities", "sources", 'no source of the data (GDPR art. 14(2)(f)); add "sources" '
                                            "(data_subject when the data comes from the person)"),
    (WSE, "advantages-and-sanctions", "data", 'no categories of data (GDPR art. 14(1)(d)); add "data"'),
    (WSE, "advantages-and-sanctions", "retention",
     'no retention period or criteria (GDPR art. 13(2)(a) and 14(2)(a)); add "retention"'),
    (WSE, "advantages-and-sanctions", "purposes", 'no purpose (GDPR art. 13(1)(c) and 14(1)(c)); add "purposes"'),
    (WSE, "advantages-and-sanctions", "recipients", 'no recipients (GDPR art. 13(1)(e) and 14(1)(e)); add '
                                                    '"recipients" (write none when nobody outside your organisation '
                                                    "receives the data)"),
]


@pytest.mark.parametrize(("file", "activity", "key", "message"), ACTIVITY_ITEMS,
                         ids=[f"{f.parts[0]}-{a}-{k}" for f, a, k, _ in ACTIVITY_ITEMS])
def test_each_required_item_of_an_activity(policies_copy: Path, file: Path, activity: str, key: str,
                                           message: str) -> None:
    path = policies_copy / file
    text = remove_key(path.read_text(encoding="utf-8"), f"    {key}", after=f"  - id: {activity}")
    path.write_text(text, encoding="utf-8")
    line, col = item_position(text, activity)
    shown = f"{policies_copy.name}/{file}"
    assert [p.split("policies/", 1)[-1] for p in problems_for(policies_copy)] == [
        f"{file}:{line}:{col}: processing \"{activity}\": {message}"], shown


STATEMENT_ITEMS = [
    ("transfers_outside_eea", 'no statement on transfers outside the European Economic Area '
                              '(GDPR art. 13(1)(f), 14(1)(f)); add "transfers_outside_eea" (write none when there are '
                              "none)"),
    ("automated_decisions", 'no statement on automated decisions (GDPR art. 13(2)(f), 14(2)(g)); add '
                            '"automated_decisions" (write none when there are none)'),
    ("introduction", 'required field "introduction" is missing (GDPR art. 12(1)); add "introduction:" with the '
                     "text below it as nl: ... and fr: ..."),
]


@pytest.mark.parametrize(("key", "message"), STATEMENT_ITEMS, ids=[k for k, _ in STATEMENT_ITEMS])
def test_each_required_item_of_a_statement(policies_copy: Path, key: str, message: str) -> None:
    path = policies_copy / SOCIARE
    path.write_text(remove_key(path.read_text(encoding="utf-8"), key), encoding="utf-8")
    assert [p.split("policies/", 1)[-1] for p in problems_for(policies_copy)] == [f"{SOCIARE}:2:1: {message}"]


@pytest.mark.parametrize(("key", "message"), [
    ("dpo", 'a public body must have a data protection officer (GDPR art. 37(1)(a), 13(1)(b)); add "dpo" with its '
            "contact details"),
    ("privacy_contact", 'required field "privacy_contact" is missing (GDPR art. 13(1)(a)); add "privacy_contact:"'),
    ("address", 'required field "address" is missing (GDPR art. 13(1)(a)); add "address:"'),
])
def test_each_required_item_of_an_organisation(policies_copy: Path, key: str, message: str) -> None:
    path = policies_copy / VDAB_ORG
    path.write_text(remove_key(path.read_text(encoding="utf-8"), key), encoding="utf-8")
    assert [p.split("policies/", 1)[-1] for p in problems_for(policies_copy)] == [f"{VDAB_ORG}:2:1: {message}"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_private_body_needs_no_dpo(policies_copy: Path) -> None:
    assert "dpo:" not in (policies_copy / "sociare" / "organisation.yaml").read_text(encoding="utf-8")
    assert problems_for(policies_copy) == []


def test_legitimate_interest_is_refused_for_a_public_body_and_accepted_for_a_private_one(policies_copy: Path) -> None:
    wse = policies_copy / WSE
    _edit(wse, "legal_basis: [public_task]", "legal_basis: [legitimate_interest]\n"
          "    legitimate_interest: {nl: ons belang, fr: notre intérêt}")
    found = problems_for(policies_copy)
    assert len(found) == 1
    assert found[0].endswith(': a public body cannot rely on legitimate interest for its tasks (GDPR art. 6(1), '
                             "last subparagraph); use public_task or legal_obligation")
    # Sociare (private) relies on it already without complaint.
    assert "legitimate_interest" in (policies_copy / SOCIARE).read_text(encoding="utf-8")


def test_legitimate_interest_described_without_the_basis(policies_copy: Path) -> None:
    path = policies_copy / SOCIARE
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: newsletter")
    head, tail = text[:start], text[start:]
    tail = tail.replace("    legal_basis: [consent]",
                        "    legal_basis: [consent]\n    legitimate_interest: {nl: ons belang, fr: notre intérêt}", 1)
    path.write_text(head + tail, encoding="utf-8")
    found = problems_for(policies_copy)
    assert len(found) == 1 and found[0].endswith(
        'processing "newsletter": "legitimate_interest" is described but the legal basis is not '
        "legitimate_interest; remove it or add legitimate_interest to legal_basis")


def test_required_is_only_asked_when_data_comes_from_the_person(policies_copy: Path) -> None:
    wse = policies_copy / WSE
    text = remove_key(wse.read_text(encoding="utf-8"), "    required", after="  - id: advantages-and-sanctions")
    # Art. 14 only: the data comes from other authorities, so art. 13(2)(e) does not apply.
    text = text.replace("    sources:\n      - public_authorities\n      - data_subject",
                        "    sources:\n      - public_authorities", 1)
    wse.write_text(text, encoding="utf-8")
    assert "      - data_subject" not in text.split("  - id: advantages-and-sanctions")[1].split("  - id:")[0]
    assert problems_for(policies_copy) == []


def test_custom_authority_both_ways(policies_copy: Path) -> None:
    org = policies_copy / "sociare" / "organisation.yaml"
    _edit(org, "kind: private", "kind: private\nsupervisory_authority: custom")
    found = problems_for(policies_copy)
    assert len(found) == 1 and found[0].endswith(
        'supervisory_authority is custom but no authority is described (GDPR art. 13(2)(d)); add "custom_authority"')
    _edit(org, "supervisory_authority: custom", "supervisory_authority: custom\ncustom_authority:\n"
          "  name: {nl: Toezichthouder X, fr: Autorité X}\n  email: info@x.be\n  website: https://www.x.be")
    assert problems_for(policies_copy) == []
    sociare = next(o for o in load_corpus(policies_copy).orgs if o.slug == "sociare")
    view = statement_view(sociare, sociare.current("privacy"), "fr", LINKS)
    rights = next(b for b in view.blocks if b.id == "rights")
    assert "**Autorité X**" in "\n".join(rights.body)


def test_rights_follow_the_bases_both_ways(policies_copy: Path) -> None:
    corpus = load_corpus(policies_copy)
    sociare = next(o for o in corpus.orgs if o.slug == "sociare").current("privacy").statement
    wse = next(o for o in corpus.orgs if o.slug == "departement-wse").current("privacy").statement
    assert applicable_rights(sociare) == ["access", "rectification", "erasure", "restriction", "objection",
                                          "portability", "withdraw_consent"]
    assert applicable_rights(wse) == ["access", "rectification", "erasure", "restriction", "objection"]
    _edit(policies_copy / WSE, "automated_decisions: none",
          "automated_decisions: {nl: Een algoritme berekent de premie., fr: Un algorithme calcule la prime.}")
    wse = next(o for o in load_corpus(policies_copy).orgs if o.slug == "departement-wse").current("privacy")
    assert applicable_rights(wse.statement)[-1] == "automated_decisions"


def test_an_own_clause_keeps_the_right_listed_under_its_name_across_paragraphs(policies_copy: Path) -> None:
    """Own wording belongs to the version; it may span paragraphs and lists and stays inside its right."""
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").rstrip("\n") + "\nclauses:\n  access:\n    nl: |\n"
                       "      Vraag ons gerust welke gegevens we over je hebben.\n\n"
                       "      Je krijgt:\n\n      - een kopie van je dossier;\n      - de lijst van ontvangers.\n"
                       "    fr: |\n      Demandez-nous quelles données nous avons sur vous.\n\n"
                       "      Vous recevez :\n\n      - une copie de votre dossier ;\n"
                       "      - la liste des destinataires.\n",
                       encoding="utf-8")
    sociare = next(o for o in load_corpus(policies_copy).orgs if o.slug == "sociare")
    for lang, name, first, last in (
            ("nl", "Inzage", "Vraag ons gerust welke gegevens we over je hebben.", "de lijst van ontvangers."),
            ("fr", "Accès", "Demandez-nous quelles données nous avons sur vous.",
             "la liste des destinataires.")):
        rights = next(b for b in statement_view(sociare, sociare.current("privacy"), lang, LINKS).blocks
                      if b.id == "rights")
        html = md_block(rights.body[0])
        items = BeautifulSoup(html, "html.parser").select("ul")[0].find_all("li", recursive=False)
        assert len(items) == 7, "every applicable right is still listed, each in its own item"
        access = items[0]
        assert access.find("strong").get_text() == name  # the right keeps its name
        assert access.find_all("p")[0].get_text() == f"{name}: {first}"  # typeset for French on the page
        assert access.find("ul").find_all("li")[-1].get_text() == last  # the list stays inside the right
        assert items[1].get_text().strip().startswith(("Verbetering", "Rectification"))


@pytest.mark.parametrize(("nl", "fr", "message"), [
    ("Mail [ons](mailto:a@b.be).", "Écrivez-[nous](mailto:c@d.be).",
     "links differ between languages: the French text lacks mailto:a@b.be and adds mailto:c@d.be compared with "
     "the Dutch text (line {line})"),
    ("Binnen 30 dagen.", "Dans les 60 jours.",
     "numbers differ between languages: the French text lacks 30 and adds 60 compared with the Dutch text "
     "(line {line})"),
    ("- een\\n- twee", "- un", "list items differ between languages: the French text has 1 list items, the Dutch "
                              "text (line {line}) has 2"),
    ("Schrijf naar privacy@sociare.be.", "Écrivez-nous.",
     "e-mail addresses differ between languages: the French text lacks privacy@sociare.be compared with the "
     "Dutch text (line {line})"),
])
def test_translations_must_say_the_same_things(policies_copy: Path, nl: str, fr: str, message: str) -> None:
    path = policies_copy / SOCIARE
    text = path.read_text(encoding="utf-8").rstrip("\n")
    text += (f'\n  - id: test-section\n    after: changes\n    title: {{nl: Test, fr: Test}}\n    body:\n'
             f'      nl: "{nl}"\n      fr: "{fr}"\n')
    path.write_text(text, encoding="utf-8")
    nl_line = text.split("\n").index(f'      nl: "{nl}"') + 1
    expected = (f'{SOCIARE}:{nl_line + 1}:11: sections "test-section" → body: {message.format(line=nl_line)}; '
                "make the translations match")
    assert [p.split("policies/", 1)[-1] for p in problems_for(policies_copy)] == [expected]
