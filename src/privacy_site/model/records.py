"""A record of a published version as read back: the text visitors read, and what it was written from."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_RECORD = re.compile(
    r"\A<!-- privacy-site record of (?P<key>\S+) in (?P<lang>[a-z]{2})\. [^\n]*-->\n"
    r"<!-- written by privacy-site (?P<generator>\S+) from details sha256:(?P<details>[0-9a-f]{64}) -->\n"
    r"<h1>(?P<title>[^<\n]*)</h1>\n<p>(?P<org_name>[^<\n]*)</p>\n(?P<body>.*)\Z", re.DOTALL)

@dataclass(frozen=True)
class Published:
    """A record as read: the text visitors read on a locked version, and what it was written from."""

    title: str  # plain text
    org_name: str  # plain text
    body: str  # finished HTML (typeset), links relative to the version's own page
    generator: str  # the privacy-site version that wrote it
    details: str  # hash of the organisation's details it was written from
    digest: str  # SHA-256 of the record file: the version's fingerprint


def parse_record(text: str, digest: str) -> Published | None:
    """A record's parts; None when the file is not a record (the check reports it)."""
    match = _RECORD.match(text)
    if match is None:
        return None
    return Published(html.unescape(match["title"]), html.unescape(match["org_name"]), match["body"],
                     match["generator"], match["details"], digest)
