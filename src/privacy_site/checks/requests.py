"""Privacy requests: the form's payload, its own processing activity, and where it may post."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from privacy_site.checks.clauses import applicable_rights
from privacy_site.i18n.catalogs import N_, translations
from privacy_site.model.documents import (
    Audience,
    Email,
    Organisation,
    PrivacyStatement,
    Processing,
    Slug,
    Strict,
    Term,
)
from privacy_site.model.text import RichText, Text

REQUESTS_ID = "privacy-requests"
REQUEST_TYPES = ("access", "rectification", "erasure", "restriction", "objection", "portability",
                 "withdraw_consent", "automated_decisions", "question")


class RequestPayload(Strict):
    """What the form sends to an endpoint (JSON with JavaScript; the same names, urlencoded, without)."""

    organisation: Slug = Field(description="the organisation's folder name, e.g. sociare")
    language: Literal["nl", "fr", "de", "en"] = Field(description="the language of the page the visitor used")
    request_type: Literal[REQUEST_TYPES] = Field(description="the right exercised, or question")  # type: ignore
    name: str = Field(min_length=1, max_length=200)
    email: Email
    message: str = Field(min_length=1, max_length=5000)
    reference: str | None = Field(None, max_length=100, description="customer or member number, if any")
    statement_version: date = Field(description="effective date of the privacy statement the visitor saw")
    submitted_at: datetime = Field(description="the visitor's clock when sending (ISO 8601)")


class NativeRequestPayload(Strict):
    """What the browser posts without JavaScript (application/x-www-form-urlencoded): every field is text.

    The same fields as the JSON payload, with two differences: an empty reference is sent as an empty text,
    and there is no submitted_at (without JavaScript the page has no clock: use the time you received it).
    `website` is a trap for robots, hidden from people: a post where it is filled in must be discarded.
    """

    organisation: Slug = Field(description="the organisation's folder name, e.g. sociare")
    language: Literal["nl", "fr", "de", "en"] = Field(description="the language of the page the visitor used")
    request_type: Literal[REQUEST_TYPES] = Field(description="the right exercised, or question")  # type: ignore
    name: str = Field(min_length=1, max_length=200)
    email: Email
    message: str = Field(min_length=1, max_length=5000)
    reference: str = Field("", max_length=100, description="customer or member number; empty when not given")
    statement_version: date = Field(description="effective date of the privacy statement the visitor saw")
    website: str = Field("", max_length=0, description="a trap for robots, hidden from people: always empty when "
                                                       "a person sends the form; discard a post where it is not")


def request_types(statement: PrivacyStatement) -> list[str]:
    """The request types the form offers: the rights that apply, then a general question."""
    return [*applicable_rights(statement), "question"]


def covers_requests(statement: PrivacyStatement) -> bool:
    """True when the statement describes the handling of privacy requests itself."""
    return any(activity.id == REQUESTS_ID for activity in statement.processing)


def _text(org: Organisation, msgid: str, cls: type[Text] = RichText) -> Text:
    return cls(**{lang: translations(lang, org.form_of_address).gettext(msgid) for lang in org.languages})


def effective_statement(org: Organisation, statement: PrivacyStatement) -> PrivacyStatement:
    """The statement as published: with the request form's own processing unless it describes it itself."""
    form = org.request_form
    if covers_requests(statement) or form is None or form.retention is None:
        return statement
    audience = Audience(id=REQUESTS_ID, name=_text(org, N_("People who send us a privacy request or question"), Text))
    activity = Processing(
        id=REQUESTS_ID,
        title=_text(org, N_("Your privacy requests and questions"), Text),
        subjects=[REQUESTS_ID],
        data=[Term(key="identification"), Term(key="contact"), Term(key="correspondence")],
        optional_data=[Term(text=_text(org, N_("the customer or member number you give us")))],
        sources=[Term(key="data_subject")],
        purposes=[_text(org, N_("Handling and answering your request or question, and being able to show that we "
                             "did so correctly."))],
        legal_basis=["legal_obligation"],
        legal_basis_note=_text(org, N_("The GDPR (articles 12 to 22) obliges us to answer requests to exercise your "
                                    "rights.")),
        recipients=form.recipients or [Term(key="none")],
        retention=form.retention,
        required=_text(org, N_("Your name and e-mail address are needed to answer you; the reference is optional.")),
    )
    return statement.model_copy(update={"audiences": [*statement.audiences, audience],
                                        "processing": [*statement.processing, activity]})


def fallback_email(org: Organisation) -> str | None:
    """Where the form sends an e-mail (without endpoint, or when sending fails): privacy contact, DPO, organisation."""
    return org.privacy_contact.email or (org.dpo.email if org.dpo else None) or org.email


def csp_sources(orgs: list[Organisation]) -> dict[str, list[str]]:
    """Exactly what the request forms need in the Content-Security-Policy: their endpoints, nothing more."""
    forms = [org.request_form for org in orgs if org.request_form is not None]
    endpoints = sorted({form.endpoint for form in forms if form.endpoint})
    mail = any(form.endpoint is None for form in forms)
    return {"form-action": ["'self'", *endpoints, *(["mailto:"] if mail else [])],
            "connect-src": ["'self'", *endpoints]}
