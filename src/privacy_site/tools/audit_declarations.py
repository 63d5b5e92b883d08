"""What a site declares it stores, read from the policies.json format, and how a stored name is matched to it."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

STORAGES = ("cookie", "localStorage", "sessionStorage", "IndexedDB")
PARTIES = ("first", "third")


class AuditError(Exception):
    """A problem that stops the audit before it can say anything about the site; its text is one line."""


@dataclass(frozen=True)
class Declaration:
    """One declared cookie or storage item; a name with "*" is a glob pattern."""

    name: str
    storage: str
    party: str
    provider: str | None
    category: str
    seconds: int | None  # None: a session item
    purpose: dict[str, str]
    organisation: str

    def matches(self, storage: str, name: str) -> bool:
        """Whether this declaration covers `name` stored in `storage`."""
        if storage != self.storage:
            return False
        # Only "*" makes a pattern: "?" and "[" may appear in real names and must match literally.
        return fnmatchcase(name, self.name) if "*" in self.name else name == self.name

    def to_json(self) -> dict[str, Any]:
        """The declaration as it appears in policies.json, with its organisation."""
        return {"organisation": self.organisation, "name": self.name, "storage": self.storage, "party": self.party,
                "provider": self.provider, "category": self.category,
                "duration": {"session": True} if self.seconds is None else {"seconds": self.seconds},
                "purpose": self.purpose}


def parse_declarations(data: Any, source: str) -> list[Declaration]:
    """Every declared item of every organisation in a policies.json document."""
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        raise AuditError(f'{source}: expected an object with an "organisations" list')
    declared: list[Declaration] = []
    for org_index, org in enumerate(data["organisations"]):
        if not isinstance(org, dict):
            raise AuditError(f"{source}: organisation {org_index + 1} is not an object")
        slug = str(org.get("slug") or org_index + 1)
        cookies = org.get("cookies", [])
        if not isinstance(cookies, list):
            raise AuditError(f'{source}: "cookies" of organisation {slug} is not a list')
        for index, item in enumerate(cookies):
            declared.append(_declaration(item, f"{source}: cookie {index + 1} of organisation {slug}", slug))
    return declared


@dataclass(frozen=True)
class WebsiteDeclaration:
    """What one of an organisation's own websites declares: its items and the other hosts it loads from."""

    organisation: str
    id: str
    url: str
    items: list[Declaration]
    hosts: list[str]  # host names, "*" matching any text, with a port when one is given

    def lists_host(self, host: str) -> bool:
        """Whether a host ("name" or "name:port") is one the declaration lists."""
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return any(fnmatchcase(host, pattern) or (":" not in pattern and fnmatchcase(name, pattern))
                   for pattern in self.hosts)


def parse_website(data: Any, source: str, slug: str, website: str) -> WebsiteDeclaration:
    """The website `website` of organisation `slug` in a policies.json document."""
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        raise AuditError(f'{source}: expected an object with an "organisations" list')
    orgs = [org for org in data["organisations"] if isinstance(org, dict) and org.get("slug") == slug]
    if not orgs:
        known = ", ".join(str(org.get("slug")) for org in data["organisations"] if isinstance(org, dict))
        raise AuditError(f"{source}: there is no organisation {slug}; organisations: {known or 'none'}")
    websites = orgs[0].get("websites", [])
    if not isinstance(websites, list) or not all(isinstance(w, dict) for w in websites):
        raise AuditError(f'{source}: "websites" of organisation {slug} is not a list of objects')
    found = [w for w in websites if w.get("id") == website]
    if not found:
        known = ", ".join(str(w.get("id")) for w in websites) or "none"
        raise AuditError(f"{source}: the current cookie statement of {slug} declares no website {website} "
                         f"(websites: {known}); declare it under websites: in a new version")
    entry = found[0]
    url, cookies, hosts = entry.get("url"), entry.get("cookies", []), entry.get("hosts", [])
    where = f"{source}: website {website} of organisation {slug}"
    if not isinstance(url, str) or not isinstance(cookies, list) or not isinstance(hosts, list):
        raise AuditError(f'{where}: expected "url" (a text), "cookies" and "hosts" (lists)')
    names = [host.get("host") if isinstance(host, dict) else None for host in hosts]
    if not all(isinstance(name, str) and name for name in names):
        raise AuditError(f'{where}: every host must be an object with a "host" text')
    items = [_declaration(item, f"{where}, cookie {index + 1}", slug) for index, item in enumerate(cookies)]
    return WebsiteDeclaration(slug, website, url, items, [str(name).lower() for name in names])


def _declaration(item: Any, where: str, slug: str) -> Declaration:
    if not isinstance(item, dict):
        raise AuditError(f"{where} is not an object")
    name = item.get("name")
    if not isinstance(name, str) or not name:
        raise AuditError(f'{where}: "name" must be a non-empty text')
    if item.get("storage") not in STORAGES:
        raise AuditError(f'{where} ("{name}"): "storage" must be one of {", ".join(STORAGES)}')
    if item.get("party") not in PARTIES:
        raise AuditError(f'{where} ("{name}"): "party" must be "first" or "third"')
    provider = item.get("provider")
    if provider is not None and not isinstance(provider, str):
        raise AuditError(f'{where} ("{name}"): "provider" must be null or a text')
    duration = item.get("duration")
    seconds = duration.get("seconds") if isinstance(duration, dict) else None
    if duration == {"session": True}:
        seconds = None
    elif not (isinstance(duration, dict) and set(duration) == {"seconds"} and isinstance(seconds, int)
              and not isinstance(seconds, bool) and seconds >= 0):
        raise AuditError(f'{where} ("{name}"): "duration" must be {{"session": true}} or {{"seconds": N}}')
    purpose = item.get("purpose")
    return Declaration(name=name, storage=item["storage"], party=item["party"], provider=provider,
                       category=str(item.get("category")), seconds=seconds,
                       purpose=purpose if isinstance(purpose, dict) else {}, organisation=slug)


def best_declaration(declared: list[Declaration], storage: str, name: str) -> Declaration | None:
    """The declaration that covers an item: an exact name first, then the longest pattern, then the longest-lived."""
    matching = [d for d in declared if d.matches(storage, name)]
    if not matching:
        return None
    return max(matching, key=lambda d: (d.name == name, len(d.name), float("inf") if d.seconds is None else 0,
                                        d.seconds or 0))


def human_duration(seconds: float) -> str:
    """A duration as people say it: "2 days", "1 hour", "1.5 years", "45 seconds"."""
    for unit, size in (("year", 365 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        # A cookie is seen a moment after it was set: 0.99 of a unit is still "1 unit".
        if seconds >= 0.99 * size:
            value = round(seconds / size, 1)
            text = f"{value:g}"
            return f"{text} {unit}" + ("" if text == "1" else "s")
    value = round(seconds)
    return f"{value} second" + ("" if value == 1 else "s")
