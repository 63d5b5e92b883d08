"""What changed between two versions of a statement, in plain words a visitor understands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from privacy_site.i18n.catalogs import document_title, translations
from privacy_site.i18n.formats import duration
from privacy_site.i18n.register import Register
from privacy_site.model.cookies import CookieStatement, Website, WebsiteItem, duration_parts
from privacy_site.model.documents import (
    AutomatedDecision,
    ClientProcessing,
    PrivacyStatement,
    Processing,
    Term,
    Version,
    vocab,
)
from privacy_site.model.text import Text
from privacy_site.views.textdiff import Segment, word_diff


@dataclass(frozen=True)
class Change:
    """One change: a sentence and, for a changed text, the word-level difference."""

    kind: str  # added | removed | changed
    message: str
    diff: list[Segment] | None = None


class _Collector:
    def __init__(self, lang: str, register: Register) -> None:
        self.lang, self.register = lang, register
        self._ = translations(lang, register).gettext
        self.items: list[Change] = []

    def q(self, text: str) -> str:
        """A quoted name, with the language's quotation marks."""
        return self._("“{text}”").format(text=text)

    def add(self, kind: str, message: str, diff: list[Segment] | None = None) -> None:
        self.items.append(Change(kind, message, diff))

    def text(self, old: Text | None, new: Text | None, changed: str, added: str, removed: str) -> None:
        """A free text field: added, removed or changed in this language (with its word diff)."""
        self.plain(old.get(self.lang) if old is not None else None, new.get(self.lang) if new is not None else None,
                   changed, added, removed)

    def plain(self, old: str | None, new: str | None, changed: str, added: str, removed: str) -> None:
        """A text as this language reads it: added, removed or changed (with its word diff)."""
        if old is None and new is None:
            return
        if old is None:
            self.add("added", added)
        elif new is None:
            self.add("removed", removed)
        elif old != new:
            self.add("changed", changed, word_diff(old, new))

    def items_of(self, old: Sequence[str], new: Sequence[str], added: Callable[[str], str],
                 removed: Callable[[str], str], changed: Callable[[str], str] | None = None) -> None:
        """A list of texts: exact matches are kept; leftovers at the same place are changes."""
        gone = [x for x in old if x not in new]
        came = [x for x in new if x not in old]
        if changed is not None:
            while gone and came and len(gone) == len(came):
                before, after = gone.pop(0), came.pop(0)
                self.add("changed", changed(after), word_diff(before, after))
        for item in came:
            self.add("added", added(item))
        for item in gone:
            self.add("removed", removed(item))


def _labels(terms: Sequence[Term], vocabulary: vocab.Terms, lang: str, register: Register) -> list[str]:
    return [t.label(vocabulary, lang, register) for t in terms]


def statement_changes(old: PrivacyStatement, new: PrivacyStatement, lang: str, register: Register) -> list[Change]:
    """Every change from `old` to `new`, in reading order, in `lang`."""
    c = _Collector(lang, register)
    _ = c._
    if (old.title and old.title.get(lang)) != (new.title and new.title.get(lang)):
        c.add("changed", _("Title changed: {old} → {new}").format(
            old=c.q(document_title(old, "privacy", lang, register)),
            new=c.q(document_title(new, "privacy", lang, register))))
    c.text(old.introduction, new.introduction, _("Introduction changed"), _("Introduction added"),
           _("Introduction removed"))
    _audiences(c, old, new)
    _processing(c, old, new)
    _client_processing(c, old, new)
    c.items_of([p.get(lang) for p in old.processors], [p.get(lang) for p in new.processors],
               lambda x: _("New processor: {item}").format(item=x),
               lambda x: _("Processor removed: {item}").format(item=x),
               lambda x: _("Processor description changed"))
    c.text(old.sharing, new.sharing, _("Text on who receives your data changed"),
           _("Text on who receives your data added"), _("Text on who receives your data removed"))
    # Compared in `lang` only: a correction of the French text is no change for a Dutch reader.
    before = old.transfers_outside_eea.label(vocab.TRANSFERS, lang, c.register) if old.transfers_outside_eea else ""
    after = new.transfers_outside_eea.label(vocab.TRANSFERS, lang, c.register) if new.transfers_outside_eea else ""
    if before != after:
        c.add("changed", _("Transfers outside the European Economic Area changed"), word_diff(before, after))
    before = old.automated_decisions.label(vocab.AUTOMATED, lang, c.register) if old.automated_decisions else ""
    after = new.automated_decisions.label(vocab.AUTOMATED, lang, c.register) if new.automated_decisions else ""
    if before != after:
        c.add("changed", _("Automated decisions changed"), word_diff(before, after))
    c.text(old.security, new.security, _("Security measures changed"), _("Security measures added"),
           _("Security measures removed"))
    c.text(old.rights, new.rights, _("Text on your rights changed"), _("Text on your rights added"),
           _("Text on your rights removed"))
    c.text(old.changes, new.changes, _("Text on changes to this statement changed"),
           _("Text on changes to this statement added"), _("Text on changes to this statement removed"))
    _sections(c, old, new)
    return c.items


