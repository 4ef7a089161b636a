"""Coverage of the legal research: which (jurisdiction x topic) cells are recorded, and how well sourced.

A cell is recorded when its fact is in force or not enacted (with a citation and a source) or was
searched and none found (with a record of the search). "Not yet researched" cells are not recorded.
The same figures feed `make coverage` in the terminal and the hub's coverage page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecmguide.law import citations, schema
from ecmguide.law.model import Edition, Fact

COUNTED = [s for s in schema.SLOTS if s.counted]
SHORT = {s.path: s.short for s in schema.SLOTS}  # declared with each topic (ecmguide/data/topics.yml)
# One mark per status, in the terminal and (with words for screen readers) on the hub.
MARK = {"in_force": "+", "not_enacted": "x", "none_found": "0", "unknown": "."}
STATUS_WORDS = {k: v[0].lower() + v[1:] for k, v in schema.STATUS_WORDS.items()}  # in running text


def sourced(fact: Fact) -> bool:
    """Recorded with what backs it: a citation and a source, or (none found) a record of the search."""
    if fact.status == "none_found":
        return bool(fact.searched)
    return fact.has_law and bool(fact.citation and fact.source_url)


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: tuple[Fact, ...]  # one per counted slot, in COUNTED order
    kind: str = "state"

    @property
    def recorded(self) -> int:
        return sum(sourced(f) for f in self.cells)


def rows(editions: list[Edition]) -> list[Row]:
    """One row per jurisdiction (local editions repeat their state, and an edition in another language its English
    one: both are left out): federal first, then by name."""
    out = [
        Row(e.code, e.jurisdiction, tuple(e.fact(s.path) for s in COUNTED), e.layers[-1].kind)
        for e in editions
        if not e.is_local and e.lang == "en"
    ]
    return sorted(out, key=lambda r: (r.kind != "federal", r.name.removeprefix("the ").casefold()))


def share(rows_: list[Row]) -> tuple[int, int]:
    return sum(r.recorded for r in rows_), len(rows_) * len(COUNTED)


def age_days(fact: Fact, today: dt.date) -> int | None:
    return (today - fact.last_reviewed).days if fact.last_reviewed else None


@dataclass(frozen=True)
class Links:
    """Official-text links of in-force facts (every topic and the federal authorities), counted, never padded."""

    linked: int
    total: int
    missing: tuple[tuple[str, Fact], ...]  # (where, fact) of each in-force fact without an official link

    @property
    def percent(self) -> float:
        return 100 * self.linked / self.total if self.total else 0.0


def layer_facts(editions: list[Edition], layer_code: str | None = None) -> dict[tuple[str, str], Fact]:
    """Every fact of every layer the editions use, once each (federal law once, not per edition); or one layer's."""
    facts = {}
    for e in editions:
        for layer in e.layers:
            if layer_code is None or layer.code == layer_code:
                for fact in (*layer.facts.values(), *layer.federal.values()):
                    facts[(layer.code, fact.slot)] = fact
    return facts


# Next steps a reader needs (where to report, how to enrol), counted per field over the facts that can have
# them: each topic declares its next-step fields and which in-force facts can have them (topics.yml next_steps).
NEXT_STEPS = [s for s in schema.SLOTS if s.next_steps]


def next_steps(editions: list[Edition]) -> list[tuple[str, int, int]]:
    """(label, recorded, of) per next-step field, each jurisdiction's own facts counted once."""
    facts = layer_facts(editions)
    out = []
    for slot in NEXT_STEPS:
        eligible = [
            f
            for (code, s), f in sorted(facts.items())
            if s == slot.path
            and f.status == "in_force"
            and all(f.get(name) in allowed for name, allowed in slot.next_steps_when)
        ]
        for step in slot.next_steps:
            record, _, name = step.rpartition(".")
            have = sum(1 for f in eligible if (dict(f.get(record) or ()).get(name) if record else f.get(name)))
            out.append((f"{slot.short} {record + '.' if record else ''}{name}", have, len(eligible)))
    return out


def official_links(editions: list[Edition]) -> Links:
    facts = layer_facts(editions)
    in_force = [(f"{code} {slot}", f) for (code, slot), f in sorted(facts.items()) if f.status == "in_force"]
    missing = tuple((where, f) for where, f in in_force if citations.fact_link(f) is None)
    return Links(len(in_force) - len(missing), len(in_force), missing)


@dataclass(frozen=True)
class Figures:
    """The research's honest figures, computed once for `make coverage` and the hub's coverage page."""

    in_force: int
    official_text: int  # in-force facts read in the official text (checked_against: official_text)
    linked: int  # in-force facts whose citation links an official page
    portal: int  # ... of which the link is an official publisher's portal entry page, not the section
    current: int  # in-force facts with a current_through record
    newest_through: str  # the latest date any fact's law was checked through ("" when none)
    none_found: int
    none_found_opened: int  # none_found records naming an official page that was opened
    recorded: int
    cells: int
    recorded_law: int  # in force or not enacted (none_found left out)
    high: int
    reviewed: int = 0  # facts an attorney reviewed
    newest_attorney_review: str = ""
    oldest_review: str = ""  # the oldest last_reviewed of a recorded fact

    def lines(self) -> list[str]:
        def pct(n: int, d: int) -> str:
            return f"{n} of {d} ({100 * n / d if d else 0:.1f}%)"

        return [
            f"Read in the official text: {pct(self.official_text, self.in_force)} in-force facts",
            f"Linked to the official text: {pct(self.linked, self.in_force)} in-force facts, of which {self.portal} "
            "go to an official publisher's portal entry page that cannot address the section",
            f"Checked for later acts (current_through): {pct(self.current, self.in_force)} in-force facts"
            + (f"; the newest through {self.newest_through}" if self.newest_through else ""),
            f"None found, naming an official page that was opened: {self.none_found_opened} of {self.none_found}",
            f"Recorded (in force, no such law, or searched and none found): {pct(self.recorded, self.cells)} cells; "
            f"in force or no such law alone: {pct(self.recorded_law, self.cells)}",
            f"High confidence: {self.high} facts",
        ]


