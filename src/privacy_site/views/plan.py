"""The page plan: every page of the site, its URL and its language alternates."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from privacy_site.checks.corpus import Corpus


def feed_url(lang: str, org: str) -> str:
    """Where an organisation's Atom feed lives, relative to the site root."""
    return f"{lang}/{org}/feed.xml"


@dataclass(frozen=True)
class PlannedPage:
    """One page: what it shows, in which language, at which URL."""

    kind: str  # landing | languages | statement | version | history | compare | contact
    lang: str | None  # None for the bilingual landing
    org: str | None = None
    document: str | None = None
    version: date | None = None  # version: the version shown; compare: the older one
    other: date | None = None  # compare: the newer version

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs builds this page from."""
        return self.url + "index.md"

    @property
    def url(self) -> str:
        """The page URL relative to the site root, always ending with "/" (or "" for the root)."""
        if self.kind == "landing":
            return ""
        if self.kind == "languages":
            return f"{self.lang}/"
        if self.kind == "contact":
            return f"{self.lang}/{self.org}/contact/"
        if self.kind == "accessibility":
            return f"{self.lang}/{self.org}/accessibility/"
        base = f"{self.lang}/{self.org}/{self.document}/"
        if self.kind == "version":
            return f"{base}{self.version}/"
        if self.kind == "history":
            return f"{base}history/"
        if self.kind == "compare":
            return f"{base}compare/{self.version}/{self.other}/"
        return base

    def twin(self, lang: str) -> PlannedPage:
        """The same page in another language."""
        return PlannedPage(self.kind, lang, self.org, self.document, self.version, self.other)


@dataclass(frozen=True)
class Plan:
    """All pages, with lookups by language and by source file."""

    pages: tuple[PlannedPage, ...]
    languages: tuple[str, ...]
    _by_src: dict[str, PlannedPage] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_src.update({p.src_uri: p for p in self.pages})

    def for_language(self, lang: str | None) -> list[PlannedPage]:
        """The pages built in one language pass (None: the landing pass)."""
        return [p for p in self.pages if p.lang == lang]

    def by_src(self, src_uri: str) -> PlannedPage | None:
        """The planned page for a source URI, if any."""
        return self._by_src.get(src_uri)

    def alternates(self, page: PlannedPage) -> list[tuple[str, str]]:
        """(lang, url) for every site language: the same page there, else that language's home."""
        result = []
        for lang in self.languages:
            twin = page.twin(lang)
            # The bilingual landing's twins are the language homes (not itself, whose URL its twins share).
            target = twin if page.lang is not None and twin.src_uri in self._by_src else PlannedPage("languages", lang)
            result.append((lang, target.url))
        return result


def document_pages(lang: str, org: str, document: str, dates: tuple[date, ...]) -> list[PlannedPage]:
    """A document's pages: current, every version, history, and every pair of versions compared."""
    pages = [PlannedPage("statement", lang, org, document)]
    pages += [PlannedPage("version", lang, org, document, day) for day in dates]
    pages.append(PlannedPage("history", lang, org, document))
    pages += [PlannedPage("compare", lang, org, document, a, b) for a, b in combinations(dates, 2)]
    return pages


def make_plan(corpus: Corpus) -> Plan:
    """Every page the corpus produces."""
    pages: list[PlannedPage] = [PlannedPage("landing", None)]
    for lang in corpus.languages:
        pages.append(PlannedPage("languages", lang))
        for org in corpus.orgs:
            if lang in org.languages:
                for document in org.documents:  # the dates come from the file names: no version is unpickled
                    pages += document_pages(lang, org.slug, document, org.dates(document))
                pages.append(PlannedPage("contact", lang, org.slug))
                if org.organisation.accessibility is not None:
                    pages.append(PlannedPage("accessibility", lang, org.slug))
    return Plan(pages=tuple(pages), languages=corpus.languages)


def relative_url(from_page: PlannedPage, to_url: str) -> str:
    """A link from one page to a site-root-relative URL, relative so the site works in a subfolder."""
    rel = posixpath.relpath(to_url or ".", from_page.url or ".")
    return "./" if rel == "." else rel + "/"
