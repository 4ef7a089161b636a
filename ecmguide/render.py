"""Escaped HTML for jurisdiction facts, returned by the macros as finished values.

Every value from an overlay goes through escape() and is never parsed as a template; URLs are
linked only when they are http(s). Blocks contain no blank line, so Markdown passes each one
through as a raw HTML block. (Names, which also reach page titles, are plain text by validation.)
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from . import schema
from .model import Edition, Fact

STATUS_LABEL = {"in_force": "In force", "not_enacted": "No such law recorded", "unknown": "Not yet recorded"}
BOOL_LABEL = {True: "yes", False: "no"}
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def page_link(target: str, page_url: str) -> str:
    """URL of a docs page ("definitions.md#privilege") relative to the current page's URL."""
    from mkdocs.utils import get_relative_url
    path, _, anchor = target.partition("#")
    url = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    rel = get_relative_url(url or "./", page_url or "./")
    return rel + (f"#{anchor}" if anchor else "")


def link(url: str, text: str) -> Markup:
    if url and SAFE_URL.match(url):
        return Markup('<a href="{}">{}</a>').format(url, text)
    return Markup("{}").format(text)


def _guidance_title(target: str) -> str:
    return {
        "definitions.md#privilege": "Privilege, in Key definitions",
        "definitions.md#mandated-reporting": "Mandated reporting, in Key definitions",
        "definitions.md#duty-to-warn": "Duty to warn, in Key definitions",
        "disciplines/law-enforcement.md": "the Law enforcement section",
        "disciplines/prosecutors.md": "the Prosecutors section",
    }.get(target, "the general guidance")


def _details(fact: Fact) -> list[Markup]:
    out = []
    get = fact.get
    if get("rule"):
        out.append(Markup("Rule: <strong>{}</strong>").format(get("rule")))
    if get("universal") is not None:
        who = "every person" if get("universal") else "listed professions"
        out.append(Markup("Who must report: {}").format(who))
    if get("professions"):
        out.append(Markup("Professions named: {}").format(", ".join(get("professions"))))
    if get("trafficking_expressly_covered") is not None:
        out.append(Markup("Names human trafficking: {}").format(BOOL_LABEL[get("trafficking_expressly_covered")]))
    if get("attorneys_report"):
        out.append(Markup("Attorneys must report: {}").format(get("attorneys_report").replace("_", " ")))
    if get("program_name"):
        out.append(Markup("Program: <strong>{}</strong>").format(get("program_name")))
    if get("agency"):
        out.append(Markup("Run by: {}").format(get("agency")))
    if get("trafficking_victims_qualify") is not None:
        out.append(Markup("Trafficking victims expressly eligible: {}").format(BOOL_LABEL[get("trafficking_victims_qualify")]))
    if get("phone"):
        out.append(Markup("Phone: {}").format(get("phone")))
    if get("website"):
        out.append(Markup("Website: {}").format(link(get("website"), get("website"))))
    if get("constitutional") is not None:
        out.append(Markup("In the constitution: {}").format(BOOL_LABEL[get("constitutional")]))
    return out


def fact_block(edition: Edition, slot_path: str, page_url: str, heading: str = "h3") -> Markup:
    slot = schema.SLOTS_BY_PATH[slot_path]
    fact = edition.fact(slot_path)
    anchor = "fact-" + slot_path.replace(".", "-").replace("_", "-")
    title = Markup('<p class="fact-title" role="heading" aria-level="{}"><strong>{}</strong></p>').format(
        heading[-1], slot.title)
    if not fact.recorded:
        guidance = page_link(slot.guidance, page_url)
        body = Markup('<p class="fact-unknown">Not yet recorded for {}. See {}.{}</p>').format(
            edition.jurisdiction, Markup('<a href="{}">{}</a>').format(guidance, _guidance_title(slot.guidance)),
            Markup(" {}").format(fact.note) if fact.note else "")
        return Markup('<div class="fact fact-missing" id="{}">{}{}</div>').format(anchor, title, body)
    parts = [title]
    if fact.status == "not_enacted":
        parts.append(Markup('<p class="fact-status">No such law is recorded for {}.</p>').format(edition.jurisdiction))
    parts.append(Markup("<p>{}</p>").format(fact.summary))
    details = _details(fact)
    if details:
        parts.append(Markup('<ul class="fact-details">{}</ul>').format(
            Markup("").join(Markup("<li>{}</li>").format(d) for d in details)))
    parts.append(citation_line(fact))
    if fact.note:
        parts.append(Markup('<p class="fact-note"><em>Note for reviewers:</em> {}</p>').format(fact.note))
    return Markup('<div class="fact" id="{}">{}</div>').format(anchor, Markup("").join(parts))


