"""`privacy-site review`: the reviewers' Word document and HTML page, read back as a reviewer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document

from privacy_site.tools.cli import main
from privacy_site.tools.review import DELETED, INSERTED

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        assert main(["review", "fopas", "privacy", "2024-09-01", "--output", str(out)]) == 0
    return out / "fopas-privacy-2024-09-01"


def test_the_word_document_has_both_languages_side_by_side_with_the_changes_marked(review: Path) -> None:
    doc = Document(str(review.with_suffix(".docx")))
    assert doc.paragraphs[0].text == "Fopas, Fonds voor bestaanszekerheid: privacy statement, version of 2024-09-01"
    assert doc.paragraphs[1].text == ("published (locked): the text visitors read; changes against the version of "
                                      "2023-07-01 are marked")
    [table] = doc.tables
    assert [cell.text for cell in table.rows[0].cells] == ["Nederlands", "Français"]
    runs = {"nl": [], "fr": []}
    for row in table.rows[1:]:
        for lang, cell in zip(("nl", "fr"), row.cells, strict=True):
            runs[lang] += [run for paragraph in cell.paragraphs for run in paragraph.runs]

    def marked(lang: str, kind: str) -> str:
        if kind == "insert":
            return " ".join(r.text for r in runs[lang] if r.font.underline and r.font.color.rgb == INSERTED)
        return " ".join(r.text for r in runs[lang] if r.font.strike and r.font.color.rgb == DELETED)

    plain_nl = " ".join(r.text for r in runs["nl"])
    assert "Wie is verantwoordelijk voor uw gegevens?" in plain_nl  # a section title, in its language
    assert "SSL-verbinding." in marked("nl", "delete") and "versleutelde HTTPS-verbinding." in marked("nl", "insert")
    assert "Aider les" in marked("fr", "delete") and "Communiquer aux" in marked("fr", "insert")
    assert "Qui est responsable de vos données ?" in " ".join(r.text for r in runs["fr"]).replace("\u202f", " ")
    # What did not change is not marked.
    assert "Fopas" not in marked("nl", "delete")


def test_the_html_page_shows_the_same_review(review: Path) -> None:
    soup = BeautifulSoup(review.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Fopas, Fonds voor bestaanszekerheid: privacy statement, version of 2024-09-01"
    nl = " ".join(cell.get_text(" ") for cell in soup.select('td[lang="nl"]'))
    assert "SSL-verbinding." in " ".join(d.get_text() for d in soup.select('td[lang="nl"] del'))
    assert "versleutelde HTTPS-verbinding." in " ".join(i.get_text() for i in soup.select('td[lang="nl"] ins'))
    assert "Wie is verantwoordelijk voor uw gegevens?" in nl


def test_a_review_of_an_unknown_version_says_which_exist(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["review", "fopas", "privacy", "2024-09-02", "--output", str(tmp_path)]) == 1
    assert capsys.readouterr().err == ("privacy-site review: no version of 2024-09-02; versions: 2023-07-01, "
                                       "2024-09-01, 2027-01-01, 2027-02-01\n")
