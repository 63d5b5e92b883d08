"""The privacy contact page: channels, the request form, and what happens next."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from privacy_site.checks.clauses import applicable_rights, right_name
from privacy_site.checks.corpus import Org
from privacy_site.checks.requests import effective_statement, fallback_email, request_types
from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import long_date, web_link
from privacy_site.i18n.register import Register
from privacy_site.i18n.typography import typeset
from privacy_site.model.documents import Organisation, PrivacyStatement, RequestForm
from privacy_site.views.blocks import _address
from privacy_site.views.controllers import officer_channels
from privacy_site.views.views import _contact_lines


@dataclass(frozen=True)
class FormView:
    """Everything the form's HTML needs; the template only lays it out."""

    mode: str  # endpoint | mailto
    action: str
    enctype: str
    mailto: str  # where the prepared e-mail goes: without endpoint, and when sending fails
    timeout_ms: int
    organisation: str
    language: str
    statement_version: str
    types: list[tuple[str, str]]
    labels: dict[str, str]
    messages: dict[str, str]


@dataclass(frozen=True)
class ContactView:
    """The contact page in one language."""

    title: str
    org_name: str
    intro: str
    channels_title: str
    channels: list[list[str]]  # groups of Markdown lines
    form_title: str
    form: FormView | None  # None: the organisation offers no form (request_form: none)
    fallback: str | None
    writing: list[str]  # without a form: how to send a request and what to mention (Markdown blocks)
    next_title: str
    next_steps: list[str]


def _type_labels(lang: str, register: Register) -> dict[str, str]:
    _ = translations(lang, register).gettext
    return {
        "access": _("See the data you hold about me (access)"),
        "rectification": _("Correct my data (rectification)"),
        "erasure": _("Delete my data (erasure)"),
        "restriction": _("Stop using my data for now (restriction)"),
        "objection": _("Object to the processing of my data"),
        "portability": _("Receive my data or have it sent on (portability)"),
        "withdraw_consent": _("Withdraw my consent"),
        "automated_decisions": _("Have an automated decision reviewed by a person"),
        "question": _("A question about my privacy"),
    }


def identity_step(o: Organisation, lang: str) -> str:
    """What the page says about identity checks: only what the organisation's practice says (requests:)."""
    _ = translations(lang, o.form_of_address).gettext
    if o.requests.identity == "reasonable_doubt":
        text = _("We only ask for information to confirm who you are when we have reasonable doubts about it, "
                 "and then only for what is necessary.")
    else:
        text = _("When needed, we may ask for information to confirm who you are, and then only for what is "
                 "necessary.")
    if o.requests.never_id_card_copy:
        text += " " + _("We never ask for a copy of your identity card.")
    return text


def _form_view(org: Org, form: RequestForm, statement: PrivacyStatement, lang: str) -> FormView:
    """The form's fields, its messages (typeset: they are shown as they are) and where it delivers."""
    o = org.organisation
    register = o.form_of_address
    _ = translations(lang, register).gettext
    email = fallback_email(o)
    assert email is not None, "the check refuses a form without an e-mail address to fall back on"
    labels = {
        "type": _("What is your request about?"), "choose": _("Choose…"), "name": _("Your name"),
        "email": _("Your e-mail address"), "email_hint": _("We will answer at this address."),
        "message": _("Your message"),
        "message_hint": _("Describe your request. Do not attach a copy of your identity card: if we need "
                          "information to confirm who you are, we will tell you what."),
        "reference": _("Customer or member number (optional)"), "submit": _("Send"),
        "website": _("Leave this field empty"), "required": _("required"),
        "shortened": _("Your message is long: the prepared e-mail holds only its beginning. Copy the full text "
                       "from the form into the e-mail."),
    }
    timeout = (_("Our system did not answer in time, so we cannot tell whether your request arrived. If it did, "
                 "you will receive an e-mail confirming it: wait for that e-mail (check your spam folder too) before "
                 "sending your request again. Everything you typed is still in the form.")
               if form.acknowledgement else
               _("Our system did not answer in time, so we cannot tell whether your request arrived. Do not send it "
                 "again with the form: to be sure, send it by e-mail; the prepared e-mail says that it may already "
                 "have reached us. Everything you typed is still in the form."))
    messages = {
        "required": _("Please fill in this field."),
        "type": _("Please choose what your request is about."),
        "email": _("Please enter a valid e-mail address, like name@example.be."),
        "sending": _("Sending your request…"),
        "sent": _("Thank you. We have received your request. We answer within one month; if your request is "
                  "complex or you send several, this can take two more months, and we tell you so within the "
                  "first month."),
        "failed": _("Your request could not be sent. Everything you typed is still in the form: try again, or "
                    "send it by e-mail."),
        "timeout": timeout,
        "not_sent": _("Your request has not been sent. You can send it by e-mail."),
        "mail_opened": _("Your e-mail program opens with your request ready to send. Nothing has been sent yet: "
                         "check the e-mail and send it."),
        "mail_fallback": _("Send it by e-mail instead"),
        "shortened_note": _("The text above was shortened to fit in an e-mail link. Copy the full text from the "
                            "form on the website and paste it here."),
        "maybe_sent": _("Note: this request may already have arrived through the form on the website."),
        "subject": _("Privacy request"),
        "type_label": _("Request"), "name_label": _("Name"), "email_label": _("E-mail"),
        "reference_label": _("Reference"),
    }
    endpoint = form.endpoint
    return FormView(
        mode="endpoint" if endpoint else "mailto",
        action=endpoint or f"mailto:{email}?subject={quote(messages['subject'])}",
        enctype="application/x-www-form-urlencoded" if endpoint else "text/plain",
        mailto=email,
        timeout_ms=form.timeout_seconds * 1000,
        organisation=org.slug, language=lang, statement_version=org.current("privacy").effective.isoformat(),
        types=[(t, _type_labels(lang, register)[t]) for t in request_types(statement)],
        labels=labels, messages={key: typeset(text, lang) for key, text in messages.items()},
    )


