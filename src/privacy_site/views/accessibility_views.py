"""The accessibility statement (EU Web Accessibility Directive, model of Implementing Decision 2018/1523)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from privacy_site.checks.corpus import Org
from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import long_date, web_link
from privacy_site.i18n.register import Register
from privacy_site.model.authorities import FLEMISH_OMBUDSMAN
from privacy_site.model.documents import Accessibility, NonAccessible
from privacy_site.views.blocks import translation_note
from privacy_site.views.naming import as_subject, of_org
from privacy_site.views.views import Block, _contact_lines, _pair


@dataclass(frozen=True)
class AccessibilityView:
    """The statement in one language."""

    title: str
    org_name: str
    intro: list[str]
    blocks: list[Block]
    translation_note: str | None = None


def _item(item: NonAccessible, lang: str, register: Register) -> str:
    _ = translations(lang, register).gettext
    text = item.description.md(lang)
    if item.criteria:
        label = _("WCAG 2.1 success criterion") if len(item.criteria) == 1 else _("WCAG 2.1 success criteria")
        text += f" ({label} {', '.join(item.criteria)})"
    if item.alternative:
        text += " " + item.alternative.md(lang)
    return f"- {text}"


def _non_accessible(info: Accessibility, lang: str, register: Register) -> list[Block]:
    """The EU model's three lists: non-compliance (per WCAG criterion), disproportionate burden, out of scope."""
    _ = translations(lang, register).gettext
    headings = {"non-compliance": _("Non-compliance with the accessibility requirements"),
                "disproportionate-burden": _("Disproportionate burden"),
                "out-of-scope": _("Content outside the scope of the applicable legislation")}
    items = {reason: [_item(item, lang, register) for item in info.non_accessible if item.reason == reason]
             for reason in headings}
    subsections = [Block(f"non-accessible-{reason}", heading, ["\n".join(items[reason])])
                   for reason, heading in headings.items() if items[reason]]
    if not subsections:
        return []
    return [Block("non-accessible", _("Content that is not accessible"),
                  [_("The content listed below is not accessible, for the following reasons:")],
                  subsections=subsections)]


def _office(_: Any, lang: str) -> str:
    office = FLEMISH_OMBUDSMAN
    lines = [f"**{office.name[lang]}**", office.address[lang] if office.address else ""]
    if office.phone:
        lines.append(_pair(_, _("Phone"), f"[{office.phone}](tel:{office.phone})"))
    lines += [_pair(_, _("E-mail"), f"[{office.email}](mailto:{office.email})"),
              _pair(_, _("Website"), web_link(office.website[lang]))]
    return "  \n".join(lines)


def accessibility_view(org: Org, lang: str, authoritative: str | None = None) -> AccessibilityView:
    """The accessibility statement of this site for `org`."""
    o = org.organisation
    _ = translations(lang, o.form_of_address).gettext
    info = o.accessibility
    assert info is not None
    flemish = o.kind == "public" and o.supervisory_authority == "vtc"
    wcag = _("the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, as required by EN 301 549")
    status = {
        "full": _("This website is fully compliant with {standard}."),
        "partial": _("This website is partially compliant with {standard}, because of the points listed below."),
        "none": _("This website is not compliant with {standard}; the points below are not accessible."),
    }[info.status].format(standard=wcag)
    blocks = [Block("status", _("Compliance status"), [status]), *_non_accessible(info, lang, o.form_of_address)]
    method = _("a self-assessment") if info.method == "self-assessment" else _("an assessment by a third party")
    blocks.append(Block("preparation", _("Preparation of this statement"), [
        _("This statement was prepared on {date}, based on {method}.").format(
            date=long_date(info.prepared, lang), method=method) + " "
        + _("It was last reviewed on {date}.").format(date=long_date(info.last_review, lang)),
        *([info.method_note.md(lang)] if info.method_note else []),
        _("Before every publication, automated tests check every type of page in every language: no violation "
          "of WCAG 2.1 A and AA according to axe-core, valid HTML according to the W3C Nu HTML Checker, no "
          "broken link, and a strict content security policy. A version of the site that fails them is not "
          "published."),
    ]))
    blocks.append(Block("feedback", _("Feedback and contact"), [
        _("Tell us about any accessibility problem you meet on this website, or ask for the information in "
          "another form:"), "  \n".join(_contact_lines(info.feedback, lang, o.form_of_address))]))
    if info.enforcement is not None:
        enforcement = [info.enforcement.md(lang)]
    elif flemish and o.complaints is not None:
        # Bestuursdecreet art. II.16 and the Flemish complaints decree: first the body itself, then the Ombudsman.
        enforcement = [
            _("If our answer does not satisfy you, first submit a complaint to our complaints service:"),
            "  \n".join(_contact_lines(o.complaints, lang, o.form_of_address)),
            _("If you are still not satisfied after the complaints service has handled your complaint, you can turn "
              "to the Flemish Ombudsman, free of charge:"),
            _office(_, lang),
        ]
    else:
        enforcement = [_("If our answer does not satisfy you, you can turn to the Flemish Ombudsman:"),
                       _office(_, lang)]
    blocks.append(Block("enforcement", _("Enforcement procedure"), enforcement))
    law = (_("Directive (EU) 2016/2102 and the Flemish Governance Decree (Bestuursdecreet) of 7 December 2018, "
             "art. II.16, which transposes it") if flemish else _("the European Web Accessibility Directive (EU) "
                                                                  "2016/2102"))
    name = as_subject(o, lang)
    intro = [_("{name} strives to make this website accessible, in line with {law}.").format(name=name, law=law),
             _("This statement applies to this website, where you read the privacy and cookie statements "
               "{of_name}.").format(of_name=of_org(o, lang, closing=False))]
    return AccessibilityView(title=_("Accessibility statement"), org_name=o.name.get(lang), intro=intro, blocks=blocks,
                             translation_note=translation_note(o, lang, authoritative))
