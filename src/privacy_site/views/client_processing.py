"""What an organisation does as a processor, on behalf of clients who are the controller: information, not duties.

For these activities the client decides why and how the data is processed (GDPR art. 4(7), 28): the
statement says what is done, for whom and under which agreement, and that rights are exercised with the
client first. No legal basis, retention or right is generated in the organisation's name for them.
"""

from __future__ import annotations

from privacy_site.i18n.register import Register
from privacy_site.model.documents import Organisation, PrivacyStatement, vocab
from privacy_site.views.blocks import Block, Fact, _t

ANCHOR = "as-processor"


def client_processing_block(statement: PrivacyStatement, lang: str, register: Register,
                            org: Organisation | None = None) -> Block | None:
    """The section on processing done for clients, one subsection per activity."""
    if not statement.as_processor:
        return None
    _ = _t(lang, register)
    intro = [_("For the activities below, we process your data on behalf of a client who decides why and how it is "
               "processed: that client is the controller, and we act as its processor, only on its documented "
               "instructions and under an agreement that protects your data (GDPR art. 28). To exercise your "
               "rights for these activities, contact the client first; if you contact us, we pass your request on "
               "to the client and help it to answer.")]
    subsections = []
    for activity in statement.as_processor:
        facts = [Fact(_("On behalf of"), [activity.client.md(lang)])]
        entity = next((e for e in org.entities if e.id == activity.processor), None) if org is not None else None
        if entity is not None:
            facts.append(Fact(_("Done by"), [f"[{entity.name.md(lang)}](#controller-{entity.id})"]))
        facts.append(Fact(_("What we do"), [activity.what.md(lang)]))
        if activity.data:
            facts.append(Fact(_("Which data"), [t.label(vocab.DATA, lang, register) for t in activity.data],
                              as_list=True))
        facts.append(Fact(_("Under which agreement"), [activity.agreement.md(lang)]))
        rights = activity.rights.md(lang) if activity.rights else _(
            "With {client} first: it decides on your request; we help it to answer.").format(
            client=activity.client.md(lang))
        facts.append(Fact(_("Exercising your rights"), [rights]))
        subsections.append(Block(f"{ANCHOR}-{activity.id}", activity.title.get(lang), [], facts))
    return Block(ANCHOR, _("What we do on behalf of our clients"), intro, subsections=subsections)


def client_processing_fact(statement: PrivacyStatement, lang: str, register: Register) -> Fact | None:
    """The first layer's line: which activities are done for clients, and for whom."""
    if not statement.as_processor:
        return None
    _ = _t(lang, register)
    items = [f"[{a.title.md(lang)}](#{ANCHOR}-{a.id}): {a.client.md(lang)}" for a in statement.as_processor]
    return Fact(_("On behalf of our clients (they are responsible)"), items, as_list=True)
