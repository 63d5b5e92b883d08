"""Per-language views of the model: everything a template needs, already decided."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from privacy_site.checks.clauses import applicable_rights, right_name
from privacy_site.checks.corpus import Corpus, Org
from privacy_site.checks.requests import effective_statement
from privacy_site.i18n.catalogs import document_name, document_title
from privacy_site.i18n.formats import long_date, md_link
from privacy_site.i18n.register import Register
from privacy_site.model.documents import (
    PARTS,
    Organisation,
    PrivacyStatement,
    Section,
    Version,
    vocab,
)
from privacy_site.model.vocab_informal import in_register
from privacy_site.views.blocks import Block, Fact, Link, _contact_lines, _pair, _t, translation_note
from privacy_site.views.client_processing import client_processing_block, client_processing_fact
from privacy_site.views.controllers import controller_block, controller_facts, officers_fact, reach, responsible
from privacy_site.views.first_layer import retention_summary, short, unexpected, unique
from privacy_site.views.plan import Plan, PlannedPage
from privacy_site.views.rights import automated_block, automated_fact, direct_marketing_fact, rights_block

__all__ = ["Block", "Fact", "Link", "StatementLinks", "_contact_lines", "_pair", "_status", "arrange",
           "landing", "language_home", "statement_view"]


@dataclass(frozen=True)
class StatementView:
    """A privacy statement in one language."""

    lang: str
    title: str
    org_name: str
    effective: str
    history_link: str  # Markdown link to the change history
    status_note: str | None  # superseded or upcoming: when it applied, and the way to the current text
    announcement: str | None  # on the current text: a coming version
    translation_note: str | None
    first_layer: Block
    introduction: str
    blocks: list[Block]
    fingerprint: str | None = None  # the heading's: fresh views have none


def _processing(statement: PrivacyStatement, lang: str, register: Register,
                org: Organisation | None = None) -> Block:
    _ = _t(lang, register)
    audiences = {a.id: a for a in statement.audiences}
    intro = [_("This statement concerns:")]
    intro.append("\n".join(
        "- " + (_pair(_, f"**{a.name.md(lang)}**", a.description.md(lang)) if a.description
                else f"**{a.name.md(lang)}**")
        for a in statement.audiences))
    subsections = []
    for activity in statement.processing:
        facts = controller_facts(org, activity, lang) if org is not None else []
        facts += [
            Fact(_("Whose data"), [audiences[s].name.md(lang) for s in activity.subjects], as_list=True),
            Fact(_("Which data"), [t.label(vocab.DATA, lang, register) for t in activity.data], as_list=True),
        ]
        if activity.optional_data:
            facts.append(Fact(_("Optional data"), [t.label(vocab.DATA, lang, register)
                                                   for t in activity.optional_data], as_list=True))
        facts.append(Fact(_("Where the data comes from"), [t.label(vocab.SOURCES, lang, register)
                                                           for t in activity.sources], as_list=True))
        facts.append(Fact(_("Purposes"), [p.md(lang) for p in activity.purposes], as_list=True))
        bases = [in_register(vocab.LEGAL_BASES[b][lang], lang, register) for b in activity.legal_basis]
        facts.append(Fact(_("Legal basis"), bases, as_list=True))
        if activity.legitimate_interest:
            facts.append(Fact(_("Our legitimate interest"), [activity.legitimate_interest.md(lang)]))
        if activity.legal_basis_note:
            facts.append(Fact(_("Legal framework"), [activity.legal_basis_note.md(lang)]))
        if activity.recipients:
            facts.append(Fact(_("Recipients"), [t.label(vocab.RECIPIENTS, lang, register) for t in activity.recipients],
                              as_list=True))
        if activity.retention:
            facts.append(Fact(_("How long we keep it"), [activity.retention.md(lang)]))
        if activity.required:
            facts.append(Fact(_("Are you required to provide it?"), [activity.required.md(lang)]))
        if activity.automated_decisions:
            facts.append(automated_fact(activity.automated_decisions, lang, register))
        body = [activity.details.md(lang)] if activity.details else []
        subsections.append(Block(f"processing-{activity.id}", activity.title.get(lang), body, facts))
    # Categories the statement defines once; the activities below name them.
    categories = [Fact(c.name.md(lang), [c.definition.md(lang)]) for c in statement.data_categories]
    if categories:
        intro.append(_("What the categories of data named below cover:"))
    return Block("processing", _("Which data we process and why"), intro, categories, subsections)


# The organisation's own text on sharing may already say that processors sign an agreement (GDPR art. 28(3)).
_AGREEMENT = re.compile(r"verwerkersovereenkomst|contrat de sous-traitance|processing agreement|"
                        r"Auftragsverarbeitungsvertrag", re.IGNORECASE)


def _recipients(statement: PrivacyStatement, lang: str, register: Register) -> Block | None:
    _ = _t(lang, register)
    body = []
    if statement.processors:
        body.append(_("We use processors that work on our behalf and under our instructions, for:"))
        body.append("\n".join(f"- {p.md(lang)}" for p in statement.processors))
        if not (statement.sharing and _AGREEMENT.search(statement.sharing.get(lang))):  # said once, not twice
            body.append(_("Each processor is bound by a processing agreement that protects your data."))
    if statement.sharing:
        body.append(statement.sharing.md(lang))
    if not body:
        return None
    return Block("recipients", _("Who receives your data"), body)


def _contact(org: Organisation, lang: str) -> Block:
    _ = _t(lang, org.form_of_address)
    body = [_("For questions about this statement or to exercise your rights, contact:")]
    body.append("  \n".join(_contact_lines(org.privacy_contact, lang, org.form_of_address)))
    return Block("contact", _("Contact"), body)


def arrange(sections: list[Section], order: tuple[str, ...], parts: dict[str, Block | None],
            lang: str) -> list[Block]:
    """The parts in reading order, each followed by the free sections placed after it (and after those)."""
    blocks: list[Block] = []
    placed: set[str] = set()

    def place_after(anchor: str) -> None:
        for section in sections:
            if section.after == anchor and section.id not in placed:
                placed.add(section.id)
                blocks.append(Block(section.id, section.title.get(lang), [section.body.md(lang)]))
                place_after(section.id)

    for part in order:
        block = parts.get(part)
        if block is not None:
            blocks.append(block)
        place_after(part)  # sections after an absent optional part still appear, in its place
    return blocks


def _first_layer(org: Organisation, statement: PrivacyStatement, lang: str) -> Block:
    """The short first layer (WP260): who, why and on what basis, what to know, how long, rights, contact."""
    register = org.form_of_address
    _ = _t(lang, register)
    sep, how, details = _("; "), _("how"), _("details")
    bases = {b: short(in_register(vocab.LEGAL_BASES[b][lang], lang, register)) for b in vocab.LEGAL_BASES}
    purposes = [f"[{a.title.md(lang)}](#processing-{a.id}): " + sep.join(bases[b] for b in a.legal_basis)
                for a in statement.processing]
    data = unique([short(t.label(vocab.DATA, lang, register)) for a in statement.processing for t in a.data])
    contact = org.dpo if org.dpo is not None else org.privacy_contact
    contact_label = _("Data protection officer") if org.dpo is not None else _("Privacy contact")
    # In a group whose entities have their own DPO: each one, with the entities it answers for.
    contact_fact = officers_fact(org, lang) or Fact(contact_label, [reach(contact)])
    facts = [
        Fact(_("Who is responsible"), [responsible(org, lang)]),
        Fact(_("Why, and on what legal basis"), purposes, as_list=True),
        # A first layer names the main categories; the full list is in each activity.
        Fact(_("Which data"), [sep.join(data[:8]) + (f"{sep}… ([{details}](#processing))" if len(data) > 8 else "")]),
    ]
    recipients = unique([short(t.label(vocab.RECIPIENTS, lang, register)) for a in statement.processing
                         for t in a.recipients if t.key != "none"]) or [short(vocab.RECIPIENTS["none"][lang])]
    facts.append(Fact(_("Who receives it"), [sep.join(recipients) + (f" ([{details}](#recipients))"
                                                                     if statement.processors or statement.sharing
                                                                     else "")]))
    for_clients = client_processing_fact(statement, lang, register)
    if for_clients is not None:
        facts.append(for_clients)
    notes = unexpected(statement, lang, register)
    if notes:
        facts.append(Fact(_("Good to know"), notes, as_list=len(notes) > 1))
    facts += [
        Fact(_("How long"), [retention_summary(statement, lang, register)]),
        Fact(_("Your rights"), [", ".join(right_name(r, lang, register) for r in applicable_rights(statement))
                                + f" ([{how}](#rights))"]),
        contact_fact,
    ]
    marketing = direct_marketing_fact(statement, lang, register)
    if marketing is not None:
        facts.insert(-1, marketing)  # right after the rights: GDPR art. 21(4) wants it seen
    return Block("in-short", _("In short"), facts=facts)


@dataclass(frozen=True)
class StatementLinks:
    """Where a statement page links to, as URLs relative to that page."""

    history: str
    current: str
    authoritative: str | None = None
    contact: str | None = None
    upcoming: tuple[tuple[date, str], ...] = ()  # (effective date, URL of what changes)


def _status(org: Org, version: Version, lang: str, links: StatementLinks, shown_as_current: bool
            ) -> tuple[str | None, str | None]:
    """The note on a superseded or upcoming version, and the announcement of coming versions."""
    _ = _t(lang, org.organisation.form_of_address)
    timeline = org.timeline(version.document)
    status = timeline.status(version.effective)
    note = announcement = None
    if status == "superseded":
        until = timeline.until(version.effective)
        assert until is not None
        # The next version starts on `until`: this one applied up to and including the day before.
        note = _("This version applied from {start} until {end}. It no longer applies.").format(
            start=long_date(version.effective, lang), end=long_date(until - timedelta(days=1), lang))
        note += " " + md_link(_("Read the current version"), links.current)
    elif status == "upcoming":
        note = _("This version takes effect on {date}. Until then, the current version applies.").format(
            date=long_date(version.effective, lang))
        note += " " + md_link(_("Read the current version"), links.current)
    if status == "current" or shown_as_current:
        coming = [_("A new version takes effect on {date}: [what changes]({url}).").format(
            date=long_date(day, lang), url=url) for day, url in links.upcoming]
        announcement = " ".join(coming) or None
    return note, announcement


def in_effect(org: Org, version: Version, lang: str) -> str:
    """ "In effect since 1 July 2023" (or "from", for a version still to come), as seen on the build date."""
    _ = _t(lang, org.organisation.form_of_address)
    text = _("In effect since {date}") if version.effective <= org.today else _("In effect from {date}")
    return text.format(date=long_date(version.effective, lang))


@dataclass(frozen=True)
class DocumentHeading:
    """What frames a versioned document's text: its title and organisation, and its status on the build date."""

    title: str
    org_name: str
    effective: str
    history_link: str
    status_note: str | None
    announcement: str | None
    translation_note: str | None
    fingerprint: str | None = None  # of the published record (sha256, shortened), for locked versions


