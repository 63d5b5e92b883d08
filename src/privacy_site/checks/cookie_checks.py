"""Cookie rules (ePrivacy art. 5(3), Belgian law of 30 July 2018).

This site itself stores only what is strictly necessary: it shows a notice, not a consent dialog. The
organisation's other websites may set items that need consent: then the statement must say how consent is
asked, who receives what an item holds and whether that leaves the European Economic Area.
"""

from __future__ import annotations

from collections.abc import Sequence

from privacy_site.model.cookies import CookieItem, CookieStatement, Website
from privacy_site.source.messages import Msg, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_


def _needs_consent(category: str) -> Msg:
    """The cookies of a category that need consent, as the message names them."""
    return {
        "functional": msg("functional cookies that the visitor did not ask for"),
        "preferences": msg("preference cookies that the visitor did not ask for"),
        "statistics": msg("statistics cookies (even first-party ones)"),
        "analytics": msg("analytics cookies (even first-party ones)"),
        "marketing": msg("marketing cookies"),
        "advertising": msg("advertising cookies"),
        "social_media": msg("social media cookies"),
    }[category]


def check_cookies(statement: CookieStatement, located: Located) -> list[Problem]:
    """This site: only strictly necessary items; its websites: consent, providers, transfers; no duplicates."""
    problems: list[Problem] = []
    for i, item in enumerate(statement.items):
        if item.category != "necessary":
            problems.append(located.problem(
                ("items", i, "category"),
                msg('"{name}": {cookies} need the visitor\'s consent in Belgium (ePrivacy art. 5(3), law of 30 July '
                    "2018), and this site only shows a notice, not a consent dialog; if another website of yours sets "
                    "it, declare it under that website in websites:, else remove it, or mark it necessary only if "
                    "this site cannot work without it", name=item.name, cookies=_needs_consent(item.category))))
    problems.extend(_items(statement.items, ("items",), located, None))
    seen: dict[str, int] = {}
    urls: dict[str, int] = {}
    for w, website in enumerate(statement.websites):
        here: Path_ = ("websites", w)
        if website.id in seen:
            first = located.pos(("websites", seen[website.id]))[0]
            problems.append(located.problem((*here, "id"), msg('website "{id}" is declared twice (first at line '
                                                               "{line}); give each website its own id",
                                                               id=website.id, line=first)))
        url = website.url.rstrip("/").lower()
        if url in urls and website.id not in seen:
            first = located.pos(("websites", urls[url]))[0]
            problems.append(located.problem((*here, "url"), msg("{url} is declared twice (first at line {line}); "
                                                                "declare each website once",
                                                                url=website.url, line=first)))
        seen.setdefault(website.id, w)
        urls.setdefault(url, w)
        problems.extend(_website(website, here, located))
    return problems


def _website(website: Website, here: Path_, located: Located) -> list[Problem]:
    problems = _items(website.items, (*here, "items"), located, website.id)
    needing = [item.name for item in website.items if item.category != "necessary"]
    if needing and website.consent is None:
        names = ", ".join(f'"{name}"' for name in needing[:3]) + (", …" if len(needing) > 3 else "")
        problems.append(located.problem(here, msg(
            'website "{id}" sets items that need the visitor\'s consent first ({names}) but does not say how it asks '
            "for it (ePrivacy art. 5(3), law of 30 July 2018); add consent: with tool (your consent tool as visitors "
            "know it) and change (how they change or withdraw their choice)", id=website.id, names=names)))
    for j, item in enumerate(website.items):
        path = (*here, "items", j)
        if item.provider is not None and not item.transfer_stated:
            problems.append(located.problem(path, msg(
                '"{name}" on website "{website}": say whether what it holds leaves the European Economic Area; add '
                '"transfers_outside_eea: none", or countries: and safeguard: below transfers_outside_eea:',
                name=item.name, website=website.id)))
        transfer = item.transfers_outside_eea
        if transfer is not None and transfer.safeguard is None:
            problems.append(located.problem(
                (*path, "transfers_outside_eea"),
                msg('"{name}" on website "{website}": a transfer outside the European Economic Area needs a '
                    "safeguard (GDPR art. 44-46); add safeguard: with the adequacy decision (e.g. the EU-US Data "
                    "Privacy Framework) or the standard contractual clauses it relies on",
                    name=item.name, website=website.id)))
    hosts: dict[str, int] = {}
    for h, host in enumerate(website.hosts):
        if host.host in hosts:
            first = located.pos((*here, "hosts", hosts[host.host]))[0]
            problems.append(located.problem((*here, "hosts", h, "host"), msg(
                'host "{host}" is listed twice on website "{website}" (first at line {line}); keep one',
                host=host.host, website=website.id, line=first)))
        hosts.setdefault(host.host, h)
    return problems


def _items(items: Sequence[CookieItem], here: Path_, located: Located, website: str | None) -> list[Problem]:
    """Third parties named; each item declared once (`website`: the website's id, None for this site)."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        path = (*here, i)
        if item.party == "third" and item.provider is None:
            if website is None:
                told = msg('"{name}": a third-party item must name who sets it; add "provider"', name=item.name)
            else:
                told = msg('"{name}" on website "{website}": a third-party item must name who sets it; add "provider"',
                           name=item.name, website=website)
            problems.append(located.problem(path, told))
        key = (item.storage, item.name)
        if key in seen:
            first = located.pos((*here, seen[key]))[0]
            if website is None:
                told = msg('"{name}" ({storage}) is declared twice (first at line {line}); keep one',
                           name=item.name, storage=item.storage, line=first)
            else:
                told = msg('"{name}" ({storage}) on website "{website}" is declared twice (first at line {line}); '
                           "keep one", name=item.name, storage=item.storage, website=website, line=first)
            problems.append(located.problem(path, told))
        seen.setdefault(key, i)
    return problems