def _audiences(c: _Collector, old: PrivacyStatement, new: PrivacyStatement) -> None:
    _, lang = c._, c.lang
    before = {a.id: a for a in old.audiences}
    after = {a.id: a for a in new.audiences}
    for key, audience in after.items():
        name = c.q(audience.name.get(lang))
        if key not in before:
            c.add("added", _("New group of people concerned: {name}").format(name=name))
            continue
        previous = before[key]
        if previous.name.get(lang) != audience.name.get(lang):
            c.add("changed", _("Group of people renamed: {old} → {new}").format(
                old=c.q(previous.name.get(lang)), new=name))
        c.text(previous.description, audience.description,
               _("Description of {name} changed").format(name=name),
               _("Description of {name} added").format(name=name),
               _("Description of {name} removed").format(name=name))
    for key, audience in before.items():
        if key not in after:
            c.add("removed", _("Group of people no longer concerned: {name}").format(name=c.q(audience.name.get(lang))))


def _processing(c: _Collector, old: PrivacyStatement, new: PrivacyStatement) -> None:
    _, lang = c._, c.lang
    before = {p.id: p for p in old.processing}
    for activity in new.processing:
        title = c.q(activity.title.get(lang))
        if activity.id not in before:
            c.add("added", _("New processing activity: {title}").format(title=title))
            continue
        _activity(c, before[activity.id], activity, title)
    after_ids = {p.id for p in new.processing}
    for activity in old.processing:
        if activity.id not in after_ids:
            c.add("removed", _("Processing activity removed: {title}").format(title=c.q(activity.title.get(lang))))


def _client_processing(c: _Collector, old: PrivacyStatement, new: PrivacyStatement) -> None:
    _, lang, r = c._, c.lang, c.register

    def seen(a: ClientProcessing) -> tuple[object, ...]:  # what a reader in `lang` sees of it
        texts = (a.title, a.client, a.what, a.agreement, a.rights)
        return (*(t.get(lang) if t is not None else None for t in texts), tuple(_labels(a.data, vocab.DATA, lang, r)))

    before = {a.id: a for a in old.as_processor}
    for activity in new.as_processor:
        title = c.q(activity.title.get(lang))
        if activity.id not in before:
            c.add("added", _("New activity on behalf of a client: {title}").format(title=title))
        elif seen(before[activity.id]) != seen(activity):
            c.add("changed", _("Activity on behalf of a client changed: {title}").format(title=title))
    after = {a.id for a in new.as_processor}
    for activity in old.as_processor:
        if activity.id not in after:
            c.add("removed", _("Activity on behalf of a client removed: {title}").format(
                title=c.q(activity.title.get(lang))))


