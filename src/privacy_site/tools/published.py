"""What `check` tells editors about published versions that would read differently if they were locked today.

A published version's page shows its record for good. When organisation.yaml changes (a new DPO e-mail, a
clause override) or a newer privacy-site words a sentence differently, the current and coming versions keep
their published text: the check says which, what a new version would say instead, and how to start one. It
is information, never a problem: what visitors read stays what was published.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from datetime import date

from privacy_site.checks.checkcache import CheckCache
from privacy_site.checks.consistency import LANGUAGE
from privacy_site.checks.corpus import Corpus, Org
from privacy_site.model.cookies import SiteItem
from privacy_site.model.records import Published, parse_record
from privacy_site.source.messages import Msg, msg, tell
from privacy_site.source.problems import Translate
from privacy_site.views.plan import PlannedPage
from privacy_site.views.records import details_hash, fresh_text, generator

_BLOCK = re.compile(r"<(?:p|li|dt|dd|h[1-6]|tr|br|div|ul|dl|table)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SHOWN = 8  # changed lines shown per language; the rest is counted


@dataclass(frozen=True)
class Reworded:
    """A published version whose text would read differently today, in one language."""

    org: Org
    document: str
    day: date
    lang: str
    because_of_details: bool  # organisation.yaml (or the site's storage) changed; else privacy-site did
    generator: str  # the privacy-site that wrote the record
    lines: tuple[str, ...]  # "- published" / "+ today" lines of visible text


def visible_lines(body: str) -> list[str]:
    """The text of finished HTML as a reader sees it, one line per paragraph, list item or cell."""
    text = _TAG.sub("", _BLOCK.sub("\n", body))
    return [" ".join(line.split()) for line in html.unescape(text).split("\n") if line.strip()]


def _changed_lines(published: Published, fresh_title: str, fresh_name: str, fresh_body: str) -> tuple[str, ...]:
    old = [published.title, published.org_name, *visible_lines(published.body)]
    new = [fresh_title, fresh_name, *visible_lines(fresh_body)]
    return tuple(line for line in difflib.unified_diff(old, new, lineterm="", n=0)
                 if line[:1] in "+-" and not line.startswith(("+++", "---")))


def reworded(corpus: Corpus, site_items: list[SiteItem]) -> list[Reworded]:
    """The versions visitors read now or will read whose record differs from what would be written today."""
    cache = CheckCache(corpus.root, kind="records")
    operator_org = corpus.org(corpus.operator) if corpus.operator else None
    found = []
    for org in corpus.orgs:
        for document in org.documents:
            timeline = org.timeline(document)
            days = [d for d in (timeline.current, *timeline.upcoming) if d is not None]
            for day in days:
                for lang in org.languages:
                    source = org.record(document, day, lang)
                    if source is None:
                        continue
                    published = parse_record(source.raw.decode("utf-8"), source.digest or "")
                    if published is None:
                        continue  # the check reports it
                    operator = (operator_org or org).organisation.name.get(lang)
                    details = details_hash(org, operator, site_items)
                    # The record's hash stands for its version too: the lock ties them, and the check refuses
                    # a locked version that changed (so a warm check unpickles no version).
                    key = f"{source.digest}|{details}|{lang}"
                    lines = cache.get(key)
                    if lines is None:
                        page = PlannedPage("version", lang, org.slug, document, day)
                        fresh = fresh_text(org, org.version(document, day), lang, page, site_items, operator)
                        lines = _changed_lines(published, fresh.title, fresh.org_name, fresh.body)
                        cache.put(key, lines)
                    if lines:
                        found.append(Reworded(org, document, day, lang, details != published.details,
                                              published.generator, lines))
    cache.save()
    return found


def _pairs(lines: tuple[str, ...], translate: Translate) -> list[str]:
    """Changed lines as editors read them, each once: what is published, what a new version would say."""
    published, new = tell(msg("published:"), translate), tell(msg("new:"), translate)
    width = max(len(published), len(new)) + 1
    shown: list[str] = []
    for line in lines:
        entry = "    " + (published if line.startswith("-") else new).ljust(width) + line[1:]
        if entry not in shown:
            shown.append(entry)
    return shown


def _published(document: str, when: str, in_effect: bool) -> Msg:
    """"the published privacy statement of 2024-01-01 (in effect)"."""
    state = msg("in effect") if in_effect else msg("not in effect yet")
    if document == "privacy":
        return msg("the published privacy statement of {date} ({state})", date=when, state=state)
    return msg("the published cookie statement of {date} ({state})", date=when, state=state)


def report(found: list[Reworded], today: date, translate: Translate = None) -> list[str]:
    """The check's information lines, one paragraph per version, in the editor's language."""
    out: list[str] = []
    by_version: dict[tuple[str, str, date], list[Reworded]] = {}
    for item in found:
        by_version.setdefault((item.org.slug, item.document, item.day), []).append(item)
    for (slug, document, day), items in by_version.items():
        org = items[0].org
        when = day.isoformat()
        published = _published(document, when, day <= today)
        if any(item.because_of_details for item in items):
            note = msg("{published} keeps the details it was published with; visitors read that text until a new "
                       "version takes effect (the contact page shows the new details at once). What would change:",
                       published=published)
            place = org.path
        elif items[0].generator != generator():
            note = msg("this privacy-site ({generator}) words {published} differently than the one that published "
                       "it ({old}); nothing changes for visitors. What would change:", generator=generator(),
                       published=published, old=items[0].generator)
        else:  # a development version of the same release
            note = msg("privacy-site now words {published} differently than when it was published (both "
                       "{generator}); nothing changes for visitors. What would change:", generator=generator(),
                       published=published)
        if not any(item.because_of_details for item in items):
            place = org.version(document, day).path
        out.append(f"{place}:1:1: " + tell(msg("information: {note}", note=note), translate))
        for item in items:
            lines = _pairs(item.lines, translate)
            language = LANGUAGE.get(item.lang)
            out.append("  " + (tell(msg("in {language}:", language=language), translate) if language
                               else f"{item.lang}:"))
            out.extend(lines[:_SHOWN])
            more = len(lines) - _SHOWN
            if more > 0:
                out.append("    " + tell(msg("… and 1 more changed line") if more == 1 else
                                         msg("… and {n} more changed lines", n=more), translate))
        if day > today:
            out.append("  " + tell(msg("To publish the new text on {date}: privacy-site lock --release {org} "
                                       "{document} {date}, then privacy-site lock {org} {document} {date}",
                                       date=when, org=slug, document=document), translate))
        else:
            out.append("  " + tell(msg("To publish it: privacy-site new-version {org} {document} --date YYYY-MM-DD "
                                       "(after the latest version), then lock it once it is approved",
                                       org=slug, document=document), translate))
    return out
