"""Fact-level differences between versions of overlays, from the repository's history.

Used by each edition's "What changed" page and by `make diff`, the pull-request change report.
"""
from __future__ import annotations

import datetime as dt
import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import schema
from .errors import InputError
from .model import Edition, Fact, Overlay
from .overlays import parse_overlay, reaches

HISTORY_LIMIT = 30


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
        return parse_overlay(raw, f"overlays/{code}.yml@{rev[:10]}", code, today)[0]
    except InputError:
        return None  # an old broken version: skip it rather than fail the build


@dataclass(frozen=True)
class Revision:
    commit: str
    date: str
    subject: str
    changes: tuple[Change, ...]


@functools.lru_cache(maxsize=256)
def history(root: Path, code: str, limit: int = HISTORY_LIMIT) -> tuple[Revision, ...] | None:
    """Commits that changed one overlay's facts, newest first; None if there is no git history."""
    today = dt.date.max  # history is what it was: no date rule applies to old versions
    log = git(root, "log", f"-{limit}", "--format=%H%x09%cs%x09%s", "--", f"overlays/{code}.yml")
    if log is None:
        return None
    entries = [line.split("\t", 2) for line in log.splitlines() if line.count("\t") >= 2]
    out = []
    for commit, date, subject in entries:
        parent = git(root, "rev-parse", "--verify", "--quiet", f"{commit}^")
        old = overlay_at(root, parent.strip(), code, today) if parent else None
        if old is None:
            continue  # the file's first version is its publication, not a change
        new = overlay_at(root, commit, code, today)
        if new is None:
            continue  # a version that did not validate was never published
        changes = diff_overlays(old, new)
        if changes:
            out.append(Revision(commit, date, subject, tuple(changes)))
    return tuple(out)


def changes_html(edition: Edition, root: Path) -> Markup:
    items = []
    for layer in edition.layers:
        revisions = history(root, layer.code)
        if revisions is None:
            return Markup("<p>The repository history is not available in this build, so no changes are listed.</p>")
        for rev in revisions:
            for change in rev.changes:
                if reaches(change.slot, layer.kind, edition.is_federal):
                    items.append((rev.date, layer.name, change, rev))
    if not items:
        return Markup("<p>No fact has changed since the overlays were first published.</p>")
    items.sort(key=lambda t: (t[0], t[1], t[2].slot), reverse=True)
    rows = []
    for date, layer_name, change, rev in items:
        cite_old, cite_new = change.citations()
        rows.append(Markup('<tr><td><time datetime="{0}">{0}</time></td><td>{1}</td><td>{2}</td><td>{3}</td>'
                           '<td>{4} → {5}</td></tr>').format(
            date, layer_name, change.title, change.kind + (": " + ", ".join(change.fields()) if change.kind == "changed" else ""),
            cite_old, cite_new))
    return Markup('<table class="facts-table"><caption>Changes to recorded facts, newest first</caption><thead><tr>'
                  '<th scope="col">Date</th><th scope="col">Layer</th><th scope="col">Topic</th>'
                  '<th scope="col">Change</th><th scope="col">Citation (old → new)</th></tr></thead><tbody>{}</tbody>'
                  '</table>').format(Markup("").join(rows))