def document_heading(org: Org, version: Version, lang: str, links: StatementLinks, shown_as_current: bool,
                     title: str, org_name: str, fingerprint: str | None = None) -> DocumentHeading:
    """The heading of a version's page: recorded title and name, today's status, notes and links."""
    _ = _t(lang, org.organisation.form_of_address)
    status_note, announcement = _status(org, version, lang, links, shown_as_current)
    return DocumentHeading(title=title, org_name=org_name, effective=in_effect(org, version, lang),
                           history_link=md_link(_("Change history"), links.history), status_note=status_note,
                           announcement=announcement,
                           translation_note=translation_note(org.organisation, lang, links.authoritative),
                           fingerprint=fingerprint)


def statement_view(org: Org, version: Version, lang: str, links: StatementLinks,
                   shown_as_current: bool = False) -> StatementView:
    """Everything the statement page shows, in `lang`, in reading order."""
    o, s = org.organisation, effective_statement(org.organisation, version.statement)
    _ = _t(lang, o.form_of_address)
    parts: dict[str, Block | None] = {
        "controller": controller_block(o, lang),
        "processing": _processing(s, lang, o.form_of_address, o),
        "as_processor": client_processing_block(s, lang, o.form_of_address, o),
        "recipients": _recipients(s, lang, o.form_of_address),
        "transfers": Block("transfers", _("Transfers outside the European Economic Area"),
                           [s.transfers_outside_eea.label(vocab.TRANSFERS, lang, o.form_of_address)]),
        "security": Block("security", _("How we protect your data"), [s.security.md(lang)]) if s.security else None,
        "automated": automated_block(s, lang, o.form_of_address),
        "rights": rights_block(o, s, lang, links.contact),
        "contact": _contact(o, lang),
        "changes": Block("changes", _("Changes to this statement"), [s.changes.md(lang)]) if s.changes else None,
    }
    blocks = arrange(s.sections, PARTS, parts, lang)
    note = translation_note(o, lang, links.authoritative)
    status_note, announcement = _status(org, version, lang, links, shown_as_current)
    title = document_title(s, "privacy", lang, o.form_of_address)
    return StatementView(
        lang=lang, title=title, org_name=o.name.get(lang),
        effective=in_effect(org, version, lang),
        history_link=md_link(_("Change history"), links.history),
        status_note=status_note, announcement=announcement,
        translation_note=note, first_layer=_first_layer(o, s, lang), introduction=s.introduction.md(lang),
        blocks=blocks,
    )


