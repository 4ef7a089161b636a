"""Open data: every jurisdiction's facts as JSON and CSV, with a JSON Schema and a codebook.

Everything is generated from the overlays as the project loads them (never read as raw YAML here)
and from ecmguide/law/schema.py, so the data, its schema and its codebook cannot drift apart. Reviewer
notes are never exported. The files carry no build time or commit, so they are byte-identical
across builds of the same data; version.json alone says which commit they came from.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from defusedcsv import csv  # a cell that starts with = + - @ | % gets a leading apostrophe, not a live formula

from ecmguide.law import citations, schema
from ecmguide.law.model import Fact, Overlay
from ecmguide.outputs.hub.codebook import FORMAT
from ecmguide.outputs.render import anchor_id
from ecmguide.review.history import fact_history

LICENSE = {
    "data": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "note": "The project's own data and text are licensed CC BY 4.0 and its code MIT. The source guide's own "
    "terms of use are not stated.",
}


def fact_id(code: str, slot: str) -> str:
    return f"{code}.{slot}"


def _json_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if (
        isinstance(value, tuple)
        and value
        and all(isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) for x in value)
    ):
        return {k: _json_value(v) for k, v in value}  # a record, kept as (key, value) pairs in the model
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def fact_record(code: str, fact: Fact, history=None) -> dict:
    """One fact as exported: no reviewer note; both links; how it was checked; its categorical values."""
    link = citations.fact_link(fact) if fact.has_law else None
    slot = fact.slot
    record = {
        "id": fact_id(code, slot),
        "jurisdiction": code,
        "topic": slot,
        "title": schema.FEDERAL_AUTHORITIES.get(slot.removeprefix("federal."), "")
        if slot.startswith("federal.")
        else schema.SLOTS_BY_PATH[slot].title,
        "anchor": anchor_id(slot),
        "page": f"{code}/jurisdiction-facts/#{anchor_id(slot)}",
        "status": fact.status,
        "citation": fact.citation,
        "summary": fact.summary,
        "official_url": link.url if link else "",
        "official_url_label": link.label if link else "",
        "source_url": fact.source_url,
        "additional_sources": list(fact.additional_sources),
        "checked_against": fact.checked_against,
        "confidence": fact.confidence,
        "last_reviewed": _json_value(fact.last_reviewed) or "",
        "effective": _json_value(fact.effective) or "",
        "amended_by": [_json_value(act) for act in fact.amended_by],
        "current_through": _json_value(fact.current_through) or None,
        "summary_es": fact.summary_es,
        "limits": fact.limits,
        "attorney_review": {k: _json_value(v) for k, v in fact.attorney_review} or None,
        "searched": {k: _json_value(v) for k, v in fact.searched} or None,
        "values": {k: _json_value(v) for k, v in fact.extra},
    }
    if history is not None:
        record["history"] = [
            {
                "date": v.date,
                "commit": v.commit,
                "message": v.subject,
                "status": v.fact.status if v.fact else "removed",
                "citation": v.fact.citation if v.fact else "",
                "summary": v.fact.summary if v.fact else "",
            }
            for v in history
        ]
    return record


def jurisdiction_record(overlay: Overlay, root: Path | None) -> dict:
    history = fact_history(root, overlay.code) if root is not None else None
    facts = []
    slots = [s.path for s in schema.SLOTS] + [f"federal.{k}" for k in schema.FEDERAL_AUTHORITIES]
    known = {**overlay.facts, **{f"federal.{k}": v for k, v in overlay.federal.items()}}
    for slot in slots:
        if slot.startswith("federal.") and slot not in known:
            continue  # federal authorities belong to the federal overlay only
        fact = known.get(slot) or Fact(slot=slot, status="unknown", layer=overlay.code)
        facts.append(fact_record(overlay.code, fact, (history or {}).get(slot, ()) if history is not None else None))
    return {"code": overlay.code, "name": overlay.name, "kind": overlay.kind, "facts": facts}


CSV_COLUMNS = (
    "id",
    "jurisdiction",
    "jurisdiction_name",
    "topic",
    "title",
    "status",
    "citation",
    "official_url",
    "official_url_label",
    "source_url",
    "additional_sources",
    "checked_against",
    "confidence",
    "last_reviewed",
    "effective",
    "amended_by",
    "current_through_session",
    "current_through_date",
    "current_through_checked_on",
    "summary",
    "summary_es",
    "limits",
    "attorney_review_date",
    "attorney_review_role",
    "searched_date",
    "searched_sources",
    "anchor",
    "page",
    *sorted({f.name for s in schema.SLOTS for f in s.extra}),
)
LIST_SEPARATOR = " | "


def csv_row(jurisdiction: dict, fact: dict) -> dict:
    row = {k: fact.get(k, "") for k in CSV_COLUMNS if k in fact}
    row["jurisdiction_name"] = jurisdiction["name"]
    row["additional_sources"] = LIST_SEPARATOR.join(fact["additional_sources"])
    row["amended_by"] = LIST_SEPARATOR.join(
        "; ".join(str(act[k]) for k in ("act", "effective", "sections", "effect") if act.get(k))
        for act in fact["amended_by"]
    )
    current = fact["current_through"] or {}
    row.update(
        current_through_session=current.get("session", ""),
        current_through_date=current.get("through", ""),
        current_through_checked_on=current.get("checked_on", ""),
    )
    review, searched = fact["attorney_review"] or {}, fact["searched"] or {}
    row.update(
        attorney_review_date=review.get("date", ""),
        attorney_review_role=review.get("role", ""),
        searched_date=searched.get("date", ""),
        searched_sources=LIST_SEPARATOR.join(searched.get("sources", [])),
    )
    for key, value in fact["values"].items():
        if isinstance(value, dict):  # a record (report, apply): its fields as "name: value"
            row[key] = LIST_SEPARATOR.join(f"{k}: {_cell(v)}" for k, v in value.items())
            continue
        row[key] = LIST_SEPARATOR.join(value) if isinstance(value, list) else _cell(value)
    return {k: row.get(k, "") for k in CSV_COLUMNS}


def _cell(value):
    """true/false as the JSON writes them; anything else as it is."""
    return {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value


def editions_table(project) -> list[dict]:
    out = []
    for code in project.edition_codes():
        edition = project.edition(code)
        out.append(
            {
                "code": code,
                "title": edition.title,
                "jurisdiction": edition.jurisdiction,
                "overlays": [layer.code for layer in edition.layers],
                "local": edition.is_local,
            }
        )
    return out


def dumps(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def build_files(project, with_history: bool = True) -> dict[str, str]:
    """Relative path under site/data/ -> file content, for every data file but version.json."""
    root = project.root if with_history else None
    jurisdictions = [jurisdiction_record(project.overlay(c), root) for c in project.overlay_codes()]
    files = {}
    for j in jurisdictions:
        files[f"{j['code']}.json"] = dumps({"format": FORMAT, "license": LICENSE, **j})
    files["facts.json"] = dumps(
        {"format": FORMAT, "license": LICENSE, "editions": editions_table(project), "jurisdictions": jurisdictions}
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for j in jurisdictions:
        for fact in j["facts"]:
            writer.writerow(csv_row(j, fact))
    files["facts.csv"] = out.getvalue()
    from ecmguide.outputs.hub.codebook import json_schema

    files["schema.json"] = dumps(json_schema())
    return files


def version(project, files: dict[str, str]) -> str:
    from ecmguide.core.git import git

    commit = (git(project.root, "rev-parse", "HEAD") or "").strip() or "unknown"
    reviewed = [
        f["last_reviewed"]
        for j in json.loads(files["facts.json"])["jurisdictions"]
        for f in j["facts"]
        if f["last_reviewed"]
    ]
    return dumps({"commit": commit, "newest_review": max(reviewed, default="")})
