"""Escaped HTML for jurisdiction facts, returned by the macros as finished values.

Every value from an overlay goes through escape() and is never parsed as a template; URLs are
linked only when they are http(s). Blocks contain no blank line, so Markdown passes each one
through as a raw HTML block. (Names, which also reach page titles, are plain text by validation.)
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ecmguide.core import contacts
from ecmguide.law import citations, schema, sources
from ecmguide.law.model import Edition, Fact
from ecmguide.law.schema import Field, Slot
from ecmguide.outputs.catalog import messages

SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
STATUS_WORDS = schema.STATUS_WORDS


def page_link(target: str, page_url: str) -> str:
    """URL of a docs page ("definitions.md#privilege") relative to the current page's URL."""
    from ecmguide.core.generator import relative_url as get_relative_url

    path, _, anchor = target.partition("#")
    url = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    rel = get_relative_url(url or "./", page_url or "./")
    return rel + (f"#{anchor}" if anchor else "")


def english_part(edition: Edition, html: Markup, note: str = "facts_in_english") -> Markup:
    """In an edition in another language, a part that stays in English (the legal facts until a reviewed
    translation exists; a task force's own words): marked lang="en", after a note in the page's language
    saying why. In an English edition, the part as it is."""
    if edition.lang == "en" or not html:
        return html
    return Markup(
        '<div class="in-english"><p class="translation-note english-note">{}</p><div lang="en">{}</div></div>'
    ).format(messages(edition.lang)["site"][note], html)


def summary_html(edition: Edition, fact: Fact) -> Markup:
    """The fact's summary: in the edition's language where the overlay gives one (summary_es), else as written."""
    if edition.lang == "es" and fact.summary_es:
        return Markup('<p class="fact-summary-translated" lang="es">{}</p>').format(fact.summary_es)
    return Markup("<p>{}</p>").format(fact.summary) if fact.summary else Markup("")


def link(url: str, text: str) -> Markup:
    if url and SAFE_URL.match(url):
        return Markup('<a href="{}">{}</a>').format(url, text)
    return Markup("{}").format(text)


def anchor_id(slot_path: str) -> str:
    """The stable anchor of a fact on its jurisdiction's at-a-glance page, e.g. fact-privileges-ht-caseworker."""
    return "fact-" + slot_path.replace(".", "-").replace("_", "-")


def _guidance_title(target: str) -> str:
    return {
        "definitions.md#privilege": "Privilege, in Key definitions",
        "definitions.md#mandated-reporting": "Mandated reporting, in Key definitions",
        "definitions.md#duty-to-warn": "Duty to warn, in Key definitions",
        "disciplines/law-enforcement.md": "the Law enforcement section",
        "disciplines/prosecutors.md": "the Prosecutors section",
    }.get(target, "the general guidance")


def _value_html(f: Field, value) -> Markup:
    """A topic's own field as a reader sees it: a dialable number, a link, a list, or the value's words."""
    if f.kind == "phone":
        shown = phone_link(value)
    elif f.kind in ("url", "https"):
        shown = link(value, value)
    elif f.kind in ("strs", "urls"):
        shown = Markup("{}").format(", ".join(value))
    else:
        shown = Markup("{}").format(f.words(value))
    return Markup("<strong>{}</strong>").format(shown) if f.strong else shown


def _shown(f: Field, value) -> bool:
    return value is not None if f.kind in ("bool", "tristate") else bool(value)


def _report(record: dict) -> list[Markup]:
    bits = [Markup("{}").format(record["agency"])]
    if record.get("phone"):
        bits.append(phone_link(record["phone"]))
    if record.get("url"):
        bits.append(link(record["url"], "report online"))
    out = [Markup("Report to: {}{}").format(Markup(", ").join(bits), read_on(record))]
    if record.get("deadline"):
        out.append(
            Markup("When: {}{}").format(
                record["deadline"],
                Markup(" ({})").format(record["deadline_citation"]) if record.get("deadline_citation") else "",
            )
        )
    return out


def _apply(record: dict) -> list[Markup]:
    return [Markup("How to apply: {} ({}){}").format(record["how"], APPLY_LABEL[record["through"]], read_on(record))]


