"""The request form against what the organisation declares: who receives the requests, where, and an e-mail.

A form that posts to another host than the organisation's own website hands every request to whoever runs
that host: a processor (GDPR art. 28) that the form's processing must name among its recipients (art. 13(1)(e)),
and a transfer when it keeps the requests outside the European Economic Area (art. 13(1)(f)).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from privacy_site.checks.requests import REQUESTS_ID, fallback_email
from privacy_site.model.documents import Organisation, PrivacyStatement, RequestForm, Term
from privacy_site.model.fields import EEA
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located

_LOCAL = frozenset({"localhost", "127.0.0.1", "::1"})  # this machine: tests and previews


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _own_domains(org: Organisation) -> list[str]:
    """The domains of the organisation's websites, without "www.": their hosts and subdomains are its own."""
    return [_host(url).removeprefix("www.") for url in [*([org.website] if org.website else []), *org.websites]]


def foreign_host(org: Organisation) -> str | None:
    """The endpoint's host when it is not the organisation's own (nor this machine), else None."""
    form = org.request_form
    if form is None or form.endpoint is None:
        return None
    host = _host(form.endpoint)
    if host in _LOCAL or any(host == domain or host.endswith("." + domain) for domain in _own_domains(org)):
        return None
    return host


def names_processor(recipients: list[Term]) -> bool:
    """True when the recipients name a processor: the standard term, or the organisation's own description."""
    return any(term.key == "processors" or term.key is None for term in recipients)


def _at(located: Located, field: str, message: Msg) -> Problem:
    """A problem at request_form's `field`, else at the request_form key."""
    data = located.data.get("request_form") if isinstance(located.data, dict) else None
    if isinstance(data, dict) and field in data:
        return located.problem(("request_form", field), about(located.field(("request_form", field)), message))
    return located.problem(("request_form",), about("request_form", message), at_key=True)


def check_form_organisation(org: Organisation, located: Located) -> tuple[list[Problem], list[Problem]]:
    """Problems of the form in organisation.yaml: now, and those that stand unless every privacy version
    describes the form's processing itself (a "privacy-requests" activity names its own recipients)."""
    form = org.request_form
    if form is None:
        return [], []
    problems, deferred = [], []
    if fallback_email(org) is None:
        problems.append(located.problem(
            ("request_form",) if "request_form" in (located.data or {}) else ("privacy_contact",),
            msg("the privacy request form needs an e-mail address: it opens an e-mail when there is no endpoint, "
                "and offers one when sending fails; add \"email\" under privacy_contact (or the DPO's or the "
                'organisation\'s), or write "request_form: none" to offer no form'), at_key=True))
    host = foreign_host(org)
    if host is None:
        return problems, deferred
    own = (msg("your website ({host})", host=_host(org.website)) if org.website
           else msg('your website (there is no "website")'))
    if form.endpoint_country is None:
        problems.append(_at(located, "endpoint", msg(
            "the form posts to {host}, which is not {own}, so whoever runs it receives every request for you (a "
            'processor, GDPR art. 28); add "endpoint_country" under request_form (the country where it keeps the '
            "requests, e.g. IE), or use an endpoint on your own website", host=host, own=own)))
    if not names_processor(form.recipients):
        deferred.append(_at(located, "recipients", msg(
            "the form posts to {host}, outside {own}, but its processing names no processor among the recipients "
            '(GDPR art. 13(1)(e), 28); add "recipients: [processors]" under request_form, or name the service there '
            "as {{nl: ..., fr: ...}}", host=host, own=own)))
    return problems, deferred


def check_form_statement(statement: PrivacyStatement, located: Located, org: Organisation | None) -> list[Problem]:
    """The latest privacy statement against the form's endpoint: its processor and its transfer."""
    form: RequestForm | None = org.request_form if org is not None else None
    host = foreign_host(org) if org is not None else None
    if form is None or host is None:
        return []
    problems = []
    for i, activity in enumerate(statement.processing):
        if activity.id == REQUESTS_ID and not names_processor(activity.recipients):
            told = msg("the request form posts to {host}, outside your website, but no processor is named among the "
                       "recipients (GDPR art. 13(1)(e), 28); add processors, or name the service as "
                       "{{nl: ..., fr: ...}}", host=host)
            problems.append(located.problem(("processing", i, "recipients"),
                                            about(located.field(("processing", i)), told)))
    transfers = statement.transfers_outside_eea
    country = form.endpoint_country
    if country is not None and country not in EEA and transfers is not None and transfers.key == "none":
        problems.append(located.problem(("transfers_outside_eea",), msg(
            "transfers_outside_eea is none, but the request form sends every request to {host}, outside the "
            "European Economic Area ({field} is {country} in organisation.yaml); describe this transfer and its "
            "safeguards here (GDPR art. 13(1)(f), 44 to 49), or use a service in the EEA",
            host=host, field="request_form → endpoint_country", country=country)))
    return problems
