"""Links in a built site: every internal link and anchor resolves; external links only where allowed."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SKIP = ("mailto:", "tel:", "data:", "javascript:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        url = values.get("href") if tag in ("a", "link") else values.get("src")
        if url and tag in ("a", "link", "script", "img", "iframe", "source"):
            if tag == "link" and "canonical" in (values.get("rel") or ""):
                return  # the canonical address names the public site, not a file here
            self.links.append((tag, url))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(site: Path, allowed_hosts: Iterable[str], site_url: str = "") -> list[str]:
    """Every broken internal link or anchor, and every external link to a host not allowed, one line each."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    allowed = set(allowed_hosts)
    problems = []
    for page, collector in sorted(pages.items()):
        where = page.relative_to(site).as_posix()
        for _tag, url in collector.links:
            if url.startswith(_SKIP):
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if site_url and url.startswith(site_url):
                    continue  # an absolute link to this very site (alternates, feeds)
                if parts.hostname not in allowed:
                    problems.append(f"{where}: link to another host not allowed: {url}")
                continue
            target = _resolve(site, page, parts.path)
            if target is None:
                problems.append(f"{where}: broken link: {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: missing anchor: {url}")
    return problems


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    if not path:
        return page
    if path.startswith("/"):
        candidate = site / path.lstrip("/")
    else:
        candidate = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(path))))
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file() and site.resolve() in candidate.resolve().parents:
        return candidate
    return None


def allowed_hosts(urls: Iterable[str]) -> set[str]:
    """The hosts of the given addresses (organisations' and authorities' websites)."""
    return {host for url in urls if (host := urlsplit(url).hostname)}


