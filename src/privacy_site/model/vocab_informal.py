"""The standard terms' Dutch in the informal register ("je"), keyed by their formal text (vocab.py).

Keyed by the formal text, not by the term's key: when a formal text changes, its informal one no
longer matches and a test says which to rewrite.
"""

from __future__ import annotations

from collections.abc import Mapping

INFORMAL_NL: Mapping[str, str] = {
    "gegevens over uw tewerkstelling (werkgever, functie, datum van indiensttreding)":
        "gegevens over je tewerkstelling (werkgever, functie, datum van indiensttreding)",
    "de inhoud van uw vragen en onze antwoorden": "de inhoud van je vragen en onze antwoorden",
    "uzelf": "jezelf",
    "uw werkgever": "je werkgever",
    "de organisatie waarvoor u werkt (lidorganisatie)": "de organisatie waarvoor je werkt (lidorganisatie)",
    "We geven uw persoonsgegevens niet door aan landen buiten de Europese Economische Ruimte of aan "
    "internationale organisaties.":
        "We geven je persoonsgegevens niet door aan landen buiten de Europese Economische Ruimte of aan "
        "internationale organisaties.",
    "We nemen geen besluiten over u die uitsluitend op geautomatiseerde verwerking, zoals profilering, berusten.":
        "We nemen geen besluiten over jou die uitsluitend op geautomatiseerde verwerking, zoals profilering, "
        "berusten.",
    "uw toestemming (art. 6.1.a AVG)": "je toestemming (art. 6.1.a AVG)",
    "een overeenkomst met u, of stappen die op uw verzoek worden gezet vóór die overeenkomst (art. 6.1.b AVG)":
        "een overeenkomst met jou, of stappen die op je verzoek worden gezet vóór die overeenkomst (art. 6.1.b AVG)",
}


def in_register(label: str, lang: str, register: str) -> str:
    """A standard term's text as the organisation addresses its readers."""
    if lang == "nl" and register == "informal":
        return INFORMAL_NL.get(label, label)
    return label
