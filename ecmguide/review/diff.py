"""Fact-level differences between two versions of an overlay, and the overlay as it was at a revision.

Used by the fact history (history.py), each edition's "What changed" page and `make diff`.
"""
from __future__ import annotations

import datetime as dt
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
