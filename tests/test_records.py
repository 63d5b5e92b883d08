"""A published version is a record: what visitors read on it never changes, whatever changes after it was locked."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader

from privacy_site.checks.corpus import load_corpus
from privacy_site.i18n.catalogs import translations
from privacy_site.source.problems import PolicyError
from privacy_site.tools.cli import main
from privacy_site.tools.editing import new_version
from privacy_site.tools.published import visible_lines
from privacy_site.views.environment import template_env
from privacy_site.views.plan import PlannedPage, make_plan
from privacy_site.views.records import rebase
from privacy_site.views.render import render_page

LOCKED = date(2024, 9, 1)  # Fopas' current privacy statement, locked (today is 2026-11-01 in the tests)
DRAFT = date(2027, 3, 1)


def pages(root: Path, lang: str = "nl") -> tuple[str, str, str]:
    """The locked version's page, the current page (the same version) and the draft's page, as rendered now."""
    corpus = load_corpus(root)
    plan = make_plan(corpus)
    return tuple(render_page(PlannedPage(kind, lang, "fopas", "privacy", day), corpus, plan).html  # type: ignore
                 for kind, day in (("version", LOCKED), ("statement", None), ("version", DRAFT)))


def start_draft(root: Path) -> None:
    path = new_version(load_corpus(root), "fopas", "privacy", DRAFT)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("TODO: wat er in deze versie verandert, en waarom", "Nieuwe gegevens.")
                    .replace("TODO : ce qui change dans cette version, et pourquoi", "Nouvelles données."),
                    encoding="utf-8")


def body(html: str) -> str:
    """The statement under its heading: what the record fixes."""
    return html[html.index('<div class="ps-first-layer">'):]


def _contact(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    org = root / "fopas" / "organisation.yaml"
    lines = org.read_text(encoding="utf-8").split("\n")
    where = next(i for i, line in enumerate(lines) if line == "  email: info@fopas.be")
    lines[where] = "  email: dpo@fopas.be"
    org.write_text("\n".join(lines), encoding="utf-8")
    return "info@fopas.be", "dpo@fopas.be"


def _clause(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    # Own clause texts belong to a version: only a new version can say them, a published one keeps its own.
    draft = root / "fopas" / "privacy" / f"{DRAFT.isoformat()}.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").rstrip("\n") + "\nclauses:\n  access:\n"
                     "    nl: U kunt uw dossier op afspraak inkijken in ons kantoor.\n"
                     "    fr: Vous pouvez consulter votre dossier sur rendez-vous dans nos bureaux.\n",
                     encoding="utf-8")
    return "u kunt vragen of we gegevens over u verwerken", "U kunt uw dossier op afspraak inkijken"


def _catalog(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    catalog = translations("nl", "formal")._catalog  # noqa: SLF001 - the test plays a catalog edit
    old = catalog["Who is responsible for your data?"]
    monkeypatch.setitem(catalog, "Who is responsible for your data?", "Wie beslist over uw gegevens?")
    return old, "Wie beslist over uw gegevens?"


def _template(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    env = template_env("nl", "formal")
    original = env.loader
    assert original is not None
    text = original.get_source(env, "statement.html")[0]
    changed = text.replace('<div class="ps-first-layer">', '<div class="ps-first-layer">\n<p>Nieuwe inleiding.</p>')
    monkeypatch.setattr(env, "loader", ChoiceLoader([DictLoader({"statement.html": changed}), original]))
    env.cache.clear()  # type: ignore[union-attr]
    monkeypatch.setattr(env, "cache", {})
    return '<div class="ps-first-layer">\n<h2', "<p>Nieuwe inleiding.</p>"


@pytest.mark.parametrize("change", [_contact, _clause, _catalog, _template], ids=lambda c: c.__name__[1:])
def test_a_locked_version_reads_as_published_while_a_draft_shows_the_change(
        change: Callable[[Path, pytest.MonkeyPatch], tuple[str, str]], locked_policies: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    start_draft(locked_policies)
    locked, current, draft = pages(locked_policies)
    old, new = change(locked_policies, monkeypatch)
    locked_after, current_after, draft_after = pages(locked_policies)
    assert old in body(locked) and new not in body(locked)
    assert body(locked_after) == body(locked)  # byte for byte
    assert body(current_after) == body(current)
    assert new in body(draft_after) and new not in body(draft)


def test_the_current_page_shows_the_record_with_its_links_moved(locked_policies: Path) -> None:
    corpus = load_corpus(locked_policies)
    plan = make_plan(corpus)
    version = render_page(PlannedPage("version", "fr", "fopas", "privacy", LOCKED), corpus, plan).html
    current = render_page(PlannedPage("statement", "fr", "fopas", "privacy"), corpus, plan).html
    assert 'href="../../contact/"' in body(version) and 'href="../../contact/"' not in body(current)
    assert body(current) == body(version).replace('href="../../contact/"', 'href="../contact/"')


def test_rebase_moves_only_relative_links() -> None:
    recorded = PlannedPage("version", "nl", "fopas", "privacy", LOCKED)
    shown = PlannedPage("statement", "nl", "fopas", "privacy")
    html = ('<a href="../../contact/">c</a> <a href="#rights">r</a> <a href="https://www.fopas.be/">w</a> '
            '<a href="mailto:info@fopas.be">m</a> <a href="../../contact/#form">f</a>')
    assert rebase(html, recorded, shown) == (
        '<a href="../contact/">c</a> <a href="#rights">r</a> <a href="https://www.fopas.be/">w</a> '
        '<a href="mailto:info@fopas.be">m</a> <a href="../contact/#form">f</a>')
    assert rebase(html, recorded, recorded) == html


def problems(root: Path, require_lock: bool = False) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root.parent)  # paths are shown as the editor's terminal sees them
        try:
            load_corpus(Path("policies"), require_lock=require_lock)
        except PolicyError as err:
            return [str(p) for p in err.problems]
    return []


def record(root: Path, lang: str = "nl", day: date = LOCKED) -> Path:
    return root / "fopas" / "privacy" / "published" / f"{day.isoformat()}.{lang}.html"


def test_a_record_edited_by_hand_is_refused(locked_policies: Path) -> None:
    path = record(locked_policies)
    path.write_text(path.read_text(encoding="utf-8").replace("info@fopas.be", "dpo@fopas.be"), encoding="utf-8")
    expected = ("policies/fopas/privacy/published/2024-09-01.nl.html:1:1: this record of a published version was "
                "changed after it was locked; restore it from git: what visitors read on a published version never "
                "changes")
    assert problems(locked_policies) == [expected]
    assert problems(locked_policies, require_lock=True) == [expected]


def test_a_missing_or_stray_record_is_refused(locked_policies: Path) -> None:
    record(locked_policies, "fr").unlink()
    stray = record(locked_policies, "nl", date(2025, 1, 1))
    shutil.copy(record(locked_policies), stray)
    line = next(i for i, text in enumerate((locked_policies / "versions.lock").read_text().splitlines(), start=1)
                if text.startswith("fopas/privacy/2024-09-01 "))
    assert problems(locked_policies) == [
        "policies/fopas/privacy/published/2025-01-01.nl.html:1:1: this record belongs to no locked version "
        "(fopas/privacy/2025-01-01 in Dutch); delete it, or lock that version with "
        "`privacy-site lock fopas privacy 2025-01-01`",
        f"policies/versions.lock:{line}:1: fopas/privacy/2024-09-01 is published but its record "
        "policies/fopas/privacy/published/2024-09-01.fr.html is missing; restore it from git: what visitors read "
        "on a published version never changes"]


def _without_writer(record: bytes) -> bytes:
    """A record without the line naming the privacy-site release that wrote it (a new release writes its own)."""
    return b"\n".join(line for line in record.split(b"\n") if not line.startswith(b"<!-- written by privacy-site "))


def test_old_locks_are_migrated_by_one_command(locked_policies: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    lock = locked_policies / "versions.lock"
    old_lock = "".join(" ".join(line.split(" ")[:2]) + "\n" for line in lock.read_text().splitlines())
    lock.write_text(old_lock, encoding="utf-8")
    kept = {path: path.read_bytes() for path in locked_policies.glob("*/*/published/*.html")}
    for folder in locked_policies.glob("*/*/published"):
        shutil.rmtree(folder)
    assert problems(locked_policies) == []  # a build still works: unrecorded versions render from their files
    found = problems(locked_policies, require_lock=True)
    assert len(found) == 20 and found[0].endswith(
        "departement-wse/cookies/2024-01-01 was locked before records of what visitors read existed; run "
        "`privacy-site migrate` once and commit the files it writes")
    monkeypatch.chdir(locked_policies.parent)
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "recorded departement-wse/privacy/2024-01-01 as it reads today"
    assert problems(locked_policies, require_lock=True) == []
    # The migration records each version as it reads today: the same records again, except where this
    # privacy-site words a version differently than the one that published it (the art. 6(1)(b) label; Payvera's
    # DPOs and "good to know"): what visitors read on those stays the committed record, never re-migrated.
    written = {path: path.read_bytes() for path in locked_policies.glob("*/*/published/*.html")}
    assert written.keys() == kept.keys()
    reworded = sorted(str(path.relative_to(locked_policies)) for path in kept
                      if _without_writer(written[path]) != _without_writer(kept[path]))
    assert reworded == [f"{org}/privacy/published/{day}.{lang}.html" for org, day in [
        ("payvera", "2026-10-01"), ("sociare", "2020-10-07"), ("sociare", "2022-03-15"), ("sociare", "2025-06-01")]
        for lang in ("fr", "nl")]
    payvera_dpo = {"Functionaris voor gegevensbescherming", "Délégué à la protection des données", "dpo@payvera.be"}
    for path in reworded:
        new = visible_lines(written[locked_policies / path].decode())
        gone = [line for line in visible_lines(kept[locked_policies / path].decode()) if line not in new]
        assert gone and all("een overeenkomst met" in line or "exécution d'un contrat conclu" in line
                            or (path.startswith("payvera") and line in payvera_dpo) for line in gone), (path, gone)
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == "every locked version already has its record\n"


def test_check_tells_which_published_statements_keep_an_old_dpo_email(locked_policies: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    _contact(locked_policies, monkeypatch)
    assert main(["check", "--strict"]) == 0  # information, never a failed check: visitors read what was published
    err = capsys.readouterr().err.splitlines()
    assert err[:12] == [
        "policies/fopas/organisation.yaml:1:1: information: the published privacy statement of 2024-09-01 (in "
        "effect) keeps the details it was published with; visitors read that text until a new version takes effect "
        "(the contact page shows the new details at once). What would change:",
        "  in Dutch:",
        "    published: info@fopas.be",
        "    new:       dpo@fopas.be",
        "    published: E-mail: info@fopas.be",
        "    new:       E-mail: dpo@fopas.be",
        "  in French:",
        "    published: info@fopas.be",
        "    new:       dpo@fopas.be",
        "    published: E-mail : info@fopas.be",
        "    new:       E-mail : dpo@fopas.be",
        "  To publish it: privacy-site new-version fopas privacy --date YYYY-MM-DD (after the latest version), then "
        "lock it once it is approved"]
    # The upcoming versions can still be released and locked again with the new details.
    assert ("  To publish the new text on 2027-02-01: privacy-site lock --release fopas privacy 2027-02-01, then "
            "privacy-site lock fopas privacy 2027-02-01") in err
    assert sum(line.startswith("policies/fopas/organisation.yaml:1:1: information:") for line in err) == 4
    # Told in the editor's language, like the problems.
    assert main(["check", "--messages", "fr"]) == 0
    told = capsys.readouterr().err.splitlines()
    assert told[:4] == [
        "policies/fopas/organisation.yaml:1:1: information : la version publiée du 2024-09-01 de la déclaration de "
        "confidentialité (en vigueur) garde les informations avec lesquelles elle a été publiée ; les visiteurs "
        "lisent ce texte jusqu'à l'entrée en vigueur d'une nouvelle version (la page de contact affiche tout de "
        "suite les nouvelles "
        "informations). Ce qui changerait :",
        "  en néerlandais :",
        "    publié :  info@fopas.be",
        "    nouveau : dpo@fopas.be"]
    assert told[11] == ("  Pour publier le nouveau texte : privacy-site new-version fopas privacy --date YYYY-MM-DD "
                        "(après la dernière version), puis verrouillez-la dès qu'elle est approuvée")


def test_a_newer_privacy_site_that_words_it_differently_is_information(locked_policies: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(locked_policies.parent)
    _catalog(locked_policies, monkeypatch)
    monkeypatch.setattr("privacy_site.tools.published.generator", lambda: "9.9.9")
    assert main(["check", "--strict"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        "policies/departement-wse/privacy/2024-01-01.yaml:1:1: information: this privacy-site (9.9.9) words the "
        "published privacy statement of 2024-01-01 (in effect) differently than the one that published it (0.1.0); "
        "nothing changes for visitors. What would change:",
        "  in Dutch:",
        "    published: Wie is verantwoordelijk voor uw gegevens?",
        "    new:       Wie beslist over uw gegevens?"]


def test_a_development_version_that_words_it_differently_says_so(locked_policies: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The same release number on both sides: the note does not pretend a newer privacy-site wrote it."""
    monkeypatch.chdir(locked_policies.parent)
    _catalog(locked_policies, monkeypatch)
    monkeypatch.setattr("privacy_site.tools.published.generator", lambda: "0.1.0")  # the records' release
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "policies/departement-wse/privacy/2024-01-01.yaml:1:1: information: privacy-site now words the published "
        "privacy statement of 2024-01-01 (in effect) differently than when it was published (both 0.1.0); "
        "nothing changes for visitors. What would change:")


def test_the_fingerprint_is_the_hash_of_the_record(locked_policies: Path) -> None:
    corpus = load_corpus(locked_policies)
    html = render_page(PlannedPage("version", "nl", "fopas", "privacy", LOCKED), corpus, make_plan(corpus)).html
    digest = hashlib.sha256(record(locked_policies).read_bytes()).hexdigest()
    assert f'<code title="SHA-256">{digest[:16]}</code>' in html
    assert "Vingerafdruk van de gepubliceerde tekst:" in html