# How a topic's record field is shown (its declaration names one: `render: report`).
RECORDS = {"report": _report, "apply": _apply}


def _details(fact: Fact) -> list[Markup]:
    """The topic's own fields, in declared order (each "Label: value"), the date the text took effect, the
    records (where to report, how to apply), the acts that changed the text and how far that was checked."""
    slot = schema.SLOTS_BY_PATH.get(fact.slot)
    extra = slot.extra if slot else ()
    out = [
        Markup("{}: {}").format(f.label, _value_html(f, fact.get(f.name)))
        for f in extra
        if f.label and f.kind not in ("record", "records") and _shown(f, fact.get(f.name))
    ]
    if fact.effective:
        out.append(Markup('In effect since <time datetime="{0}">{0}</time>').format(fact.effective.isoformat()))
    for f in extra:
        if f.render and fact.get(f.name):
            out += RECORDS[f.render](dict(fact.get(f.name)))
    for act in fact.amended_by:  # newest first
        a = dict(act)
        what = {"enacted": "Enacted", "amended": "Amended", "renumbered": "Renumbered", "repealed": "Repealed"}.get(
            a.get("effect", ""), "Enacted or amended"
        )
        when = (
            Markup(', effective <time datetime="{0}">{0}</time>').format(a["effective"].isoformat())
            if a.get("effective")
            else ""
        )
        sections = Markup(" ({})").format(a["sections"]) if a.get("sections") else ""
        out.append(Markup("{} by: {}{}{}").format(what, a["act"], sections, when))
    if fact.status == "in_force":
        out.append(currency_line(fact))
    return out


def read_on(record: dict) -> Markup:
    """Where and when a next step was read: the agency's own page, and whether it was a saved copy."""
    return Markup(' (read on {}{} on <time datetime="{}">{}</time>)').format(
        link(record["source_url"], host(record["source_url"])),
        " in a saved copy" if record.get("saved_copy") else "",
        record["last_reviewed"].isoformat(),
        record["last_reviewed"].isoformat(),
    )


APPLY_LABEL = {
    "self": "the survivor applies directly",
    "application_assistant": "through an application assistant",
    "advocate": "through a victim advocate",
}


def currency_line(fact: Fact) -> Markup:
    """How far the law was checked for later acts, or that it was not: never a session nobody checked."""
    current = dict(fact.current_through)
    if not current:
        return Markup("Later changes to the law: not checked")
    through = [Markup("{}").format(current["session"])] if current.get("session") else []
    if current.get("through"):
        through.append(Markup('acts to <time datetime="{0}">{0}</time>').format(current["through"].isoformat()))
    return Markup('Later changes to the law: checked on <time datetime="{0}">{0}</time>, through {1}').format(
        current["checked_on"].isoformat(), Markup("; ").join(through)
    )


def phone_link(number: str) -> Markup:
    """A number a phone can dial: a tel: link in E.164 (core.contacts); the text stays as written.

    Validation refuses a number that does not parse, so the plain-text fallback serves only old versions
    quoted in change reports."""
    try:
        uri = contacts.tel_uri(number)
    except contacts.ContactError:
        return Markup("{}").format(number)
    return Markup('<a href="{}">{}</a>').format(uri, number)


def sms_link(code: str, words: str = "text {code}") -> Markup:
    """An SMS short code to text, as a link; words, from a catalog, say it in another language."""
    try:
        return Markup('<a href="{}">{}</a>').format(contacts.sms_uri(code), words.format(code=code))
    except contacts.ContactError:
        return Markup("{}").format(words.format(code=code))


def contact_ways(contact, call: str, text) -> list[Markup]:
    """How to reach a national line (law/national.py), in the document's words: call (a catalog's "call
    {number}") its number or dialing code, in bold, and text(short code) its SMS code, where it has them."""
    ways = []
    if contact.number or contact.dial:
        ways.append(
            Markup(call).format(
                number=Markup("<strong>{}</strong>").format(
                    phone_link(contact.number) if contact.number else dial_link(contact.dial)
                )
            )
        )
    if contact.sms:
        ways.append(text(contact.sms))
    return ways


