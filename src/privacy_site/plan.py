"""The page plan: every page of the site, its URL and its language alternates."""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Corpus


@dataclass(frozen=True)
class PlannedPage:
    """One page: what it shows, in which language, at which URL."""

    kind: str  # landing | languages | statement
    lang: str | None  # None for the bilingual landing
    org: str | None = None
    document: str | None = None

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
        return f"{self.lang}/{self.org}/{self.document}/"


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
            twin = PlannedPage(page.kind, lang, page.org, page.document)
            target = twin if twin.src_uri in self._by_src else PlannedPage("languages", lang)
            result.append((lang, target.url))
        return result


def make_plan(corpus: Corpus) -> Plan:
    """Every page the corpus produces."""
    pages: list[PlannedPage] = [PlannedPage("landing", None)]
    for lang in corpus.languages:
        pages.append(PlannedPage("languages", lang))
        for org in corpus.orgs:
            if lang in org.languages:
                for document in org.documents:
                    pages.append(PlannedPage("statement", lang, org.slug, document))
    return Plan(pages=tuple(pages), languages=corpus.languages)
