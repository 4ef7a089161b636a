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
from ecmguide.outputs.catalog import checked_as_of, discipline_title, messages, unreviewed_notice
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
    return render.english_part(
        edition, Markup("").join(render.fact_block(edition, s, page_url, heading="h3", entry_link=False) for s in slots)
    )


def _where(edition: Edition, discipline: str) -> Markup:
    m = messages(edition.lang)["handout"]
    url = page_address(edition, discipline)
    if not url:  # never a guessed address: say whom to ask
        return Markup("<p>{}</p>").format(
            Markup(m["where_none"]).format(
                jurisdiction=edition.jurisdiction,
                pdf=pdf_name(edition.code),
                publisher=Markup(messages(edition.lang)["printed"]["publisher"]).format(name=edition.task_force)
                if edition.task_force
                else "",
            )
        )
    return Markup(
        '<div class="where-qr"><img src="ecm-image:{img}" alt="{alt}" width="96" height="96"><p>{text}</p></div>'
    ).format(
        img=QR_IMAGE,
        alt=messages(edition.lang)["printed"]["qr_alt"].format(url=url),
        text=Markup(m["where_online"]).format(
            jurisdiction=edition.jurisdiction,
            url=Markup('<a href="{0}">{0}</a>').format(url),
            pdf=pdf_name(edition.code),
        ),
    )


def _checked(edition: Edition, slots) -> Markup:
    """Facts checked as of DATE: the newest last_reviewed among the facts this document shows."""
    day = checked_as_of(edition, slots)
    return (
        Markup(messages(edition.lang)["sureness"]["checked_as_of"]).format(
            date=Markup('<time datetime="{0}">{0}</time>').format(day.isoformat())
        )
        if day
        else Markup("")
    )


def _reporting_line(edition: Edition) -> Markup:
    """The jurisdiction's child-abuse reporting line, as recorded from the agency's page, or where to ask."""
    m = messages(edition.lang)["handout"]
    if edition.is_federal:
        return Markup(m["report_federal"])
    report = dict(edition.fact("mandated_reporting.child").get("report") or ())
    if not report:
        return Markup("{} {}").format(
            Markup(m["report_line"]).format(jurisdiction=edition.jurisdiction), m["report_unknown"]
        )
    reach = [render.phone_link(report["phone"])] if report.get("phone") else []
    if report.get("url"):
        reach.append(render.link(report["url"], report["url"]))
    return Markup("{} <strong{}>{}</strong>{}{}").format(
        Markup(m["report_line"]).format(jurisdiction=edition.jurisdiction),
        _lang_en(edition),
        report["agency"],
        Markup(": {}").format(Markup(" · ").join(reach)) if reach else "",
        Markup(" ({})").format(report["deadline"]) if report.get("deadline") else "",
    )


def _lang_en(edition: Edition) -> Markup:
    """lang="en" on recorded data (agencies, national lines) printed in a document in another language."""
    return Markup("") if edition.lang == "en" else Markup(' lang="en"')


def help_section(edition: Edition) -> Markup:
    """Where to report and get help: the jurisdiction's reporting line, then the national lines."""
    m = messages(edition.lang)["handout"]
    lines = []
    for c in national.contacts():
        ways = render.contact_ways(
            c,
            m["call"],
            lambda code: Markup("<strong>{}</strong>").format(
                render.sms_link(code) if edition.lang == "en" else render.sms_link(code, m["text"])
            ),
        )
        if edition.lang == "en":
            lines.append(
                Markup("<li><strong>{}</strong> ({}): {}.{}</li>").format(
                    c.name,
                    c.for_whom,
                    Markup(" or ").join(ways),
                    Markup(" ") + Markup(m["languages"]).format(languages=c.languages) if c.languages else "",
                )
            )
        else:  # the lines' names, whom they serve and their languages are recorded in English, as published
            lines.append(
                Markup('<li><strong lang="en">{}</strong> (<span lang="en">{}</span>): {}.{}</li>').format(
                    c.name,
                    c.for_whom,
                    Markup(m["or"]).join(ways),
                    Markup(" ")
                    + Markup(m["languages"]).format(languages=Markup('<span lang="en">{}</span>').format(c.languages))
                    if c.languages
                    else "",
                )
            )
    newest = max((c.last_reviewed for c in national.contacts()), default=None)
    return Markup('<section class="handout-help"><h2>{}</h2><p>{}</p><p>{}</p><ul>{}</ul>{}</section>').format(
        m["help_heading"],
        _reporting_line(edition),
        m["national_heading"],
        Markup("").join(lines),
        Markup('<p class="fine">{}</p>').format(Markup(m["national_checked"]).format(date=newest.isoformat()))
        if newest
        else "",
    )


