"""The typed model of organisations and their statements (validated by pydantic)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from difflib import get_close_matches
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from privacy_site.model import vocab
from privacy_site.model.categories import DataCategory, check_category_ids, with_declared_categories
from privacy_site.model.contacts import Address, Contact, Strict
from privacy_site.model.entities import Entity, JointControl
from privacy_site.model.fields import (
    Country,
    Email,
    Endpoint,
    EnterpriseNumber,
    Phone,
    Slug,
    Url,
    no_form,
    no_form_schema,
)
from privacy_site.model.text import RichText, Text
from privacy_site.model.vocab_informal import in_register
from privacy_site.source.messages import Msg, msg

Lang = Literal["nl", "fr", "de", "en"]
LegalBasis = Literal[
    "consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interest"
]

class Term(Strict):
    """Either a standard term (a vocabulary key) or a text per language."""

    key: str | None = None
    text: RichText | None = None

    def label(self, terms: Mapping[str, Mapping[str, str]], lang: str, register: str) -> str:
        """The term in `lang`, a standard one in the organisation's register."""
        if self.key is not None:
            return in_register(terms[self.key][lang], lang, register)
        assert self.text is not None
        return self.text.get(lang)


_OWN = "{nl: ..., fr: ...}"


def _not_standard(what: str, value: str, close: str | None, keys: str) -> Msg:
    """Why a term is not a standard one: a whole sentence per kind of term (translations agree with its noun)."""
    if what == "data category":
        return (msg('"{value}" is not a standard data category; did you mean "{close}"?', value=value, close=close)
                if close else msg('"{value}" is not a standard data category; use one of: {keys}, or write your own '
                                  "text as {own}", value=value, keys=keys, own=_OWN))
    if what == "source":
        return (msg('"{value}" is not a standard source; did you mean "{close}"?', value=value, close=close)
                if close else msg('"{value}" is not a standard source; use one of: {keys}, or write your own text as '
                                  "{own}", value=value, keys=keys, own=_OWN))
    if what == "recipient":
        return (msg('"{value}" is not a standard recipient; did you mean "{close}"?', value=value, close=close)
                if close else msg('"{value}" is not a standard recipient; use one of: {keys}, or write your own text '
                                  "as {own}", value=value, keys=keys, own=_OWN))
    if what == "transfer statement":
        return (msg('"{value}" is not a standard transfer statement; did you mean "{close}"?', value=value, close=close)
                if close else msg('"{value}" is not a standard transfer statement; use one of: {keys}, or write your '
                                  "own text as {own}", value=value, keys=keys, own=_OWN))
    return (msg('"{value}" is not a standard statement on automated decisions; did you mean "{close}"?', value=value,
                close=close)
            if close else msg('"{value}" is not a standard statement on automated decisions; use one of: {keys}, or '
                              "write your own text as {own}", value=value, keys=keys, own=_OWN))


def _term_type(terms: Mapping[str, Mapping[str, str]], what: str, *, declared: str | None = None) -> Any:
    """A standard term by name or an own text; `declared`: the field where own ids can be declared too."""
    keys = sorted(terms)

    def before(value: Any) -> Any:
        if isinstance(value, str):
            if value not in terms:
                close = get_close_matches(value, keys, n=1)
                raise ValueError(_not_standard(what, value, close[0] if close else None, ", ".join(keys)))
            return {"key": value}
        if isinstance(value, dict):
            return {"text": value}
        return value

    from pydantic import BeforeValidator

    choices: list[dict[str, Any]] = [{"type": "string", "enum": keys, "description": f"a standard {what}"}]
    if declared:  # the loader has already replaced a declared id by its name; editors' tools must accept it
        choices.append({"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
                        "description": f"the id of a {what} declared under {declared}"})
    schema = {"anyOf": [*choices, RichText.model_json_schema()]}
    return Annotated[Term, BeforeValidator(before), WithJsonSchema(schema)]


DataTerm = _term_type(vocab.DATA, "data category", declared="data_categories")
SourceTerm = _term_type(vocab.SOURCES, "source")
RecipientTerm = _term_type(vocab.RECIPIENTS, "recipient")
TransferTerm = _term_type(vocab.TRANSFERS, "transfer statement")
AutomatedTerm = _term_type(vocab.AUTOMATED, "statement on automated decisions")


class CustomAuthority(Strict):
    """A supervisory authority other than the built-in ones."""

    name: Text
    address: Text | None = None
    phone: Phone | None = None
    email: Email
    website: Url


