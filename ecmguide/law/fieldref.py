"""Generated artefacts of the schema: the editor JSON Schema and the field reference page.

`make schema` writes both; tests fail when the committed copies differ from what this produces.
"""

from __future__ import annotations

import json

from ecmguide.law import schema, template
from ecmguide.law.kinds import KINDS, kind_docs
from ecmguide.law.schema import Field

JSON_SCHEMA_PATH = "overlays/overlay.schema.json"
MANIFEST_SCHEMA_PATH = "jurisdictions/manifest.schema.json"
REFERENCE_PATH = "maintainers/overlay-field-reference.md"


def _field_schema(f: Field) -> dict:
    if f.kind == "enum":
        out = {"enum": list(f.choices)}
    elif f.kind == "record":
        out = _record_schema(f.fields)
    elif f.kind == "records":
        out = {"type": "array", "items": _record_schema(f.fields)}
    else:
        out = dict(KINDS[f.kind].editor)
    desc = f.doc + (f" Where to find it: {f.where}" if f.where else "")
    out["description"] = desc
    if f.example is not None:
        out["examples"] = [f.example]
    return out


def _record_schema(fields, required=True) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: _field_schema(f) for f in fields},
        **(
            {"required": [f.name for f in fields if f.required]} if required and any(f.required for f in fields) else {}
        ),
    }


def _fact_schema(slot_fields, title: str, doc: str) -> dict:
    """One branch per kind of status: unknown, none_found, and recorded (in force or not enacted)."""

    def branch(statuses: tuple[str, ...], required: list[str]) -> dict:
        fields = [f for f in slot_fields if any(st in f.statuses for st in statuses)]
        out = _record_schema(fields, required=False)
        out["properties"]["status"] = {"enum": list(statuses), "description": slot_fields[0].doc}
        if required:
            out["required"] = required
        return out

    recorded = branch(schema.RECORDED, [f.name for f in slot_fields if f.required])
    return {
        "title": title,
        "description": doc,
        "oneOf": [branch(("unknown",), ["status"]), branch(("none_found",), ["status", "searched"]), recorded],
    }


def overlay_json_schema() -> dict:
    props = {f.name: _field_schema(f) for f in schema.OVERLAY_TOP}
    for section in schema.SECTIONS:
        slots = [s for s in schema.SLOTS if s.path.startswith(section + ".")]
        props[section] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                s.path.split(".", 1)[1]: _fact_schema(s.fields, s.title, s.doc + " Where to find it: " + s.where)
                for s in slots
            },
        }
    for s in schema.SLOTS:
        if "." not in s.path:
            props[s.path] = _fact_schema(s.fields, s.title, s.doc + " Where to find it: " + s.where)
    props["federal"] = {
        "type": "object",
        "additionalProperties": False,
        "description": "Federal authorities (overlays/us.yml only).",
        "properties": {k: _fact_schema(schema.FACT_FIELDS, v, v) for k, v in schema.FEDERAL_AUTHORITIES.items()},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ECM guide jurisdiction overlay",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in schema.OVERLAY_TOP if f.required],
        "properties": props,
    }


def manifest_json_schema() -> dict:
    out = _record_schema(schema.MANIFEST)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "ECM guide edition manifest", **out}


def dumps(obj: dict) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _example(f: Field) -> str:
    if f.example is None:
        return ""
    if isinstance(f.example, bool):
        return "`true`" if f.example else "`false`"
    if isinstance(f.example, list):
        return "`[" + ", ".join(str(x) for x in f.example) + "]`"
    return f"`{f.example}`"


