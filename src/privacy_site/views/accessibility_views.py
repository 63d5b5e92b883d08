"""The accessibility statement (EU Web Accessibility Directive, model of Implementing Decision 2018/1523)."""

from __future__ import annotations

from dataclasses import dataclass

from privacy_site.checks.corpus import Org
from privacy_site.i18n.catalogs import translations
from privacy_site.i18n.formats import long_date, web_link
from privacy_site.model.authorities import FLEMISH_OMBUDSMAN
from privacy_site.views.naming import as_subject, of_org
from privacy_site.views.views import Block, _contact_lines, _pair


@dataclass(frozen=True)
class AccessibilityView:
    """The statement in one language."""

    title: str
    org_name: str
    intro: list[str]
    blocks: list[Block]


def accessibility_view(org: Org, lang: str) -> AccessibilityView:
    """The accessibility statement of this site for `org`."""
    o = org.organisation
    _ = translations(lang, o.form_of_address).gettext
    info = o.accessibility
    assert info is not None
    wcag = _("the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, as required by EN 301 549")
    status = {
        "full": _("This website is fully compliant with {standard}."),
        "partial": _("This website is partially compliant with {standard}, because of the points listed below."),
        "none": _("This website is not compliant with {standard}; the points below are not accessible."),
    }[info.status].format(standard=wcag)
    blocks = [Block("status", _("Compliance status"), [status])]
    if info.non_accessible:
        blocks.append(Block("non-accessible", _("Content that is not accessible"),
                            ["\n".join(f"- {item.md(lang)}" for item in info.non_accessible)]))
    method = _("a self-assessment") if info.method == "self-assessment" else _("an assessment by a third party")
    blocks.append(Block("preparation", _("Preparation of this statement"), [
        _("This statement was prepared on {date}, based on {method}.").format(
            date=long_date(info.last_review, lang), method=method),
        _("Before every publication, automated tests check every type of page in every language: no violation "
          "of WCAG 2.1 A and AA according to axe-core, valid HTML according to the W3C Nu HTML Checker, no "
          "broken link, and a strict content security policy. A version of the site that fails them is not "
          "published."),
    ]))
    feedback = info.feedback or o.privacy_contact
    blocks.append(Block("feedback", _("Feedback and contact"), [
        _("Tell us about any accessibility problem you meet on this website, or ask for the information in "
          "another form:"), "  \n".join(_contact_lines(feedback, lang, o.form_of_address))]))
    if info.enforcement is not None:
        enforcement = [info.enforcement.md(lang)]
    else:
        office = FLEMISH_OMBUDSMAN
        enforcement = [
            _("If our answer does not satisfy you, you can turn to the Flemish Ombudsman:"),
            "  \n".join([f"**{office.name[lang]}**", office.address[lang] if office.address else "",
                         _pair(_, _("Phone"), f"[{office.phone}](tel:{office.phone})"),
                         _pair(_, _("E-mail"), f"[{office.email}](mailto:{office.email})"),
                         _pair(_, _("Website"), web_link(office.website[lang]))]),
        ]
    blocks.append(Block("enforcement", _("Enforcement procedure"), enforcement))
    intro = [_("{name} strives to make this website accessible, in line with the European Web Accessibility "
               "Directive (EU) 2016/2102.").format(name=as_subject(o, lang)),
             _("This statement applies to this website, where you read the privacy and cookie statements "
               "{of_name}.").format(of_name=of_org(o, lang, closing=False))]
    return AccessibilityView(title=_("Accessibility statement"), org_name=o.name.get(lang), intro=intro, blocks=blocks)
