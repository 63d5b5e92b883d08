"""Validated strings of the model: ids, e-mail and web addresses, phone and enterprise numbers, endpoints."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

from privacy_site.source.messages import msg

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?(/[^\s<>\"]*)?$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ./()-]{5,24}$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(msg('"{value}" is not a valid id; use lowercase letters a-z, digits and single hyphens, like '
                             '"member-contacts"', value=value))
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(msg('"{value}" is not a valid e-mail address; write it like privacy@example.be', value=value))
    return value


def _url(value: str) -> str:
    if value.startswith("http://"):
        raise ValueError(msg('"{value}" is not secure; web addresses must start with https:// (not http://)',
                             value=value))
    if not _URL.match(value):
        raise ValueError(msg('"{value}" is not a valid web address; write it in full, like https://www.example.be',
                             value=value))
    return value


def _phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError(msg('"{value}" is not a valid phone number; write it like +32 2 274 48 00 or 0800 30 700',
                             value=value))
    return value


def _enterprise_number(value: str) -> str:
    digits = re.sub(r"[\s.]", "", value)
    if digits.upper().startswith("BE"):
        digits = digits[2:]
    if not re.fullmatch(r"[01][0-9]{9}", digits) or 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValueError(msg('"{value}" is not a valid Belgian enterprise number; copy it from the KBO/BCE, like '
                             "0448.444.064", value=value))
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


Slug = Annotated[str, AfterValidator(_slug)]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Url = Annotated[str, AfterValidator(_url), WithJsonSchema({"type": "string", "pattern": "^https://"})]
Phone = Annotated[str, AfterValidator(_phone)]
EnterpriseNumber = Annotated[str, AfterValidator(_enterprise_number)]


_LOCAL_HTTP = re.compile(r"^http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?(/[^\s<>\"]*)?$")


def _endpoint(value: str) -> str:
    # Requests carry personal data: only https, except to a server on this machine (tests, previews).
    if _LOCAL_HTTP.match(value):
        return value
    if value.startswith("http://"):
        raise ValueError(msg('"{value}" is not secure; a request endpoint must start with https:// (http:// is only '
                             "accepted for localhost)", value=value))
    return _url(value)


Endpoint = Annotated[str, AfterValidator(_endpoint), WithJsonSchema({"type": "string", "pattern": "^https?://"})]


def _country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(msg('"{value}" is not a country code; write the two capital letters of ISO 3166, like BE, '
                             "IE or US", value=value))
    return value


Country = Annotated[str, AfterValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]

# The European Economic Area: the EU member states, Iceland, Liechtenstein and Norway (ISO 3166 codes).
EEA = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO".split())

NO_FORM = "none"


def no_form(value: object) -> object:
    """`request_form: none` offers no form (None); anything else is the form's settings."""
    if value == NO_FORM:
        return None
    if value is None or isinstance(value, (str, bool)):
        shown = (msg("an empty value") if value is None else msg("the yes/no value {value}", value=str(value).lower())
                 if isinstance(value, bool) else msg('"{value}"', value=value))
        raise ValueError(msg('{found} is not allowed here; write "request_form: none" to offer no form, or the form\'s '
                             "settings (endpoint, retention, ...) below request_form:", found=shown))
    return value


def no_form_schema(schema: dict[str, object]) -> None:
    """In the JSON Schema, `none` (no form) instead of null."""
    schema["anyOf"] = [option if option != {"type": "null"} else
                       {"const": NO_FORM, "description": "no request form: people write to the privacy contact"}
                       for option in schema.get("anyOf", [])]  # type: ignore[union-attr]
