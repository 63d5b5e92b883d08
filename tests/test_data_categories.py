"""Data categories declared once with their definitions, named by id in the activities."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_site.checks.corpus import load_corpus
from privacy_site.views.views import StatementLinks, statement_view

LINKS = StatementLinks(history="history/", current="./")
CATEGORIES = """
data_categories:
  - id: training-record
    name: {nl: opleidingsgegevens, fr: données de formation}
    definition:
      nl: de opleidingen die je volgde, je aanwezigheid en je attesten.
      fr: les formations que vous avez suivies, vos présences et vos attestations.
"""


def test_a_category_is_defined_once_and_named_by_the_activities(policies_copy: Path) -> None:
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"
    text = version.read_text(encoding="utf-8")
    first_data = text.index("    data:\n") + len("    data:\n")
    version.write_text(text[:first_data] + "      - training-record\n" + text[first_data:].rstrip("\n") + "\n"
                       + CATEGORIES, encoding="utf-8")
    sociare = load_corpus(policies_copy).org("sociare")
    for lang, name, definition, intro in (
            ("nl", "opleidingsgegevens", "de opleidingen die je volgde, je aanwezigheid en je attesten.",
             "Wat de categorieën van gegevens hieronder omvatten:"),
            ("fr", "données de formation",
             "les formations que vous avez suivies, vos présences et vos attestations.",
             "Ce que couvrent les catégories de données citées ci-dessous :")):
        view = statement_view(sociare, sociare.current("privacy"), lang, LINKS)
        processing = next(b for b in view.blocks if b.id == "processing")
        assert processing.body[-1] == intro
        assert [(f.label, f.items) for f in processing.facts] == [(name, [definition])]
        first = processing.subsections[0]
        assert name in next(f for f in first.facts if f.label in ("Welke gegevens", "Quelles données")).items
        which = next(f for f in view.first_layer.facts if f.label in ("Welke gegevens", "Quelles données"))
        assert name in which.items[0]  # the summary names it briefly, without its definition
        assert definition not in which.items[0]


@pytest.mark.parametrize(("categories", "message"), [
    ("  - id: contact\n    name: {nl: contact, fr: contact}\n    definition: {nl: x, fr: x}\n",
     '"contact" is a standard data category; give your own category another id'),
])
def test_a_category_id_must_not_be_a_standard_term(policies_copy: Path, categories: str, message: str) -> None:
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"
    version.write_text(version.read_text(encoding="utf-8").rstrip("\n") + "\ndata_categories:\n" + categories,
                       encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_corpus(policies_copy)
    assert message in str(info.value)
