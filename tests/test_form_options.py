"""The request form is optional, and where it posts is checked against the statement (no browser here).

The browser side (the built pages, the example endpoint) is in tests/test_form_endpoint.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privacy_site.checks.corpus import Corpus, load_corpus
from privacy_site.checks.form_checks import foreign_host
from privacy_site.checks.requests import REQUESTS_ID, csp_sources, effective_statement
from privacy_site.source.problems import PolicyError
from privacy_site.views.contact_views import contact_view
from privacy_site.views.rights import rights_block

ROOT = Path(__file__).resolve().parent.parent
GUIDES = sorted((ROOT / "guide").glob("*.md"))
SOCIARE = "sociare/organisation.yaml"


def set_form(policies: Path, org: str, form: str) -> None:
    """Replace the organisation's request_form block (up to the next top-level key) with `form`."""
    path = policies / org / "organisation.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^request_form:\n(?:(?:  .*)?\n)*", form, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def edit(policies: Path, file: str, old: str, new: str) -> None:
    path = policies / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(policies: Path) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load_corpus(policies)
    return [str(p).split("/policies/")[-1].removeprefix("policies/") for p in caught.value.problems]


def sociare(corpus: Corpus):  # noqa: ANN201 - the Org
    return corpus.org("sociare")


def test_request_form_none_offers_no_form_and_no_form_processing(policies_copy: Path) -> None:
    set_form(policies_copy, "sociare", "request_form: none\n")
    org = sociare(load_corpus(policies_copy))  # no retention asked for the form's processing
    assert org.organisation.request_form is None
    for version in org.documents["privacy"]:
        assert REQUESTS_ID not in [a.id for a in effective_statement(org.organisation, version.statement).processing]
    view = contact_view(org, "nl", "../privacy/")
    assert view.form is None and view.fallback is None
    assert view.form_title == "Zo dien je een verzoek in"
    writing = "\n".join(view.writing)
    assert "- per e-mail naar [info@sociare.be](mailto:info@sociare.be)" in writing
    assert "- per brief naar Sociare, Ravensteingalerij 28 bus 3, 1000 Brussel" in writing
    assert "het recht dat je uitoefent (inzage, verbetering, wissing" in writing
    assert not [s for s in view.next_steps if "formulier" in s]  # nothing about a form that is not there
    statement = org.current("privacy").statement
    rights = "\n".join(rights_block(org.organisation, statement, "fr", "../contact/").body)
    assert "formulaire de demande" not in rights
    assert "Comment introduire une demande et ce qu'elle doit mentionner : consultez notre [page de contact vie " \
           "privée](../contact/)." in rights


def test_without_a_form_the_counter_and_a_postal_address_are_enough(policies_copy: Path) -> None:
    """No form needs no e-mail to fall back on: letters and a counter are a complete channel."""
    set_form(policies_copy, "sociare", "request_form: none\nrequests:\n  counter:\n"
                                       "    nl: aan ons onthaal, elke werkdag van 9 tot 12 uur\n"
                                       "    fr: à notre accueil, chaque jour ouvrable de 9 h à 12 h\n")
    edit(policies_copy, SOCIARE, "privacy_contact:\n  email: info@sociare.be\n", "privacy_contact:\n")
    edit(policies_copy, SOCIARE, "email: info@sociare.be\n", "")
    org = sociare(load_corpus(policies_copy))
    writing = contact_view(org, "fr", "../privacy/").writing
    assert writing[1].splitlines() == [
        "- par courrier adressé à Sociare, Galerie Ravenstein 28 boîte 3, 1000 Bruxelles",
        "- à notre guichet : à notre accueil, chaque jour ouvrable de 9 h à 12 h"]
    assert csp_sources([org.organisation]) == {"form-action": ["'self'"], "connect-src": ["'self'"]}


