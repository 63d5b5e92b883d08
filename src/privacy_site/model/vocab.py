"""Standard terms editors can use by key instead of writing both languages."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Terms = Mapping[str, Mapping[str, str]]


def _terms(raw: dict[str, dict[str, str]]) -> Terms:
    return MappingProxyType({k: MappingProxyType(v) for k, v in raw.items()})


DATA: Terms = _terms({
    "identification": {"nl": "identificatiegegevens (naam, voornaam)", "fr": "données d'identification (nom, prénom)"},
    "contact": {"nl": "contactgegevens (adres, e-mailadres, telefoonnummer)",
                "fr": "coordonnées (adresse, adresse e-mail, numéro de téléphone)"},
    "professional_contact": {"nl": "professionele contactgegevens (e-mailadres en telefoonnummer op het werk)",
                             "fr": "coordonnées professionnelles (adresse e-mail et téléphone au travail)"},
    "employment": {"nl": "gegevens over uw tewerkstelling (werkgever, functie, datum van indiensttreding)",
                   "fr": "données relatives à votre emploi (employeur, fonction, date d'entrée en service)"},
    "education": {"nl": "opleiding en diploma's", "fr": "formation et diplômes"},
    "financial": {"nl": "financiële gegevens (bankrekeningnummer)",
                  "fr": "données financières (numéro de compte bancaire)"},
    "national_number": {"nl": "rijksregisternummer", "fr": "numéro de registre national"},
    "birth": {"nl": "geboortedatum en geboorteplaats", "fr": "date et lieu de naissance"},
    "gender": {"nl": "geslacht", "fr": "sexe"},
    "language": {"nl": "voertaal", "fr": "langue de contact"},
    "signature": {"nl": "handtekening", "fr": "signature"},
    "login": {"nl": "inloggegevens (gebruikersnaam en versleuteld wachtwoord)",
              "fr": "données de connexion (nom d'utilisateur et mot de passe chiffré)"},
    "logs": {"nl": "logbestanden (wie wanneer welke gegevens raadpleegde of wijzigde)",
             "fr": "journaux (qui a consulté ou modifié quelles données, et quand)"},
    "correspondence": {"nl": "de inhoud van uw vragen en onze antwoorden",
                       "fr": "le contenu de vos questions et de nos réponses"},
})

SOURCES: Terms = _terms({
    "data_subject": {"nl": "uzelf", "fr": "vous-même"},
    "employer": {"nl": "uw werkgever", "fr": "votre employeur"},
    "member_organisation": {"nl": "de organisatie waarvoor u werkt (lidorganisatie)",
                            "fr": "l'organisation pour laquelle vous travaillez (organisation membre)"},
    "public_authorities": {"nl": "andere overheidsdiensten", "fr": "d'autres services publics"},
    "public_sources": {"nl": "publiek beschikbare bronnen", "fr": "des sources accessibles au public"},
})

RECIPIENTS: Terms = _terms({
    "processors": {"nl": "onze verwerkers (dienstverleners die in onze opdracht werken)",
                   "fr": "nos sous-traitants (prestataires qui travaillent pour notre compte)"},
    "partners": {"nl": "onze partners die de dienst uitvoeren", "fr": "nos partenaires qui exécutent le service"},
    "public_authorities": {"nl": "overheidsdiensten, wanneer de wet dat oplegt",
                           "fr": "des services publics, lorsque la loi l'impose"},
    "employer": {"nl": "uw werkgever", "fr": "votre employeur"},
    "none": {"nl": "niemand buiten onze organisatie", "fr": "personne en dehors de notre organisation"},
})

TRANSFERS: Terms = _terms({
    "none": {"nl": "We geven uw persoonsgegevens niet door aan landen buiten de Europese Economische Ruimte "
                   "of aan internationale organisaties.",
             "fr": "Nous ne transférons pas vos données à caractère personnel vers des pays situés en dehors "
                   "de l'Espace économique européen ni à des organisations internationales."},
})

AUTOMATED: Terms = _terms({
    "none": {"nl": "We nemen geen besluiten over u die uitsluitend op geautomatiseerde verwerking, "
                   "zoals profilering, berusten.",
             "fr": "Nous ne prenons aucune décision vous concernant fondée exclusivement sur un traitement "
                   "automatisé, y compris le profilage."},
})

LEGAL_BASES: Terms = _terms({
    "consent": {"nl": "uw toestemming (art. 6.1.a AVG)", "fr": "votre consentement (art. 6.1.a RGPD)"},
    # Art. 6(1)(b) has two limbs: the contract itself, and steps taken at the person's request before it.
    "contract": {"nl": "een overeenkomst met u, of stappen die op uw verzoek worden gezet vóór die overeenkomst "
                       "(art. 6.1.b AVG)",
                 "fr": "un contrat avec vous, ou des mesures prises à votre demande avant la conclusion de ce "
                       "contrat (art. 6.1.b RGPD)"},
    "legal_obligation": {"nl": "een wettelijke verplichting (art. 6.1.c AVG)",
                         "fr": "une obligation légale (art. 6.1.c RGPD)"},
    "vital_interests": {"nl": "de bescherming van vitale belangen (art. 6.1.d AVG)",
                        "fr": "la sauvegarde d'intérêts vitaux (art. 6.1.d RGPD)"},
    "public_task": {"nl": "een taak van algemeen belang of openbaar gezag (art. 6.1.e AVG)",
                    "fr": "une mission d'intérêt public ou relevant de l'autorité publique (art. 6.1.e RGPD)"},
    "legitimate_interest": {"nl": "ons gerechtvaardigd belang (art. 6.1.f AVG)",
                            "fr": "notre intérêt légitime (art. 6.1.f RGPD)"},
})

LANGUAGES = ("nl", "fr", "de", "en")
