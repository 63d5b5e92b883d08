"""Who is the controller of each processing: the organisation, one entity of its group, or several jointly."""

from __future__ import annotations

from privacy_site.checks.raw_checks import choose
from privacy_site.model.documents import Organisation, PrivacyStatement
from privacy_site.source.messages import about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located


def check_controllers(statement: PrivacyStatement, located: Located, organisation: Organisation | None
                      ) -> list[Problem]:
    """In a group, every processing names the entity that is its controller (GDPR art. 13(1)(a))."""
    if organisation is None:
        return []
    ids = [entity.id for entity in organisation.entities]
    problems: list[Problem] = []
    for i, activity in enumerate(statement.processing):
        here = ("processing", i)
        name = located.field(here)  # processing "chatbot"
        if not ids:
            if activity.controller is not None:
                problems.append(located.problem((*here, "controller"), about(name, msg(
                    "controller names an entity of a group, but organisation.yaml lists no entities; remove it, or "
                    'list the entities of the group under "entities" in organisation.yaml'))))
        elif activity.controller is None:
            problems.append(located.problem(here, about(name, msg(
                'which entity of the group is its controller? add "controller" with one of: {entities}',
                entities=", ".join(ids)))))
        elif activity.controller not in ids:
            problems.append(located.problem((*here, "controller"), about(name, msg(
                'there is no entity "{entity}" in organisation.yaml; {hint}', entity=activity.controller,
                hint=choose(activity.controller, ids)))))
    for i, work in enumerate(statement.as_processor):
        if work.processor is not None and work.processor not in ids:
            where = ("as_processor", i, "processor")
            hint = choose(work.processor, ids) if ids else msg('list the entities of the group under "entities" first')
            problems.append(located.problem(where, about(located.field(("as_processor", i)), msg(
                'there is no entity "{entity}" in organisation.yaml; {hint}', entity=work.processor, hint=hint))))
    return problems
