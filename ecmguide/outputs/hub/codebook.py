"""The data export's JSON Schema and its codebook page, both generated from ecmguide/law/schema.py.

export.py writes the files; this module says what every field and column means and which values it
takes. The fact fields' meanings are the overlay schema's own docs, so an overlay field, its JSON
Schema, its export column and its codebook entry are defined once.
"""

from __future__ import annotations

from ecmguide.law import schema
from ecmguide.law.kinds import KINDS
from ecmguide.law.schema import Field

FORMAT = 2  # of the data files; bump when a field changes meaning (2: amended_by is a list of acts; current_through)

# Fields the export adds to what an overlay holds.
EXPORT_FIELDS = (
    ("id", "Stable address of the fact: `<jurisdiction>.<topic>`, e.g. `ca.privileges.ht_caseworker`. Cite it."),
    ("jurisdiction", "The overlay's code: a lowercase USPS code, or `us` for federal law."),
    ("jurisdiction_name", "The jurisdiction's name (CSV only; the JSON has it on the jurisdiction)."),
    ("topic", "The topic key (see the topics below), or `federal.<authority>` for a federal authority."),
    ("title", "The topic's title as pages show it."),
    ("anchor", "The fact's anchor on its jurisdiction's at-a-glance page, e.g. `fact-privileges-ht-caseworker`."),
    ("page", "Where the fact is shown, relative to the site root: `<code>/jurisdiction-facts/#<anchor>`."),
    (
        "official_url",
        "The official text of the cited section: the fact's `official_url`, or the link built from "
        "its citation (citeurl with the project's templates). Empty when none is recorded.",
    ),
    (
        "official_url_label",
        "What the official link is: `official text`, or `official publisher's portal; search "
        "for ...` where the jurisdiction publishes its code only through such a portal.",
    ),
    (
        "history",
        "JSON only: every version the guide published, oldest first (date, commit, message, status, "
        "citation, summary), from the repository's history.",
    ),
)
SKIP = ("reviewer_note",)  # never exported


def _type(f: Field) -> dict:
    if f.kind == "enum":
        return {"enum": [*f.choices, ""] if f.name != "status" else list(f.choices)}
    if f.kind == "record":
        return {
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {sub.name: _type(sub) for sub in f.fields},
        }
    if f.kind == "records":
        return {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {sub.name: _type(sub) for sub in f.fields},
            },
        }
    return dict(KINDS[f.kind].export)


def _fact_schema() -> dict:
    props = {
        name: {"type": "string", "description": doc}
        for name, doc in EXPORT_FIELDS
        if name not in ("history", "jurisdiction_name")
    }
    for f in schema.FACT_FIELDS:
        if f.name in SKIP:
            continue
        if f.name != "official_url":
            props[f.name] = {**_type(f), "description": f.doc}
    extras = {f.name: f for s in schema.SLOTS for f in s.extra}
    props["values"] = {
        "type": "object",
        "additionalProperties": False,
        "description": "The topic's categorical values.",
        "properties": {name: {**_type(f), "description": f.doc} for name, f in sorted(extras.items())},
    }
    props["topic"]["enum"] = [s.path for s in schema.SLOTS] + [f"federal.{k}" for k in schema.FEDERAL_AUTHORITIES]
    props["history"] = {
        "type": "array",
        "description": dict(EXPORT_FIELDS)["history"],
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "commit", "message", "status"],
            "properties": {
                "date": {"type": "string"},
                "commit": {"type": "string"},
                "message": {"type": "string"},
                "status": {"enum": [*schema.STATUSES, "removed"]},
                "citation": {"type": "string"},
                "summary": {"type": "string"},
            },
        },
    }
    required = [p for p in props if p != "history"]
    return {"type": "object", "additionalProperties": False, "required": required, "properties": props}