class Clauses(Strict):
    """Overrides of the standard clause texts (rights, how to exercise them, complaint)."""

    access: RichText | None = None
    rectification: RichText | None = None
    erasure: RichText | None = None
    restriction: RichText | None = None
    objection: RichText | None = None
    portability: RichText | None = None
    withdraw_consent: RichText | None = None
    automated_decisions: RichText | None = None
    exercise: RichText | None = Field(None, description="how to exercise your rights")
    complaint: RichText | None = Field(None, description="the introduction to the complaint clause")


class RequestForm(Strict):
    """Where the privacy request form delivers, and how its own processing is described."""

    endpoint: Endpoint | None = Field(None, description="https URL that receives the form (JSON with JavaScript, "
                                                        "a normal form post without; see docs/form-endpoint.md); "
                                                        "without it, the form opens an e-mail to the privacy address")
    endpoint_country: Country | None = Field(None, description="where the service that receives the form keeps the "
                                                               "requests (ISO code, e.g. IE); required when the "
                                                               "endpoint is not on your own website")
    timeout_seconds: int = Field(20, ge=2, le=120, description="how long the page waits for the endpoint")
    acknowledgement: bool = Field(False, description="true only if your endpoint e-mails the visitor to confirm "
                                                     "that the request arrived (the page then tells them to wait "
                                                     "for that e-mail before sending again)")
    recipients: list[RecipientTerm] = Field(  # type: ignore[valid-type]
        default_factory=list, description="who receives requests besides you, e.g. processors")
    retention: RichText | None = Field(None, description="how long requests and answers are kept (needed unless "
                                                         'the privacy statement has a "privacy-requests" activity)')


class RequestHandling(Strict):
    """How the organisation handles requests: the practices its pages describe (nothing is promised by default)."""

    identity: Literal["when_needed", "reasonable_doubt"] = Field(
        "when_needed", description="when_needed: you may ask for information to confirm who someone is; "
                                   "reasonable_doubt: only when you have reasonable doubts about who they are")
    never_id_card_copy: bool = Field(False, description="true only if you never ask for a copy of an identity card")
    counter: RichText | None = Field(None, description="where and when people can hand in a request in person "
                                                       "(a counter, a reception desk), if they can")


