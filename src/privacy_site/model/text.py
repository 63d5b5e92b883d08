"""Per-language texts and the safe Markdown subset editors may write."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from privacy_site.source.messages import Msg, msg

_TAG = re.compile(r"</?[A-Za-z!?][^>]*>?")
_AUTOLINK = re.compile(r"<(https://[^>\s]+|mailto:[^>\s]+)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)", re.MULTILINE)
_IMAGE = re.compile(r"!\[")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(\s|$)", re.MULTILINE)
_SCHEMES = ("https://", "mailto:", "tel:")


@lru_cache(maxsize=32768)  # pure, and called for the model and the consistency check alike
def markdown_problem(value: str) -> Msg | None:
    """Why a text is outside the safe Markdown subset, or None when it is fine."""
    if "javascript:" in value.lower():
        return msg('a "javascript:" link is not allowed; link only to https://, mailto: or tel: addresses')
    stripped = _AUTOLINK.sub("", value)
    tag = _TAG.search(stripped)
    if tag:
        return msg('raw HTML ("{tag}") is not allowed; use Markdown: *emphasis*, **bold**, lists with "- ", links as '
                   "[text](https://...)", tag=tag.group(0)[:30])
    if _IMAGE.search(value):
        return msg("images are not allowed in statement texts; remove the ![...](...) part")
    if _HEADING.search(value):
        return msg('headings ("#") are not allowed inside a text; add a separate section with its own title instead')
    for match in [*_INLINE_LINK.finditer(value), *_REF_LINK.finditer(value)]:
        url = match.group(1)
        if not url.lower().startswith(_SCHEMES):
            return msg('the link "{url}" is not allowed; links must start with https://, mailto: or tel:', url=url)
    return None


# Everything Markdown (with our extensions: attr_list, def_list, tables, md_in_html) could read as
# markup, written as character references: MkDocs passes them through and browsers show the character.
_MD_INLINE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;",
              "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "#": "&#35;", "|": "&#124;", "!": "&#33;"}
_MD_INLINE_RE = re.compile("[" + re.escape("".join(_MD_INLINE)) + "]")
_LINE_START = re.compile(r"^(\s*)(?:([-+:=])|(\d+)([.)]))")


def md_escape(value: str) -> str:
    """Plain text made inert in Markdown: shown exactly as written, never a link, image, emphasis or HTML."""
    escaped = _MD_INLINE_RE.sub(lambda m: _MD_INLINE[m.group(0)], value)
    return _LINE_START.sub(lambda m: m.group(1) + (f"&#{ord(m.group(2))};" if m.group(2)
                                                   else f"{m.group(3)}&#{ord(m.group(4))};"), escaped)


def plain_problem(value: str) -> Msg | None:
    """Why a one-line text (a title or a name) is not acceptable, or None."""
    if "\n" in value.strip():
        return msg("this text must fit on one line; remove the line breaks")
    if _TAG.search(value):
        return msg("HTML is not allowed in a title or a name; write plain text")
    return None


class Text(BaseModel):
    """A one-line text in every language the organisation serves: `{nl: ..., fr: ...}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str | None = None
    fr: str | None = None
    de: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _mapping_only(cls, data: Any) -> Any:
        if isinstance(data, str):
            raise ValueError(msg("a text must be given per language, like {example}; write the Dutch and French "
                                 "versions under nl: and fr:", example='`{nl: "...", fr: "..."}`'))
        return data

    @field_validator("nl", "fr", "de", "en")
    @classmethod
    def _check(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not value.strip():
            raise ValueError(msg("this translation is empty; write the text or remove the language"))
        problem = cls._problem(value)
        if problem:
            raise ValueError(problem)
        return value.strip()

    @staticmethod
    def _problem(value: str) -> Msg | None:
        return plain_problem(value)

    def get(self, lang: str) -> str:
        """The text in `lang`; the checks guarantee it exists before rendering."""
        value = getattr(self, lang)
        if value is None:
            raise KeyError(f"no {lang} text")
        return value

    def md(self, lang: str) -> str:
        """The text in `lang` for a Markdown page: plain text, shown as written."""
        return md_escape(self.get(lang))

    def languages(self) -> set[str]:
        """The languages this text is written in."""
        return {lang for lang in ("nl", "fr", "de", "en") if getattr(self, lang) is not None}


class RichText(Text):
    """A text per language in the safe Markdown subset (paragraphs, lists, emphasis, links)."""

    @staticmethod
    def _problem(value: str) -> Msg | None:
        return markdown_problem(value)

    def md(self, lang: str) -> str:
        """The text in `lang` for a Markdown page: the safe Markdown subset, checked on load."""
        return self.get(lang)
