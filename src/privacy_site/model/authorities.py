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
    website: dict[str, str]


AUTHORITIES = MappingProxyType({
    "apd": Authority(
        name={"nl": "Gegevensbeschermingsautoriteit (GBA)", "fr": "Autorité de protection des données (APD)"},
        address={"nl": "Drukpersstraat 35, 1000 Brussel", "fr": "Rue de la Presse 35, 1000 Bruxelles"},
        phone="+32 2 274 48 00",
        email="contact@apd-gba.be",
        website={"nl": "https://www.gegevensbeschermingsautoriteit.be",
                 "fr": "https://www.autoriteprotectiondonnees.be"},
    ),
    "vtc": Authority(
        name={"nl": "Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens",
              # The French pages also give the Dutch name, the one visitors find the Commission under.
              "fr": "Commission de contrôle flamande du traitement des données à caractère personnel "
                    "(Vlaamse Toezichtcommissie)"},
        address={"nl": "Koning Albert II-laan 15, 1210 Brussel", "fr": "Boulevard du Roi Albert II 15, 1210 Bruxelles"},
        phone=None,
        email="contact@toezichtcommissie.be",
        website={"nl": "https://www.vlaanderen.be/vlaamse-toezichtcommissie",
                 "fr": "https://www.vlaanderen.be/vlaamse-toezichtcommissie"},
    ),
})


# Where visitors turn about the accessibility of a Flemish public body's website.
FLEMISH_OMBUDSMAN = Authority(
    name={"nl": "Vlaamse Ombudsdienst", "fr": "Service de médiation flamand (Vlaamse Ombudsdienst)"},
    address={"nl": "Leuvenseweg 86, 1000 Brussel", "fr": "Rue de Louvain 86, 1000 Bruxelles"},
    phone=None,  # 1700 is the Vlaamse Infolijn, not the Ombudsdienst: the complaint address is given instead
    email="klachten@vlaamseombudsdienst.be",
    website={"nl": "https://www.vlaamseombudsdienst.be", "fr": "https://www.vlaamseombudsdienst.be"},
)
