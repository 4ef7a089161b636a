"""Each fact's history, from the repository's whole history of its overlay.

For every commit that touched `overlays/<code>.yml`, oldest first, the overlay is read as it was;
a fact gets a new version whenever its public content differs from the previous one, starting with
the overlay's first version. Reviewer notes are not public and are left out, so a change to a note
alone makes no version. Versions carry the commit date, the short commit id, its subject and its
`Reader-note:` trailer. The data export (`history`) publishes the commit id and subject; each edition's
"What changed" page shows only the date, what changed and the reader note, never a subject or an id.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from ecmguide.core.git import git
from ecmguide.law.model import Fact
from ecmguide.review.diff import overlay_at

PRIVATE = ("reviewer_note",)
# Every `Reader-note:` trailer of a commit message, continuation lines unfolded, joined by a space.
READER_NOTE = "%(trailers:key=Reader-note,valueonly,unfold,separator=%x20)"


@dataclass(frozen=True)
class Version:
    date: str  # commit date, YYYY-MM-DD
    commit: str  # short id
    subject: str  # the commit message's first line (open data only, never on a page)
    fact: Fact | None  # None: the fact was not in the overlay at this commit
    reader_note: str = ""  # the commit's `Reader-note:` trailer: the reason given to readers, "" when there is none


def public(fact: Fact | None) -> dict | None:
    if fact is None:
        return None
    out = fact.comparable()
    for key in PRIVATE:
        out.pop(key, None)
    return out


@functools.lru_cache(maxsize=128)
def overlay_history(root: Path, code: str, head: str) -> dict[str, tuple[Version, ...]] | None:
    """slot -> versions (oldest first) for one overlay; None without git history. `head` keys the cache."""
    # One NUL-ended record per commit, fields split by US (0x1f): a subject or note may hold a tab, never these.
    log = git(
        root, "log", "--reverse", "-z", f"--format=%H%x1f%cs%x1f%s%x1f{READER_NOTE}", "--", f"overlays/{code}.yml"
    )
    if log is None:
        return None
    out: dict[str, list[Version]] = {}
    last: dict[str, dict | None] = {}
    for record in log.split("\0"):
        if record.count("\x1f") < 3:
            continue
        commit, date, subject, note = record.strip("\n").split("\x1f", 3)
        overlay = overlay_at(root, commit, code, dt.date.max)
        if overlay is None:
            continue  # a version that did not validate was never published
        facts = {**overlay.facts, **{f"federal.{k}": v for k, v in overlay.federal.items()}}
        for slot in sorted(set(facts) | set(last)):
            now = public(facts.get(slot))
            if slot not in last and now is None:
                continue
            if now != last.get(slot):
                out.setdefault(slot, []).append(
                    Version(date, commit[:10], subject, facts.get(slot), " ".join(note.split()))
                )
                last[slot] = now
    return {slot: tuple(versions) for slot, versions in out.items()}


def head(root: Path) -> str:
    return (git(root, "rev-parse", "HEAD") or "").strip()


def fact_history(root: Path, code: str) -> dict[str, tuple[Version, ...]] | None:
    return overlay_history(root, code, head(root))


FIELD_WORDS = {
    "status": "status",
    "citation": "citation",
    "summary": "summary",
    "source_url": "source read",
    "official_url": "official-text link",
    "checked_against": "how it was checked",
    "last_reviewed": "review date",
    "confidence": "confidence",
    "limits": "limits",
    "extra": "details",
    "effective": "effective date",
    "amended_by": "amending act",
    "searched": "search record",
    "attorney_review": "attorney review",
    "additional_sources": "other sources",
}


def fields_changed(before: Fact | None, after: Fact | None, words: dict[str, str] | None = None) -> list[str]:
    """The public fields that differ, in words a reader knows (`words`, by field name; FIELD_WORDS by default)."""
    words = FIELD_WORDS if words is None else words
    old, new = public(before) or {}, public(after) or {}
    return [words.get(k, k) for k in sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k) and k != "slot")]
