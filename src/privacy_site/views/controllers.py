"""Who is responsible: the organisation, each entity of a group for its own processing, or joint controllers."""

from __future__ import annotations

from dataclasses import dataclass

from privacy_site.i18n.formats import and_list, count_words, web_link
from privacy_site.model.contacts import Contact
from privacy_site.model.documents import Organisation, Processing
from privacy_site.model.entities import Entity
from privacy_site.views.blocks import Block, Fact, _address, _contact_lines, _pair, _t
from privacy_site.views.naming import as_subject


def _details(_: object, holder: Organisation | Entity, lang: str) -> str:
    """Address, enterprise number and ways to reach an organisation or entity, one per line."""
    lines = [_pair(_, _("Address"), _address(holder.address, lang))]  # type: ignore[operator]
    if holder.enterprise_number:
        lines.append(_pair(_, _("Enterprise number"), f"{holder.enterprise_number}"))  # type: ignore[operator]
    if holder.email:
        lines.append(_pair(_, _("E-mail"), f"[{holder.email}](mailto:{holder.email})"))  # type: ignore[operator]
    if holder.phone:
        lines.append(_pair(_, _("Phone"), f"[{holder.phone}](tel:{holder.phone.replace(' ', '')})"))  # type: ignore
    if holder.website:
        lines.append(_pair(_, _("Website"), web_link(holder.website)))  # type: ignore[operator]
    return "  \n".join(lines)


def _form(holder: Organisation | Entity, lang: str) -> str:
    return f" ({holder.legal_form.md(lang)})" if holder.legal_form else ""


def controller_block(org: Organisation, lang: str) -> Block:
    """The controller's identity and details (GDPR art. 13(1)(a), (b)); for a group, each entity's."""
    _ = _t(lang, org.form_of_address)
    if not org.entities:
        body = [_("{name} is responsible for processing your personal data (the controller).").format(
            name=as_subject(org, lang, f"**{org.name.md(lang)}**{_form(org, lang)}")), _details(_, org, lang)]
        subsections = []
    else:
        body = [_("{group} consists of {count} legal entities. Each one is the controller of the processing it "
                  "carries out on its own account: each activity below says which.").format(
            group=as_subject(org, lang, f"**{org.name.md(lang)}**"), count=count_words(len(org.entities), lang))]
        subsections = []
        for entity in org.entities:
            text = [_details(_, entity, lang)]
            if entity.dpo:
                text.append(_("Its data protection officer (DPO):"))
                text.append("  \n".join(_contact_lines(entity.dpo, lang, org.form_of_address)))
            title = entity.name.get(lang) + (f" ({entity.legal_form.get(lang)})" if entity.legal_form else "")
            subsections.append(Block(f"controller-{entity.id}", title, text))  # a title is plain text
    if org.dpo and any(entity.dpo for entity in org.entities):
        # Not "our DPO" for everything: some entities have their own, named with their details below.
        body.append(_("The group's data protection officer (DPO) answers your questions about your data, except for "
                      "an entity that has its own (see below):"))
        body.append("  \n".join(_contact_lines(org.dpo, lang, org.form_of_address)))
    elif org.dpo:
        body.append(_("Our data protection officer (DPO) answers your questions about your data:"))
        body.append("  \n".join(_contact_lines(org.dpo, lang, org.form_of_address)))
    return Block("controller", _("Who is responsible for your data?"), body, subsections=subsections)


def controller_facts(org: Organisation, activity: Processing, lang: str) -> list[Fact]:
    """An activity's controller in a group, and its joint controllers with their arrangement (GDPR art. 26)."""
    _ = _t(lang, org.form_of_address)
    entities = {entity.id: entity for entity in org.entities}
    facts = []
    entity = entities.get(activity.controller or "")
    joint = activity.joint_controllers
    ours = f"[{entity.name.md(lang)}](#controller-{entity.id})" if entity is not None else org.name.md(lang)
    if entity is not None and joint is None:
        facts.append(Fact(_("Controller"), [ours]))
    if joint is not None:  # the joint list names the entity too: said once
        facts.append(Fact(_("Joint controllers"), [ours, *(p.md(lang) for p in joint.partners)], as_list=True))
        facts.append(Fact(_("What the joint controllers agreed"), [joint.arrangement.md(lang)]))
        facts.append(Fact(_("Where to exercise your rights"), [joint.contact.md(lang)]))
    return facts


def responsible(org: Organisation, lang: str) -> str:
    """The first layer's "who is responsible": the organisation, or each entity for its own activities."""
    if not org.entities:
        return f"[{org.name.md(lang)}](#controller)"
    _ = _t(lang, org.form_of_address)
    names = ", ".join(f"[{e.name.md(lang)}](#controller-{e.id})" for e in org.entities)
    return _("{names} (each for its own activities)").format(names=names)


@dataclass(frozen=True)
class Officer:
    """A data protection officer, and the entities of a group it answers for (none named: the organisation)."""

    contact: Contact
    entities: tuple[Entity, ...] = ()


def officers(org: Organisation) -> list[Officer]:
    """Who is the DPO for whom (GDPR art. 13(1)(b), "where applicable").

    In a group where some entities have their own DPO: each DPO with the entities it answers for, the group's
    for the entities without their own (an entity with neither has no DPO: the privacy contact answers). In
    entity order; a DPO that several entities share is named once. Otherwise the organisation's DPO, if any.
    """
    if not any(entity.dpo for entity in org.entities):
        return [Officer(org.dpo)] if org.dpo is not None else []
    found: list[tuple[Contact, list[Entity]]] = []
    for entity in org.entities:
        contact = entity.dpo or org.dpo
        if contact is None:
            continue
        for known, entities in found:
            if known == contact:
                entities.append(entity)
                break
        else:
            found.append((contact, [entity]))
    return [Officer(contact, tuple(entities)) for contact, entities in found]


def reach(contact: Contact) -> str:
    """How to reach someone in one link: the e-mail address, else the web form (nothing with a postal address only)."""
    if contact.email:
        return f"[{contact.email}](mailto:{contact.email})"
    return web_link(contact.form) if contact.form else ""


def _postal(contact: Contact, lang: str) -> str:
    """A contact's postal address, for one that has neither e-mail nor form (it then has an address)."""
    return _address(contact.address, lang) if contact.address else ""


def entity_names(entities: tuple[Entity, ...], lang: str) -> str:
    """ "A, B en C": the entities by name, in running text."""
    return and_list([entity.name.md(lang) for entity in entities], lang)


def officers_fact(org: Organisation, lang: str) -> Fact | None:
    """The first layer's DPO line for a group whose entities have their own DPO: each, with whom it answers for.

    None when there is one DPO for the whole organisation (or none): the first layer then names it as before.
    """
    found = officers(org)
    if not any(officer.entities for officer in found):
        return None
    _ = _t(lang, org.form_of_address)
    items = [_pair(_, entity_names(o.entities, lang), reach(o.contact) or _postal(o.contact, lang)) for o in found]
    label = _("Data protection officers") if len(found) > 1 else _("Data protection officer")
    return Fact(label, items, as_list=len(found) > 1)


def officer_channels(org: Organisation, lang: str) -> list[list[str]] | None:
    """The contact page's DPOs of a group whose entities have their own: each with the entities it answers for.

    None when there is one DPO for the whole organisation (or none).
    """
    found = officers(org)
    if not any(officer.entities for officer in found):
        return None
    _ = _t(lang, org.form_of_address)
    return [[_("Data protection officer for {entities}:").format(entities=entity_names(o.entities, lang)),
             *_contact_lines(o.contact, lang, org.form_of_address)] for o in found]