def dial_link(code: str) -> Markup:
    """A short dialing code such as 988, linked as tel: (validated as digits only)."""
    try:
        return Markup('<a href="tel:{0}">{0}</a>').format(contacts.check_short_code(code))
    except contacts.ContactError:
        return Markup("{}").format(code)


def host(url: str) -> str:
    """The host a reader sees for a page read ("capitol.texas.gov"): sources.host without its "www."."""
    return (sources.host(url) or url).removeprefix("www.")


def citation_html(fact: Fact) -> Markup:
    """The citation, linked to the official text where there is a link, with the link's label."""
    official = citations.fact_link(fact)
    if official is None:
        return Markup('{} <span class="fact-linklabel">(no official-text link recorded)</span>').format(fact.citation)
    label = messages()["sureness"]["official_link"] if official.label == citations.OFFICIAL_TEXT else official.label
    return Markup('<a href="{}" class="fact-official">{}</a> <span class="fact-linklabel">({})</span>').format(
        official.url, fact.citation, label
    )


def review_state(fact: Fact, edition: Edition | None = None) -> Markup:
    """How the fact was checked, in words: official text or secondary source, with the day; attorney review;
    and, measured against the edition's own date (never the build day), whether the check is old or the
    official page has changed since."""
    m = messages()["sureness"]
    day = fact.last_reviewed.isoformat() if fact.last_reviewed else ""
    when = Markup('<time datetime="{0}">{0}</time>').format(day) if day else Markup("an unrecorded date")
    text = Markup(m["official" if fact.official_checked else "secondary"]).format(date=when)
    through = dict(fact.current_through).get("through") if fact.current_through else None
    if through:
        text += Markup("; ") + Markup(m["through"]).format(through=through)
    review = dict(fact.attorney_review)
    if review:
        text += Markup('. Reviewed by an attorney ({}) on <time datetime="{}">{}</time>').format(
            review["role"], review["date"].isoformat(), review["date"].isoformat()
        )
    if edition is not None:
        changed = edition.page_changed.get(f"{fact.layer}.{fact.slot}")
        if changed:
            text += Markup(
                '. <strong class="fact-flag">The official page changed on <time datetime="{0}">{0}'
                "</time>, after this check</strong>: the law may have changed"
            ).format(changed)
        if fact.last_reviewed and (edition.edition_date - fact.last_reviewed).days > 365:
            text += Markup(
                '. <strong class="fact-flag">Checked more than 12 months before this edition\'s date</strong>'
            )
    return text


def source_line(fact: Fact, edition: Edition | None = None) -> Markup:
    bits = [Markup("Source read: {}").format(link(fact.source_url, host(fact.source_url))), review_state(fact, edition)]
    if fact.confidence:
        bits.append(Markup(messages()["sureness"]["confidence"][fact.confidence]))
    return Markup('<p class="fact-source">{}.</p>').format(Markup(". ").join(bits))


def searched_html(fact: Fact) -> Markup:
    searched = dict(fact.searched)

    def item(source: str) -> Markup:
        url, _, rest = source.partition(" ")  # "https://... (what was looked at there)"
        if SAFE_URL.match(url):
            return Markup("{} {}").format(link(url, url), rest) if rest else link(url, url)
        return Markup("{}").format(source)

    items = Markup("").join(Markup("<li>{}</li>").format(item(s)) for s in searched.get("sources", ()))
    day = searched["date"].isoformat() if searched.get("date") else ""
    return Markup(
        '<p class="fact-searched">Searched on <time datetime="{0}">{0}</time>:</p>'
        '<ul class="fact-searched-list">{1}</ul>'
    ).format(day, items)


