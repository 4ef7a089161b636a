"""Fact-level differences between two versions of an overlay, and the overlay as it was at a revision.

Used by the fact history (history.py), each edition's "What changed" page and `make diff`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ecmguide.core.errors import InputError
from ecmguide.core.git import show
from ecmguide.law import schema
from ecmguide.law.model import Fact, Overlay
from ecmguide.law.overlays import parse_overlay


@dataclass(frozen=True)
class Change:
    slot: str
    title: str
    old: Fact | None
    new: Fact | None

    @property
    def kind(self) -> str:
        if self.old is None or not self.old.recorded:
            return "added" if self.new is not None and self.new.recorded else "changed"
        if self.new is None or not self.new.recorded:
            return "removed"
        return "changed"

    def citations(self) -> tuple[str, str]:
        """(old, new) citation, or "not recorded" for a side that holds no recorded fact."""

        def cite(fact: Fact | None) -> str:
            return fact.citation if fact is not None and fact.has_law else "not recorded"

        return cite(self.old), cite(self.new)

    def fields(self) -> list[str]:
        old = self.old.comparable() if self.old else {}
        new = self.new.comparable() if self.new else {}
        return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k) and k != "slot")


def slot_title(slot: str) -> str:
    if slot.startswith("federal."):
        return schema.FEDERAL_AUTHORITIES.get(slot.split(".", 1)[1], slot)
    return schema.SLOTS_BY_PATH[slot].title if slot in schema.SLOTS_BY_PATH else slot


def diff_overlays(old: Overlay | None, new: Overlay | None) -> list[Change]:
    def all_facts(o: Overlay | None) -> dict[str, Fact]:
        if o is None:
            return {}
        return {**o.facts, **{f"federal.{k}": v for k, v in o.federal.items()}}

    before, after = all_facts(old), all_facts(new)
    out = []
    for slot in sorted(set(before) | set(after)):
        a, b = before.get(slot), after.get(slot)
        if (a.comparable() if a else None) != (b.comparable() if b else None):
            out.append(Change(slot, slot_title(slot), a, b))
    return out


def overlay_at(root: Path, rev: str, code: str, today: dt.date) -> Overlay | None:
    raw = show(root, rev, f"overlays/{code}.yml")
    if raw is None:
        return None
    try:
        return parse_overlay(raw, f"overlays/{code}.yml@{rev[:10]}", code, today, lenient=True)[0]
    except InputError:
        return None  # an old broken version: skip it rather than fail the build


MEANING = "meaning changed"
WORDING = "wording only"
_SECTION = re.compile(r"§§?\s*([0-9A-Za-z.:()\-]+)|\b(?:art\.|Rule|R\.)\s*([0-9IVX][0-9A-Za-z.:()\-]*)")


def main_section(citation: str) -> str:
    """The main cited section: the code's name and the first section number, e.g. 'Tex. Fam. Code § 261.101'."""
    m = _SECTION.search(citation)
    return citation[: m.end()].strip().rstrip(",;") if m else citation.split(";")[0].strip()


def categorical(fact: Fact | None) -> dict:
    """What a fact says in categories: its status, its topic's categorical values and its main cited section."""
    if fact is None:
        return {"status": "absent"}
    slot = schema.SLOTS_BY_PATH.get(fact.slot)
    kinds = {f.name for f in (slot.extra if slot else ()) if f.kind in ("enum", "bool", "tristate")}
    out = {"status": fact.status, **{k: v for k, v in fact.extra if k in kinds}}
    if fact.has_law:
        out["section"] = main_section(fact.citation)
    return out


def classify(change: Change) -> tuple[str, dict]:
    """(MEANING or WORDING, {field: (old, new)}): meaning when the status, a categorical value or the main cited
    section differs; anything else (summary words, sources, dates) is wording only."""
    old, new = categorical(change.old), categorical(change.new)
    moved = {k: (old.get(k), new.get(k)) for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}
    return (MEANING if moved else WORDING), moved
