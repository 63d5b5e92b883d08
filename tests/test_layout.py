"""Layout mistakes reported on the line that is wrong, with the fix that works (issue 17, item 3).

The bad-input cases 120-159 (tests/bad_inputs/) run the whole check on the demo organisation; these run the
loader alone on small files, for variants of the same mistakes and for what must stay accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_site.source.lines import split_lines
from privacy_site.source.yamlsrc import parse_yaml

FIRST_LANGUAGE_CASE = 155  # the cases from 155 on are the language check's
TEXT = "retention:\n  nl: Tot 5 jaar na het einde.\n  fr: Jusqu'à 5 ans après la fin.\n"


def problems(text: str) -> list[str]:
    located, found = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert (located is None) == bool(found)
    return [str(p).removeprefix("f.yaml:") for p in found]


@pytest.mark.parametrize(("text", "expected"), [
    # the French text indented too deep, whatever the quotes
    ('retention:\n  nl: "Tot 5 jaar."\n    fr: Jusqu\'à 5 ans.\n',
     '3:5: "fr:" is indented 2 spaces more than "nl:" on line 2; start it in column 3, like "nl:"'),
    ("retention:\n  nl: 'Tot 5 jaar.'\n    fr: \"Jusqu'à 5 ans.\"\n",
     '3:5: "fr:" is indented 2 spaces more than "nl:" on line 2; start it in column 3, like "nl:"'),
    ("retention:\n  nl: Tot 5 jaar\n    na het einde.\n      fr: Jusqu'à 5 ans.\n",
     '4:7: "fr:" is indented 4 spaces more than "nl:" on line 2, so it is read as part of the text of "nl:"; '
     'start it in column 3, like "nl:"'),
    ("retention:\n  nl: Tot 5 jaar.\n   fr: Jusqu'à 5 ans.\n",
     '3:4: "fr:" is indented 1 space more than "nl:" on line 2, so it is read as part of the text of "nl:"; start it '
     'in column 3, like "nl:"'),
    ("purposes:\n  - nl: beheren\n      fr: gérer\n",
     '3:7: "fr:" is indented 2 spaces more than "nl:" on line 2, so it is read as part of the text of "nl:"; start it '
     'in column 5, like "nl:"'),
    # the last field of a text without a space after its colon
    ("retention:\n  nl: Tot 5 jaar.\n  fr:Jusqu'à 5 ans.\nother: x\n",
     '3:5: "fr:" needs a space after the colon; write "fr: Jusqu\'à 5 ans."'),
    # quotes around the start of a text only
    ('intro:\n  nl: "Tot 5 jaar" na het einde.\n',
     '2:18: the text in double quotes ends at this " and the rest cannot be read; put the whole text between one '
     'pair of double quotes, and write quotes inside it as “ ” (or \\")'),
    # a field one space out of line
    ("item:\n  subjects: [members]\n recipients: [processors]\n",
     '3:2: "recipients:" is indented 1 space less than "subjects:" on line 2; start it in column 3, like "subjects:"'),
    ("- id: a\n  subjects: [members]\n   recipients: [processors]\n",
     '3:4: "recipients:" is indented 1 space more than "subjects:" on line 2; start it in column 3, like "subjects:"'),
    # a field and its text pasted two spaces too deep after a field with its value on the same line
    ("item:\n  purposes:\n    - beheren\n  legal_basis: [contract]\n    retention:\n      nl: Tot 5 jaar.\n",
     '5:5: "retention:" is indented 2 spaces more than "legal_basis:" on line 4; start it in column 3, like '
     '"legal_basis:"'),
    # a field after a list, under the list's "-"
    ("item:\n  purposes:\n    - nl: beheren\n      fr: gérer\n    legal_basis: [contract]\n",
     '5:5: "legal_basis:" is indented 2 spaces more than "purposes:" on line 2; start it in column 3, like '
     '"purposes:"'),
    # a field at the start of the line between deeper ones: it is out of place, or the next one is too deep
    ("contact:\n  email: a@b.be\nlanguages: [nl, fr]\n  form: yes\n",
     '3:1: "languages:" is indented 2 spaces less than the fields above it, and "form:" on line 4 is indented 2 '
     'spaces more than "languages:"; if "languages:" belongs with the fields above it, start it in column 3, like '
     '"email:" on line 2; otherwise start "form:" in column 1'),
    # texts after | or >-: not indented, a first line too deep, a Markdown list line not indented
    ("intro:\n  nl: >-\n  Een tekst zonder inspringing: en meer.\n  fr: Un texte.\n",
     '3:3: this line is the text of "nl:" on line 2, but it is not indented more than "nl:"; indent it to column 5, '
     "with the other lines of that text"),
    ("intro:\n  nl: |\n      Eerste regel, te diep.\n\n    Tweede regel.\n  fr: Un texte.\n",
     '3:7: the first line of the text of "nl:" is indented 2 spaces more than line 5 below it, and the first line '
     "sets the indentation of the whole text; start it in column 5, like line 5"),
    ("intro:\n  nl: |\n    Een lijst:\n\n    - eerste punt\n  - tweede punt\n  fr: Un texte.\n",
     '6:3: this line continues the text of "nl:" on line 2, but is not indented more than "nl:"; indent it to '
     "column 5, like line 3"),
    # the first field of the file indented; the first field under another not indented
    ("  summary:\n    nl: Nieuw.\n    fr: Nouveau.\nintro: x\n",
     '1:3: "summary:" is indented, but the fields of the file start at the beginning of the line; start it in '
     "column 1, like the other fields of the file"),
    ("summary:\nnl: |\n    Nieuw.\n  fr: Nouveau.\n",
     '2:1: "nl:" is not indented under "summary:" (line 1), so "summary" is empty; start it in column 3, like "fr:" '
     "on line 4"),
    # a field of the file indented under the text above it
    ("website: https://www.demo.be\n  languages: [nl, fr]\n",
     '2:3: "languages:" is indented 2 spaces more than "website:" on line 1, so it is read as part of the text of '
     '"website:"; start it in column 1, like "website:" (or, if this line belongs to that text, put the whole text '
     "in double quotes)"),
    # an address line's French text too shallow
    ("address:\n  street:\n    nl: Kerkstraat 1\n  fr: Rue de l'Église 1\n  city: Brussel\n",
     '4:3: "fr:" is indented 2 spaces less than "nl:" on line 3, so it is not read as part of that text; start it '
     'in column 5, like "nl:"'),
    # only the French text not indented under its field
    ("retention:\n  nl: Tot 5 jaar.\nfr: Jusqu'à 5 ans.\nother: x\n",
     '3:1: "fr:" is indented 2 spaces less than "nl:" on line 2, so it is not read as part of that text; start it '
     'in column 3, like "nl:"'),
    ("title:\nnl: Titel\nother: x\n",
     '2:1: "nl:" is not indented under "title:" (line 1), so "title" is empty; indent it 2 spaces more, to column 3'),
    # Markdown at the start of a text
    ("intro:\n  nl: **Belangrijk**: lees dit.\n",
     '2:7: a text that starts with * (Markdown emphasis) must be put in double quotes; write nl: "**Belangrijk**: '
     'lees dit."'),
    ("intro:\n  nl: *Belangrijk* lees dit.\n",
     '2:7: a text that starts with * (Markdown emphasis) must be put in double quotes; write nl: "*Belangrijk* '
     'lees dit."'),
    ("intro:\n  nl: {tekst} en meer\n",
     '2:7: a text that starts with { must be put in double quotes; write nl: "{tekst} en meer"'),
    # a block text with its first line not indented
    ("intro:\n  nl: |\n  Eerste regel.\n  fr: Première ligne.\n",
     '3:3: this line is the text of "nl:" on line 2, but it is not indented more than "nl:"; indent it to column 5, '
     "with the other lines of that text"),
    # a list item of the list above, pasted one level too deep
    ("data:\n  - identification\n  - contact\nsources:\n  - data_subject\n    - employer\n",
     '6:5: this "-" is indented more than the item above (line 5), so its text is read as part of "data_subject"; '
     'start "-" in column 3, like the item above'),
    # the key itself with an invisible space
    ("name:\n  nl\u202f: Demo\n", '2:5: a narrow no-break space (U+202F) stands between "nl" and ":"; remove it'),
])
def test_layout_mistake(text: str, expected: str) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize("text", [
    TEXT,
    TEXT.replace("\n", "\r\n"),  # Windows line endings
    TEXT.replace("\n", "\r"),  # old Mac line endings
    "\ufeff" + TEXT.replace("\n", "\r\n"),  # Notepad: a byte order mark and Windows line endings
])
def test_line_endings_do_not_matter(text: str) -> None:
    located, found = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert found == []
    assert located is not None
    assert located.data == {"retention": {"nl": "Tot 5 jaar na het einde.", "fr": "Jusqu'à 5 ans après la fin."}}
    assert located.pos(("retention", "fr")) == (3, 7)


@pytest.mark.parametrize("text", [
    "article: {nl: de, fr: la}\nname: {nl: VDAB, fr: VDAB}\n",  # a mapping of languages only is a text
    "intro:\n  nl: |\n    Opgelet: dit is een tekst.\n    - met een lijst\n  fr: |\n    Attention : un texte.\n",
    "intro:\n  nl: >-\n    Een lange tekst\n    op twee regels.\n  fr: Un texte.\n",
    "intro:\n  nl: Een tekst\n    op twee regels.\n  fr: Un texte\n    sur deux lignes.\n",
    "data:\n  - identification\n  - contact\nlist:\n- item one\n- item two\n",
    "a:\n  - id: x\n    title: {nl: X, fr: X}\n  - id: y\n",
])
def test_valid_layouts_stay_accepted(text: str) -> None:
    assert problems(text) == []


def test_a_colon_inside_a_text_still_asks_for_quotes() -> None:
    assert problems("intro:\n  nl: Let op: dit.\n  fr: Attention.\n") == [
        '2:13: unexpected ":" (a text containing ": " must be quoted); put the text in double quotes']


def test_a_repeated_key_outside_a_text_keeps_the_plain_message() -> None:
    assert problems("email: a@b.be\nphone: 1\nemail: c@d.be\n") == [
        '3:1: duplicate key "email" (first at line 1); keep one and remove the other']


def test_lines_are_numbered_as_yaml_numbers_them() -> None:
    lines = split_lines("a: 1\r\n  - b\rc:x\n")
    assert [(line.number, line.indent, line.dash, line.key) for line in lines] == [
        (0, 0, None, "a"), (1, 2, 2, None), (2, 0, None, None), (3, 0, None, None)]


def test_every_case_of_the_table_is_an_indentation_or_layout_mistake() -> None:
    """The table of editor mistakes (issue 17): at least 25 cases, each with exactly one message."""
    cases = [case for case in sorted(Path(__file__).parent.joinpath("bad_inputs").glob("1[2-5][0-9]-*"))
             if int(case.name[:3]) < FIRST_LANGUAGE_CASE]
    assert len(cases) >= 25
    for case in cases:
        assert len((case / "expected.txt").read_text(encoding="utf-8").splitlines()) == 1, case.name


def test_a_field_not_indented_under_the_empty_field_above_it() -> None:
    """Valid YAML that the model reads wrongly: one message on the line to indent, not "request_form is empty"."""
    from privacy_site.model.documents import Organisation
    from privacy_site.model.validate import validate

    organisation = Path(__file__).parent / "bad_inputs" / "_valid" / "policies" / "demo" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8").replace(
        "  retention:\n    nl: Tot een jaar na ons antwoord.\n    fr: Jusqu'à un an après notre réponse.\n",
        "retention:\n  nl: Tot een jaar na ons antwoord.\n  fr: Jusqu'à un an après notre réponse.\n")
    located, found = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert found == [] and located is not None
    _, problems = validate(Organisation, located)
    assert [str(p) for p in problems] == [
        'f.yaml:21:1: "retention:" is not indented under "request_form:" (line 20), so "request_form" is empty; indent '
        "it (with the lines that belong to it) 2 spaces more, to column 3"]
