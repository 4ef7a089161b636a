"""Coverage of the legal research: which (jurisdiction x topic) cells are recorded with a source."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import schema
from .model import Edition, Fact

COUNTED = [s for s in schema.SLOTS if s.counted]
SHORT = {
    "privileges.dv_advocate": "DV", "privileges.sa_counselor": "SA", "privileges.ht_caseworker": "HT",
    "privileges.psychotherapist": "Psy", "privileges.physician": "Phys", "privileges.attorney_client": "Atty",
    "mandated_reporting.child": "Child", "mandated_reporting.vulnerable_adult": "Adult",
    "mandated_reporting.attorneys": "AttyRpt", "duty_to_warn": "Warn", "address_confidentiality": "ACP",
    "victims_rights": "Rights",
}


def sourced(fact: Fact) -> bool:
    return fact.recorded and bool(fact.citation and fact.source_url)


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: tuple[Fact, ...]  # one per counted slot, in COUNTED order

    @property
    def recorded(self) -> int:
        return sum(sourced(f) for f in self.cells)


def rows(editions: list[Edition]) -> list[Row]:
    """One row per jurisdiction edition (local editions repeat their state and are left out)."""
    out = []
    for e in editions:
        if e.is_local:
            continue
        out.append(Row(e.code, e.jurisdiction, tuple(e.fact(s.path) for s in COUNTED)))
    return out


def share(rows_: list[Row]) -> tuple[int, int]:
    return sum(r.recorded for r in rows_), len(rows_) * len(COUNTED)


def age_days(fact: Fact, today: dt.date) -> int | None:
    return (today - fact.last_reviewed).days if fact.last_reviewed else None


def terminal_table(rows_: list[Row], today: dt.date) -> str:
    """A plain-text table: '+' recorded with a source, '.' not recorded; then review ages."""
    heads = [SHORT[s.path] for s in COUNTED]
    width = max(len(h) for h in heads)
    lines = ["Coverage of legal facts ('+' recorded with a source, '.' not yet recorded)", ""]
    lines.append(f"{'code':<6}" + " ".join(f"{h:>{width}}" for h in heads) + "  recorded  oldest review")
    for r in rows_:
        ages = [age_days(f, today) for f in r.cells if sourced(f)]
        oldest = f"{max(ages)} days" if ages else "-"
        lines.append(f"{r.code:<6}" + " ".join(f"{('+' if sourced(f) else '.'):>{width}}" for f in r.cells)
                     + f"  {r.recorded:>3}/{len(COUNTED):<4}  {oldest}")
    per_slot = [sum(sourced(r.cells[i]) for r in rows_) for i in range(len(COUNTED))]
    lines.append(f"{'total':<6}" + " ".join(f"{n:>{width}}" for n in per_slot))
    lines.append("")
    lines.append("Key: " + ", ".join(f"{SHORT[s.path]} = {s.title}" for s in COUNTED))
    done, total = share(rows_)
    lines.append("")
    lines.append(f"Recorded with a source: {done} of {total} cells ({100 * done / total if total else 0:.1f}%)")
    return "\n".join(lines)