def document_html(edition: Edition, discipline: str, pages: dict[str, Page], fix_links, title: str = "") -> str:
    """The handout as one HTML document, in the edition's language (its facts, and the data of contacts and national
    lines, stay in English, marked lang="en"); fix_links(html, page_url) points internal links at the site or drops
    them."""
    p = messages(edition.lang)["printed"]
    title = title or p["handout_title"].format(discipline=discipline_title(discipline, edition.lang))
    date = edition.edition_date.isoformat()
    page = pages.get(f"disciplines/{discipline}.md")
    duties = Markup(page.handout) if page and page.handout else Markup("")
    ticks = Markup("").join(
        Markup('<li><span class="tick" aria-hidden="true">☐</span> {}</li>').format(q) for q in questions(pages)
    )
    contacts = render.english_part(edition, render.contacts_block(edition), "contacts_in_english")
    unreviewed = unreviewed_notice(edition.lang)
    body = Markup(
        '<header class="handout-head"><p class="kicker">{kicker} · '
        "{edition_of} · {checked}</p><h1>{title}</h1>"
        '<p class="handout-jurisdiction">{j}'
        '{tf}</p><p class="handout-notice"><strong>{notice_strong}</strong> {notice}</p>{unreviewed}</header>'
        '<section class="handout-duties">{duties}</section>'
        '<section class="handout-facts"><h2>{law_in}</h2>{facts}</section>'
        '<section class="handout-share"><h2>{before}</h2><p>{ask}</p><ul class="ticks">{ticks}</ul></section>'
        "{contacts}{help}"
        '<section class="handout-where"><h2>{find}</h2>{where}</section>'
    ).format(
        j=edition.jurisdiction,
        title=title,
        duties=duties,
        facts=_facts(edition, discipline),
        checked=_checked(edition, [s.path for s in schema.SLOTS if discipline in s.disciplines]),
        ticks=ticks,
        where=_where(edition, discipline),
        help=help_section(edition),
        tf=Markup(p["handout_published_by"]).format(name=edition.task_force) if edition.task_force else "",
        contacts=Markup('<section class="handout-contacts"><h2>{}</h2>{}</section>').format(
            p["your_task_force"], contacts
        )
        if contacts
        else "",
        kicker=p["kicker"],
        edition_of=Markup(p["handout_edition"]).format(
            jurisdiction=edition.jurisdiction, date=Markup('<time datetime="{0}">{0}</time>').format(date)
        ),
        notice_strong=p["notice_strong"],
        notice=p["notice"],
        law_in=p["law_in"].format(jurisdiction=edition.jurisdiction),
        before=p["before_you_share"],
        ask=p["ask"],
        find=p["find_guide"],
        unreviewed=Markup('<p class="translation-note">{}</p>').format(unreviewed) if unreviewed else "",
    )
    html = fix_links(str(body), f"disciplines/{discipline}/")
    html, notes = linknotes.number_links(html)
    return str(
        Markup(
            '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}: {j}</title>'
            '<meta name="author" content="ECM Guide project"><meta name="description" content="{description}">'
            '<meta name="dcterms.created" content="{date}T00:00:00Z"><meta name="dcterms.modified" content="{date}T00:00:00Z">'
            '</head><body class="handout">{body}{notes}</body></html>'
        ).format(
            lang=edition.lang,
            title=title,
            j=edition.jurisdiction,
            date=date,
            body=Markup(html),
            description=p["edition"].format(jurisdiction=edition.jurisdiction),
            notes=linknotes.notes_section(notes, p["notes_heading"], p["notes_intro"]),
        )
    )


MAX_PAGES = 4
DENSITIES = ("", "compact", "compacter")  # body classes tried in turn until a handout fits (print.css)


def last_page_fill(document) -> float:
    """How far down its content area the last page is filled (0 to 1), from WeasyPrint's line boxes."""
    box = document.pages[-1]._page_box
    lows = [
        d.position_y + d.height
        for c in box.children
        if type(c).__name__ != "MarginBox"
        for d in c.descendants()
        if type(d).__name__ == "LineBox"
    ]
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
