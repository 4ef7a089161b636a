"""Each edition's "What changed" page, for readers: month by month, newest first, what changed in each fact.

Every version of a fact the guide published (review.history) becomes one change: its date, whether its meaning
changed (review.diff.classify: the status, a categorical value or the main cited section, each shown old → new) or
only its wording (which parts, in reader words), and the reason from the commit's `Reader-note:` trailer, if any.
Commit subjects and ids stay in the history data for the open data export; this page never shows them. Each month
is a collapsed <details> so the page stays short on a phone, and every sentence comes from the message catalog
(ecmguide/data/messages/en.yml, `what_changed`).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.law.overlays import reaches
from ecmguide.outputs import render
from ecmguide.outputs.answers import messages
from ecmguide.review.diff import MEANING, Change, classify, slot_title
from ecmguide.review.history import Version, fact_history, fields_changed

# Kinds of change; a change "in meaning" is one that makes printed copies out of date.
FIRST, MEANING_CHANGED, WORDING_ONLY, REMOVED, AGAIN = "first", "meaning", "wording", "removed", "again"
IN_MEANING = (MEANING_CHANGED, REMOVED)


@dataclass(frozen=True)
class Entry:
    """One published version of one fact, as a change to what the guide said."""
    date: str  # YYYY-MM-DD
    slot: str
    layer: str  # the overlay's name, or "" for federal law
    rank: int  # the layer's place: 0 for the edition's own top layer, federal law last
    kind: str
    moved: dict  # field -> (old, new): what a change in meaning moved
    parts: tuple[str, ...]  # public fields changed from the version before, less those `moved` shows (names)
    note: str  # the commit's Reader-note trailer, untrusted text
    anchor: str = ""  # "history-<topic>" on the change a link to the fact's history lands on, else ""


def _change(slot: str, before: Version | None, after: Version) -> tuple[str, dict, tuple[str, ...]]:
    """(kind, moved fields, changed fields) of one version against the one before it."""
    if before is None:
        return FIRST, {}, ()
    parts = tuple(fields_changed(before.fact, after.fact, words={}))  # no words: the field names themselves
    if after.fact is None:
        return REMOVED, {}, parts
    if before.fact is None:
        return AGAIN, {}, parts
    kind, moved = classify(Change(slot, "", before.fact, after.fact))
    if kind == MEANING:
        # Parts the old → new lines already show are not named again: the status, the citation when its main
        # section moved, the details when the moved values are all that changed in them.
        def other_details(fact):
            return {k: v for k, v in fact.extra if k not in moved}
        shown = {"status"} & set(moved) | ({"citation"} if "section" in moved else set())
        if other_details(before.fact) == other_details(after.fact):
            shown.add("extra")
        return MEANING_CHANGED, moved, tuple(p for p in parts if p not in shown)
    return WORDING_ONLY, moved, parts


def entries(edition: Edition, root: Path) -> list[Entry] | None:
    """Every change to a fact this edition shows, newest first (jurisdiction before federal law on one day);
    None when the repository history cannot be read."""
    out = []
    for rank, layer in enumerate(reversed(edition.layers)):  # the edition's own facts first, federal law last
        history = fact_history(root, layer.code)
        if history is None:
            return None
        for slot, versions in history.items():
            if not reaches(slot, layer.kind, edition.is_federal):
                continue
            for before, after in zip((None, *versions), versions):
                kind, moved, parts = _change(slot, before, after)
                out.append(Entry(after.date, slot, "" if layer.kind == "federal" else layer.name, rank, kind, moved,
                                 parts, after.reader_note))
    out.sort(key=lambda e: (e.rank, _order(e.slot)))
    out.sort(key=lambda e: e.date, reverse=True)  # stable: on one day, the order above
    # A fact's stable anchor goes on the newest change of the layer the edition shows it from (its top layer).
    best: dict[str, Entry] = {}
    for e in out:
        if e.slot not in best or e.rank < best[e.slot].rank:
            best[e.slot] = e
    marked = {id(e) for e in best.values()}
    return [replace(e, anchor="history-" + render.anchor_id(e.slot).removeprefix("fact-")) if id(e) in marked else e
            for e in out]


def meaning_changes(edition: Edition, root: Path) -> list[tuple[str, str]]:
    """(date, fact title) of every change in meaning to a fact this edition shows, newest first: a later version
    whose status, categorical values or main cited section differ from the one before (review.diff.classify),
    or a fact taken out of the guide."""
    out = {(e.date, _fact_title(e)) for e in entries(edition, root) or () if e.kind in IN_MEANING}
    return sorted(out, reverse=True)


def out_of_date_notice(edition: Edition, root: Path) -> Markup:
    """Where the recorded law changed in meaning: printed handouts and PDFs from before that day are out of date."""
    changes = meaning_changes(edition, root)
    if not changes:
        return Markup("")
    m = messages()["what_changed"]["out_of_date"]
    newest = changes[0][0]
    facts = Markup("").join(Markup("<li>{}</li>").format(title) for day, title in changes if day == newest)
    return Markup('<div class="admonition warning" role="note"><p class="admonition-title">{0}</p><p>{1}</p>'
                  '<ul>{2}</ul><p>{3}</p></div>').format(
        Markup(m["title"]).format(date=Markup('<time datetime="{0}">{0}</time>').format(newest)),
        m["lead"], facts, m["action"])


def changes_html(edition: Edition, root: Path, page_url: str = "what-changed/") -> Markup:
    """The page's body: the out-of-date notice, then one collapsed <details> per month, newest first."""
    m = messages()["what_changed"]
    found = entries(edition, root)
    if found is None:
        return Markup("<p>{}</p>").format(m["no_history"])
    if not found:
        return Markup("<p>{}</p>").format(m["nothing_yet"])
    months = []
    for month, group in itertools.groupby(found, key=lambda e: e.date[:7]):
        group = list(group)
        items = Markup("").join(_entry_html(edition, e, page_url) for e in group)
        months.append(Markup('<details class="changes-month" id="changes-{0}"><summary>{1}</summary>'
                             '<ul class="changes">{2}</ul></details>').format(month, _summary(month, group), items))
    return out_of_date_notice(edition, root) + Markup('<div class="changes-by-month">{}</div>').format(
        Markup("").join(months))


