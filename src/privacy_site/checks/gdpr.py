"""GDPR art. 13/14 completeness: every required item present, conditional items where they apply."""

from __future__ import annotations

from privacy_site.model.documents import Organisation, PrivacyStatement, Processing
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located


def _art(activity: Processing, art13: str, art14: str) -> Msg:
    """The article(s) that require an item, by where the activity's data comes from."""
    keys = {s.key for s in activity.sources}
    art13_applies = not activity.sources or "data_subject" in keys
    art14_applies = any(k != "data_subject" for k in keys) or any(s.key is None for s in activity.sources)
    if art13_applies and art14_applies:
        return msg("GDPR art. {art13} and {art14}", art13=art13, art14=art14)
    return msg("GDPR art. {article}", article=art13 if art13_applies else art14)


def is_art14(activity: Processing) -> bool:
    """True when (some of) the data does not come from the person concerned."""
    return any(s.key != "data_subject" for s in activity.sources)


def check_statement(statement: PrivacyStatement, located: Located,
                    organisation: Organisation | None) -> list[Problem]:
    """Every missing or misplaced art. 13/14 item of one privacy statement version."""
    problems: list[Problem] = []

    def at(path: tuple[str | int, ...], message: str) -> None:
        problems.append(located.problem(path, message))

    def add(path: tuple[str | int, ...], field: str) -> Msg:
        # An empty list is there but says nothing; a missing field is not there at all.
        if (*path, field) in located.key_pos:
            return msg('fill in "{field}"', field=field)
        return msg('add "{field}"', field=field)

    if not statement.processing:
        at((), msg("no processing activities: say which data you process and why (GDPR art. 13(1)(c), 14(1)(c)); "
                   "{fix}", fix=add((), "processing")))
    if not statement.audiences:
        at((), msg("no audiences: say whose data you process; {fix}", fix=add((), "audiences")))
    if statement.transfers_outside_eea is None:
        at((), msg("no statement on transfers outside the European Economic Area (GDPR art. 13(1)(f), 14(1)(f)); "
                   "{fix} (write none when there are none)", fix=add((), "transfers_outside_eea")))
    if statement.automated_decisions is None:
        at((), msg("no statement on automated decisions (GDPR art. 13(2)(f), 14(2)(g)); "
                   "{fix} (write none when there are none)", fix=add((), "automated_decisions")))
    decided = [i for i, a in enumerate(statement.processing) if a.automated_decisions is not None]
    if decided and statement.automated_decisions is not None and statement.automated_decisions.key == "none":
        at(("automated_decisions",), msg("automated_decisions is none, but {activity} describes an automated "
                                         "decision; describe it here instead of none (GDPR art. 13(2)(f), 14(2)(g))",
                                         activity=located.field(("processing", decided[0]))))
    public = organisation is not None and organisation.kind == "public"
    for i, activity in enumerate(statement.processing):
        here = ("processing", i)
        name = located.field(here)  # processing "chatbot"
        bases = set(activity.legal_basis)
        if not activity.subjects:
            at(here, about(name, msg("no audience; say whose data it is; {fix}", fix=add(here, "subjects"))))
        if not activity.data:
            if is_art14(activity):
                told = msg("no categories of data (GDPR art. 14(1)(d)); {fix}", fix=add(here, "data"))
            else:
                told = msg("no categories of data; {fix}", fix=add(here, "data"))
            at(here, about(name, told))
        if not activity.sources:
            at(here, about(name, msg("no source of the data (GDPR art. 14(2)(f)); {fix} (data_subject when the data "
                                     "comes from the person)", fix=add(here, "sources"))))
        if not activity.purposes:
            at(here, about(name, msg("no purpose ({articles}); {fix}", articles=_art(activity, "13(1)(c)", "14(1)(c)"),
                                     fix=add(here, "purposes"))))
        if not activity.legal_basis:
            at(here, about(name, msg("no legal basis ({articles}); {fix}",
                                     articles=_art(activity, "13(1)(c)", "14(1)(c)"), fix=add(here, "legal_basis"))))
        if not activity.recipients:
            at(here, about(name, msg("no recipients ({articles}); {fix} (write none when nobody outside your "
                                     "organisation receives the data)", articles=_art(activity, "13(1)(e)", "14(1)(e)"),
                                     fix=add(here, "recipients"))))
        if activity.retention is None:
            at(here, about(name, msg('no retention period or criteria ({articles}); add "retention"',
                                     articles=_art(activity, "13(2)(a)", "14(2)(a)"))))
        from_person = not activity.sources or any(s.key == "data_subject" for s in activity.sources)
        if activity.required is None and from_person:
            at(here, about(name, msg("does not say whether providing the data is required and what happens if not "
                                     "(GDPR art. 13(2)(e)); {fix}", fix=add(here, "required"))))
        if "legitimate_interest" in bases:
            if activity.legitimate_interest is None:
                at(here, about(name, msg("the legitimate interest is not described ({articles}); {fix}",
                                         articles=_art(activity, "13(1)(d)", "14(2)(b)"),
                                         fix=add(here, "legitimate_interest"))))
            if public:
                at((*here, "legal_basis"),
                   about(name, msg("a public body cannot rely on legitimate interest for its tasks "
                                   "(GDPR art. 6(1), last subparagraph); use public_task or legal_obligation")))
        elif activity.legitimate_interest is not None and activity.legal_basis:
            at((*here, "legitimate_interest"),
               about(name, msg('"legitimate_interest" is described but the legal basis is not legitimate_interest; '
                               "remove it or add legitimate_interest to legal_basis")))
    return problems


