"""The clause library: standard texts on rights and complaints, derived from the legal model.

Rights that no legal basis in the statement gives are not promised (portability needs consent
or contract; objection needs public task, legitimate interest or direct marketing), and clauses
name only the bases and grounds the statement uses. An organisation may reword a
clause in organisation.yaml (`clauses:`); the right stays listed, so coverage never depends on
the wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.register import Register
from privacy_site.model.authorities import AUTHORITIES, Authority
from privacy_site.model.documents import Organisation, PrivacyStatement

RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability", "withdraw_consent",
          "automated_decisions")


def _bases(statement: PrivacyStatement) -> set[str]:
    return {b for p in statement.processing for b in p.legal_basis}


def direct_marketing(statement: PrivacyStatement) -> bool:
    """True when some activity uses the data for direct marketing (GDPR art. 21(2)-(3))."""
    return any(p.direct_marketing for p in statement.processing)


def applicable_rights(statement: PrivacyStatement) -> list[str]:
    """The rights a statement must explain, in a stable order, from its legal bases and decisions."""
    bases = _bases(statement)
    automated = any(p.automated_decisions for p in statement.processing) or (
        statement.automated_decisions is not None and statement.automated_decisions.key != "none")
    rights = ["access", "rectification", "erasure", "restriction"]
    if bases & {"public_task", "legitimate_interest"} or direct_marketing(statement):
        rights.append("objection")
    if bases & {"consent", "contract"}:
        rights.append("portability")
    if "consent" in bases:
        rights.append("withdraw_consent")
    if automated:
        rights.append("automated_decisions")
    return rights


def _either(items: list[str], _: Callable[[str], str]) -> str:
    """ "a, b or c" in the language of `_`."""
    if len(items) == 1:
        return items[0]
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _objection(statement: PrivacyStatement, _: Callable[[str], str]) -> str:
    # Art. 21(1) covers only processing based on art. 6(1)(e) or (f): name the ones this statement uses.
    bases = _bases(statement)
    named = [text for basis, text in (("public_task", _("our task in the public interest or our official "
                                                           "authority")),
                                      ("legitimate_interest", _("our legitimate interest"))) if basis in bases]
    if not named:
        return _("**Objection**: you can object to the use of your data for direct marketing (see the box above).")
    text = _("**Objection**: you can object, for reasons related to your situation, to processing based on "
             "{bases}. We then stop, unless we have compelling legitimate grounds that override your interests, "
             "or need the data for legal claims.").format(bases=_either(named, _))
    if direct_marketing(statement):
        text += " " + _("Objecting to direct marketing needs no reason (see the box above).")
    return text


def _erasure(statement: PrivacyStatement, _: Callable[[str], str]) -> str:
    # Art. 17(1): every ground that can apply to this statement, so none is left out.
    bases = _bases(statement)
    grounds = [_("when we no longer need it for the purposes we collected it for")]
    if "consent" in bases:
        grounds.append(_("when you withdraw your consent and we have no other legal basis"))
    if bases & {"public_task", "legitimate_interest"}:
        grounds.append(_("when you object and your objection is upheld"))
    if direct_marketing(statement):
        grounds.append(_("when you object to direct marketing"))
    grounds += [_("when we process it unlawfully"), _("when the law requires us to delete it")]
    return _("**Erasure**: you can ask us to delete your data {grounds}. We keep what the law obliges us to keep, "
             "or what we need for legal claims.").format(grounds=_either(grounds, _))


def _exercise(org: Organisation, _: Callable[[str], str]) -> str:
    # The reply time is the law's (art. 12(3)); the identity practice is the organisation's own choice.
    text = _("To exercise a right, contact us (see below). We answer within one month; for complex or numerous "
             "requests this can be extended by two months, and we tell you so within the first month.")
    if org.requests.identity == "reasonable_doubt":
        text += " " + _("We only ask for information to confirm your identity when we have reasonable doubts "
                        "about who you are.")
    else:
        text += " " + _("We may ask for information to confirm your identity when needed.")
    if org.requests.never_id_card_copy:
        text += " " + _("We never ask for a copy of your identity card.")
    return text


def direct_marketing_notice(lang: str, register: Register) -> tuple[str, str]:
    """The title and text of the separate notice on objecting to direct marketing (GDPR art. 21(2)-(4))."""
    _ = translations(lang, register).gettext
    return _("Direct marketing: you can always object"), _(
        "You can object at any time, free of charge and without giving a reason, to the use of your data for "
        "direct marketing, including profiling related to it. We then stop using your data for that purpose.")


def _defaults(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "access": _("**Access**: you can ask whether we process your data and receive a copy."),
        "rectification": _("**Rectification**: you can have incorrect or incomplete data corrected."),
        "restriction": _("**Restriction**: you can ask us to temporarily stop using your data, for example while "
                         "we check its accuracy."),
        "portability": _("**Portability**: you can receive the data you gave us, based on your consent or a "
                         "contract, in a structured, machine-readable format, or have it sent to another "
                         "organisation."),
        "withdraw_consent": _("**Withdrawing consent**: where we rely on your consent, you can withdraw it at any "
                              "time; this does not affect processing before the withdrawal."),
        "automated_decisions": _("**Automated decisions**: you have the right not to be subject to a decision "
                                 "based solely on automated processing that significantly affects you; you can "
                                 "ask for a person to review it, give your point of view and contest it."),
        "complaint": _("If you are not satisfied with how we handle your data, you can lodge a complaint with the "
                       "supervisory authority:"),
    }


def right_name(right: str, lang: str, register: Register) -> str:
    """The short name of a right, for the first layer."""
    _ = translations(lang, register).gettext
    return {
        "access": _("access"), "rectification": _("rectification"), "erasure": _("erasure"),
        "restriction": _("restriction"), "objection": _("objection"), "portability": _("portability"),
        "withdraw_consent": _("withdrawing consent"), "automated_decisions": _("human review of automated decisions"),
    }[right]


def own_clause(key: str, statement: PrivacyStatement | None, lang: str) -> str | None:
    """The statement's own wording of a clause in `lang` (Markdown), if it has one."""
    override = getattr(statement.clauses, key, None) if statement is not None and statement.clauses else None
    return str(override.md(lang)) if override is not None else None


