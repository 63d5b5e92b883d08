"""`privacy-site audit URL --website ORG/SITE`: one of an organisation's own websites, before any consent.

A first-time visitor opens the address and answers no consent question. Before consent, a website may only
set what is strictly necessary (ePrivacy art. 5(3), Belgian law of 30 July 2018): every item it sets must be
declared, and declared as necessary; every other host it loads from must be listed in the declaration. The
declaration is the website's part of the organisation's current cookie statement, read from the policies
folder (or from a policies.json given with --declarations).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError

from privacy_site.checks.corpus import load_corpus
from privacy_site.outputs.index import website_declarations
from privacy_site.source.problems import PolicyError
from privacy_site.tools.audit import DEFAULT_CHROMIUM, chromium_path, missing_chromium
from privacy_site.tools.audit_browser import drive, first_line
from privacy_site.tools.audit_declarations import AuditError, WebsiteDeclaration, best_declaration, parse_website
from privacy_site.tools.audit_record import NOUNS, Finding, Item, PageVisit, Recorder, Sighting, url_path


def _netloc(url: str) -> str:
    """Host and port of a URL as the report names it ("www.example.be", "localhost:8123")."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(parts.scheme.lower())
    host = (parts.hostname or "").lower()
    return host if port in (None, default) else f"{host}:{port}"


def _domain(url: str) -> str:
    """The host a website is known by, without "www.": its own subdomains are first party."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


class WebsiteRecorder(Recorder):
    """A first visit of one website, judged against its declaration: necessary items only, declared hosts only."""

    def __init__(self, base: str, pages: list[PageVisit], website: WebsiteDeclaration) -> None:
        super().__init__(base, pages, website.items)
        self.website = website
        self._own = {_netloc(base), _netloc(website.url)}
        self._domains = {_domain(base), _domain(website.url)} - {""}

    def first_party(self, host: str) -> bool:
        """Whether a host is the website's own: its address, the declared one, or one of their subdomains."""
        name = host.rsplit(":", 1)[0]
        return host in self._own or any(name == domain or name.endswith("." + domain) for domain in self._domains)

    def other_hosts(self) -> dict[str, tuple[str, Sighting]]:
        """Every other host seen, with the first URL seen on it and where, in crawl order."""
        hosts: dict[str, tuple[str, Sighting]] = {}
        for key, seen in sorted(self.requests.items(), key=lambda pair: pair[1].first.key()):
            url = seen.hint[1] if seen.hint else key
            host = _netloc(url)
            if self.first_party(host):
                continue
            if host in hosts:
                hosts[host][1].pages.update(seen.pages)
            else:
                hosts[host] = (url, Sighting(seen.first, set(seen.pages), seen.hint))
        return hosts

    def findings(self) -> list[Finding]:
        """Undeclared hosts and items, items that need consent, and declared durations exceeded."""
        found: list[Finding] = list(self.failures)
        for host, (url, seen) in self.other_hosts().items():
            if self.website.lists_host(host):
                continue
            others = len(seen.pages - {seen.first.path})
            more = f" (and {others} other page{'s' if others > 1 else ''})" if others else ""
            found.append(Finding("host", f"request to a host the declaration does not list: {host} ({url} from "
                                 f"{seen.first.text()}{more})", seen.first,
                                 {"host": host, "url": url, "pages": sorted(seen.pages)}))
        for item in self.items.values():
            found.extend(self._judge(item))
        return sorted(found, key=lambda f: (f.where.key() if f.where else (-1, 0, False), f.kind, f.message))

    def _judge(self, item: Item) -> list[Finding]:
        declaration = best_declaration(self.declared, item.storage, item.name)
        if declaration is not None and declaration.category != "necessary":
            return [Finding("consent", f'{NOUNS[item.storage]} "{item.name}" set on {item.first.text()} before any '
                            f'consent, but it is declared as {declaration.category.replace("_", " ")}, which needs '
                            "consent first", item.first,
                            {"storage": item.storage, "name": item.name, "declared": declaration.name,
                             "category": declaration.category})]
        return self._item_findings(item)

    def summary(self, findings: list[Finding], seconds: float) -> str:
        """What the first visit stored and loaded, and the findings."""
        site = self.website
        lines = [f"Audited {self.base} as a first visit before any consent (website {site.organisation}/{site.id}, "
                 f"declared as {site.url}): {len(self.pages)} page{'s' if len(self.pages) != 1 else ''} visited in "
                 f"{seconds:.1f} s."]
        items = self._sorted_items()
        lines.append(f"Storage: {len(items)} item{'s' if len(items) != 1 else ''} found, "
                     f"{len(self.declared)} declared.")
        for item in items:
            declaration = best_declaration(self.declared, item.storage, item.name)
            status = (f'declared as "{declaration.name}" ({declaration.category.replace("_", " ")})' if declaration
                      else "NOT DECLARED")
            lines.append(f'  {item.storage} "{item.name}": {status}, first seen on {item.first.text()}')
        hosts = self.other_hosts()
        lines.append(f"Other hosts: {len(hosts)}." if hosts else "Other hosts: none.")
        lines.extend(f"  {host}: {'declared' if site.lists_host(host) else 'NOT DECLARED'}, first seen on "
                     f"{seen.first.text()}" for host, (_, seen) in hosts.items())
        lines.extend(f"note: {note}" for note in self.notes)
        if findings:
            lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}:")
            lines.extend(f.message for f in findings)
        else:
            lines.append("No findings: before consent, only declared, strictly necessary storage, and only "
                         "declared hosts.")
        return "\n".join(lines)