def _escape_cell(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def _rows(fields, prefix="") -> list[str]:
    rows = []
    for f in fields:
        kind = {"enum": f"one of {', '.join(map(str, f.choices))}", "tristate": "one of true, false, conditional"}.get(
            f.kind, f.kind
        )
        req = "required" if f.required else "recommended" if f.recommended else "optional"
        if f.statuses != schema.RECORDED and f.name != "status":
            req += f" (status {', '.join(f.statuses)})"
        if not f.public:
            req += "; never published"
        rows.append(
            f"| `{prefix}{f.name}` | {_escape_cell(f.doc)} | {kind}, {req} | {_escape_cell(_example(f))} | "
            f"{_escape_cell(f.where)} |"
        )
        if f.fields:
            rows += _rows(f.fields, prefix + f.name + "[]." if f.kind == "records" else prefix + f.name + ".")
    return rows


HEADER = "| Field | What it means | Kind | Example | Where a lawyer finds it |\n|---|---|---|---|---|"


def reference_markdown() -> str:
    out = [
        "# Overlay field reference",
        "",
        "<!-- Generated from ecmguide/law/schema.py by `make schema`. Do not edit by hand. -->",
        "",
        "Every field an overlay file (`overlays/<code>.yml`) or an edition manifest (`jurisdictions/<code>.yml`)",
        "may hold. `make validate` checks files against exactly this list. For a walk-through, see",
        "[Keeping the law current](keeping-the-law-current.md).",
        "",
        "## Kinds of value",
        "",
        "| Kind | What it accepts |",
        "|---|---|",
        *[f"| {', '.join(f'`{k.strip()}`' for k in kinds.split(','))} | {doc} |" for kinds, doc in kind_docs().items()],
        "",
        "## Top of every overlay",
        "",
        HEADER,
        *_rows(schema.OVERLAY_TOP),
        "",
        "## What is known about a law, and what is not",
        "",
        "Every fact has a status. Readers see each one worded differently, on pages, in PDFs and on the",
        'compare page, so "nobody looked yet" is never mistaken for "there is no such law".',
        "",
        *[f"- `{k}`: {v}" for k, v in schema.STATUS_DOCS.items()],
        "",
        "The coverage figure counts `in_force`, `not_enacted` and `none_found` as recorded.",
        "",
        "## How sure a fact is",
        "",
        "- `source_url` is the page you actually read. The citation links the official text (built from the",
        "  citation, or `official_url`). Both appear wherever the fact appears; PDFs print both addresses.",
        "- `checked_against: official_text` only when you read the statute, rule or constitution on its",
        "  official publisher's site, or the running agency's own program page. A compilation is `secondary`,",
        "  even on a government site.",
        "- `confidence: high` requires `checked_against: official_text` and an official `source_url`.",
        "- `last_reviewed` is the day you checked the fact against the source you name; nothing else.",
        '- `limits` is public ("Limits of this entry"); `reviewer_note` is for maintainers and is never',
        "  printed on a page or in a PDF.",
        "- Never cite machine-written legal sites, content farms or document-sharing copies: validation refuses",
        "  them (the list is in `ecmguide/data/sources.yml`).",
        "",
        "## Fields of every fact",
        "",
        "Each topic below is one *fact* with these fields. A fact not yet researched is written",
        "`{status: unknown}` or left out. Fields marked required are required when the status is",
        "`in_force` or `not_enacted`.",
        "",
        HEADER,
        *_rows(schema.FACT_FIELDS),
        "",
        "## Topics",
        "",
        "Each topic has written rules for its categorical values. Both coders of the double-coding study",
        "(`research/qc/`) apply exactly these rules, to the current statute, never to a compilation's label.",
        "",
    ]
    for s in schema.SLOTS:
        out += [
            f"### {s.title}",
            "",
            f"Key: `{s.path}`. {s.doc}",
            "",
            f"Where to find it: {s.where}",
            "",
            f"Shown to: {', '.join(schema.DISCIPLINE_TITLES[d] for d in s.disciplines)}."
            + ("" if s.counted else " Not counted in the coverage report."),
            "",
        ]
        if s.rules:
            out += ["Rules:", "", *[f"- {_escape_cell(r)}" for r in s.rules], ""]
        if s.extra:
            out += ["Fields in addition to the fact fields:", "", HEADER, *_rows(s.extra), ""]
    out += [
        "## Federal authorities",
        "",
        "Only `overlays/us.yml` holds these, under `federal:`. Each is a fact.",
        "",
        "| Key | Authority |",
        "|---|---|",
        *[f"| `{k}` | {v} |" for k, v in schema.FEDERAL_AUTHORITIES.items()],
        "",
        "## Edition manifest",
        "",
        HEADER,
        *_rows(schema.MANIFEST),
        "",
    ]
    return "\n".join(out)


def artefacts() -> dict[str, str]:
    """Relative path -> generated content."""
    return {
        JSON_SCHEMA_PATH: dumps(overlay_json_schema()),
        MANIFEST_SCHEMA_PATH: dumps(manifest_json_schema()),
        REFERENCE_PATH: reference_markdown(),
        template.TEMPLATE_PATH: template.template_yaml(),
    }