def right_title(right: str, lang: str, register: Register) -> str:
    """A right's name as the standard list shows it ("Inzage", "Droit d'accès"), also above the own wording."""
    _ = translations(lang, register).gettext
    return _defaults(_)[right].split("**")[1]


def clause(key: str, org: Organisation, lang: str, statement: PrivacyStatement | None = None) -> str:
    """One clause in `lang`: the statement's own wording if it has one, else the standard text."""
    own = own_clause(key, statement, lang)
    if own is not None:
        return own
    _ = translations(lang, org.form_of_address).gettext
    if key == "exercise":
        return _exercise(org, _)
    if key in ("objection", "erasure"):
        assert statement is not None, f"the {key} clause depends on the statement"
        return _objection(statement, _) if key == "objection" else _erasure(statement, _)
    return _defaults(_)[key]


@dataclass(frozen=True)
class AuthorityView:
    """The supervisory authority's contact details in one language."""

    name: str
    address: str | None
    phone: str | None
    email: str
    website: str


def authority(org: Organisation, lang: str) -> AuthorityView:
    """The authority a complaint goes to: GBA/APD, the Flemish VTC, or the organisation's own choice."""
    if org.supervisory_authority == "custom" and org.custom_authority is not None:
        custom = org.custom_authority
        return AuthorityView(custom.name.md(lang), custom.address.md(lang) if custom.address else None,
                             custom.phone, custom.email, custom.website)
    known: Authority = AUTHORITIES[org.supervisory_authority]
    return AuthorityView(known.name[lang], known.address[lang] if known.address else None, known.phone,
                         known.email, known.website[lang])