def status_line(edition: Edition, slot: Slot, fact: Fact, page_url: str) -> Markup:
    """The first words of a box, different for each status so a reader never confuses them."""
    j = edition.jurisdiction
    if fact.status == "not_enacted":
        return Markup(
            '<p class="fact-status fact-status-not-enacted"><strong>No such law.</strong> '
            "A source says {} has none.</p>"
        ).format(j)
    if fact.status == "none_found":
        return Markup(
            '<p class="fact-status fact-status-none-found"><strong>None found.</strong> This was searched '
            "for {} and nothing was found; no source says there is none.</p>"
        ).format(j)
    if fact.status == "unknown":
        guidance = Markup('<a href="{}">{}</a>').format(
            page_link(slot.guidance, page_url), _guidance_title(slot.guidance)
        )
        return Markup(
            '<p class="fact-status fact-status-unknown"><strong>Not yet researched</strong> for {}. '
            "Until it is, see {}.</p>"
        ).format(j, guidance)
    return Markup("")


def fact_block(edition: Edition, slot_path: str, page_url: str, heading: str = "h3", entry_link: bool = True) -> Markup:
    slot = schema.SLOTS_BY_PATH[slot_path]
    fact = edition.fact(slot_path)
    # A real heading with its own id: search indexes each fact as its own section, titled by its topic, so a
    # reader's query ("address confidentiality") finds the fact before pages that merely use the words.
    title = Markup('<{0} class="fact-title" id="{1}-title">{2}</{0}>').format(heading, anchor_id(slot_path), slot.title)
    parts = [title, status_line(edition, slot, fact, page_url), summary_html(edition, fact)]
    if fact.has_law:
        details = _details(fact)
        if details:
            parts.append(
                Markup('<ul class="fact-details">{}</ul>').format(
                    Markup("").join(Markup("<li>{}</li>").format(d) for d in details)
                )
            )
        parts.append(Markup('<p class="fact-cite">Citation: {}</p>').format(citation_html(fact)))
        parts.append(source_line(fact, edition))
    elif fact.status == "none_found":
        parts.append(searched_html(fact))
    if fact.limits:
        parts.append(Markup('<p class="fact-limits"><strong>Limits of this entry:</strong> {}</p>').format(fact.limits))
    if entry_link:
        parts.append(
            Markup('<p class="fact-id"><a href="{}#{}">This fact in {} at a glance</a></p>').format(
                page_link("jurisdiction-facts.md", page_url), anchor_id(slot_path), edition.jurisdiction
            )
        )
    classes = "fact" + {
        "unknown": " fact-missing",
        "none_found": " fact-none-found",
        "not_enacted": " fact-not-enacted",
    }.get(fact.status, "")
    return Markup('<div class="{}" id="{}">{}</div>').format(classes, anchor_id(slot_path), Markup("").join(parts))


def facts_group(edition: Edition, slots: list[str], page_url: str, heading: str = "h3") -> Markup:
    return Markup('<div class="facts">{}</div>').format(
        Markup("").join(fact_block(edition, s, page_url, heading=heading) for s in slots)
    )


def discipline_box(edition: Edition, discipline: str, page_url: str, lead: Markup | None = None) -> Markup:
    """The jurisdiction's facts for one discipline; `lead` (the short answers, answers.py) comes first."""
    slots = [s.path for s in schema.SLOTS if discipline in s.disciplines]
    glance = page_link("jurisdiction-facts.md", page_url)
    return Markup(
        '<div class="admonition jurisdiction-box" role="region" aria-label="In {j}">'
        '<p class="admonition-title">In {j}</p>{lead}{facts}'
        '<p class="fact-disclaimer">Information, not legal advice. Check the current law and consult counsel. '
        'All recorded facts: <a href="{glance}">{j} at a glance</a>.</p></div>'
    ).format(
        j=edition.jurisdiction,
        lead=lead or "",
        glance=glance,
        facts=facts_group(edition, slots, page_url, heading="h2"),
    )  # the box comes right under the page's h1


