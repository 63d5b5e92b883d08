"""Cookie rules (ePrivacy art. 5(3), Belgian law of 30 July 2018): only strictly necessary items."""

from __future__ import annotations

from privacy_site.model.cookies import CookieStatement
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located

_NEEDS_CONSENT = {
    "functional": "functional cookies that the visitor did not ask for",
    "preferences": "preference cookies that the visitor did not ask for",
    "statistics": "statistics cookies (even first-party ones)",
    "analytics": "analytics cookies (even first-party ones)",
    "marketing": "marketing cookies",
    "advertising": "advertising cookies",
    "social_media": "social media cookies",
}


def check_cookies(statement: CookieStatement, located: Located) -> list[Problem]:
    """Only strictly necessary items; third parties named; each item declared once."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(statement.items):
        here = ("items", i)
        if item.category != "necessary":
            problems.append(located.problem(
                (*here, "category"),
                f'"{item.name}": {_NEEDS_CONSENT[item.category]} need the visitor\'s consent in Belgium '
                "(ePrivacy art. 5(3), law of 30 July 2018), and this site only shows a notice, not a consent "
                "dialog; remove the item, or mark it necessary only if the site cannot work without it"))
        if item.party == "third" and item.provider is None:
            problems.append(located.problem(here, f'"{item.name}": a third-party item must name who sets it; '
                                                  'add "provider"'))
        key = (item.storage, item.name)
        if key in seen:
            first = located.pos(("items", seen[key]))[0]
            problems.append(located.problem(here, f'"{item.name}" ({item.storage}) is declared twice (first at line '
                                                  f"{first}); keep one"))
        seen.setdefault(key, i)
    return problems
