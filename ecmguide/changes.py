"""Fact-level differences between versions of overlays, from the repository's history.

Used by each edition's "What changed" page and by `make diff`, the pull-request change report.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import schema
from .errors import InputError
from .model import Edition, Fact, Overlay
from .overlays import parse_overlay, reaches


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


def git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace")


def overlay_at(root: Path, rev: str, code: str, today: dt.date) -> Overlay | None:
    try:
        raw = subprocess.run(["git", "-C", str(root), "show", f"{rev}:overlays/{code}.yml"],
                             capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return parse_overlay(raw, f"overlays/{code}.yml@{rev[:10]}", code, today, lenient=True)[0]
    except InputError:
        return None  # an old broken version: skip it rather than fail the build


FIELD_WORDS = {"status": "status", "citation": "citation", "summary": "summary", "source_url": "source read",
               "official_url": "official-text link", "checked_against": "how it was checked",
               "last_reviewed": "review date", "confidence": "confidence", "limits": "limits", "extra": "details",
               "effective": "effective date", "amended_by": "amending act", "searched": "search record",
               "attorney_review": "attorney review", "additional_sources": "other sources"}


def _fields_changed(before: Fact | None, after: Fact | None) -> list[str]:
    """The public fields that differ, in words a reader knows."""
    from .history import public
    old, new = public(before) or {}, public(after) or {}
    return [FIELD_WORDS.get(k, k) for k in sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k) and k != "slot")]


def changes_html(edition: Edition, root: Path) -> Markup:
    """Each fact of the edition, with every version the guide published, newest first (history.py)."""
    from . import render
    from .history import fact_history
    sections = []
    for layer in reversed(edition.layers):  # the jurisdiction's own facts first, federal law last
        history = fact_history(root, layer.code)
        if history is None:
            return Markup("<p>The repository history is not available in this build, so no changes are listed.</p>")
        for slot, versions in sorted(history.items(), key=lambda kv: _order(kv[0])):
            if not reaches(slot, layer.kind, edition.is_federal):
                continue
            rows, before = [], None
            for v in versions:
                if v.fact is None:
                    what = Markup("<em>removed</em>")
                else:
                    what = Markup("{}{}").format(
                        render.STATUS_WORDS[v.fact.status],
                        Markup(": {} — {}").format(v.fact.citation, v.fact.summary) if v.fact.has_law else "")
                change = "first published" if before is None and v is versions[0] else \
                    "changed: " + ", ".join(_fields_changed(before, v.fact))
                rows.append(Markup('<tr><td><time datetime="{0}">{0}</time></td><td>{1}</td><td>{2}</td>'
                                   '<td>{3} <span class="commit">({4})</span></td></tr>').format(
                    v.date, what, change, v.subject, v.commit))
                before = v.fact
            sections.append(Markup('<h2 id="history-{0}">{1} <span class="history-layer">({2})</span></h2>'
                                   '<div class="table-scroll" tabindex="0" role="region" aria-label="History of {1}">'
                                   '<table class="facts-table"><caption>What the guide said, newest first</caption>'
                                   '<thead><tr><th scope="col">Date</th><th scope="col">What the guide said</th>'
                                   '<th scope="col">Change</th><th scope="col">Why (commit message)</th></tr></thead>'
                                   '<tbody>{3}</tbody></table></div>').format(
                render.anchor_id(slot).removeprefix("fact-"), slot_title(slot),
                "federal law" if layer.kind == "federal" else layer.name,
                Markup("").join(reversed(rows))))
    if not sections:
        return Markup("<p>No fact has been published yet.</p>")
    return Markup("").join(sections)


def _order(slot: str) -> tuple:
    paths = [s.path for s in schema.SLOTS]
    return (slot.startswith("federal."), paths.index(slot) if slot in paths else 0, slot)