def test_the_form_falls_back_on_the_dpo_then_the_organisation(policies_copy: Path) -> None:
    edit(policies_copy, SOCIARE, "privacy_contact:\n  email: info@sociare.be\n", "privacy_contact:\n")
    org = sociare(load_corpus(policies_copy))
    view = contact_view(org, "nl", "../privacy/")
    assert view.form is not None and view.form.mailto == "info@sociare.be"  # the organisation's
    assert view.form.action.startswith("mailto:info@sociare.be?subject=")
    edit(policies_copy, SOCIARE, "privacy_contact:\n", "dpo:\n  email: dpo@sociare.be\nprivacy_contact:\n")
    view = contact_view(sociare(load_corpus(policies_copy)), "nl", "../privacy/")
    assert view.form is not None and view.form.mailto == "dpo@sociare.be"  # the DPO's comes first
    edit(policies_copy, SOCIARE, "dpo:\n  email: dpo@sociare.be\n", "")
    edit(policies_copy, SOCIARE, "email: info@sociare.be\n", "")
    line = (policies_copy / SOCIARE).read_text(encoding="utf-8").splitlines().index("request_form:") + 1
    assert problems(policies_copy) == [
        f"{SOCIARE}:{line}:1: the privacy request form needs an e-mail address: it opens an e-mail when there is no "
        "endpoint, and offers one when sending fails; add \"email\" under privacy_contact (or the DPO's or the "
        "organisation's), or write \"request_form: none\" to offer no form"]


@pytest.mark.parametrize(("endpoint", "foreign"), [
    ("https://www.sociare.be/privacy-requests", None),
    ("https://forms.sociare.be/privacy", None),  # a subdomain of the organisation's own website
    ("http://127.0.0.1:8123/privacy", None),  # this machine: tests and previews
    ("https://sociare.be.formflow.example/f/1", "sociare.be.formflow.example"),
    ("https://eu.formflow.example/f/1", "eu.formflow.example"),
])
def test_which_endpoints_are_on_another_host(policies_copy: Path, endpoint: str, foreign: str | None) -> None:
    edit(policies_copy, SOCIARE, "request_form:\n", f"request_form:\n  endpoint: {endpoint}\n"
                                                    "  endpoint_country: IE\n  recipients: [processors]\n")
    assert foreign_host(sociare(load_corpus(policies_copy)).organisation) == foreign


def test_a_form_service_declared_as_processor_outside_the_eea(policies_copy: Path) -> None:
    """Declared as processor, kept in the US: the latest statement cannot say there are no transfers."""
    edit(policies_copy, "vdab/organisation.yaml", "request_form:\n",
         "request_form:\n  endpoint: https://api.formflow.example/f/1\n  endpoint_country: US\n  recipients:\n"
         "    - nl: Formflow Inc., dat het formulier voor ons ontvangt\n"
         "      fr: Formflow Inc., qui reçoit le formulaire pour nous\n")
    assert problems(policies_copy) == [  # the older version is a record: only the latest one is asked
        "vdab/privacy/2027-02-01.yaml:264:24: transfers_outside_eea is none, but the request form sends every "
        "request to api.formflow.example, outside the European Economic Area (request_form → endpoint_country is US "
        "in organisation.yaml); describe this transfer and its safeguards here (GDPR art. 13(1)(f), 44 to 49), or "
        "use a service in the EEA"]
    edit(policies_copy, "vdab/organisation.yaml", "endpoint_country: US", "endpoint_country: NO")  # in the EEA
    load_corpus(policies_copy)


def test_the_form_processing_lists_the_service(policies_copy: Path) -> None:
    edit(policies_copy, SOCIARE, "request_form:\n", "request_form:\n  endpoint: https://eu.formflow.example/f/1\n"
                                                    "  endpoint_country: IE\n  recipients: [processors]\n")
    org = sociare(load_corpus(policies_copy))
    statement = effective_statement(org.organisation, org.current("privacy").statement)
    [activity] = [a for a in statement.processing if a.id == REQUESTS_ID]
    assert [t.key for t in activity.recipients] == ["processors"]
    assert csp_sources([org.organisation])["connect-src"] == ["'self'", "https://eu.formflow.example/f/1"]
    assert "mailto:" not in csp_sources([org.organisation])["form-action"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_the_guide_example_passes_the_check(guide: Path, policies_copy: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    [example] = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("request_form: none")]
    set_form(policies_copy, "sociare", example)
    org = sociare(load_corpus(policies_copy))
    assert org.organisation.request_form is None and org.organisation.requests.counter is not None