def _summary(month: str, group: list[Entry]) -> Markup:
    """"December 2026 — 3 changes (1 in meaning)", in the catalog's words."""
    m = messages()["what_changed"]
    meaning = sum(e.kind in IN_MEANING for e in group)
    first = sum(e.kind == FIRST for e in group)
    parts = [Markup(m["parts"]["meaning"]).format(n=meaning)] if meaning else []
    if first:
        parts.append(Markup(m["parts"]["first"]).format(n=first))
    if not parts:
        parts.append(Markup(m["parts"]["wording"]))
    changes = m["changes"]["one"] if len(group) == 1 else m["changes"]["other"]
    return Markup(m["summary"]).format(month=_month(month), changes=Markup(changes).format(n=len(group)),
                                       parts=Markup(m["list_separator"]).join(parts))


def _entry_html(edition: Edition, e: Entry, page_url: str) -> Markup:
    m = messages()["what_changed"]
    title = slot_title(e.slot)
    shown = e.slot in schema.SLOTS_BY_PATH or e.slot.removeprefix("federal.") in edition.federal
    if shown:  # the fact as the guide says it now, on the At a glance page
        title = Markup('<a href="{}">{}</a>').format(
            render.page_link(f"jurisdiction-facts.md#{render.anchor_id(e.slot)}", page_url), title)
    fact = Markup(m["fact"]).format(fact=title, layer=e.layer or m["federal_layer"])
    when = Markup('<time datetime="{0}">{1}</time>').format(e.date, _day(e.date))
    body = []
    if e.kind == FIRST:
        what = Markup(m["first"])
    elif e.kind == REMOVED:
        what = Markup("<strong>{}</strong>").format(m["removed"])
    elif e.kind == AGAIN:
        what = Markup("<strong>{}</strong>").format(m["again"])
    elif e.kind == MEANING_CHANGED:
        what = Markup("<strong>{}</strong>").format(m["meaning"])
        body.append(Markup('<ul class="change-moved">{}</ul>').format(Markup("").join(
            Markup("<li>{}</li>").format(Markup(m["moved"]).format(
                field=m["fields"].get(name, name.replace("_", " ")), old=_value(name, old), new=_value(name, new)))
            for name, (old, new) in e.moved.items())))
        if e.parts:
            body.append(Markup('<p class="change-also">{}</p>').format(Markup(m["also"]).format(parts=_parts(e.parts))))
    else:
        what = Markup(m["wording"]).format(parts=_parts(e.parts))
    if e.note:
        body.append(Markup('<p class="change-note">{}</p>').format(Markup(m["note"]).format(note=e.note)))
    return Markup('<li class="change change-{0}"{1}><p class="change-fact">{2}</p>'
                  '<p class="change-what">{3}</p>{4}</li>').format(
        e.kind, Markup(' id="{}"').format(e.anchor) if e.anchor else "", fact,
        Markup(m["when"]).format(date=when, what=what), Markup("").join(body))


def _parts(names) -> Markup:
    """The parts of a fact in reader words, in the catalog's order (status, citation, summary, ...)."""
    m = messages()["what_changed"]
    words = m["parts_of_a_fact"]
    order = {name: i for i, name in enumerate(words)}
    return Markup(m["list_separator"]).join(
        words.get(n, n.replace("_", " ")) for n in sorted(names, key=lambda n: (order.get(n, len(order)), n)))


def _value(name: str, value) -> str:
    """A moved field's value in reader words."""
    m = messages()["what_changed"]
    if value is None:
        return m["not_recorded"]
    if name == "status":
        return m["absent"] if value == "absent" else render.STATUS_WORDS.get(value, value)
    if name == "section":
        return value
    key = {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else str(value)
    words = m["values"].get(name) or (m["values"]["yes_no"] if isinstance(value, bool) or value == "conditional" else {})
    return words.get(key, key.replace("_", " "))


def _fact_title(e: Entry) -> str:
    m = messages()["what_changed"]
    return m["fact"].format(fact=slot_title(e.slot), layer=e.layer or m["federal_layer"])


def _month(month: str) -> str:
    m = messages()["what_changed"]
    year, number = month.split("-")
    return m["month"].format(month=m["months"][int(number) - 1], year=year)


def _day(date: str) -> str:
    m = messages()["what_changed"]
    year, number, day = date.split("-")
    return m["date"].format(month=m["months"][int(number) - 1], day=int(day), year=year)


def _order(slot: str) -> tuple:
    paths = [s.path for s in schema.SLOTS]
    return (slot.startswith("federal."), paths.index(slot) if slot in paths else 0, slot)
