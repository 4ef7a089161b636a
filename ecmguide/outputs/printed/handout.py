"""The discipline handouts: two to four Letter pages a task-force coordinator prints and hands out.

No cover page: the first page's header carries the title, jurisdiction, edition date and the
not-legal-advice notice. Then the discipline's duties (the part of its page written for print), the
jurisdiction's facts for that discipline once each with its citation, the before-you-share questions
as tick boxes, the local task force's contacts and agreements, where to find the full guide (with a
QR code when the edition has a published address), and every web address as a numbered note.
"""
from __future__ import annotations

import io
import re

from markupsafe import Markup

from ecmguide.editions.names import pdf_name
from ecmguide.law import national, schema
from ecmguide.law.model import Edition
from ecmguide.outputs import render
from ecmguide.outputs.catalog import checked_as_of, messages
from ecmguide.outputs.printed import linknotes
from ecmguide.outputs.printed.collect import Page

CHECKLIST = "basics/before-you-share.md"
QR_IMAGE = "qr.png"
_QUESTION = re.compile(r"<li>\s*<strong>(.*?)</strong>", re.S)


def page_address(edition: Edition, discipline: str) -> str:
    """The discipline page's address on the edition's published site, or "" when the edition has none."""
    return f"{edition.site_url.rstrip('/')}/disciplines/{discipline}/" if edition.site_url else ""


def qr_png(url: str) -> bytes:
    import segno
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=2)
    return out.getvalue()


def questions(pages: dict[str, Page]) -> list[Markup]:
    """The before-you-share questions (the bold first sentence of each item), from the guide's own page."""
    page = pages.get(CHECKLIST)
    return [Markup(q.strip()) for q in _QUESTION.findall(page.html)] if page else []


def _facts(edition: Edition, discipline: str) -> Markup:
    slots = [s.path for s in schema.SLOTS if discipline in s.disciplines]
    page_url = f"disciplines/{discipline}/"
    return Markup("").join(render.fact_block(edition, s, page_url, heading="h3", entry_link=False) for s in slots)


def _where(edition: Edition, discipline: str) -> Markup:
    m = messages()["handout"]
    url = page_address(edition, discipline)
    if not url:  # never a guessed address: say whom to ask
        return Markup("<p>{}</p>").format(Markup(m["where_none"]).format(
            jurisdiction=edition.jurisdiction, pdf=pdf_name(edition.code),
            publisher=Markup(", published by {}").format(edition.task_force) if edition.task_force else ""))
    return Markup('<div class="where-qr"><img src="ecm-image:{img}" alt="QR code for {url}" width="96" height="96">'
                  '<p>{text}</p></div>').format(img=QR_IMAGE, url=url, text=Markup(m["where_online"]).format(
                      jurisdiction=edition.jurisdiction, url=Markup('<a href="{0}">{0}</a>').format(url),
                      pdf=pdf_name(edition.code)))


def _checked(edition: Edition, slots) -> Markup:
    """Facts checked as of DATE: the newest last_reviewed among the facts this document shows."""
    day = checked_as_of(edition, slots)
    return Markup(messages()["sureness"]["checked_as_of"]).format(
        date=Markup('<time datetime="{0}">{0}</time>').format(day.isoformat())) if day else Markup("")


def _reporting_line(edition: Edition) -> Markup:
    """The jurisdiction's child-abuse reporting line, as recorded from the agency's page, or where to ask."""
    m = messages()["handout"]
    if edition.is_federal:
        return Markup(m["report_federal"])
    report = dict(edition.fact("mandated_reporting.child").get("report") or ())
    if not report:
        return Markup("{} {}").format(Markup(m["report_line"]).format(jurisdiction=edition.jurisdiction), m["report_unknown"])
    reach = [render.phone_link(report["phone"])] if report.get("phone") else []
    if report.get("url"):
        reach.append(render.link(report["url"], report["url"]))
    return Markup("{} <strong>{}</strong>{}{}").format(
        Markup(m["report_line"]).format(jurisdiction=edition.jurisdiction), report["agency"],
        Markup(": {}").format(Markup(" · ").join(reach)) if reach else "",
        Markup(" ({})").format(report["deadline"]) if report.get("deadline") else "")