def json_schema() -> dict:
    jurisdiction = {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "name", "kind", "facts"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"enum": list(schema.KINDS)},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}},
        },
    }
    license_ = {
        "type": "object",
        "required": ["data", "url", "note"],
        "properties": {"data": {"type": "string"}, "url": {"type": "string"}, "note": {"type": "string"}},
    }
    edition = {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "title", "jurisdiction", "overlays", "local"],
        "properties": {
            "code": {"type": "string"},
            "title": {"type": "string"},
            "jurisdiction": {"type": "string"},
            "overlays": {"type": "array", "items": {"type": "string"}},
            "local": {"type": "boolean"},
        },
    }
    all_facts = {
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "license", "editions", "jurisdictions"],
        "properties": {
            "format": {"const": FORMAT},
            "license": {"$ref": "#/$defs/license"},
            "editions": {"type": "array", "items": {"$ref": "#/$defs/edition"}},
            "jurisdictions": {"type": "array", "items": {"$ref": "#/$defs/jurisdiction"}},
        },
    }
    jurisdiction_file = dict(
        jurisdiction,
        required=["format", "license", *jurisdiction["required"]],
        properties={"format": {"const": FORMAT}, "license": {"$ref": "#/$defs/license"}, **jurisdiction["properties"]},
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ECM guide legal facts (data export)",
        "description": "facts.json (every jurisdiction) or <code>.json (one jurisdiction). See the codebook.",
        "oneOf": [all_facts, jurisdiction_file],
        "$defs": {"fact": _fact_schema(), "jurisdiction": jurisdiction, "edition": edition, "license": license_},
    }


def _values(f: Field) -> str:
    if f.kind == "enum":
        return ", ".join(f"`{c}`" for c in f.choices)
    return KINDS[f.kind].values


def _cell(text: str) -> str:
    return (
        text.replace("|", "\\|").replace("{", "&#123;").replace("}", "&#125;").replace("<", "&lt;").replace(">", "&gt;")
    )


def codebook_markdown() -> str:
    rows = [f"| `{name}` | {_cell(doc)} | text |" for name, doc in EXPORT_FIELDS]
    for f in schema.FACT_FIELDS:
        if f.name in SKIP or f.name == "official_url":
            continue
        if f.kind == "record":
            for sub in f.fields:
                rows.append(f"| `{f.name}_{sub.name}` | {_cell(f.doc)} {_cell(sub.doc)} | {_values(sub)} |")
            continue
        rows.append(f"| `{f.name}` | {_cell(f.doc)} | {_values(f)} |")
    extras = {f.name: (f, [s.title for s in schema.SLOTS if f in s.extra]) for s in schema.SLOTS for f in s.extra}
    value_rows = [
        f"| `{name}` | {_cell(f.doc)} | {_values(f)} | {', '.join(topics)} |"
        for name, (f, topics) in sorted(extras.items())
    ]
    topics = [f"| `{s.path}` | {s.title} | {_cell(s.doc)} |" for s in schema.SLOTS]
    topics += [
        f"| `federal.{k}` | {v} | Federal authority cited in every edition (us only). |"
        for k, v in schema.FEDERAL_AUTHORITIES.items()
    ]
    return (
        "\n".join(
            [
                "# Codebook",
                "",
                "What every field of the data downloads means and which values it takes. It is generated from the same "
                "schema as the overlays, the validation and `schema.json`, so it always matches the files.",
                "",
                "Each fact is one row of `facts.csv` and one object in `facts.json` and `<code>.json`. Facts not yet "
                "researched are included, with `status: unknown`. Reviewer notes are never exported.",
                "",
                "## Statuses",
                "",
                *[f"- `{k}`: {v}" for k, v in schema.STATUS_DOCS.items()],
                "",
                "## Fields (JSON keys and CSV columns)",
                "",
                "| Field | Meaning | Values |",
                "|---|---|---|",
                *rows,
                "| `values` | JSON: the topic's categorical values (below). CSV: one column per value. | object |",
                "",
                "## Categorical values",
                "",
                "Each topic records some of these; the field reference gives the rules for coding them.",
                "",
                "| Value | Meaning | Values | Topics |",
                "|---|---|---|---|",
                *value_rows,
                "",
                "## Topics",
                "",
                "| Topic | Title | What it records |",
                "|---|---|---|",
                *topics,
                "",
            ]
        )
        + "\n"
    )
