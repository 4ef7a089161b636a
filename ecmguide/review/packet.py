"""Attorney review packets: one row per fact of a jurisdiction, the same rows in a PDF and a CSV worksheet.

Legal staff mark each row correct, needs change or could not verify, with a note, and send the worksheet
back; `make record-review` (recordreview.py) records the rows marked correct. Each row carries a digest of
the fact as printed, so a worksheet about an older version of a fact is refused row by row.
"""

from __future__ import annotations

import hashlib
import io
import json

from defusedcsv import csv  # a cell that starts with = + - @ | % gets a leading apostrophe, not a live formula

from ecmguide.law import citations, schema
from ecmguide.law.model import Fact, Overlay
from ecmguide.review.history import public

COLUMNS = (
    "row",
    "fact",
    "topic",
    "status",
    "summary",
    "limits",
    "citation",
    "official_text",
    "current_through",
    "last_checked",
    "digest",
    "verdict",
    "note",
)
VERDICTS = ("correct", "needs change", "could not verify")


def digest(fact: Fact) -> str:
    """The fact as printed (every public field), in 16 hex digits: a changed fact has another digest."""
    text = json.dumps(public(fact), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _checked(fact: Fact) -> str:
    how = {"official_text": "read in the official text", "secondary": "from a secondary source"}.get(
        fact.checked_against, "not checked"
    )
    when = fact.last_reviewed.isoformat() if fact.last_reviewed else ""
    return f"{how} on {when}: {fact.source_url}" if when else how


def _current(fact: Fact) -> str:
    current = dict(fact.current_through)
    if not current:
        return "later changes not checked"
    parts = [current.get("session", ""), f"acts to {current['through']}" if current.get("through") else ""]
    return f"checked on {current['checked_on']}: " + "; ".join(p for p in parts if p)


def _next_steps(fact: Fact) -> str:
    out = []
    for name in ("report", "apply"):
        record = dict(fact.get(name) or ())
        if record:
            out.append(f"{name}: " + "; ".join(f"{k} {v}" for k, v in record.items() if k not in ("source_url",)))
    for name in ("program_name", "agency", "phone", "website"):
        if fact.get(name):
            out.append(f"{name}: {fact.get(name)}")
    return " | ".join(out)


def rows(overlay: Overlay) -> list[dict]:
    """Every recorded fact of the jurisdiction, in the schema's order: what it says and how it was checked."""
    out = []
    known = {**overlay.facts, **{f"federal.{k}": v for k, v in overlay.federal.items()}}
    order = [s.path for s in schema.SLOTS] + [f"federal.{k}" for k in schema.FEDERAL_AUTHORITIES]
    for slot in order:
        fact = known.get(slot)
        if fact is None or fact.status == "unknown":
            continue
        link = citations.fact_link(fact) if fact.has_law else None
        title = (
            schema.SLOTS_BY_PATH[slot].title
            if slot in schema.SLOTS_BY_PATH
            else schema.FEDERAL_AUTHORITIES[slot.removeprefix("federal.")]
        )
        summary = fact.summary + (f" [Next steps: {_next_steps(fact)}]" if _next_steps(fact) else "")
        out.append(
            {
                "row": str(len(out) + 1),
                "fact": f"{overlay.code}.{slot}",
                "topic": title,
                "status": fact.status,
                "summary": summary,
                "limits": fact.limits,
                "citation": fact.citation,
                "official_text": link.url if link else "",
                "current_through": _current(fact),
                "last_checked": _checked(fact),
                "digest": digest(fact),
                "verdict": "",
                "note": "",
            }
        )
    return out


def worksheet_csv(overlay: Overlay) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(overlay):
        writer.writerow(row)
    return out.getvalue()
