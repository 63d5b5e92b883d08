"""Records of published versions: what visitors read, written when a version is locked and shown from then on.

A record is one HTML file per version and language, `<document>/published/<date>.<lang>.html`: a comment
naming the version, the privacy-site that wrote it and the hash of the details it was written from, the
title and organisation name, then the statement's text as it appeared on the version's own page (links are
relative to that page). Its SHA-256 is kept in versions.lock and shown as the version's fingerprint, so
anyone can check a page against `sha256sum`. The site's frame around it (heading status, notes, navigation,
theme) is rendered at every build; the text itself never is again.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from privacy_site.checks.corpus import Org
from privacy_site.i18n.typography import typeset, typeset_html
from privacy_site.model.cookies import SiteItem
from privacy_site.model.documents import Version
from privacy_site.model.records import parse_record
from privacy_site.model.versions import content_hash
from privacy_site.source.tree import RECORDS_FOLDER
from privacy_site.views.cookie_views import cookie_view
from privacy_site.views.environment import template_env
from privacy_site.views.plan import PlannedPage, relative_url
from privacy_site.views.views import StatementLinks, statement_view

_HREF = re.compile(r'href="([^"#:]+)(#[^"]*)?"')  # relative links only: no scheme, not only an anchor


@dataclass(frozen=True)
class Fresh:
    """A version's text as this privacy-site renders it today from today's details."""

    title: str
    org_name: str
    body: str


def generator() -> str:
    """This privacy-site's version, as records name it."""
    try:
        return package_version("privacy-site")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "unknown"


def record_path(org: Org, document: str, day: str, lang: str) -> str:
    """Where a record lives, relative to the policies folder."""
    return f"{org.slug}/{document}/{RECORDS_FOLDER}/{day}.{lang}.html"


def details_hash(org: Org, operator: str, site_items: list[SiteItem]) -> str:
    """A hash of everything besides the version's file that a statement's text is made from."""
    # What organisation.yaml says, not its model: a newer privacy-site with more fields is not a change of details.
    return content_hash({"organisation": org.details, "operator": operator, "site": [item.name for item in site_items]})


def fresh_text(org: Org, version: Version, lang: str, page: PlannedPage, site_items: list[SiteItem],
               operator: str) -> Fresh:
    """The text of a version in `lang` rendered now, with its links relative to `page`, typeset."""
    links = StatementLinks(history="", current="", contact=relative_url(page, PlannedPage("contact", lang,
                                                                                           org.slug).url))
    env = template_env(lang, org.organisation.form_of_address)
    if version.document == "cookies":
        view = cookie_view(org, version, lang, links, site_items, operator=operator)
        body = env.get_template("cookies.html").render(view=view)
    else:
        view = statement_view(org, version, lang, links)  # type: ignore[assignment]
        body = env.get_template("statement.html").render(view=view)
    return Fresh(typeset(view.title, lang), typeset(view.org_name, lang), typeset_html(body, lang))


@dataclass(frozen=True)
class VersionText:
    """What visitors read on a version: its record once published, else today's rendering."""

    title: str
    org_name: str
    body: str  # links relative to the page it is shown on
    digest: str | None  # the record's hash; None while the version is not published


def version_text(org: Org, version: Version, lang: str, page: PlannedPage, site_items: list[SiteItem],
                 operator: str) -> VersionText:
    """The text of `version` in `lang` as shown on `page`: from its record when it has one."""
    source = org.record(version.document, version.effective, lang)
    published = parse_record(source.raw.decode("utf-8"), source.digest or "") if source is not None else None
    if published is not None:
        recorded_for = PlannedPage("version", lang, org.slug, version.document, version.effective)
        return VersionText(published.title, published.org_name, rebase(published.body, recorded_for, page),
                           published.digest)
    # Not published yet (or locked before records existed, until `privacy-site migrate`): rendered from today's files.
    fresh = fresh_text(org, version, lang, page, site_items, operator)
    return VersionText(fresh.title, fresh.org_name, fresh.body, None)


def record_text(org: Org, version: Version, lang: str, site_items: list[SiteItem], operator: str) -> str:
    """The record of a version in `lang`, as `privacy-site lock` writes it."""
    page = PlannedPage("version", lang, org.slug, version.document, version.effective)
    fresh = fresh_text(org, version, lang, page, site_items, operator)
    key = f"{org.slug}/{version.document}/{version.effective.isoformat()}"
    return (f"<!-- privacy-site record of {key} in {lang}. What visitors read on this version, fixed when it was "
            "published: never edit this file. -->\n"
            f"<!-- written by privacy-site {generator()} from details sha256:"
            f"{details_hash(org, operator, site_items)} -->\n"
            f"<h1>{html.escape(fresh.title, quote=False)}</h1>\n<p>{html.escape(fresh.org_name, quote=False)}</p>\n"
            f"{fresh.body}")


def rebase(body: str, recorded_for: PlannedPage, page: PlannedPage) -> str:
    """A record's relative links made relative to another page (the current version's short URL)."""
    if recorded_for.url == page.url:
        return body

    def moved(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(recorded_for.url, match[1]))
        rel = posixpath.relpath(target, page.url.rstrip("/") or ".")
        return f'href="{rel}{"/" if match[1].endswith("/") else ""}{match[2] or ""}"'

    return _HREF.sub(moved, body)


def fingerprint(digest: str) -> str:
    """The short form of a record's hash shown on its page (the full one is in policies.json)."""
    return digest[:16]


def sha256(data: bytes) -> str:
    """The hash versions.lock keeps of a record."""
    return hashlib.sha256(data).hexdigest()
