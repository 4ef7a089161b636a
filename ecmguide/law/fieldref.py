"""Generated artefacts of the schema: the editor JSON Schema and the field reference page.

`make schema` writes both; tests fail when the committed copies differ from what this produces.
"""
from __future__ import annotations

import json

from ecmguide.core import contacts
from ecmguide.law import schema, template
from ecmguide.law.schema import Field
from ecmguide.law.validate import CODE_RE, COLOR_RE, LABEL_FORBIDDEN, MAX_URL, PATH_RE, URL_RE

JSON_SCHEMA_PATH = "overlays/overlay.schema.json"
MANIFEST_SCHEMA_PATH = "jurisdictions/manifest.schema.json"
REFERENCE_PATH = "maintainers/overlay-field-reference.md"

_JSON_TYPES = {
    "str": {"type": "string", "minLength": 1}, "text": {"type": "string", "minLength": 1},
    "label": {"type": "string", "minLength": 1, "pattern": f"^[^{LABEL_FORBIDDEN.pattern[1:-1]}]+$"},
    "path": {"type": "string", "pattern": f"^{PATH_RE.pattern}$"},
    "url": {"type": "string", "pattern": f"^{URL_RE.pattern}$", "maxLength": MAX_URL},
    "https": {"type": "string", "pattern": "^https://[^\\s<>\"]+$", "maxLength": MAX_URL},
    "citation": {"type": "string", "minLength": 1},
    "phone": {"type": "string", "minLength": 7, "maxLength": contacts.MAX_PHONE},
    "sms": {"type": "string", "pattern": f"^{contacts.SHORT_CODE.pattern}$"},
    "email": {"type": "string", "format": "email"},
    "urls": {"type": "array", "items": {"type": "string", "pattern": f"^{URL_RE.pattern}$"}},
    "strs": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "date": {"type": "string", "format": "date"},
    "bool": {"type": "boolean"},
    "tristate": {"enum": [True, False, "conditional"]},
    "code": {"type": "string", "pattern": f"^{CODE_RE.pattern}$"},
    "codes": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": f"^{CODE_RE.pattern}$"}},
    "color": {"type": "string", "pattern": f"^{COLOR_RE.pattern}$"},
    "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "prefixItems": [{"const": "en"}],
                  "items": {"enum": list(schema.LANGUAGES)}},
}


def _field_schema(f: Field) -> dict:
    if f.kind == "enum":
        out = {"enum": list(f.choices)}
    elif f.kind == "record":
        out = _record_schema(f.fields)
    elif f.kind == "records":
        out = {"type": "array", "items": _record_schema(f.fields)}
    else:
        out = dict(_JSON_TYPES[f.kind])
    desc = f.doc + (f" Where to find it: {f.where}" if f.where else "")
    out["description"] = desc
    if f.example is not None:
        out["examples"] = [f.example]
    return out


def _record_schema(fields, required=True) -> dict:
    return {"type": "object", "additionalProperties": False,
            "properties": {f.name: _field_schema(f) for f in fields},
            **({"required": [f.name for f in fields if f.required]} if required and any(f.required for f in fields) else {})}


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
    return {"title": title, "description": doc, "oneOf": [
        branch(("unknown",), ["status"]), branch(("none_found",), ["status", "searched"]), recorded]}


def overlay_json_schema() -> dict:
    props = {f.name: _field_schema(f) for f in schema.OVERLAY_TOP}
    for section in schema.SECTIONS:
        slots = [s for s in schema.SLOTS if s.path.startswith(section + ".")]
        props[section] = {"type": "object", "additionalProperties": False, "properties": {
            s.path.split(".", 1)[1]: _fact_schema(s.fields, s.title, s.doc + " Where to find it: " + s.where) for s in slots}}
    for s in schema.SLOTS:
        if "." not in s.path:
            props[s.path] = _fact_schema(s.fields, s.title, s.doc + " Where to find it: " + s.where)
    props["federal"] = {"type": "object", "additionalProperties": False, "description": "Federal authorities (overlays/us.yml only).",
                        "properties": {k: _fact_schema(schema.FACT_FIELDS, v, v) for k, v in schema.FEDERAL_AUTHORITIES.items()}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "ECM guide jurisdiction overlay",
            "type": "object", "additionalProperties": False,
            "required": [f.name for f in schema.OVERLAY_TOP if f.required], "properties": props}


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
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("{", "&#123;").replace("}", "&#125;"))


def _rows(fields, prefix="") -> list[str]:
    rows = []
    for f in fields:
        kind = {"enum": f"one of {', '.join(map(str, f.choices))}", "tristate": "one of true, false, conditional"}.get(
            f.kind, f.kind)
        req = "required" if f.required else "recommended" if f.recommended else "optional"
        if f.statuses != schema.RECORDED and f.name != "status":
            req += f" (status {', '.join(f.statuses)})"
        if not f.public:
            req += "; never published"
        rows.append(f"| `{prefix}{f.name}` | {_escape_cell(f.doc)} | {kind}, {req} | {_escape_cell(_example(f))} | "
                    f"{_escape_cell(f.where)} |")
        if f.fields:
            rows += _rows(f.fields, prefix + f.name + "[]." if f.kind == "records" else prefix + f.name + ".")
    return rows


HEADER = "| Field | What it means | Kind | Example | Where a lawyer finds it |\n|---|---|---|---|---|"