def _from_policies(policies: str, slug: str, website: str) -> WebsiteDeclaration:
    """The website's declaration in the current cookie statement of the policies folder."""
    folder = Path(policies)
    if not folder.is_dir():
        raise AuditError(f"the policies folder does not exist: {folder}; run the audit from the repository, or "
                         "give it with --policies DIR")
    try:
        corpus = load_corpus(folder)
    except PolicyError:
        raise AuditError(f"the policies in {folder} have problems; run privacy-site check and fix them "
                         "first") from None
    orgs = [org for org in corpus.orgs if org.slug == slug]
    data = {"organisations": [{"slug": org.slug, "websites": website_declarations(org, list(org.languages))}
                              for org in orgs] or [{"slug": org.slug} for org in corpus.orgs]}
    return parse_website(data, str(folder), slug, website)


def _from_file(path: str, slug: str, website: str) -> WebsiteDeclaration:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise AuditError(f"cannot read {path}: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise AuditError(f"{path} is not valid JSON: {err}") from None
    return parse_website(data, path, slug, website)


def run_website_audit(target: str, website: str, policies: str = "policies", declarations: str | None = None,
                      json_file: str | None = None) -> int:
    """The command with --website: 0 when the first visit matches the declaration, 1 with findings, 2 on errors."""
    started = time.monotonic()
    try:
        if not target.startswith(("http://", "https://")):
            raise AuditError(f"--website audits a live website: give its address, like https://www.example.be, "
                             f"not {target}")
        slug, _, site = website.partition("/")
        if not slug or not site or "/" in site:
            raise AuditError(f'--website takes ORGANISATION/WEBSITE, like sociare/main, not "{website}"')
        declared = _from_file(declarations, slug, site) if declarations else _from_policies(policies, slug, site)
        base = target if urlsplit(target).path else target + "/"
        recorder = WebsiteRecorder(base, [PageVisit(0, base, url_path(base), "root")], declared)
        executable = chromium_path()
        if not Path(executable).is_file():
            raise AuditError(missing_chromium(executable, executable != DEFAULT_CHROMIUM))
        drive(recorder, executable, first_visits=True)
        findings = recorder.findings()
        seconds = time.monotonic() - started
        print(recorder.summary(findings, seconds))
        if json_file is not None:
            report: dict[str, Any] = {**recorder.report(findings, target, seconds),
                                      "website": {"organisation": slug, "id": site, "url": declared.url,
                                                  "hosts": declared.hosts},
                                      "other_hosts": sorted(recorder.other_hosts())}
            try:
                Path(json_file).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            except OSError as err:
                raise AuditError(f"cannot write {json_file}: {err.strerror or err}") from None
    except AuditError as err:
        print(f"privacy-site audit: {err}", file=sys.stderr)
        return 2
    except PlaywrightError as err:
        print(f"privacy-site audit: the browser failed: {first_line(err)}", file=sys.stderr)
        return 2
    return 1 if findings else 0
