"""Groups of legal entities: which entity is the controller of each processing, and joint control (art. 26)."""

from __future__ import annotations

from pydantic import Field

from privacy_site.model.contacts import Address, Contact, Strict
from privacy_site.model.fields import Email, EnterpriseNumber, Phone, Slug, Url
from privacy_site.model.text import RichText, Text


class Entity(Strict):
    """One legal entity of a group: its own details, and its DPO where it has one."""

    id: Slug = Field(description="how the processing activities name it, e.g. sociare-training")
    name: Text = Field(description="Official name, per language")
    legal_form: Text | None = Field(None, description="e.g. {nl: vzw, fr: asbl}")
    enterprise_number: EnterpriseNumber | None = Field(None, description="KBO/BCE number, e.g. 0448.444.064")
    address: Address
    email: Email | None = None
    phone: Phone | None = None
    website: Url | None = None
    dpo: Contact | None = Field(None, description="this entity's data protection officer, if it has its own")


class JointControl(Strict):
    """Processing decided together with other controllers (GDPR art. 26)."""

    partners: list[Text] = Field(min_length=1, description="the other controllers, by name")
    arrangement: RichText = Field(description="the essence of the arrangement: who does what towards you")
    contact: RichText = Field(description="where you can exercise your rights for this processing")
