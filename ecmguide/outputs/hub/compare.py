"""The hub's compare page: every topic across every state, district and territory, with a picker.

Without JavaScript it is plain tables, one per topic, every jurisdiction a row. With JavaScript
(docs/assets/js/compare.js) a form on top picks jurisdictions and topics and keeps the choice in the
page's address (?j=tx,ca&t=duty_to_warn, or ?all=1 for everything), so a reader can share exactly what
they compared. Until something is picked no table shows (all of them are some 135,000 px tall on a phone),
and the picked tables are scrolled into view when the reader presses Show.
"""

from __future__ import annotations

import re
from collections import Counter

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition, Fact
from ecmguide.law.schema import Field
from ecmguide.outputs import render

TOPICS = [s for s in schema.SLOTS if s.counted]


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.;])(\s|$)", text)
    return m.group(1) if m else text


def _compared(slot: str) -> list[tuple[Field, dict]]:
    """The topic's fields the compare page shows (declared `compare:`), the headline first."""
    extra = schema.SLOTS_BY_PATH[slot].extra
    shown = [(i, f, dict(f.compare)) for i, f in enumerate(extra) if f.compare is not None]
    return [(f, c) for i, f, c in sorted(shown, key=lambda x: (not x[2].get("headline"), x[2].get("order", x[0])))]


def _bit(f: Field, c: dict, value) -> Markup | None:
    present = value is not None and value != ""
    if not c.get("headline") and not render._shown(f, value):
        return None
    words = f.words(value, c.get("labels")) if present else c.get("missing", "not coded")
    shown = Markup("<strong>{}</strong>").format(words) if c.get("headline") else Markup("{}").format(words)
    return Markup("{}: {}").format(c["label"], shown) if c.get("label") else shown


def value(slot: str, fact: Fact) -> Markup:
    """What a reader compares: the status in words, then the topic's categorical values."""
    if not fact.has_law:
        return Markup('<span class="cmp-status cmp-{}">{}</span>').format(
            fact.status.replace("_", "-"), render.STATUS_WORDS[fact.status]
        )
    compared = _compared(slot)
    if fact.status == "not_enacted":
        bits = [Markup("<strong>No such law</strong> (a source says so)")]
    elif compared:
        bits = [b for f, c in compared if (b := _bit(f, c, fact.get(f.name))) is not None]
    else:
        bits = [Markup("<strong>In force.</strong> {}").format(_first_sentence(fact.summary))]
    return Markup("; ").join(bits)


def _source(fact: Fact) -> Markup:
    if not fact.has_law:
        return Markup("—")
    return Markup('{}<br><span class="compare-source">Source read: {}</span>').format(
        render.citation_html(fact), render.link(fact.source_url, render.host(fact.source_url))
    )


def _summary(slot: str, facts: list[Fact]) -> str:
    n = len(facts)
    counts = {s: sum(1 for f in facts if f.status == s) for s in schema.STATUSES}
    words = ", ".join(f"{render.STATUS_WORDS[s].lower()} {c}" for s, c in counts.items() if c)
    template = schema.SLOTS_BY_PATH[slot].compare_summary  # {field[value]}: recorded facts with that value
    values = {
        f.name: Counter(str(x.get(f.name)).lower() for x in facts if x.has_law)
        for f in schema.SLOTS_BY_PATH[slot].extra
    }
    return f"{n} jurisdictions: {words}.{template.format(n=n, **values)}"


def compare_md(editions: list[Edition]) -> str:
    places = sorted(
        (e for e in editions if not e.is_local and not e.is_federal and e.lang == "en"), key=lambda e: e.jurisdiction
    )
    picker_j = Markup("").join(
        Markup('<label><input type="checkbox" name="j" value="{0}"> {1}</label>').format(e.code, e.jurisdiction)
        for e in places
    )
    picker_t = Markup("").join(
        Markup('<label><input type="checkbox" name="t" value="{0}"> {1}</label>').format(s.path, s.title)
        for s in TOPICS
    )
    parts = [
        "# Compare jurisdictions",
        "Every topic across every state, the District of Columbia and the territories, built from the same overlay "
        "files as each edition. Each entry says what is known (in force, no such law, searched and none found, or "
        "not yet researched), links the official text of its citation and names the page the fact was checked "
        "against. Information, not legal advice: read the cited text before relying on any entry.",
        str(
            Markup(
                '<form class="compare-picker" hidden aria-labelledby="compare-picker-title">'
                '<p id="compare-picker-title"><strong>Choose what to compare</strong>: tick jurisdictions, '
                "topics or both, then Show (your choice is kept in the page address, so you can share it)</p>"
                '<fieldset><legend>Jurisdictions</legend><div class="picker-options">{}</div></fieldset>'
                '<fieldset><legend>Topics</legend><div class="picker-options">{}</div></fieldset>'
                '<p class="picker-buttons"><button type="submit">Show</button> '
                '<button type="button" class="compare-all">Show everything</button> '
                '<button type="reset">Clear</button></p>'
                '<p class="compare-count" role="status" aria-live="polite"></p></form>'
            ).format(picker_j, picker_t)
        ),
    ]
    for slot in TOPICS:
        facts = [e.fact(slot.path) for e in places]
        rows = Markup("").join(
            Markup(
                '<tr data-j="{code}"><th scope="row"><a href="../{code}/jurisdiction-facts/#{anchor}">{name}</a></th>'
                '<td data-label="What is recorded">{value}</td><td data-label="Citation and source">{source}</td></tr>'
            ).format(
                code=e.code,
                anchor=render.anchor_id(slot.path),
                name=e.jurisdiction,
                value=value(slot.path, f),
                source=_source(f),
            )
            for e, f in zip(places, facts, strict=True)
        )
        anchor = slot.path.replace(".", "-").replace("_", "-")
        parts.append(
            str(
                Markup(
                    '<section class="compare-topic" data-topic="{path}" aria-labelledby="{anchor}"><h2 id="{anchor}">{title}</h2>'
                    '<p>{summary}</p><div class="table-scroll" tabindex="0" role="region" aria-label="{title}">'
                    '<table class="compare stack"><caption>{title}, by jurisdiction</caption><thead><tr>'
                    '<th scope="col">Jurisdiction</th><th scope="col">What is recorded</th>'
                    '<th scope="col">Citation (official text) and source read</th></tr></thead><tbody>{rows}</tbody></table>'
                    "</div></section>"
                ).format(path=slot.path, anchor=anchor, title=slot.title, summary=_summary(slot.path, facts), rows=rows)
            )
        )
    parts.append('<script src="../assets/js/compare.js"></script>')
    return "\n\n".join(parts) + "\n"