def _activity(c: _Collector, old: Processing, new: Processing, title: str) -> None:
    _, lang, r = c._, c.lang, c.register
    if old.title.get(lang) != new.title.get(lang):
        c.add("changed", _("Processing activity renamed: {old} → {new}").format(old=c.q(old.title.get(lang)),
                                                                               new=title))
    pairs = [
        (_labels(old.data, vocab.DATA, lang, r), _labels(new.data, vocab.DATA, lang, r),
         _("New data for {title}: {item}"), _("Data no longer processed for {title}: {item}")),
        (_labels(old.optional_data, vocab.DATA, lang, r), _labels(new.optional_data, vocab.DATA, lang, r),
         _("New optional data for {title}: {item}"), _("Optional data no longer processed for {title}: {item}")),
        (_labels(old.sources, vocab.SOURCES, lang, r), _labels(new.sources, vocab.SOURCES, lang, r),
         _("New source of data for {title}: {item}"), _("Source no longer used for {title}: {item}")),
        (_labels(old.recipients, vocab.RECIPIENTS, lang, r), _labels(new.recipients, vocab.RECIPIENTS, lang, r),
         _("New recipient for {title}: {item}"), _("Recipient removed for {title}: {item}")),
    ]
    for before, after, added, removed in pairs:
        c.items_of(before, after, lambda x, a=added: a.format(title=title, item=x),
                   lambda x, r=removed: r.format(title=title, item=x))
    c.items_of([p.get(lang) for p in old.purposes], [p.get(lang) for p in new.purposes],
               lambda x: _("New purpose for {title}: {item}").format(title=title, item=x),
               lambda x: _("Purpose removed for {title}: {item}").format(title=title, item=x),
               lambda x: _("Purpose of {title} reworded").format(title=title))
    if old.legal_basis != new.legal_basis:
        names = vocab.LEGAL_BASES
        c.add("changed", _("Legal basis for {title} changed: {old} → {new}").format(
            title=title, old="; ".join(names[b][lang] for b in old.legal_basis),
            new="; ".join(names[b][lang] for b in new.legal_basis)))
    fields = [
        ("legitimate_interest", _("Legitimate interest for {title}")),
        ("legal_basis_note", _("Legal framework for {title}")),
        ("retention", _("Retention period for {title}")),
        ("required", _("Whether you must provide the data for {title}")),
        ("automated_decisions", _("Automated decisions for {title}")),
        ("details", _("Explanation of {title}")),
    ]
    for name, label in fields:
        what = label.format(title=title)
        before, after = getattr(old, name), getattr(new, name)
        if name == "automated_decisions":  # its logic and consequences, read as one text
            before, after = _decision(before, lang), _decision(after, lang)
        else:
            before, after = _in(before, lang), _in(after, lang)
        c.plain(before, after, _("{what} changed").format(what=what),
                _("{what} added").format(what=what), _("{what} removed").format(what=what))
    if old.subjects != new.subjects:
        c.add("changed", _("People concerned by {title} changed").format(title=title))


def _sections(c: _Collector, old: PrivacyStatement, new: PrivacyStatement) -> None:
    _, lang = c._, c.lang
    before = {s.id: s for s in old.sections}
    for section in new.sections:
        title = c.q(section.title.get(lang))
        if section.id not in before:
            c.add("added", _("Section {title} added").format(title=title))
            continue
        previous = before[section.id]
        if previous.title.get(lang) != section.title.get(lang):
            c.add("changed", _("Section renamed: {old} → {new}").format(old=c.q(previous.title.get(lang)), new=title))
        if previous.body.get(lang) != section.body.get(lang):
            c.add("changed", _("Section {title} changed").format(title=title),
                  word_diff(previous.body.get(lang), section.body.get(lang)))
        if previous.after != section.after:
            c.add("changed", _("Section {title} moved").format(title=title))
    after_ids = {s.id for s in new.sections}
    for section in old.sections:
        if section.id not in after_ids:
            c.add("removed", _("Section {title} removed").format(title=c.q(section.title.get(lang))))


def changes_between(old: Version, new: Version, lang: str, register: Register) -> list[Change]:
    """The changes between two versions of the same document, whatever its kind."""
    if old.document == "cookies":
        return cookie_changes(old.statement, new.statement, lang, register)
    return statement_changes(old.statement, new.statement, lang, register)


def cookie_changes(old: CookieStatement, new: CookieStatement, lang: str, register: Register) -> list[Change]:
    """Cookies added, removed, or with another duration, purpose, party or storage; texts changed."""
    c = _Collector(lang, register)
    _ = c._
    if document_title(old, "cookies", lang, register) != document_title(new, "cookies", lang, register):
        c.add("changed", _("Title changed: {old} → {new}").format(
            old=c.q(document_title(old, "cookies", lang, register)),
            new=c.q(document_title(new, "cookies", lang, register))))
    c.text(old.introduction, new.introduction, _("Introduction changed"), _("Introduction added"),
           _("Introduction removed"))
    before = {(i.storage, i.name): i for i in old.items}
    after = {(i.storage, i.name): i for i in new.items}
    for key, item in after.items():
        name = c.q(item.name)
        if key not in before:
            c.add("added", _("New cookie or storage item: {name}").format(name=name))
            continue
        previous = before[key]
        if previous.duration != item.duration:
            c.add("changed", _("Duration of {name} changed: {old} → {new}").format(
                name=name, old=duration_text(previous.duration, lang, register),
                new=duration_text(item.duration, lang, register)))
        if previous.party != item.party or _in(previous.provider, lang) != _in(item.provider, lang):
            c.add("changed", _("Who sets {name} changed").format(name=name))
        if previous.purpose.get(lang) != item.purpose.get(lang):
            c.add("changed", _("Purpose of {name} changed").format(name=name),
                  word_diff(previous.purpose.get(lang), item.purpose.get(lang)))
    for key, item in before.items():
        if key not in after:
            c.add("removed", _("Cookie or storage item removed: {name}").format(name=c.q(item.name)))
    _websites(c, old.websites, new.websites)
    c.text(old.blocking, new.blocking, _("Text on blocking cookies changed"), _("Text on blocking cookies added"),
           _("Text on blocking cookies removed"))
    _sections(c, old, new)  # type: ignore[arg-type]
    return c.items