def _row_cells(edition: Edition, slot: Slot, fact: Fact, page_url: str) -> tuple[Markup, Markup, Markup]:
    """(what is recorded, citation, source and review) for one fact in a table row."""
    status = status_line(edition, slot, fact, page_url)
    what = status + summary_html(edition, fact)
    details = _details(fact) if fact.has_law else []
    if details:
        what += Markup('<ul class="fact-details">{}</ul>').format(
            Markup("").join(Markup("<li>{}</li>").format(d) for d in details)
        )
    if fact.status == "none_found":
        what += searched_html(fact)
    if fact.limits:
        what += Markup('<p class="fact-limits"><strong>Limits of this entry:</strong> {}</p>').format(fact.limits)
    if not fact.has_law:
        return what, Markup("—"), Markup("—")
    checked = Markup("{}. {}").format(
        review_state(fact, edition),
        Markup(messages()["sureness"]["confidence"][fact.confidence]) if fact.confidence else "Confidence: not stated",
    )
    source = Markup("{}<br>{}").format(link(fact.source_url, host(fact.source_url)), checked)
    return what, citation_html(fact), source


def _table(caption: Markup, head: str, rows: list[Markup]) -> Markup:
    return Markup(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="{0}">'
        '<table class="facts-table stack"><caption>{0}</caption><thead><tr><th scope="col">{1}</th>'
        '<th scope="col">What is recorded</th><th scope="col">Citation (official text)</th>'
        '<th scope="col">Source read, and how it was checked</th></tr></thead><tbody>{2}</tbody></table>'
        "</div>"
    ).format(caption, head, Markup("").join(rows))


def facts_table(edition: Edition, page_url: str) -> Markup:
    rows = []
    for slot in schema.SLOTS:
        what, cite, source = _row_cells(edition, slot, edition.fact(slot.path), page_url)
        rows.append(
            Markup(
                '<tr id="{}"><th scope="row">{}</th><td data-label="What is recorded">{}</td>'
                '<td data-label="Citation">{}</td><td data-label="Source read">{}</td></tr>'
            ).format(anchor_id(slot.path), slot.title, what, cite, source)
        )
    return _table(Markup("Recorded facts for {}").format(edition.jurisdiction), "Topic", rows)


def federal_table(edition: Edition) -> Markup:
    rows = []
    for key, fact in edition.federal.items():
        slot = Slot(f"federal.{key}", schema.FEDERAL_AUTHORITIES[key], "", "", ())
        what, cite, source = _row_cells(edition, slot, fact, "")
        rows.append(
            Markup(
                '<tr id="{}"><th scope="row">{}</th><td data-label="What it does">{}</td>'
                '<td data-label="Citation">{}</td><td data-label="Source read">{}</td></tr>'
            ).format(anchor_id(f"federal.{key}"), slot.title, what, cite, source)
        )
    return _table(Markup("Federal law cited in every edition"), "Authority", rows)


def contacts_block(edition: Edition) -> Markup:
    if not edition.task_force:
        return Markup("")
    parts = [Markup('<p class="admonition-title">{}</p>').format(edition.task_force)]
    if edition.example:
        parts.append(
            Markup("<p><strong>Example edition:</strong> the contacts below are placeholders, not real services.</p>")
        )
    c = edition.coordinator
    if c:
        bits = [Markup("{}").format(c.get("name", ""))]
        if c.get("email"):
            bits.append(Markup('<a href="mailto:{0}">{0}</a>').format(c["email"]))
        if c.get("phone"):
            bits.append(phone_link(c["phone"]))
        parts.append(Markup("<p>Coordinator: {}</p>").format(Markup(" · ").join(bits)))
    if edition.hotlines:
        parts.append(
            Markup('<ul class="hotlines">{}</ul>').format(
                Markup("").join(
                    Markup("<li>{}: <strong>{}</strong>{}{}</li>").format(
                        h.label,
                        phone_link(h.number),
                        Markup(" or <strong>{}</strong>").format(sms_link(h.sms)) if h.sms else "",
                        Markup(" ({})").format(h.hours) if h.hours else "",
                    )
                    for h in edition.hotlines
                )
            )
        )
    for key, label in (
        ("mou", "Memorandum of understanding"),
        ("protocol", "Confidentiality and information-sharing protocol"),
    ):
        if edition.links.get(key):
            parts.append(Markup("<p>{}</p>").format(link(edition.links[key], label)))
    return Markup('<div class="admonition note task-force" role="region" aria-label="{}">{}</div>').format(
        edition.task_force, Markup("").join(parts)
    )
