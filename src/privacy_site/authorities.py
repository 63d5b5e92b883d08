"""Supervisory authorities a complaint can be sent to."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Authority:
    """Contact details of a supervisory authority, per language where they differ."""

    name: dict[str, str]
    address: dict[str, str] | None
    phone: str | None
    email: str
    website: str


AUTHORITIES = MappingProxyType({
    "apd": Authority(
        name={"nl": "Gegevensbeschermingsautoriteit (GBA)", "fr": "Autorité de protection des données (APD)"},
        address={"nl": "Drukpersstraat 35, 1000 Brussel", "fr": "Rue de la Presse 35, 1000 Bruxelles"},
        phone="+32 2 274 48 00",
        email="contact@apd-gba.be",
        website="https://www.gegevensbeschermingsautoriteit.be",
    ),
    "vtc": Authority(
        name={"nl": "Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens",
              "fr": "Commission de contrôle flamande du traitement des données à caractère personnel"},
        address=None,
        phone=None,
        email="contact@toezichtcommissie.be",
        website="https://www.toezichtcommissie.be",
    ),
})
