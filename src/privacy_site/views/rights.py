"""The legal parts of a statement view: rights (with direct marketing set apart) and automated decisions."""

from __future__ import annotations

from privacy_site.checks.clauses import (
    applicable_rights,
    authority,
    clause,
    direct_marketing,
    direct_marketing_notice,
    own_clause,
    right_title,
)
from privacy_site.i18n.formats import web_link
from privacy_site.i18n.register import Register
from privacy_site.model.documents import AutomatedDecision, Organisation, PrivacyStatement, vocab
from privacy_site.views.blocks import Block, Fact, _contact_lines, _pair, _t

DIRECT_MARKETING_ID = "direct-marketing"


def rights_block(org: Organisation, statement: PrivacyStatement, lang: str, contact: str | None = None) -> Block:
    """The rights that apply, how to exercise them, and where to complain."""
    register = org.form_of_address
    _ = _t(lang, register)
    body = ["\n".join(_right_item(right, org, statement, lang) for right in applicable_rights(statement))]
    body.append(clause("exercise", org, lang, statement))
    if contact and org.request_form is not None:
        body.append(_("The simplest way: our [request form]({url}).").format(url=contact))
    elif contact:  # no form: the contact page says how to write and what to mention
        body.append(_("How to send a request and what to mention in it: see our [privacy contact page]({url})."
                      ).format(url=contact))
    body.append("  \n".join(_contact_lines(org.privacy_contact, lang, register)))
    if statement.rights:
        body.append(statement.rights.md(lang))
    body.append(clause("complaint", org, lang, statement))
    auth = authority(org, lang)
    lines = [f"**{auth.name}**"]
    if auth.address:
        lines.append(auth.address)
    if auth.phone:
        lines.append(_pair(_, _("Phone"), f"[{auth.phone}](tel:{auth.phone.replace(' ', '')})"))
    lines.append(_pair(_, _("E-mail"), f"[{auth.email}](mailto:{auth.email})"))
    lines.append(_pair(_, _("Website"), web_link(auth.website)))
    body.append("  \n".join(lines))
    return Block("rights", _("Your rights"), body, notice=direct_marketing_box(statement, lang, register))


def _right_item(right: str, org: Organisation, statement: PrivacyStatement, lang: str) -> str:
    """One right as a list item: the standard text, or the statement's own wording under the right's name.

    Own wording may span paragraphs and lists: they are indented so they stay inside the item.
    """
    own = own_clause(right, statement, lang)
    if own is None:
        return f"- {clause(right, org, lang, statement)}"
    first, *rest = own.strip().split("\n")
    lines = [f"- **{right_title(right, lang, org.form_of_address)}**: {first}"]
    lines += [f"    {line}" if line.strip() else "" for line in rest]
    return "\n".join(lines) + ("\n" if rest else "")


def direct_marketing_box(statement: PrivacyStatement, lang: str, register: Register
                         ) -> tuple[str, str, str] | None:
    """The separate notice on objecting to direct marketing (GDPR art. 21(4)), with the activities concerned."""
    if not direct_marketing(statement):
        return None
    _ = _t(lang, register)
    title, text = direct_marketing_notice(lang, register)
    activities = ", ".join(f"[{a.title.md(lang)}](#processing-{a.id})"
                           for a in statement.processing if a.direct_marketing)
    text += " " + _("This concerns: {activities}.").format(activities=activities)
    return DIRECT_MARKETING_ID, title, text


def direct_marketing_fact(statement: PrivacyStatement, lang: str, register: Register) -> Fact | None:
    """The first layer's line on direct marketing, pointing to the notice in the rights section."""
    if not direct_marketing(statement):
        return None
    _ = _t(lang, register)
    return Fact(_("Direct marketing"), [_("You can object at any time, free of charge and without giving a "
                                          "reason ([details](#{anchor})).").format(anchor=DIRECT_MARKETING_ID)])


def automated_block(statement: PrivacyStatement, lang: str, register: Register) -> Block:
    """Whether decisions are based solely on automated processing and, if so, their logic and consequences."""
    _ = _t(lang, register)
    general = statement.automated_decisions
    body = [general.label(vocab.AUTOMATED, lang, register)] if general is not None else []
    decided = [a for a in statement.processing if a.automated_decisions is not None]
    if decided:
        body.append(_("We make decisions based solely on automated processing in these activities:"))
        body.append("\n".join(f"- [{a.title.md(lang)}](#processing-{a.id})" for a in decided))
    return Block("automated", _("Automated decisions"), body)


def automated_fact(decision: AutomatedDecision, lang: str, register: Register) -> Fact:
    """An activity's automated decision: how it is made, and what it means for the person."""
    _ = _t(lang, register)
    logic, consequences = decision.logic.md(lang), decision.consequences.md(lang)
    return Fact(_("Automated decisions"), [_pair(_, _("How the decision is made"), logic),
                                           _pair(_, _("What it means for you"), consequences)], as_list=True)