def _websites(c: _Collector, old: list[Website], new: list[Website]) -> None:
    """Websites added or removed; on the others, items, consent and hosts that changed."""
    _, lang = c._, c.lang
    before = {w.id: w for w in old}
    for website in new:
        label = website.url.removeprefix("https://").rstrip("/")
        previous = before.get(website.id)
        if previous is None:
            c.add("added", _("New website in this statement: {website}").format(website=label))
            continue
        if previous.url != website.url:
            c.add("changed", _("Address of a website changed: {old} → {new}").format(
                old=previous.url.removeprefix("https://").rstrip("/"), new=label))
        if _consent(previous, lang) != _consent(website, lang):
            c.add("changed", _("How {website} asks for your consent changed").format(website=label))
        _website_items(c, label, previous.items, website.items)
        c.items_of([h.host for h in previous.hosts], [h.host for h in website.hosts],
                   lambda x, w=label: _("New host that {website} loads content from: {host}").format(website=w, host=x),
                   lambda x, w=label: _("{website} no longer loads content from {host}").format(website=w, host=x))
    for website in old:
        if website.id not in {w.id for w in new}:
            c.add("removed", _("Website no longer in this statement: {website}").format(
                website=website.url.removeprefix("https://").rstrip("/")))


def _consent(website: Website, lang: str) -> tuple[str, str] | None:
    return None if website.consent is None else (website.consent.tool.get(lang), website.consent.change.get(lang))


def _transfer(item: WebsiteItem, lang: str) -> tuple[bool, str | None, str | None]:
    transfer = item.transfers_outside_eea
    if transfer is None:
        return item.transfer_stated, None, None
    return True, transfer.countries.get(lang), transfer.safeguard.get(lang) if transfer.safeguard else None


def _website_items(c: _Collector, label: str, old: list[WebsiteItem], new: list[WebsiteItem]) -> None:
    _, lang = c._, c.lang
    before = {(i.storage, i.name): i for i in old}
    after = {(i.storage, i.name): i for i in new}
    for key, item in after.items():
        name = c.q(item.name)
        previous = before.get(key)
        if previous is None:
            c.add("added", _("New cookie or storage item on {website}: {name}").format(website=label, name=name))
            continue
        if previous.category != item.category:
            c.add("changed", _("Category of {name} on {website} changed").format(name=name, website=label))
        if previous.duration != item.duration:
            c.add("changed", _("Duration of {name} on {website} changed: {old} → {new}").format(
                name=name, website=label, old=duration_text(previous.duration, lang, c.register),
                new=duration_text(item.duration, lang, c.register)))
        if previous.party != item.party or _in(previous.provider, lang) != _in(item.provider, lang):
            c.add("changed", _("Who sets {name} on {website} changed").format(name=name, website=label))
        if _transfer(previous, lang) != _transfer(item, lang):
            c.add("changed", _("Transfer outside the EEA of {name} on {website} changed").format(name=name,
                                                                                              website=label))
        if previous.purpose.get(lang) != item.purpose.get(lang):
            c.add("changed", _("Purpose of {name} on {website} changed").format(name=name, website=label),
                  word_diff(previous.purpose.get(lang), item.purpose.get(lang)))
    for key, item in before.items():
        if key not in after:
            c.add("removed", _("Cookie or storage item removed from {website}: {name}").format(
                website=label, name=c.q(item.name)))


def _decision(decision: AutomatedDecision | None, lang: str) -> str | None:
    return None if decision is None else f"{decision.logic.get(lang)}\n\n{decision.consequences.get(lang)}"


def _in(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


def duration_text(value: str, lang: str, register: Register) -> str:
    """A declared duration in words."""
    parts = duration_parts(value)
    if parts is None:
        return translations(lang, register).gettext("until you close your browser (session)")
    return duration(parts[0], parts[1], lang)