class NonAccessible(Strict):
    """Content that is not accessible, as the EU model statement lists it (Implementing Decision 2018/1523)."""

    reason: Literal["non-compliance", "disproportionate-burden", "out-of-scope"] = Field(
        "non-compliance", description="non-compliance: fails the WCAG criteria listed; disproportionate-burden: "
                                      "art. 5 of the directive; out-of-scope: art. 1(4) of the directive")
    criteria: list[Annotated[str, Field(pattern=r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$")]] = Field(
        default_factory=list, description='the WCAG 2.1 success criteria it fails, e.g. ["1.1.1", "3.1.2"]')
    description: RichText = Field(description="what is not accessible")
    alternative: RichText | None = Field(None, description="an accessible alternative, if there is one")


class Accessibility(Strict):
    """What the accessibility statement says (EU Web Accessibility Directive 2016/2102, art. 7)."""

    status: Literal["full", "partial", "none"] = Field(description="compliance with WCAG 2.1 AA / EN 301 549")
    prepared: date = Field(description="when this statement was first prepared (YYYY-MM-DD)")
    last_review: date = Field(description="when the site and this statement were last reviewed (YYYY-MM-DD)")
    method: Literal["self-assessment", "third-party"] = "self-assessment"
    method_note: RichText | None = Field(None, description="how the assessment was done, in a few words")
    non_accessible: list[NonAccessible] = Field(default_factory=list, description="known problems, per WCAG "
                                                "criterion, with alternatives (required unless status is full)")
    feedback: Contact = Field(description="where visitors report accessibility problems (not the DPO's address)")
    enforcement: RichText | None = Field(None, description="where to turn when the answer is not satisfactory "
                                                           "(default for Flemish bodies: your complaints service, "
                                                           "then the Vlaamse Ombudsdienst)")


class Articles(Strict):
    """The article an organisation's name takes in a sentence, per language; leave a language out for none."""

    nl: Literal["de", "het"] | None = Field(None, description='"de VDAB", "het Departement"; none for "Fopas"')
    fr: Literal["le", "la", "les"] | None = Field(
        None, description='"le VDAB" (becomes "l\'" before a vowel and "du" after "de"); none for "Fopas"')


class Organisation(Strict):
    """organisation.yaml: who is responsible, how to reach them, which languages."""

    name: Text = Field(description="Official name, per language")
    short_name: Text | None = Field(None, description="Abbreviation used in texts, e.g. VDAB; when the name "
                                                      "starts with it and a comma, the rest is an apposition")
    article: Articles | None = Field(None, description="the article of the name in generated sentences, per "
                                                       "language: {nl: de, fr: le} gives \"de VDAB\", \"du VDAB\"")
    form_of_address: Literal["formal", "informal"] = Field(
        "formal", description='how generated Dutch texts address the reader: formal "u" or informal "je" (French '
                              'always says "vous"); formal when left out. `check` warns when your own texts use '
                              "the other one")
    legal_form: Text | None = Field(None, description="e.g. {nl: vzw, fr: asbl}")
    kind: Literal["private", "public"] = Field(description="public bodies must name a DPO")
    enterprise_number: EnterpriseNumber | None = Field(None, description="KBO/BCE number, e.g. 0448.444.064")
    address: Address
    email: Email | None = None
    phone: Phone | None = None
    website: Url | None = None
    websites: list[Url] = Field(default_factory=list, description="other websites your cookie statement names "
                                                                  "(this site is always covered); to describe their "
                                                                  "cookies, declare them under websites: in the "
                                                                  "cookie statement instead")
    languages: list[Lang] = Field(min_length=1, description="Languages the statements are published in")
    authoritative_language: Lang | None = Field(
        None, description="Set when one language is authoritative and the others are translations"
    )
    dpo: Contact | None = Field(None, description="Data protection officer")
    entities: list[Entity] = Field(default_factory=list, description="for a group: its legal entities, each the "
                                                                     "controller of the processing it carries out")
    supervisory_authority: Literal["apd", "vtc", "custom"] = Field(
        "apd", description="apd: Belgian authority (GBA/APD); vtc: Vlaamse Toezichtcommissie (Flemish bodies); "
                           "custom: the one in custom_authority")
    custom_authority: CustomAuthority | None = None
    clauses: Clauses | None = Field(None, description="moved: your own clause texts belong in the privacy "
                                                      "statement version (clauses:), so a published version keeps "
                                                      "them; the check refuses them here")
    privacy_contact: Contact = Field(description="Where people send privacy questions and requests")
    request_form: Annotated[RequestForm | None, BeforeValidator(no_form)] = Field(
        default_factory=RequestForm, json_schema_extra=no_form_schema,
        description='the privacy request form on the contact page; "none" when you offer no form (people write to '
                    "the privacy contact by e-mail or letter, or come to the counter in requests)")
    requests: RequestHandling = Field(default_factory=RequestHandling,
                                      description="how you handle requests (identity checks, a counter)")
    accessibility: Accessibility | None = Field(None, description="required for public bodies: the accessibility "
                                                                  "statement of this site")
    complaints: Contact | None = Field(None, description="your own complaints service (klachtendienst, "
                                                         "klachtenbehandelaar); Flemish public bodies must have one")

    @field_validator("languages")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(msg("a language is listed twice; list each language once"))
        return value


class Audience(Strict):
    """A group of people whose data is processed (e.g. members' contact persons)."""

    id: Slug
    name: Text
    description: RichText | None = None


class AutomatedDecision(Strict):
    """A decision based solely on automated processing (GDPR art. 13(2)(f), 14(2)(g), 22)."""

    logic: RichText = Field(description="how the decision is made: meaningful information about the logic")
    consequences: RichText = Field(description="its significance and the envisaged consequences for the person")


class Processing(Strict):
    """One processing activity: whose data, which data, from where, why, on what basis, for how long."""

    id: Slug
    title: Text
    # Completeness (GDPR art. 13/14) is checked by gdpr.py with article references, so lists may be
    # empty here; the JSON Schema still marks them required for editors (see model_config).
    model_config = ConfigDict(json_schema_extra={"required": [
        "id", "title", "subjects", "data", "sources", "purposes", "legal_basis", "recipients", "retention"]})

    subjects: list[Slug] = Field(default_factory=list, description="ids of the audiences concerned")
    data: list[DataTerm] = Field(default_factory=list, description="categories of data")  # type: ignore[valid-type]
    optional_data: list[DataTerm] = Field(default_factory=list)  # type: ignore[valid-type]
    sources: list[SourceTerm] = Field(  # type: ignore[valid-type]
        default_factory=list, description="where the data comes from; anything but data_subject triggers GDPR art. 14"
    )
    purposes: list[RichText] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list, description="one or more GDPR art. 6 bases")
    legitimate_interest: RichText | None = Field(None, description="required with legitimate_interest")
    legal_basis_note: RichText | None = Field(None, description="e.g. the law or decree that imposes the task")
    recipients: list[RecipientTerm] = Field(  # type: ignore[valid-type]
        default_factory=list, description='who receives the data; "none" when nobody outside the organisation does')
    retention: RichText | None = None
    required: RichText | None = Field(None, description="whether providing the data is required, and why")
    automated_decisions: AutomatedDecision | None = Field(
        None, description="a decision based solely on automated processing: its logic and consequences")
    controller: Slug | None = Field(None, description="for a group: the id of the entity that is the controller")
    joint_controllers: JointControl | None = Field(None, description="when the purposes and means are decided "
                                                                     "together with other controllers (art. 26)")
    direct_marketing: bool = Field(False, description="true when the data is used for direct marketing "
                                                      "(newsletters, promotion): gives the right to object "
                                                      "at any time (GDPR art. 21(2))")
    details: RichText | None = None

    @field_validator("legal_basis")
    @classmethod
    def _unique_bases(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(msg("a legal basis is listed twice; list each basis once"))
        return value


class ClientProcessing(Strict):
    """Processing done as a processor, on behalf of a client who is the controller (GDPR art. 28)."""

    id: Slug
    title: Text
    client: Text = Field(description='for whom, as the reader knows them, e.g. "your employer, our client"')
    processor: Slug | None = Field(None, description="for a group: the id of the entity that does this work")
    what: RichText = Field(description="what we do with the data for the client")
    data: list[DataTerm] = Field(default_factory=list, description="categories of data")  # type: ignore[valid-type]
    agreement: RichText = Field(description="the agreement and instructions we process the data under")
    rights: RichText | None = Field(None, description="where to exercise your rights, if not simply with the client "
                                                      "(the standard text says: with the client first)")


class Section(Strict):
    """A free section with its own title, placed after a structured part or another section."""

    id: Slug
    after: Slug = Field(description="id of the part this section follows, e.g. processing or security")
    title: Text
    body: RichText


class Acknowledgement(Strict):
    """A warned wording kept on purpose, and why (for reviewers; visitors do not see it)."""

    warning: Literal["vague-retention", "vague-transfers", "conditional-purpose", "wrong-language", "untranslated"]
    field: str = Field(description="the field, as the warning names it, e.g. processing.training.retention")
    reason: Text


class PrivacyStatement(Strict):
    """privacy/YYYY-MM-DD.yaml: one version of the privacy statement."""

    title: Text | None = None
    summary: RichText | None = Field(None, description="What changed in this version (required after the first)")
    model_config = ConfigDict(json_schema_extra={"required": [
        "introduction", "audiences", "processing", "transfers_outside_eea", "automated_decisions"]})

    introduction: RichText
    audiences: list[Audience] = Field(default_factory=list)
    data_categories: list[DataCategory] = Field(
        default_factory=list, description="your own data categories, each defined once; activities name them by id "
                                          "in data and optional_data")
    processing: list[Processing] = Field(default_factory=list)
    as_processor: list[ClientProcessing] = Field(
        default_factory=list, description="what you do on behalf of clients who are the controller (you are their "
                                          "processor): shown as information, with no legal basis of yours")
    processors: list[RichText] = Field(default_factory=list, description="kinds of processors we use")
    sharing: RichText | None = Field(None, description="more about who receives data")
    transfers_outside_eea: TransferTerm | None = None  # type: ignore[valid-type]
    automated_decisions: AutomatedTerm | None = Field(  # type: ignore[valid-type]
        None, description='"none", or how automated decisions are made (GDPR art. 13(2)(f), 22)')
    security: RichText | None = None
    rights: RichText | None = Field(None, description="anything to add to the standard text on rights")
    clauses: Clauses | None = Field(None, description="your own wording for standard clauses (a right, how to "
                                                      "exercise them, the complaint), in paragraphs and lists; the "
                                                      "right keeps its name and the check still verifies every "
                                                      "right is covered")
    changes: RichText | None = Field(None, description="how changes to this statement are announced")
    sections: list[Section] = Field(default_factory=list)
    acknowledged: list[Acknowledgement] = Field(default_factory=list, description="warnings kept on purpose, each "
                                                "with its reason (shown to reviewers)")

    @model_validator(mode="before")
    @classmethod
    def _declared(cls, data: Any) -> Any:
        return with_declared_categories(data)

    @field_validator("data_categories")
    @classmethod
    def _unique_categories(cls, value: list[DataCategory]) -> list[DataCategory]:
        return check_category_ids(value)


PARTS = ("introduction", "controller", "processing", "as_processor", "recipients", "transfers", "automated",
         "security", "rights", "contact", "changes")


class Version(Strict):
    """A version file: its effective date (from the file name) and content."""

    document: Literal["privacy", "cookies"]
    effective: date
    path: str
    content_hash: str
    statement: Any  # PrivacyStatement or cookies.CookieStatement (which builds on this module)

    @property
    def key(self) -> str:
        """How the lock file names this version (without the organisation)."""
        return f"{self.document}/{self.effective.isoformat()}"


class SiteConfig(Strict):
    """policies/site.yaml: settings of the generated site itself."""

    operator: Slug = Field(description="the organisation that operates this site (its cookie statement covers the "
                                       "pages that belong to no organisation)")