# What each kind of value accepts, in editors' words (validate.check_value enforces each).
KIND_DOCS = {
    "text, str": "Plain text in Unicode normal form C: no control, invisible (default-ignorable), bidirectional "
                 "or private-use character, no combining mark that does not follow a letter. `text` may hold line "
                 "breaks; the others are one line.",
    "label": "One line of plain text without markup characters: no angle or curly or square brackets, backtick, "
             "asterisk, underscore, vertical bar, hash or backslash.",
    "citation": "Latin letters (accents allowed), digits and the punctuation citations use. Every section number "
                "after `§` is ASCII letters and digits with `. - : ( )` only (an en dash joins a range), so an "
                "invisible mark or a look-alike digit cannot send the official-text link to another section.",
    "url": "A full `http://` or `https://` address of at most 2,000 characters: the page you read, as you read it.",
    "https": "A full `https://` address of at most 2,000 characters: a page readers are sent to.",
    "phone": "One phone number with its area code, e.g. `(877) 322-5227`, optionally with `ext. 12`; digits "
             "only (a vanity spelling such as 1-800-FLOWERS goes in the label). Pages link it as `tel:+1...`.",
    "sms": "An SMS short code, digits only, e.g. `233733`. Pages link it as `sms:`.",
    "email": "One e-mail address, e.g. `coordinator@example.org`: no `?cc=`, `&body=` or second address.",
    "languages": f"A list of language codes, `en` first, each once, from: {', '.join(schema.LANGUAGES)}.",
}


def reference_markdown() -> str:
    out = ["# Overlay field reference", "",
           "<!-- Generated from ecmguide/law/schema.py by `make schema`. Do not edit by hand. -->", "",
           "Every field an overlay file (`overlays/<code>.yml`) or an edition manifest (`jurisdictions/<code>.yml`)",
           "may hold. `make validate` checks files against exactly this list. For a walk-through, see",
           "[Keeping the law current](keeping-the-law-current.md).", "",
           "## Kinds of value", "", "| Kind | What it accepts |", "|---|---|",
           *[f"| {', '.join(f'`{k.strip()}`' for k in kinds.split(','))} | {doc} |" for kinds, doc in KIND_DOCS.items()], "",
           "## Top of every overlay", "", HEADER, *_rows(schema.OVERLAY_TOP), "",
           "## What is known about a law, and what is not", "",
           "Every fact has a status. Readers see each one worded differently, on pages, in PDFs and on the",
           "compare page, so \"nobody looked yet\" is never mistaken for \"there is no such law\".", "",
           *[f"- `{k}`: {v}" for k, v in schema.STATUS_DOCS.items()], "",
           "The coverage figure counts `in_force`, `not_enacted` and `none_found` as recorded.", "",
           "## How sure a fact is", "",
           "- `source_url` is the page you actually read. The citation links the official text (built from the",
           "  citation, or `official_url`). Both appear wherever the fact appears; PDFs print both addresses.",
           "- `checked_against: official_text` only when you read the statute, rule or constitution on its",
           "  official publisher's site, or the running agency's own program page. A compilation is `secondary`,",
           "  even on a government site.",
           "- `confidence: high` requires `checked_against: official_text` and an official `source_url`.",
           "- `last_reviewed` is the day you checked the fact against the source you name; nothing else.",
           "- `limits` is public (\"Limits of this entry\"); `reviewer_note` is for maintainers and is never",
           "  printed on a page or in a PDF.",
           "- Never cite machine-written legal sites, content farms or document-sharing copies: validation refuses",
           "  them (the list is in `ecmguide/data/sources.yml`).", "",
           "## Fields of every fact", "",
           "Each topic below is one *fact* with these fields. A fact not yet researched is written",
           "`{status: unknown}` or left out. Fields marked required are required when the status is",
           "`in_force` or `not_enacted`.", "",
           HEADER, *_rows(schema.FACT_FIELDS), "", "## Topics", "",
           "Each topic has written rules for its categorical values. Both coders of the double-coding study",
           "(`research/qc/`) apply exactly these rules, to the current statute, never to a compilation's label.", ""]
    for s in schema.SLOTS:
        out += [f"### {s.title}", "", f"Key: `{s.path}`. {s.doc}", "", f"Where to find it: {s.where}", "",
                f"Shown to: {', '.join(schema.DISCIPLINE_TITLES[d] for d in s.disciplines)}."
                + ("" if s.counted else " Not counted in the coverage report."), ""]
        if s.rules:
            out += ["Rules:", "", *[f"- {_escape_cell(r)}" for r in s.rules], ""]
        if s.extra:
            out += ["Fields in addition to the fact fields:", "", HEADER, *_rows(s.extra), ""]
    out += ["## Federal authorities", "", "Only `overlays/us.yml` holds these, under `federal:`. Each is a fact.", "",
            "| Key | Authority |", "|---|---|", *[f"| `{k}` | {v} |" for k, v in schema.FEDERAL_AUTHORITIES.items()], "",
            "## Edition manifest", "", HEADER, *_rows(schema.MANIFEST), ""]
    return "\n".join(out)


def artefacts() -> dict[str, str]:
    """Relative path -> generated content."""
    return {JSON_SCHEMA_PATH: dumps(overlay_json_schema()), MANIFEST_SCHEMA_PATH: dumps(manifest_json_schema()),
            REFERENCE_PATH: reference_markdown(), template.TEMPLATE_PATH: template.template_yaml()}