def citation_line(fact: Fact) -> Markup:
    bits = [Markup("Source: {}").format(link(fact.source_url, fact.citation))]
    if fact.last_reviewed:
        bits.append(Markup('Last reviewed <time datetime="{0}">{0}</time>').format(fact.last_reviewed.isoformat()))
    if fact.confidence:
        bits.append(Markup("Confidence: {}").format(fact.confidence))
    return Markup('<p class="fact-cite">{}</p>').format(Markup(" · ").join(bits))


def facts_group(edition: Edition, slots: list[str], page_url: str) -> Markup:
    return Markup('<div class="facts">{}</div>').format(
        Markup("").join(fact_block(edition, s, page_url) for s in slots))


def discipline_box(edition: Edition, discipline: str, page_url: str) -> Markup:
    slots = [s.path for s in schema.SLOTS if discipline in s.disciplines]
    glance = page_link("jurisdiction-facts.md", page_url)
    return Markup(
        '<div class="admonition jurisdiction-box" role="region" aria-label="In {j}">'
        '<p class="admonition-title">In {j}</p>{facts}'
        '<p class="fact-disclaimer">Information, not legal advice. Check the current law and consult counsel. '
        'All recorded facts: <a href="{glance}">{j} at a glance</a>.</p></div>'
    ).format(j=edition.jurisdiction, facts=facts_group(edition, slots, page_url), glance=glance)


def facts_table(edition: Edition, page_url: str) -> Markup:
    rows = []
    for slot in schema.SLOTS:
        fact = edition.fact(slot.path)
        if fact.recorded:
            what = Markup("{}").format(fact.summary)
            details = _details(fact)
            if details:
                what += Markup(" ({})").format(Markup("; ").join(details))
            cite = link(fact.source_url, fact.citation)
            reviewed = fact.last_reviewed.isoformat() if fact.last_reviewed else ""
        else:
            what = Markup('<span class="fact-unknown">Not yet recorded for {}. See <a href="{}">{}</a>.</span>').format(
                edition.jurisdiction, page_link(slot.guidance, page_url), _guidance_title(slot.guidance))
            cite, reviewed = Markup("—"), ""
        rows.append(Markup('<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>').format(
            slot.title, what, cite, reviewed))
    return Markup('<table class="facts-table"><caption>Recorded facts for {}</caption><thead><tr>'
                  '<th scope="col">Topic</th><th scope="col">What is recorded</th><th scope="col">Source</th>'
                  '<th scope="col">Last reviewed</th></tr></thead><tbody>{}</tbody></table>').format(
        edition.jurisdiction, Markup("").join(rows))


def federal_table(edition: Edition) -> Markup:
    rows = [Markup('<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>').format(
        schema.FEDERAL_AUTHORITIES[key], fact.summary, link(fact.source_url, fact.citation),
        fact.last_reviewed.isoformat() if fact.last_reviewed else "")
        for key, fact in edition.federal.items()]
    return Markup('<table class="facts-table"><caption>Federal law cited in every edition</caption><thead><tr>'
                  '<th scope="col">Authority</th><th scope="col">What it does</th><th scope="col">Source</th>'
                  '<th scope="col">Last reviewed</th></tr></thead><tbody>{}</tbody></table>').format(
        Markup("").join(rows))


def contacts_block(edition: Edition) -> Markup:
    if not edition.task_force:
        return Markup("")
    parts = [Markup('<p class="admonition-title">{}</p>').format(edition.task_force)]
    if edition.example:
        parts.append(Markup('<p><strong>Example edition:</strong> the contacts below are placeholders, not real services.</p>'))
    c = edition.coordinator
    if c:
        bits = [Markup("{}").format(c.get("name", ""))]
        if c.get("email"):
            bits.append(Markup('<a href="mailto:{0}">{0}</a>').format(c["email"]))
        if c.get("phone"):
            bits.append(Markup("{}").format(c["phone"]))
        parts.append(Markup("<p>Coordinator: {}</p>").format(Markup(" · ").join(bits)))
    if edition.hotlines:
        parts.append(Markup('<ul class="hotlines">{}</ul>').format(Markup("").join(
            Markup("<li>{}: <strong>{}</strong>{}</li>").format(h.label, h.number, Markup(" ({})").format(h.hours) if h.hours else "")
            for h in edition.hotlines)))
    for key, label in (("mou", "Memorandum of understanding"), ("protocol", "Confidentiality and information-sharing protocol")):
        if edition.links.get(key):
            parts.append(Markup("<p>{}</p>").format(link(edition.links[key], label)))
    return Markup('<div class="admonition note task-force" role="region" aria-label="{}">{}</div>').format(
        edition.task_force, Markup("").join(parts))