def figures(editions: list[Edition], layer_code: str | None = None) -> Figures:
    """Every layer's facts, or one jurisdiction's own (layer_code): the dashboard's rows and the totals come from here."""
    from ecmguide.law.validate import opened_official_pages

    facts = layer_facts(editions, layer_code)
    in_force = [f for f in facts.values() if f.status == "in_force"]
    links = [citations.fact_link(f) for f in in_force]
    throughs = sorted(str(dict(f.current_through).get("through", "")) for f in in_force if f.current_through)
    nones = [f for f in facts.values() if f.status == "none_found"]
    opened = [f for f in nones if opened_official_pages(dict(f.searched).get("sources", ()))]
    rows_ = [r for r in rows(editions) if layer_code is None or r.code == layer_code]
    done, total = share(rows_)
    reviews = sorted(str(dict(f.attorney_review).get("date", "")) for f in facts.values() if f.attorney_review)
    checked = sorted(f.last_reviewed.isoformat() for f in facts.values() if f.recorded and f.last_reviewed)
    return Figures(
        in_force=len(in_force),
        official_text=sum(f.official_checked for f in in_force),
        linked=sum(link is not None for link in links),
        portal=sum(1 for link in links if link is not None and "portal" in link.label),
        current=len(throughs),
        newest_through=max((t for t in throughs if t), default=""),
        none_found=len(nones),
        none_found_opened=len(opened),
        recorded=done,
        cells=total,
        recorded_law=sum(1 for r in rows_ for f in r.cells if f.has_law),
        high=sum(1 for f in facts.values() if f.confidence == "high"),
        reviewed=len(reviews),
        newest_attorney_review=reviews[-1] if reviews else "",
        oldest_review=checked[0] if checked else "",
    )


def terminal_table(
    rows_: list[Row],
    today: dt.date,
    links: Links | None = None,
    notes: bool = True,
    figures_: Figures | None = None,
    steps: list[tuple[str, int, int]] | None = None,
) -> str:
    """The coverage table for maintainers: marks per cell, review ages, official links and reviewer notes."""
    heads = [SHORT[s.path] for s in COUNTED]
    width = max(len(h) for h in heads)
    key = ", ".join(f"'{m}' {STATUS_WORDS[s]}" for s, m in MARK.items())
    lines = [f"Coverage of legal facts ({key})", ""]
    lines.append(f"{'code':<6}" + " ".join(f"{h:>{width}}" for h in heads) + "  recorded  oldest review")
    for r in rows_:
        ages = [age_days(f, today) for f in r.cells if f.has_law]
        oldest = f"{max(a for a in ages if a is not None)} days" if any(a is not None for a in ages) else "-"
        lines.append(
            f"{r.code:<6}"
            + " ".join(f"{MARK[f.status] if sourced(f) or f.status == 'unknown' else '?':>{width}}" for f in r.cells)
            + f"  {r.recorded:>3}/{len(COUNTED):<4}  {oldest}"
        )
    per_slot = [sum(sourced(r.cells[i]) for r in rows_) for i in range(len(COUNTED))]
    lines.append(f"{'total':<6}" + " ".join(f"{n:>{width}}" for n in per_slot))
    lines += ["", "Key: " + ", ".join(f"{SHORT[s.path]} = {s.title}" for s in COUNTED), ""]
    counts = {s: sum(1 for r in rows_ for f in r.cells if f.status == s) for s in MARK}
    lines.append("Cells by status: " + ", ".join(f"{STATUS_WORDS[s]} {n}" for s, n in counts.items()))
    done, total = share(rows_)
    lines.append(
        f"Recorded (in force, not enacted, or searched and none found): {done} of {total} cells "
        f"({100 * done / total if total else 0:.1f}%)"
    )
    if figures_ is not None:
        lines += ["", *figures_.lines()]
    if steps:
        lines += [
            "",
            "Next steps for readers (recorded from an official agency page / unknown, of the facts in force "
            "that can have them):",
        ]
        lines += [f"  {label}: {have} recorded, {of - have} unknown (of {of})" for label, have, of in steps]
    if links is not None:
        lines.append(f"Official-text links: {links.linked} of {links.total} in-force facts ({links.percent:.1f}%)")
        if links.missing:
            lines += [
                "",
                "In-force facts without an official-text link (the citation resolves to no official "
                "address and the fact has no official_url):",
            ]
            lines += [
                f"  {where}: {f.citation} ({f.origin}): {citations.why_no_link(f.citation, f.layer)}"
                for where, f in links.missing
            ]
    if notes:
        noted = [(r.code, f) for r in rows_ for f in r.cells if f.reviewer_note]
        if noted:
            lines += ["", "Reviewer notes (maintainers only; never printed on a page or in a PDF):"]
            lines += [f"  {code} {f.slot}: {f.reviewer_note}" for code, f in noted]
    return "\n".join(lines)