def writing_view(o: Organisation, statement: PrivacyStatement, lang: str) -> list[str]:
    """Without a form: the ways to send a request (e-mail, letter, counter, a web form elsewhere) and what to say."""
    register = o.form_of_address
    _ = translations(lang, register).gettext
    contact = o.privacy_contact
    ways = []
    if contact.email:
        ways.append(_("by e-mail to [{email}](mailto:{email})").format(email=contact.email))
    if contact.address:
        name = (contact.name or o.name).md(lang)
        ways.append(_("by letter to {address}").format(address=f"{name}, {_address(contact.address, lang)}"))
    if o.requests.counter:
        ways.append(_("at our counter: {counter}").format(counter=o.requests.counter.md(lang)))
    if contact.form:
        ways.append(_("with our web form: {link}").format(link=web_link(contact.form)))
    rights = ", ".join(right_name(r, lang, register) for r in applicable_rights(statement))
    return [
        _("Send us your request in the way that suits you best:"),
        "\n".join(f"- {way}" for way in ways),
        _("Please mention in your request:"),
        "\n".join(f"- {item}" for item in [
            _("what it is about: the right you exercise ({rights}), or your question;").format(rights=rights),
            _("your name, and the e-mail or postal address where we can answer you;"),
            _("your customer or member number, if you have one."),
        ]),
        _("Do not enclose a copy of your identity card: if we need information to confirm who you are, we will "
          "tell you what."),
    ]


def contact_view(org: Org, lang: str, privacy_url: str) -> ContactView:
    """The contact page of `org`; privacy_url links the current privacy statement from this page."""
    o = org.organisation
    _ = translations(lang, o.form_of_address).gettext
    version = org.current("privacy")
    statement = effective_statement(o, version.statement)
    register = o.form_of_address
    channels = [_contact_lines(o.privacy_contact, lang, register)]
    group = officer_channels(o, lang)  # a group whose entities have their own DPO: each, for whom
    if group is not None:
        channels += group
    elif o.dpo is not None and o.dpo == o.privacy_contact:
        channels = [[_("Our data protection officer:"), *channels[0]]]  # the same contact: shown once
    elif o.dpo is not None:
        channels.append([_("Our data protection officer:"), *_contact_lines(o.dpo, lang, register)])
    form = _form_view(org, o.request_form, statement, lang) if o.request_form is not None else None
    fallback = None
    if form is not None:
        fallback = _("Prefer e-mail? Write to [{email}](mailto:{email}).").format(email=form.mailto)
    steps = [
        _("We answer within one month of receiving your request. For complex or numerous requests this can "
          "be extended by two months; we then tell you so, with the reason, within the first month."),
        identity_step(o, lang),
    ]
    if form is not None:
        steps += [_("You cannot attach files to this form, on purpose: if we need a document, we tell you how to "
                    "send it safely."),
                  _("Nothing you type is stored in your browser.")]
    return ContactView(
        title=_("Privacy contact and requests"), org_name=o.name.get(lang),
        intro=_("Ask us about your personal data or exercise your rights, in the way that suits you best. "
                "The [privacy statement]({url}) in force since {date} explains which data we process.").format(
            url=privacy_url, date=long_date(version.effective, lang)),
        channels_title=_("How to reach us"), channels=channels,
        form_title=_("Send a request") if form is not None else _("How to send a request"),
        form=form, fallback=fallback, writing=[] if form is not None else writing_view(o, statement, lang),
        next_title=_("What happens next"), next_steps=steps,
    )
