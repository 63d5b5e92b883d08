"""Performance benchmark of privacy-site (run by `make bench`; not part of `make test`).

For N organisations (10, 50, 200; --quick: 5, 10, 20) it generates a synthetic corpus
(bench/corpus.py), builds it with privacy-site in a fresh process, and builds the same number of
equivalent plain Markdown pages (same folders, same text length, one language) with plain
mkdocs-material, and with Hugo when it is installed. Then it times `privacy-site check` on the
largest corpus against parsing the same YAML files with yaml.safe_load, measures what a visitor
downloads for four pages of the example site, and prints PASS/FAIL per target.

Every build runs in its own process; its wall time, CPU time (user + system) and peak memory
(ru_maxrss from wait4) are those of that process alone. The machine may be shared: CPU time is
what the ratios and growth factors use, wall time is shown beside it.

    python bench/run.py [--quick] [--sizes 10 50 200] [--profile N] [--visitor N]
    python bench/run.py --check N [--baseline SRC] [--repeat R]   (cold and warm check only)
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import corpus as synthetic  # bench/corpus.py (bench/ is on sys.path when run as a script)
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FULL_SIZES = (10, 50, 200)
QUICK_SIZES = (5, 10, 20)
GZIP_LEVEL = 6  # the usual server default (Apache mod_deflate; nginx is often configured to 5-6)

# Targets.
MAX_PAGE_RATIO = 1.0  # time per generated page / time per plain mkdocs-material page (issue 13; N >= 50)
MAX_DOUBLING = 2.05  # time and output size when N doubles (issue 13)
MAX_WALL_RATIO = 0.6  # stretch: wall time per page with both cores / plain mkdocs-material's, largest N
MAX_CHECK_SECONDS = 2.0
MAX_CHECK_RATIO = 3.0  # check / parse-only
MAX_STATEMENT_BYTES = 100 * 1024  # compressed
MAX_STATEMENT_REQUESTS = 15
MAX_NOTICE_BYTES = 2 * 1024  # compressed

BUILD_PRIVACY_SITE = """\
import sys
from pathlib import Path
from privacy_site.backend.publish import build_site
sys.exit(build_site(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
"""
BUILD_MKDOCS = """\
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
"""
CHECK = """\
import json, sys, time
start = time.perf_counter()
from privacy_site.tools.cli import main
imported = time.perf_counter()
code = main(["check", sys.argv[1]])
print(json.dumps({"import": imported - start, "work": time.perf_counter() - imported}))
import gc; gc.freeze()  # as the privacy-site command ends (cli.run)
sys.exit(code)
"""
PARSE_ONLY = """\
import json, sys, time
from pathlib import Path
start = time.perf_counter()
import yaml
imported = time.perf_counter()
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.safe_load(path.read_text(encoding="utf-8"))
print(json.dumps({"import": imported - start, "work": time.perf_counter() - imported}))
"""
PROFILE_BUILD = """\
import cProfile, pstats, sys
from pathlib import Path
from privacy_site.backend.publish import build_site
profile = cProfile.Profile()
profile.enable()
code = build_site(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
profile.disable()
profile.dump_stats(sys.argv[4])
stats = pstats.Stats(profile, stream=sys.stdout).strip_dirs()
print("== top 30 by cumulative time ==")
stats.sort_stats("cumulative").print_stats(30)
print("== top 30 by own time ==")
stats.sort_stats("tottime").print_stats(30)
sys.exit(code)
"""
TIMED_BUILD = """\
import json, sys, time
from pathlib import Path
import mkdocs.commands.build as mkbuild
import mkdocs.structure.pages as mkpages
from material.plugins.search.plugin import SearchPlugin
totals, depth = {}, {}

def timed(owner, name, label):
    inner = getattr(owner, name)
    def wrapper(*args, **kwargs):
        depth[label] = depth.get(label, 0) + 1
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            depth[label] -= 1
            if depth[label] == 0:  # count the outermost call only (the i18n plugin nests builds)
                totals[label] = totals.get(label, 0.0) + time.process_time() - start
    setattr(owner, name, wrapper)

timed(mkbuild, "build", "mkdocs build, all passes")
timed(mkbuild, "_populate_page", "pages: read, Markdown to HTML")
timed(mkbuild, "_build_page", "pages: context, theme template, write")
timed(SearchPlugin, "on_page_context", "  of which: search plugin, index entry")
if sys.argv[1] == "privacy-site":
    from privacy_site.source import tree
    from privacy_site.backend import mkdocs_adapter
    from privacy_site.backend import publish
    timed(publish, "load_corpus", "load_corpus, fail-fast call in build_site")
    timed(mkdocs_adapter, "load_corpus", "load_corpus, again in on_config")
    timed(mkdocs_adapter, "make_plan", "make_plan")
    timed(mkdocs_adapter, "on_files", "hook on_files: render_page, feeds")
    timed(mkdocs_adapter, "on_page_context", "  of which: hook on_page_context (notice, alternates)")
    timed(mkdocs_adapter, "on_post_build", "hook on_post_build: sitemaps, policies.json, Pagefind")
    timed(tree, "parse_yaml", "parse_yaml (YAML to data + positions)")
    start = time.process_time()
    code = publish.build_site(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
else:
    from mkdocs.config import load_config
    start = time.process_time()
    mkbuild.build(load_config(sys.argv[2], site_dir=sys.argv[3], strict=True))
    code = 0
totals["total (process CPU after imports)"] = time.process_time() - start
print(json.dumps(totals))
sys.exit(code)
"""
MKDOCS_YML = """\
site_name: Plain mkdocs-material baseline
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
  features:
    - navigation.prune
"""
HUGO_CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
title = "Plain Hugo baseline"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
HUGO_LAYOUT = """\
<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ .Content }}</main></body></html>
"""


@dataclass
class Run:
    """One measured process."""

    wall: float
    cpu: float
    peak_mb: float
    stdout: str


@dataclass
class PageWeight:
    """What loading one page costs; resources are (path, raw bytes, compressed bytes)."""

    page: str
    requests: int
    raw: int
    gzip: int
    resources: list[tuple[str, int, int]]
    deferred: list[tuple[str, int, int]]


@dataclass
class Build:
    """One measured site build."""

    tool: str
    n: int
    pages: int
    run: Run
    size: int
    search_size: int


def measure(cmd: Sequence[str], *, cwd: Path = ROOT) -> Run:
    """Run cmd in a fresh process; its wall time, CPU time and peak memory (its own, from wait4)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def tree_size(folder: Path) -> int:
    """Bytes of every file under folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def page_dirs(site: Path) -> list[str]:
    """Every page of a built site, as its folder relative to the site ("" for the home page)."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def _search_size(site: Path) -> int:
    return sum(f.stat().st_size for f in (site / "search").glob("*")) if (site / "search").is_dir() else 0


def build_privacy_site(n: int, policies: Path, work: Path) -> tuple[Build, Path]:
    """Build a corpus with privacy-site (the project's mkdocs.yml and hooks)."""
    site = work / "privacy-site"
    run = measure([PYTHON, "-c", BUILD_PRIVACY_SITE, str(ROOT / "mkdocs.yml"), str(site), str(policies)])
    return Build("privacy-site", n, len(page_dirs(site)), run, tree_size(site), _search_size(site)), site


# ---- the baseline pages: same folders, same amount of text, plain Markdown, one language ----

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def text_length(page_html: str) -> int:
    """Characters of text a visitor reads in the page's article."""
    match = _ARTICLE.search(page_html)
    body = match[1] if match else page_html
    return len(_SPACE.sub(" ", html.unescape(_TAG.sub(" ", body))).strip())


def paragraph_pool() -> list[str]:
    """Dutch paragraphs (some of them lists) from the template's statements."""
    pool: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "nl" and isinstance(value, str) and len(value) > 60:
                    pool.extend(p.strip() for p in value.split("\n\n") if len(p.strip()) > 60)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((synthetic.TEMPLATE / "privacy").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return pool


def markdown_page(title: str, length: int, pool: list[str], seed: int) -> str:
    """A Markdown page of about `length` characters of text: headings, paragraphs, lists."""
    parts = [f"# {title}"]
    written, i = 0, seed
    while written < length:
        paragraph = pool[i % len(pool)]
        if (i - seed) % 4 == 0:
            heading = " ".join(paragraph.lstrip("- ").split()[:5]).rstrip(",.:;")
            parts.append(f"## {heading}")
            written += len(heading)
        parts.append(paragraph)
        written += len(paragraph)
        i += 7
    return "\n\n".join(parts) + "\n"


def write_baseline(reference: Path, work: Path) -> tuple[Path, dict[str, str]]:
    """Plain Markdown pages for every page of the reference site; returns docs dir and pages."""
    pool = paragraph_pool()
    pages: dict[str, str] = {}
    for number, folder in enumerate(page_dirs(reference)):
        page_html = (reference / folder / "index.html").read_text(encoding="utf-8")
        title = folder.rstrip("/").replace("/", " ") or "Home"
        pages[folder] = markdown_page(title, text_length(page_html), pool, number)
    project = work / "mkdocs-project"
    docs = project / "docs"
    for folder, text in pages.items():
        target = docs / folder / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return project, pages


def build_mkdocs(n: int, project: Path) -> Build:
    """Build the baseline pages with plain mkdocs-material."""
    site = project / "site"
    run = measure([PYTHON, "-c", BUILD_MKDOCS, str(project / "mkdocs.yml"), str(site)], cwd=project)
    return Build("mkdocs-material", n, len(page_dirs(site)), run, tree_size(site), _search_size(site))


def build_hugo(n: int, pages: dict[str, str], work: Path) -> Build:
    """Build the baseline pages with a minimal Hugo site (every page a section: _index.md)."""
    project = work / "hugo-project"
    for folder, text in pages.items():
        title, _, body = text.partition("\n\n")
        target = project / "content" / folder / "_index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(title[2:])}\n---\n\n{body}", encoding="utf-8")
    for name in ("list.html", "single.html"):
        layout = project / "layouts" / "_default" / name
        layout.parent.mkdir(parents=True, exist_ok=True)
        layout.write_text(HUGO_LAYOUT, encoding="utf-8")
    (project / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    site = work / "hugo-site"
    run = measure([shutil.which("hugo") or "hugo", "--quiet", "--source", str(project), "--destination", str(site)],
                  cwd=project)
    return Build("hugo", n, len(page_dirs(site)), run, tree_size(site), 0)


# ---- check ----


def measure_check(policies: Path) -> dict[str, float]:
    """`privacy-site check` against yaml.safe_load of the same files, each in a fresh process."""
    check = measure([PYTHON, "-c", CHECK, str(policies)])
    parse = measure([PYTHON, "-c", PARSE_ONLY, str(policies)])
    check_split = json.loads(check.stdout.strip().splitlines()[-1])
    parse_split = json.loads(parse.stdout.strip().splitlines()[-1])
    files = list(policies.rglob("*.yaml"))
    return {"files": len(files), "mb": sum(f.stat().st_size for f in files) / 1e6,
            "check_wall": check.wall, "check_cpu": check.cpu, "check_import": check_split["import"],
            "check_work": check_split["work"], "parse_wall": parse.wall, "parse_cpu": parse.cpu,
            "parse_import": parse_split["import"], "parse_work": parse_split["work"]}


# ---- the visitor side ----


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.icons: list[str] = []
        self.config = ""
        self.search_form = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and "stylesheet" in rel:
            self.styles.append(a["href"])
        elif tag == "link" and "icon" in rel:
            self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True
        elif tag == "form" and a.get("name") == "search":
            self.search_form = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def _local(site: Path, page: str, href: str) -> Path | None:
    url = urljoin(f"http://site/{page}", href)
    if not url.startswith("http://site/"):
        return None  # another host (the check forbids these; counted as a request anyway)
    return site / url.removeprefix("http://site/").split("#")[0].split("?")[0]


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


_FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))['\"]?\s*\)")


def page_weight(site: Path, page: str) -> PageWeight:
    """What loading one page costs: requests and compressed bytes of HTML, CSS, JS and fonts."""
    page_html = (site / page / "index.html").read_bytes()
    found = _Resources()
    found.feed(page_html.decode("utf-8"))
    resources: list[tuple[str, int, int]] = [(page + "index.html", len(page_html), _gz(page_html))]
    external = 0
    for href in [*found.styles, *found.scripts]:
        path = _local(site, page, href)
        if path is None:
            external += 1
            continue
        data = path.read_bytes()
        resources.append((path.relative_to(site).as_posix(), len(data), _gz(data)))
        if path.suffix == ".css":
            for font in _FONT_URL.findall(data.decode("utf-8", "replace")):
                font_path = path.parent / font
                if font_path.is_file():
                    raw = font_path.read_bytes()
                    resources.append((font_path.relative_to(site).as_posix(), len(raw), len(raw)))
    icons = [p for p in (_local(site, page, h) for h in found.icons) if p is not None and p.is_file()]
    # Material's bundle starts the search worker and fetches the search index when the page has a
    # search form: requests the page causes right after it loads, reported apart.
    deferred: list[tuple[str, int, int]] = [(p.relative_to(site).as_posix(), p.stat().st_size, p.stat().st_size)
                                            for p in icons]
    if found.search_form and found.config:
        config = json.loads(found.config)
        worker_path = _local(site, page, config["search"]) if config.get("search") else None
        index_path = _local(site, page, config.get("base", ".").rstrip("/") + "/search/search_index.json")
        for path in (worker_path, index_path):
            if path is not None and path.is_file():
                data = path.read_bytes()
                deferred.append((path.relative_to(site).as_posix(), len(data), _gz(data)))
    return PageWeight(page, len(resources) + external, sum(r[1] for r in resources), sum(r[2] for r in resources),
                      resources, deferred)


CHROMIUM = os.environ.get("PRIVACY_SITE_CHROMIUM", "/usr/lib/chromium/chromium")
_TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ""}


def browser_requests(site: Path, pages: list[str], search: str = "") -> dict[str, list[tuple[str, int]]] | None:
    """Every request Chromium makes for a first visit of each page (until the network is idle).

    Returns (path, bytes as sent: gzip for text) per request, or None without Playwright or Chromium.
    With `search`, the word is then typed in the search box of each page, and what that fetches
    is returned under "<page> then search".
    """
    import importlib.util

    if importlib.util.find_spec("playwright") is None or not Path(CHROMIUM).exists():
        return None
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result: dict[str, list[tuple[str, int]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for page_path in pages:
                context = browser.new_context()  # empty cache: a first visit
                tab = context.new_page()
                urls: list[str] = []
                tab.on("request", lambda request, urls=urls: urls.append(request.url))
                tab.goto(base + page_path, wait_until="networkidle")
                tab.wait_for_timeout(1000)
                loaded = len(urls)
                if search:
                    label = "Rechercher" if page_path.startswith("fr/") else "Zoeken"
                    tab.get_by_role("textbox", name=label).first.click()
                    tab.keyboard.type(search)
                    tab.locator(".md-search-result__link").first.wait_for()
                    tab.wait_for_timeout(1000)
                context.close()
                result[page_path] = _as_sent(site, base, urls[:loaded])
                if search:
                    result[f"{page_path} then search"] = _as_sent(site, base, urls[loaded:])
            browser.close()
    finally:
        server.shutdown()
    return result


def _as_sent(site: Path, base: str, urls: list[str]) -> list[tuple[str, int]]:
    """Each requested URL with the bytes a server sends for it (gzip for text; Pagefind's files are gzip'd)."""
    sent = []
    for url in urls:
        path = url.removeprefix(base).split("#")[0].split("?")[0]
        if not url.startswith(base):
            sent.append((url, 0))
            continue
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        data = file.read_bytes() if file.is_file() else b""
        sent.append((path or "/", _gz(data) if file.suffix in _TEXT_SUFFIXES else len(data)))
    return sent


_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def notice_weight() -> dict[str, int]:
    """The cookie notice's own code: notice.js and the .ps-notice rules of privacy-site.css, compressed."""
    script = (ROOT / "docs" / "assets" / "notice.js").read_bytes()
    css = _COMMENT.sub("", (ROOT / "docs" / "assets" / "privacy-site.css").read_text(encoding="utf-8"))
    rules = "\n".join(f"{sel.strip()} {{{body.strip()}}}" for sel, body in _RULE.findall(css) if "ps-notice" in sel)
    return {"js_raw": len(script), "js_gzip": _gz(script), "css_raw": len(rules.encode()),
            "css_gzip": _gz(rules.encode()), "css_rules": rules.count("{")}


def visitor_side(work: Path) -> tuple[list[PageWeight], str, dict[str, list[tuple[str, int]]] | None]:
    """Build the example policies/ and weigh a statement, history, cookie and contact page."""
    site = work / "example-site"
    measure([PYTHON, "-c", BUILD_PRIVACY_SITE, str(ROOT / "mkdocs.yml"), str(site), str(ROOT / "policies")])
    # The heaviest current statement is the one the target is judged on.
    statements = sorted(site.glob("nl/*/privacy/index.html"), key=lambda p: p.stat().st_size)
    org = statements[-1].parent.parent.name
    pages = [f"nl/{org}/privacy/", f"nl/{org}/privacy/history/", f"nl/{org}/cookies/", f"nl/{org}/contact/"]
    return [page_weight(site, page) for page in pages], org, browser_requests(site, pages)


# ---- report ----


def _growth(builds: list[Build], build: Build, attr: str) -> str:
    earlier = [b for b in builds if b.tool == build.tool and b.n < build.n]
    if not earlier:
        return "-"
    previous = max(earlier, key=lambda b: b.n)
    now, before = (build.run.cpu, previous.run.cpu) if attr == "time" else (build.size, previous.size)
    return f"{now / before:.2f}x"


def per_doubling(small: Build, large: Build, attr: str) -> float:
    """Growth for each doubling of N between two builds: factor ** (1 / log2(N ratio))."""
    factor = large.run.cpu / small.run.cpu if attr == "time" else large.size / small.size
    return float(factor ** (1 / math.log2(large.n / small.n)))


def print_table(builds: list[Build]) -> None:
    header = (f"{'tool':<16}{'N':>5}{'pages':>7}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'ms/page':>9}"
              f"{'x mkdocs':>10}{'time grow':>11}{'size MB':>9}{'size grow':>11}{'search MB':>11}")
    print(header)
    print("-" * len(header))
    for n in sorted({b.n for b in builds}):
        base = next((b for b in builds if b.n == n and b.tool == "mkdocs-material"), None)
        for build in (b for b in builds if b.n == n):
            per_page = build.run.cpu / build.pages * 1000
            ratio = per_page / (base.run.cpu / base.pages * 1000) if base else float("nan")
            print(f"{build.tool:<16}{n:>5}{build.pages:>7}{build.run.wall:>9.1f}{build.run.cpu:>9.1f}"
                  f"{build.run.peak_mb:>9.0f}{per_page:>9.1f}{ratio:>9.2f}x{_growth(builds, build, 'time'):>11}"
                  f"{build.size / 1e6:>9.1f}{_growth(builds, build, 'size'):>11}{build.search_size / 1e6:>11.1f}")
    print("ms/page and 'x mkdocs' use CPU time (user+system) of the build process; growth is from the previous N.")


def machine() -> str:
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {int(memory) / 1024 ** 2:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.platform()}; load average {load}")


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N = 5, 10, 20 (a try-out, a minute or two)")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of organisations (default 10 50 200)")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile the privacy-site build of N orgs")
    parser.add_argument("--breakdown", type=int, metavar="N",
                        help="only time the steps of the privacy-site and plain mkdocs builds of N orgs")
    parser.add_argument("--visitor", type=int, metavar="N",
                        help="only build N orgs and measure first visits and a first search in Chromium")
    parser.add_argument("--check", type=int, metavar="N",
                        help="only time `privacy-site check` of N orgs, cold and warm (bench/check_time.py)")
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="with --check: also time the privacy_site package in SRC, interleaved with ours")
    parser.add_argument("--repeat", type=int, default=3, help="with --check: runs per measurement (median)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it (default: a temp folder)")
    args = parser.parse_args(argv)
    sizes = tuple(sorted(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="privacy-site-bench-") as temp:
        work = args.keep.resolve() if args.keep else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        if args.profile:
            return profile(args.profile, work)
        if args.breakdown:
            return breakdown(args.breakdown, work)
        if args.visitor:
            return visitor(args.visitor, work)
        if args.check:
            import check_time  # bench/check_time.py

            return check_time.run(args.check, args.baseline, args.repeat, work)
        return benchmark(sizes, work, started)


def profile(n: int, work: Path) -> int:
    """cProfile of one privacy-site build of N organisations (top functions printed)."""
    policies = work / f"policies-{n}"
    synthetic.generate(policies, n)
    stats = work / f"build-{n}.prof"
    run = measure([PYTHON, "-c", PROFILE_BUILD, str(ROOT / "mkdocs.yml"), str(work / "site"), str(policies),
                   str(stats)])
    print(run.stdout)
    print(f"profiled build of N={n}: wall {run.wall:.1f} s, cpu {run.cpu:.1f} s (with profiler overhead)")
    return 0


def scale_pages() -> list[str]:
    """The pages whose first visit must stay light at any N: the landing, a home, a statement per language."""
    slug = synthetic.slug_for(1)
    return ["", "nl/", f"nl/{slug}/privacy/", f"fr/{slug}/privacy/"]


def print_first_visits(browser: dict[str, list[tuple[str, int]]]) -> list[bool]:
    """What Chromium fetched per page (first visit, then a first search); PASS/FAIL per first visit."""
    verdicts = []
    for page, sent in browser.items():
        total = sum(size for _, size in sent)
        heaviest = max(sent, key=lambda item: item[1], default=("-", 0))
        first_visit = not page.endswith(" then search")
        verdict = _verdict(total <= MAX_STATEMENT_BYTES) if first_visit else "    "
        if first_visit:
            verdicts.append(total <= MAX_STATEMENT_BYTES)
        print(f"  {verdict}  {'/' + page:<40}{len(sent):>4} requests {total / 1024:>9.1f} KB"
              f"   heaviest: {heaviest[0]} {heaviest[1] / 1024:.1f} KB")
    print(f"  (PASS: a first visit <= {MAX_STATEMENT_BYTES // 1024} KB compressed; a first search is shown after it)")
    return verdicts


def visitor(n: int, work: Path) -> int:
    """Build N organisations and weigh, in Chromium, first visits and a first search of the heavy pages."""
    policies = work / f"policies-{n}"
    synthetic.generate(policies, n)
    build, site = build_privacy_site(n, policies, work)
    print(f"N={n}: {build.pages} pages built in {build.run.wall:.0f} s; Chromium, empty cache, gzip level {GZIP_LEVEL}")
    browser = browser_requests(site, scale_pages(), search=synthetic.name_for(1))
    if browser is None:
        print("browser: Playwright or Chromium missing, not measured")
        return 1
    return 0 if all(print_first_visits(browser)) else 1


def breakdown(n: int, work: Path) -> int:
    """Where the CPU time of a build goes (timers around the main steps, no profiler overhead)."""
    policies = work / f"policies-{n}"
    synthetic.generate(policies, n)
    site = work / "privacy-site"
    ours = measure([PYTHON, "-c", TIMED_BUILD, "privacy-site", str(ROOT / "mkdocs.yml"), str(site), str(policies)])
    pages = len(page_dirs(site))
    project, _ = write_baseline(site, work)
    base = measure([PYTHON, "-c", TIMED_BUILD, "mkdocs", str(project / "mkdocs.yml"), str(project / "site")],
                   cwd=project)
    ours_t = json.loads(ours.stdout.strip().splitlines()[-1])
    base_t = json.loads(base.stdout.strip().splitlines()[-1])
    loads = sum(v for k, v in ours_t.items() if k.startswith("load_corpus"))
    corpus_inside = ours_t.get("load_corpus, again in on_config", 0.0)
    print(f"CPU seconds, N={n}, {pages} pages each ({'privacy-site':>12} | {'plain mkdocs':>12})")
    order = ["load_corpus, fail-fast call in build_site", "mkdocs build, all passes",
             "load_corpus, again in on_config", "make_plan", "hook on_files: render_page, feeds",
             "pages: read, Markdown to HTML", "pages: context, theme template, write",
             "  of which: search plugin, index entry", "  of which: hook on_page_context (notice, alternates)",
             "hook on_post_build: sitemaps, policies.json", "load_yaml (YAML to data + positions), both loads",
             "total (process CPU after imports)"]
    for label in dict.fromkeys([*order, *ours_t, *base_t]):
        print(f"  {label:<54}{ours_t.get(label, 0.0):>10.2f} s | {base_t.get(label, 0.0):>10.2f} s")
    print(f"  {'process CPU incl. imports (wait4)':<54}{ours.cpu:>10.2f} s | {base.cpu:>10.2f} s")
    print(f"loading the corpus: {loads:.2f} s in all ({loads / ours.cpu:.0%} of the process); the build_site call "
          f"is outside 'mkdocs build', the on_config one ({corpus_inside:.2f} s) inside it")
    return 0


def benchmark(sizes: tuple[int, ...], work: Path, started: float) -> int:
    print(f"privacy-site benchmark: N = {', '.join(map(str, sizes))}")
    print(f"machine: {machine()}")
    hugo = shutil.which("hugo")
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
        print(f"hugo: {' '.join(version[:2])}")
    else:
        print("hugo: not installed, the Hugo reference is skipped (apt-get install -y hugo to add it)")
    builds: list[Build] = []
    largest = work / f"policies-{sizes[-1]}"
    for n in sizes:
        policies = work / f"policies-{n}"
        files = synthetic.generate(policies, n)
        print(f"\nN={n}: {files} YAML files, {tree_size(policies) / 1e6:.1f} MB", flush=True)
        build, site = build_privacy_site(n, policies, work)
        builds.append(build)
        print(f"  privacy-site     {build.pages} pages, {build.run.wall:.1f} s", flush=True)
        if n == sizes[-1]:  # what a visitor of the large site downloads (the search index grows with N)
            scale_static = page_weight(site, scale_pages()[2])
            scale_browser = browser_requests(site, scale_pages(), search=synthetic.name_for(1))
        project, pages = write_baseline(site, work)
        shutil.rmtree(site)
        builds.append(build_mkdocs(n, project))
        print(f"  mkdocs-material  {builds[-1].pages} pages, {builds[-1].run.wall:.1f} s", flush=True)
        shutil.rmtree(project)
        if hugo:
            builds.append(build_hugo(n, pages, work))
            print(f"  hugo             {builds[-1].pages} pages, {builds[-1].run.wall:.1f} s", flush=True)
            shutil.rmtree(work / "hugo-project")
            shutil.rmtree(work / "hugo-site")
        if policies != largest:
            shutil.rmtree(policies)

    print(f"\ncheck on N={sizes[-1]}", flush=True)
    check = measure_check(largest)
    print("visitor side (example policies/)", flush=True)
    pages, org, browser = visitor_side(work)
    notice = notice_weight()

    print("\n== builds ==")
    print_table(builds)
    print(f"\n== check, N={sizes[-1]}: {check['files']} files, {check['mb']:.1f} MB of YAML ==")
    print(f"privacy-site check   wall {check['check_wall']:6.2f} s  cpu {check['check_cpu']:6.2f} s  "
          f"(imports {check['check_import']:.2f} s, loading and checking {check['check_work']:.2f} s)")
    print(f"yaml.safe_load only  wall {check['parse_wall']:6.2f} s  cpu {check['parse_cpu']:6.2f} s  "
          f"(imports {check['parse_import']:.2f} s, parsing {check['parse_work']:.2f} s)")
    check_ratio = check["check_wall"] / check["parse_wall"]
    print(f"ratio check / parse-only: {check_ratio:.2f}x wall, {check['check_cpu'] / check['parse_cpu']:.2f}x cpu, "
          f"{check['check_work'] / check['parse_work']:.2f}x without imports")

    print(f"\n== visitor side: example site, organisation {org}, gzip level {GZIP_LEVEL} ==")
    print(f"{'page':<34}{'requests':>9}{'raw KB':>9}{'gzip KB':>9}   then, after load (favicon, search)")
    for weight in pages:
        later = ", ".join(f"{Path(name).name} {gz / 1024:.0f} KB" for name, _, gz in weight.deferred)
        print(f"{weight.page:<34}{weight.requests:>9}{weight.raw / 1024:>9.1f}{weight.gzip / 1024:>9.1f}"
              f"   +{len(weight.deferred)}: {later}")
    statement = pages[0]
    for name, raw, gz in statement.resources:
        print(f"    {name:<52}{raw / 1024:>8.1f} KB raw {gz / 1024:>7.1f} KB gzip")
    if browser is None:
        print("browser: Playwright or Chromium missing, the requests a browser really makes are not measured")
    else:
        print("what Chromium really requests on a first visit (until the network is idle), as sent:")
        for page, sent in browser.items():
            print(f"  {page:<32}{len(sent):>9} requests {sum(size for _, size in sent) / 1024:>9.1f} KB")
        for path, size in browser[pages[0].page]:
            print(f"    {path:<52}{size / 1024:>8.1f} KB")
    print(f"\n== visitor side at N={sizes[-1]} (synthetic site, first visit) ==")
    html_gzip = scale_static.resources[0][2]
    print(f"{scale_static.page}: as the HTML references it {scale_static.requests} requests, "
          f"{scale_static.gzip / 1024:.1f} KB compressed (the page's HTML alone {html_gzip / 1024:.1f} KB)")
    if scale_browser is None:
        print("browser: Playwright or Chromium missing, not measured")
    else:
        print("what Chromium really fetches (first visit; then typing the name of an organisation in the search box):")
        print_first_visits(scale_browser)
    notice_total = notice["js_gzip"] + notice["css_gzip"]
    print(f"notice: notice.js {notice['js_raw']} B ({notice['js_gzip']} B gzip) + {notice['css_rules']} CSS rules "
          f"{notice['css_raw']} B ({notice['css_gzip']} B gzip) = {notice_total} B compressed")

    print("\n== targets ==")
    results = []
    for n in sizes:
        ours = next(b for b in builds if b.n == n and b.tool == "privacy-site")
        base = next(b for b in builds if b.n == n and b.tool == "mkdocs-material")
        ratio = (ours.run.cpu / ours.pages) / (base.run.cpu / base.pages)
        wall_ratio = (ours.run.wall / ours.pages) / (base.run.wall / base.pages)
        if n < 50:  # a few hundred pages: fixed costs (imports, the theme, the first language pass) dominate
            print(f"info  N={n}: time per page {ratio:.2f}x plain mkdocs-material (wall {wall_ratio:.2f}x)")
            continue
        results.append(ratio <= MAX_PAGE_RATIO)
        print(f"{_verdict(results[-1])}  N={n}: time per page {ratio:.2f}x plain mkdocs-material "
              f"(wall {wall_ratio:.2f}x), target <= {MAX_PAGE_RATIO}x")
    print(f"{'PASS' if wall_ratio <= MAX_WALL_RATIO else 'MISS'}  stretch, N={sizes[-1]}: wall time per page "
          f"{wall_ratio:.2f}x plain mkdocs-material with {os.cpu_count()} cores, target <= {MAX_WALL_RATIO}x")
    mid = sizes[1] if len(sizes) > 2 else sizes[0]
    small = next(b for b in builds if b.n == mid and b.tool == "privacy-site")
    large = next(b for b in builds if b.n == sizes[-1] and b.tool == "privacy-site")
    for attr in ("time", "size"):
        factor = per_doubling(small, large, attr)
        results.append(factor <= MAX_DOUBLING)
        print(f"{_verdict(results[-1])}  doubling N ({small.n} -> {large.n}, per 2x): {attr} x{factor:.2f}, "
              f"target <= {MAX_DOUBLING}x")
    results.append(check["check_wall"] < MAX_CHECK_SECONDS)
    print(f"{_verdict(results[-1])}  check on N={sizes[-1]}: {check['check_wall']:.2f} s wall "
          f"({check['check_cpu']:.2f} s cpu), target < {MAX_CHECK_SECONDS} s")
    results.append(check_ratio <= MAX_CHECK_RATIO)
    print(f"{_verdict(results[-1])}  check / parse-only on N={sizes[-1]}: {check_ratio:.2f}x, "
          f"target <= {MAX_CHECK_RATIO}x")
    results.append(statement.gzip <= MAX_STATEMENT_BYTES)
    print(f"{_verdict(results[-1])}  statement page: {statement.gzip / 1024:.1f} KB compressed, "
          f"target <= {MAX_STATEMENT_BYTES // 1024} KB")
    results.append(statement.requests <= MAX_STATEMENT_REQUESTS)
    print(f"{_verdict(results[-1])}  statement page: {statement.requests} requests, "
          f"target <= {MAX_STATEMENT_REQUESTS}")
    results.append(notice_total <= MAX_NOTICE_BYTES)
    print(f"{_verdict(results[-1])}  notice CSS+JS: {notice_total} B compressed, target <= {MAX_NOTICE_BYTES} B")
    print(f"\n{sum(results)}/{len(results)} targets met (statement page as the HTML references it)")
    if browser is not None:
        sent = browser[statement.page]
        total = sum(size for _, size in sent)
        print("the statement page as Chromium really loads it on a first visit (search index, worker, lunr, "
              "sitemaps for the language switch, favicon):")
        print(f"{_verdict(total <= MAX_STATEMENT_BYTES)}  [browser] statement page: {total / 1024:.1f} KB "
              f"compressed, target <= {MAX_STATEMENT_BYTES // 1024} KB")
        print(f"{_verdict(len(sent) <= MAX_STATEMENT_REQUESTS)}  [browser] statement page: {len(sent)} requests, "
              f"target <= {MAX_STATEMENT_REQUESTS}")
    if scale_browser is not None:
        for page in scale_pages():
            sent = scale_browser[page]
            total = sum(size for _, size in sent)
            print(f"{_verdict(total <= MAX_STATEMENT_BYTES)}  [browser, N={sizes[-1]}] /{page}: "
                  f"{total / 1024:.1f} KB compressed, target <= {MAX_STATEMENT_BYTES // 1024} KB")
        sent = scale_browser[scale_pages()[2]]
        print(f"{_verdict(len(sent) <= MAX_STATEMENT_REQUESTS)}  [browser, N={sizes[-1]}] statement page: "
              f"{len(sent)} requests, target <= {MAX_STATEMENT_REQUESTS}")
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
