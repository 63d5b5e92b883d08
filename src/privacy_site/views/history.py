"""Views of a document's history and of the comparison of two versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from privacy_site.checks.corpus import Org
from privacy_site.i18n.catalogs import document_title, translations
from privacy_site.i18n.formats import long_date, md_link
from privacy_site.i18n.register import Register
from privacy_site.model.documents import Version
from privacy_site.views.changes import Change, changes_between
from privacy_site.views.textdiff import diff_html


@dataclass(frozen=True)
class ChangeView:
    """A change as shown: a Markdown sentence and, for a changed text, its marked-up difference."""

    message: str
    diff_html: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One version in the history list."""

    anchor: str
    heading: str
    status: str
    version_link: str
    summary: str | None
    changes: list[ChangeView]
    first: bool
    compare_links: list[tuple[str, str]]


@dataclass(frozen=True)
class HistoryView:
    """The change history of a document, newest first."""

    title: str
    org_name: str
    intro: str
    current_link: str
    feed_link: str
    entries: list[HistoryEntry]


@dataclass(frozen=True)
class CompareView:
    """The changes between any two versions."""

    title: str
    org_name: str
    intro: str
    changes: list[ChangeView]
    history_link: str


def anchor(day: date) -> str:
    """The id of a version's entry on the history page."""
    return f"v{day.isoformat()}"


def change_views(old: Version, new: Version, lang: str, register: Register) -> list[ChangeView]:
    """The computed changes between two versions, ready to show."""
    _ = translations(lang, register).gettext
    return [_change_view(c, _("removed:"), _("added:")) for c in changes_between(old, new, lang, register)]


def _change_view(change: Change, removed: str, added: str) -> ChangeView:
    return ChangeView(change.message, Markup(diff_html(change.diff, removed, added)) if change.diff else None)


def _document_title(org: Org, document: str, lang: str, _: Callable[[str], str]) -> str:
    return document_title(org.current(document).statement, document, lang, org.organisation.form_of_address)


def history_view(org: Org, document: str, lang: str, url: Callable[[str, date | None, date | None], str],
                 feed: str) -> HistoryView:
    """Every version, newest first, with its summary and what changed since the one before.

    `url(kind, a, b)` gives the relative link to a version page, a comparison or the current text.
    """
    register = org.organisation.form_of_address
    _ = translations(lang, register).gettext
    versions = org.documents[document]
    timeline = org.timeline(document)
    labels = {"current": _("current version"), "superseded": _("no longer applies"),
              "upcoming": _("upcoming")}
    entries = []
    for index in range(len(versions) - 1, -1, -1):
        version = versions[index]
        previous = versions[index - 1] if index > 0 else None
        status = timeline.status(version.effective)
        summary = version.statement.summary.md(lang) if version.statement.summary else None
        others = [(long_date(v.effective, lang), url("compare", min(v.effective, version.effective),
                                                      max(v.effective, version.effective)))
                  for v in versions if v.effective != version.effective]
        entries.append(HistoryEntry(
            anchor=anchor(version.effective),
            heading=_("Version of {date}").format(date=long_date(version.effective, lang)),
            status=labels[status],
            version_link=md_link(_("Read this version"), url('version', version.effective, None)),
            summary=summary,
            changes=change_views(previous, version, lang, register) if previous else [],
            first=previous is None,
            compare_links=others,
        ))
    return HistoryView(
        title=_("Change history"),
        org_name=f"{org.organisation.name.get(lang)} · {_document_title(org, document, lang, _)}",
        intro=_("Every version of this statement stays available. For each version you see when it took effect, "
                "why it changed and what changed compared with the version before."),
        current_link=md_link(_("Read the current version"), url("statement", None, None)),
        feed_link=md_link(_("Follow the changes in a feed reader (Atom)"), feed),
        entries=entries,
    )


def compare_view(org: Org, document: str, old: date, new: date, lang: str,
                 url: Callable[[str, date | None, date | None], str]) -> CompareView:
    """What changed between two versions, however far apart."""
    register = org.organisation.form_of_address
    _ = translations(lang, register).gettext
    before, after = org.version(document, old), org.version(document, new)
    return CompareView(
        title=_("Comparison of two versions"),
        org_name=f"{org.organisation.name.get(lang)} · {_document_title(org, document, lang, _)}",
        intro=_("What changed between the version of {old} and the version of {new}.").format(
            old=f"[{long_date(old, lang)}]({url('version', old, None)})",
            new=f"[{long_date(new, lang)}]({url('version', new, None)})"),
        changes=change_views(before, after, lang, register),
        history_link=md_link(_("Change history"), url('history', None, None)),
    )
