"""policies.json: the machine-readable index of organisations, documents and versions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from privacy_site.checks.corpus import Corpus, Org
from privacy_site.i18n.catalogs import translations
from privacy_site.model.cookies import CookieItem, SiteItem, WebsiteItem, duration_seconds
from privacy_site.views.plan import Plan, PlannedPage, feed_url


def declarations(org: Org, langs: list[str], site_items: list[SiteItem]) -> list[dict[str, Any]]:
    """What the organisation's current cookie statement declares, this site's own items first."""
    items: list[dict[str, Any]] = []
    register = org.organisation.form_of_address
    for site in site_items:
        items.append({"name": site.name, "storage": site.storage, "party": "first", "provider": None,
                      "category": "necessary", "duration": _duration(site.duration),
                      "purpose": {lang: translations(lang, register).gettext(site.purpose_msgid) for lang in langs}})
    if "cookies" in org.documents:
        items.extend(_item(item, langs) for item in org.current("cookies").statement.items)
    return items


def _item(item: CookieItem, langs: list[str]) -> dict[str, Any]:
    return {"name": item.name, "storage": item.storage, "party": item.party,
            "provider": item.provider.get(langs[0]) if item.provider else None,
            "category": item.category, "duration": _duration(item.duration),
            "purpose": {lang: item.purpose.get(lang) for lang in langs}}


def website_declarations(org: Org, langs: list[str]) -> list[dict[str, Any]]:
    """The organisation's other websites as its current cookie statement declares them (none without one).

    Kept apart from "cookies" (this site's own items): this site stores only what is strictly necessary, and an
    audit of it must not accept what another website of the organisation sets with consent.
    """
    if "cookies" not in org.documents:
        return []
    websites = []
    for website in org.current("cookies").statement.websites:
        consent = website.consent
        websites.append({
            "id": website.id, "url": website.url,
            "name": {lang: website.name.get(lang) for lang in langs} if website.name else None,
            "consent": ({"tool": {lang: consent.tool.get(lang) for lang in langs},
                         "change": {lang: consent.change.get(lang) for lang in langs}} if consent else None),
            "cookies": [{**_item(item, langs), "transfers_outside_eea": _transfer(item, langs)}
                        for item in website.items],
            "hosts": [{"host": host.host, "provider": host.provider.get(langs[0]),
                       "purpose": {lang: host.purpose.get(lang) for lang in langs}} for host in website.hosts],
        })
    return websites


def _transfer(item: WebsiteItem, langs: list[str]) -> Any:
    """"none", the countries and safeguard, or null when the statement does not say."""
    transfer = item.transfers_outside_eea
    if transfer is None:
        return "none" if item.transfer_stated else None
    return {"countries": {lang: transfer.countries.get(lang) for lang in langs},
            "safeguard": {lang: transfer.safeguard.get(lang) for lang in langs} if transfer.safeguard else None}


def _records(org: Org, document: str, day: date, langs: list[str]) -> dict[str, str] | None:
    sources = {lang: org.record(document, day, lang) for lang in langs}
    found = {lang: f"sha256:{source.digest}" for lang, source in sources.items() if source is not None}
    return found or None


def _duration(value: str) -> dict[str, Any]:
    seconds = duration_seconds(value)
    return {"session": True} if seconds is None else {"seconds": seconds}


def policies_index(corpus: Corpus, plan: Plan, site_url: str, site_items: list[SiteItem],
                   known: Mapping[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Every organisation with its documents and versions (dates, summaries, URLs, hashes), as JSON; and each
    organisation's entry as written in it.

    `known`: the written entries of organisations that are the same as when they were written (the preview's),
    used as they are: the text is what json.dumps(..., indent=2) writes for the whole, but only the organisations
    that changed are serialised again (tests/test_written_outputs.py compares it with json.dumps).
    """
    entries = {org.slug: known[org.slug] if known and org.slug in known
               else _nested(organisation_entry(org, plan, site_url, site_items)) for org in corpus.orgs}
    head = json.dumps({"as_of": corpus.today.isoformat(), "languages": list(plan.languages)}, ensure_ascii=False,
                      indent=2).removesuffix("\n}")
    body = ",\n".join(entries.values())
    organisations = '"organisations": [\n' + body + "\n  ]" if body else '"organisations": []'
    return head + ",\n  " + organisations + "\n}\n", entries


def _nested(entry: dict[str, Any]) -> str:
    """An entry as json.dumps(indent=2) writes it inside the list of organisations (two levels deep)."""
    return "\n".join("    " + line for line in json.dumps(entry, ensure_ascii=False, indent=2).splitlines())


def organisation_entry(org: Org, plan: Plan, site_url: str, site_items: list[SiteItem]) -> dict[str, Any]:
    """One organisation of policies.json."""
    langs = [lang for lang in plan.languages if lang in org.languages]
    documents: dict[str, Any] = {}
    for document, versions in org.documents.items():
        timeline = org.timeline(document)

        def urls(kind: str, day: Any = None, slug: str = org.slug, document: str = document,
                 langs: list[str] = langs) -> dict[str, str]:
            return {lang: site_url + PlannedPage(kind, lang, slug, document, day).url for lang in langs}

        documents[document] = {
            "current": timeline.current.isoformat() if timeline.current else None,
            "upcoming": [d.isoformat() for d in timeline.upcoming],
            "url": urls("statement"),
            "history_url": urls("history"),
            "versions": [{
                "date": v.effective.isoformat(),
                "status": timeline.status(v.effective),
                "summary": ({lang: v.statement.summary.get(lang) for lang in langs}
                            if v.statement.summary else None),
                "url": urls("version", v.effective),
                "content_hash": f"sha256:{v.content_hash}",
                # The SHA-256 of the record of what visitors read (policies/<org>/<document>/published/
                # <date>.<lang>.html), also shown shortened on the page; null while it is not locked.
                "published_text": _records(org, document, v.effective, langs),
            } for v in versions],
        }
    return {
        "slug": org.slug,
        "name": {lang: org.organisation.name.get(lang) for lang in langs},
        "languages": langs,
        "authoritative_language": org.organisation.authoritative_language,
        "documents": documents,
        "feeds": {lang: site_url + feed_url(lang, org.slug) for lang in langs},
        "cookies": declarations(org, langs, site_items),
        "websites": website_declarations(org, langs),
    }
