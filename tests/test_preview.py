"""The preview (`make serve`): an edit shows on its pages, in every language, and the rest of the site stays right."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from privacy_site.backend.preview import MANIFEST, TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
WAIT = 300  # seconds: a shared machine may be slow; nothing here measures time


def _serve_command() -> list[str]:
    """The Makefile's serve recipe, as the editor runs it (`make serve`)."""
    recipe = re.search(r"^serve:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe, "the Makefile has a serve target"
    words = recipe[1].split()
    assert words[:2] == ["PRIVACY_SITE_PREVIEW=1", "$(BIN)/mkdocs"], words
    return [str(MKDOCS), *words[2:]]


def _edit_introduction(version: Path, word: str) -> None:
    """Start the Dutch and the French introduction with `word`."""
    text = version.read_text(encoding="utf-8")
    start = text.index("\nintroduction:\n")
    for lang in ("nl", "fr"):
        found = re.compile(rf"\n  {lang}: [|>]-?\n +").search(text, start)
        assert found, f"the introduction has a {lang} text written as a block"
        text = text[:found.end()] + f"{word} " + text[found.end():]
    version.write_text(text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


@pytest.fixture
def preview(policies_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`make serve`'s command on a free port of 127.0.0.1, previewing a copy of the example policies."""
    with _serving(policies_copy, tmp_path, {}) as served:
        yield served


@contextmanager
def _serving(policies_copy: Path, tmp_path: Path, extra_env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [f"127.0.0.1:{port}" if word == "127.0.0.1:8000" else word for word in _serve_command()]
    command += ["--watch", str(policies_copy)]
    env = {**os.environ, "PRIVACY_SITE_POLICIES": str(policies_copy), "PRIVACY_SITE_PREVIEW": "1",
           "NO_MKDOCS_2_WARNING": "1", **extra_env}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def _wait_for(url: str, word: str, log: Path) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and word in body:
            return body
        time.sleep(0.2)
    pytest.fail(f"{word!r} never appeared on {url}; the server said:\n{log.read_text(errors='replace')[-3000:]}")


def test_an_edit_shows_in_both_languages_and_the_other_organisations_stay(
        preview: tuple[str, Path], policies_copy: Path) -> None:
    url, log = preview
    _wait_for(url + "nl/sociare/privacy/", "<html", log)
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"  # current on the tests' date
    for word in ("Zeldzaamwoord", "Anderwoord"):  # twice: the second rebuild starts from a preview build
        _edit_introduction(version, word)
        for lang in ("nl", "fr"):
            page = _wait_for(f"{url}{lang}/sociare/privacy/", word, log)
            assert f'<html lang="{lang}"' in page
    status, other = _get(url + "fr/vdab/privacy/")
    assert status == 200 and "VDAB" in other, "an organisation that did not change is still served"
    assert "Anderwoord" not in other


def _build(site: Path, *, dirty: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only in the preview: {prefix}{name}" for name in compared.left_only)
        found.extend(f"only in a new build: {prefix}{name}" for name in compared.right_only)
        found.extend(f"differs: {prefix}{name}" for name in compared.diff_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[MANIFEST, TEMPLATES]), "")
    return found


def test_a_rebuilt_preview_is_the_site_a_new_build_makes(policies_copy: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """After edits, removed versions and a removed organisation, every file is what a full build writes."""
    monkeypatch.setenv("PRIVACY_SITE_POLICIES", str(policies_copy))
    monkeypatch.setenv("PRIVACY_SITE_PREVIEW", "1")
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # the i18n plugin's language passes read it
    preview = tmp_path / "preview"
    _build(preview, dirty=True)
    edits = [
        lambda: _edit_introduction(policies_copy / "sociare" / "privacy" / "2025-06-01.yaml", "Zeldzaamwoord"),
        lambda: _replace(policies_copy / "vdab" / "organisation.yaml", "name:\n  nl: ", "name:\n  nl: Nieuwe "),
        lambda: (policies_copy / "sociare" / "privacy" / "2020-10-07.yaml").unlink(),
        lambda: shutil.rmtree(policies_copy / "departement-wse"),
    ]
    untouched = preview / "nl" / "vdab" / "privacy" / "index.html"
    written = untouched.stat().st_mtime_ns
    for number, edit in enumerate(edits, 1):
        edit()
        _build(preview, dirty=True)
        if number == 1:
            assert untouched.stat().st_mtime_ns == written, "a page of another organisation is not built again"
        fresh = tmp_path / f"fresh-{number}"
        _build(fresh, dirty=False)
        assert _differences(preview, fresh) == [], f"after edit {number}"
        shutil.rmtree(fresh)


@pytest.mark.parametrize(("locale", "heading", "fixed"), [
    ("nl_BE.UTF-8", "De preview wacht: 1 probleem op te lossen", "bijgewerkt"),
    ("fr_BE.UTF-8", "L'aperçu attend : 1 problème à corriger", "à jour"),
])
def test_problems_show_on_every_page_and_go_away_once_fixed(
        policies_copy: Path, tmp_path: Path, page: Any, locale: str, heading: str, fixed: str) -> None:
    """A mistake in a file: the preview starts anyway, every page lists the problem in the editor's language (file,
    line, column, what is wrong, how to fix it); saved fixed, the open page turns into the statement by itself."""
    version = policies_copy / "sociare" / "privacy" / "2025-06-01.yaml"
    good = version.read_text(encoding="utf-8")
    line = good.splitlines().index(next(x for x in good.splitlines() if x.strip().startswith("retention:"))) + 1
    version.write_text(good.replace("retention:", "retentoin:", 1), encoding="utf-8")
    with _serving(policies_copy, tmp_path, {"LANG": locale, "LANGUAGE": ""}) as (url, log):
        for address in (f"{url}nl/sociare/privacy/", f"{url}fr/vdab/contact/", url):  # every page, any page
            _wait_for(address, "retentoin", log)
        page.goto(f"{url}nl/sociare/privacy/")
        assert page.locator("h1").inner_text() == heading
        cells = page.locator("tbody tr").first.locator("td").all_inner_texts()
        assert cells[0].endswith(f"sociare/privacy/{version.name}") and cells[1:3] == [str(line), "5"]
        assert '"retentoin"' in cells[3] and '"retention"' in cells[4]
        version.write_text(good, encoding="utf-8")
        page.wait_for_selector("article", timeout=WAIT * 1000)  # the page reloaded itself: the statement is back
        assert "retentoin" not in page.content()
    output = log.read_text(encoding="utf-8")
    assert "INFO" not in output, "MkDocs' information stays out of the preview's terminal"
    lines = [x for x in output.splitlines() if x.strip() and not x.startswith(("WARNING", " "))]
    assert any("retentoin" in x and f"{version.name}:{line}:5:" in x for x in lines)
    assert any(fixed in x for x in lines), "one line tells that the preview is up to date again"


@pytest.mark.parametrize("polling", ["", "1"])
def test_the_preview_sees_saves_at_once_and_still_watches_what_mkdocs_serve_watched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, polling: str) -> None:
    """`mkdocs serve` polls every 0.5 s: the preview's server gets the system's notifications (or, with
    PRIVACY_SITE_POLLING=1, polls every POLL_SECONDS) and watches the same paths MkDocs had it watch before the
    serve event (docs, mkdocs.yml); that edits show: the tests above."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    from privacy_site.backend.preview import POLL_SECONDS, look_often

    monkeypatch.setenv("PRIVACY_SITE_POLLING", polling)
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: test\n", encoding="utf-8")
    config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    servers = []
    for _ in range(2):
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
        server.watch(config.docs_dir)  # what mkdocs.commands.serve watches before it runs the serve event
        server.watch(config.config_file_path)
        servers.append(server)
    as_mkdocs_leaves_it, preview = servers
    look_often(preview, config)
    assert isinstance(as_mkdocs_leaves_it.observer, PollingObserver), "MkDocs changed: is this still needed?"
    assert as_mkdocs_leaves_it.observer.timeout == 0.5
    if polling:
        assert isinstance(preview.observer, PollingObserver) and preview.observer.timeout == POLL_SECONDS < 0.5
    else:
        assert type(preview.observer) is Observer and Observer is not PollingObserver  # inotify on Linux
    watched = [sorted((e.watch.path, e.watch.is_recursive) for e in server.observer.emitters) for server in servers]
    assert watched[0] == watched[1] and len(watched[1]) == 2
    preview.unwatch(config.docs_dir)  # the server's own bookkeeping followed: MkDocs can still unwatch
    assert len(preview.observer.emitters) == 1
