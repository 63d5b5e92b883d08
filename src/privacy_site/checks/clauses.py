"""The clause library: standard texts on rights and complaints, derived from the legal model.

Rights that no legal basis in the statement gives are not promised (portability needs consent
or contract; objection needs public task or legitimate interest). An organisation may reword a
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


def applicable_rights(statement: PrivacyStatement) -> list[str]:
    """The rights a statement must explain, in a stable order, from its legal bases and decisions."""
    bases = {b for p in statement.processing for b in p.legal_basis}
    automated = any(p.automated_decisions for p in statement.processing) or (
        statement.automated_decisions is not None and statement.automated_decisions.key != "none")
    rights = ["access", "rectification", "erasure", "restriction"]
    if bases & {"public_task", "legitimate_interest"}:
        rights.append("objection")
    if bases & {"consent", "contract"}:
        rights.append("portability")
    if "consent" in bases:
        rights.append("withdraw_consent")
    if automated:
        rights.append("automated_decisions")
    return rights


def _defaults(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "access": _("**Access**: you can ask whether we process your data and receive a copy."),
        "rectification": _("**Rectification**: you can have incorrect or incomplete data corrected."),
        "erasure": _("**Erasure**: you can ask us to delete your data when we no longer need it or process it "
                     "unlawfully."),
        "restriction": _("**Restriction**: you can ask us to temporarily stop using your data, for example while "
                         "we check its accuracy."),
        "objection": _("**Objection**: you can object to processing based on our public task or our legitimate "
                       "interest, for reasons related to your situation."),
        "portability": _("**Portability**: you can receive the data you gave us, based on your consent or a "
                         "contract, in a structured, machine-readable format, or have it sent to another "
                         "organisation."),
        "withdraw_consent": _("**Withdrawing consent**: where we rely on your consent, you can withdraw it at any "
                              "time; this does not affect processing before the withdrawal."),
        "automated_decisions": _("**Automated decisions**: you have the right not to be subject to a decision "
                                 "based solely on automated processing that significantly affects you; you can "
                                 "ask for a person to review it, give your point of view and contest it."),
        "exercise": _("To exercise a right, contact us (see below). We answer within one month; for complex or "
                      "numerous requests this can be extended by two months, and we tell you so within the first "
                      "month. We only ask for proof of identity when we have reasonable doubts about who you "
                      "are."),
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


def clause(key: str, org: Organisation, lang: str) -> str:
    """One clause in `lang`: the organisation's own wording if it has one, else the standard text."""
    override = getattr(org.clauses, key, None) if org.clauses else None
    if override is not None:
        return str(override.md(lang))
    return _defaults(translations(lang, org.form_of_address).gettext)[key]


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