def check_organisation(organisation: Organisation, located: Located) -> list[Problem]:
    """Organisation-level items: DPO for public bodies, a usable supervisory authority."""
    problems: list[Problem] = []
    if organisation.kind == "public" and organisation.dpo is None:
        problems.append(located.problem((), msg('a public body must have a data protection officer '
                                                '(GDPR art. 37(1)(a), 13(1)(b)); add "dpo" with its contact details')))
    access = organisation.accessibility
    if organisation.kind == "public" and access is None:
        problems.append(located.problem((), msg("a public body must publish an accessibility statement (Directive "
                                                '(EU) 2016/2102, art. 7); add "accessibility" with status, prepared, '
                                                "last_review and feedback")))
    if access is not None:
        problems.extend(_check_accessibility(organisation, located))
    if organisation.supervisory_authority == "custom" and organisation.custom_authority is None:
        problems.append(located.problem(("supervisory_authority",),
                                        msg('supervisory_authority is custom but no authority is described '
                                            '(GDPR art. 13(2)(d)); add "custom_authority"')))
    if organisation.supervisory_authority != "custom" and organisation.custom_authority is not None:
        problems.append(located.problem(("custom_authority",),
                                        msg('custom_authority is given but supervisory_authority is not custom; '
                                            'set "supervisory_authority: custom" or remove custom_authority')))
    return problems


def _check_accessibility(organisation: Organisation, located: Located) -> list[Problem]:
    """The EU model statement: failures listed per WCAG criterion, and a complaint route."""
    access = organisation.accessibility
    assert access is not None
    problems = []
    failures = [i for i in access.non_accessible if i.reason == "non-compliance"]
    if access.status == "full" and failures:
        problems.append(located.problem(("accessibility", "status"), about("accessibility", msg(
            "status is full but non_accessible lists problems; use partial, or remove the list"))))
    if access.status != "full" and not failures:
        problems.append(located.problem(("accessibility", "status"), about("accessibility", msg(
            "status is {status}, but non_accessible lists no problem (Implementing Decision (EU) 2018/1523); list "
            "each one with the WCAG criteria it fails, or use full", status=access.status))))
    for i, item in enumerate(access.non_accessible):
        if item.reason == "non-compliance" and not item.criteria:
            path = ("accessibility", "non_accessible", i)
            problems.append(located.problem(path, about(located.field(path), msg(
                'name the WCAG 2.1 success criteria it fails, like criteria: ["1.1.1"]'))))
    flemish = organisation.kind == "public" and organisation.supervisory_authority == "vtc"
    if access.enforcement is None and not flemish:
        problems.append(located.problem(("accessibility",), about("accessibility", msg(
            'say where visitors can turn when your answer is not satisfactory; add "enforcement"'))))
    if access.enforcement is None and flemish and organisation.complaints is None:
        problems.append(located.problem(("accessibility",), about("accessibility", msg(
            "a Flemish public body first sends visitors to its own complaints service, then to the Vlaamse "
            'Ombudsdienst (Bestuursdecreet of 7 December 2018, art. II.16); add "complaints" with its contact '
            "details"))))
    return problems
