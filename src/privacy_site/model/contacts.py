"""The basic pieces of the model: strict records, postal addresses and ways to reach someone."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from privacy_site.model.fields import Email, Phone, Url
from privacy_site.model.text import Text
from privacy_site.source.messages import msg


class Strict(BaseModel):
    """Base: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(Strict):
    """A postal address; street and city can differ per language (Brussels)."""

    street: Text = Field(description="Street and number, per language")
    postal_code: Annotated[str, Field(pattern=r"^[0-9A-Z -]{3,10}$")]
    city: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 code, BE by default")] = "BE"


class Contact(Strict):
    """A way to reach someone: at least an e-mail address or a postal address."""

    name: Text | None = Field(None, description="Person or service, e.g. 'Functionaris voor gegevensbescherming'")
    email: Email | None = None
    phone: Phone | None = None
    hours: Text | None = Field(None, description="When the phone is answered")
    address: Address | None = None
    form: Url | None = Field(None, description="A web form of your own, if any")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if self.email is None and self.address is None and self.form is None:
            raise ValueError(msg('a contact needs at least an "email", an "address" or a "form"; add one'))
        return self