def help_section(edition: Edition) -> Markup:
    """Where to report and get help: the jurisdiction's reporting line, then the national lines."""
    m = messages()["handout"]
    lines = []
    for c in national.contacts():
        ways = []
        if c.number or c.dial:
            ways.append(Markup(m["call"]).format(number=Markup("<strong>{}</strong>").format(
                render.phone_link(c.number) if c.number else render.dial_link(c.dial))))
        if c.sms:
            ways.append(Markup("<strong>{}</strong>").format(render.sms_link(c.sms)))
        lines.append(Markup("<li><strong>{}</strong> ({}): {}.{}</li>").format(
            c.name, c.for_whom, Markup(" or ").join(ways),
            Markup(" ") + Markup(m["languages"]).format(languages=c.languages) if c.languages else ""))
    newest = max((c.last_reviewed for c in national.contacts()), default=None)
    return Markup('<section class="handout-help"><h2>{}</h2><p>{}</p><p>{}</p><ul>{}</ul>{}</section>').format(
        m["help_heading"], _reporting_line(edition), m["national_heading"], Markup("").join(lines),
        Markup('<p class="fine">{}</p>').format(Markup(m["national_checked"]).format(date=newest.isoformat()))
        if newest else "")


def document_html(edition: Edition, discipline: str, pages: dict[str, Page], fix_links) -> str:
    """The handout as one HTML document; fix_links(html, page_url) points internal links at the site or drops them."""
    title = f"Handout: {schema.DISCIPLINE_TITLES[discipline]}"
    date = edition.edition_date.isoformat()
    page = pages.get(f"disciplines/{discipline}.md")
    duties = Markup(page.handout) if page and page.handout else Markup("")
    ticks = Markup("").join(Markup('<li><span class="tick" aria-hidden="true">☐</span> {}</li>').format(q)
                            for q in questions(pages))
    contacts = render.contacts_block(edition)
    body = Markup(
        '<header class="handout-head"><p class="kicker">ECM Guide to Confidentiality and Information Sharing · '
        '{j} edition of <time datetime="{date}">{date}</time> · {checked}</p><h1>{title}</h1>'
        '<p class="handout-jurisdiction">{j}'
        '{tf}</p><p class="handout-notice"><strong>Information, not legal advice.</strong> Laws change and differ by '
        'jurisdiction. Check the current law and consult your own counsel before acting.</p></header>'
        '<section class="handout-duties">{duties}</section>'
        '<section class="handout-facts"><h2>The law in {j}</h2>{facts}</section>'
        '<section class="handout-share"><h2>Before you share</h2><p>Ask these questions before you pass on any '
        'information about a victim:</p><ul class="ticks">{ticks}</ul></section>'
        '{contacts}{help}'
        '<section class="handout-where"><h2>Find the full guide</h2>{where}</section>').format(
        j=edition.jurisdiction, date=date, title=title, duties=duties, facts=_facts(edition, discipline),
        checked=_checked(edition, [s.path for s in schema.SLOTS if discipline in s.disciplines]),
        ticks=ticks, where=_where(edition, discipline), help=help_section(edition),
        tf=Markup(" · published by {}").format(edition.task_force) if edition.task_force else "",
        contacts=Markup('<section class="handout-contacts"><h2>Your task force</h2>{}</section>').format(contacts)
        if contacts else "")
    html = fix_links(str(body), f"disciplines/{discipline}/")
    html, notes = linknotes.number_links(html)
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}: {j}</title>'
        '<meta name="author" content="ECM Guide project"><meta name="description" content="{j} edition">'
        '<meta name="dcterms.created" content="{date}T00:00:00Z"><meta name="dcterms.modified" content="{date}T00:00:00Z">'
        '</head><body class="handout">{body}{notes}</body></html>').format(
        title=title, j=edition.jurisdiction, date=date, body=Markup(html), notes=linknotes.notes_section(notes)))


MAX_PAGES = 4
DENSITIES = ("", "compact", "compacter")  # body classes tried in turn until a handout fits (print.css)


def last_page_fill(document) -> float:
    """How far down its content area the last page is filled (0 to 1), from WeasyPrint's line boxes."""
    box = document.pages[-1]._page_box
    lows = [d.position_y + d.height for c in box.children if type(c).__name__ != "MarginBox"
            for d in c.descendants() if type(d).__name__ == "LineBox"]
    return (max(lows) - box.content_box_y()) / box.height if lows else 0.0


def fitted(html: str, layout):
    """The handout laid out (layout(html) -> WeasyPrint document) in at most MAX_PAGES pages, its last page
    not a stray line or two.

    It is laid out at normal density first; if it runs long or ends on an almost empty page, a more
    compact density is tried. The first that fits wins; otherwise the shortest.
    """
    tried = []
    for density in DENSITIES:
        classes = "handout" + (f" {density}" if density else "")
        document = layout(html.replace('<body class="handout">', f'<body class="{classes}">', 1))
        pages, fill = len(document.pages), last_page_fill(document)
        if pages <= MAX_PAGES and (pages == 1 or fill >= 0.25):
            return document
        tried.append((pages, -fill, len(tried), document))
    return min(tried, key=lambda t: t[:3])[3]