@dataclass(frozen=True)
class OrgEntry:
    """An organisation in a list: its name and statement links."""

    name: str
    links: list[Link]


@dataclass(frozen=True)
class LanguageHome:
    """The organisations in one language."""

    lang: str
    title: str
    intro: str
    orgs: list[OrgEntry]


@dataclass(frozen=True)
class Landing:
    """The bilingual landing: one block per language."""

    homes: list[LanguageHome]


def language_home(corpus: Corpus, lang: str, base: str = "") -> LanguageHome:
    """The list of organisations for one language; links relative to `base`."""
    _ = _t(lang, corpus.register)
    orgs = []
    for org in sorted(corpus.orgs, key=lambda o: o.organisation.name.get(lang).casefold()
                      if lang in o.languages else o.slug):
        if lang not in org.languages:
            continue
        register = org.organisation.form_of_address
        links = [Link(document_name(d, lang, register), f"{base}{PlannedPage('statement', lang, org.slug, d).url}")
                 for d in org.documents]
        links.append(Link(_("Privacy contact"), f"{base}{PlannedPage('contact', lang, org.slug).url}"))
        if org.organisation.accessibility is not None:
            links.append(Link(_("Accessibility statement"),
                              f"{base}{PlannedPage('accessibility', lang, org.slug).url}"))
        orgs.append(OrgEntry(org.organisation.name.get(lang), links))
    return LanguageHome(lang, _("Privacy statements"),
                        _("Choose an organisation to read how it processes your personal data."), orgs)


def landing(corpus: Corpus, plan: Plan) -> Landing:
    """The landing page: the organisations in every language, side by side."""
    return Landing([language_home(corpus, lang) for lang in plan.languages])
