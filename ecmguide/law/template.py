"""overlays/_template.yml, generated from the topic declarations (ecmguide/data/topics.yml) by `make schema`.

Legal staff copy the template to start a new overlay. Every topic appears in it, with its own fields as
comments; the first topic shows a whole recorded fact, built from the fact fields' examples.
"""

from __future__ import annotations

import json
import re

from ecmguide.law import schema

TEMPLATE_PATH = "overlays/_template.yml"

HEADER = """\
# Overlay template: copy this file to overlays/<code>.yml (lowercase USPS code, e.g. tx.yml)
# and fill in what you can verify. Delete nothing you are unsure about: mark it unknown.
# Generated from ecmguide/data/topics.yml by `make schema`: edit the topics there, not here.
#
# Rules every fact follows (maintainers/overlay-field-reference.md explains each field and the coding rules)
#   - status:        in_force     the law exists and is described here
#                    not_enacted  a source says the jurisdiction has no such law (cite that source)
#                    none_found   you searched and found nothing; record what and when under `searched`
#                    unknown      not yet researched (the site says "Not yet researched")
#   - citation:      the statute, rule or case, as a lawyer would cite it ("Cal. Evid. Code § 1035.8").
#                    The site links it to the official text; if it cannot be built from the citation,
#                    add official_url with the official page of that section.
#   - summary:       one to three sentences in your own words. Never paste statute text.
#   - source_url:    the page you actually read. http(s) only. Never a machine-written legal site,
#                    a content farm or a document-sharing copy (validation refuses them).
#   - checked_against: official_text (you read the statute on its official publisher's site, or the
#                    running agency's program page) or secondary (anything else).
#   - last_reviewed: the day (YYYY-MM-DD) you checked the fact against the source you name.
#   - confidence:    high (official text read: needs checked_against: official_text),
#                    medium (reliable secondary source), low (inference or partial text).
#   - limits:        optional, PUBLIC: what this entry does not cover or could not confirm.
#   - reviewer_note: optional, PRIVATE: for maintainers; never printed on a page or in a PDF.
#   - effective:     optional: the day the cited text took effect.
#   - amended_by:    optional list of acts that enacted or changed the cited text, newest first:
#                      - {act: "Acts 2025, 89th Leg., ch. 123 (H.B. 1161)", effective: 2025-09-01,
#                         sections: "Fam. Code § 261.101", effect: amended}   # enacted, amended, renumbered, repealed
#   - current_through: optional: how far you checked the session laws for later acts. Leave it out if you
#                    could not: pages then say later changes were not checked. Never stamp a session you did not check.
#                      {session: "89th Legislature, 2025 regular session", through: 2025-06-22, checked_on: 2026-12-07,
#                       evidence: ["https://<session-law index or code page> (what it shows)"]}
#   - attorney_review: optional, filled in by legal staff: {date: 2026-12-01, role: "attorney, Texas bar"}.
#   - additional_sources: optional list of other URLs that support the fact.
# A fact not yet researched is either left out or written as {status: unknown}.
# This is information, not legal advice: summaries describe the law, they do not advise.

code: xx                 # lowercase USPS code; must match the file name
name: Example State      # how the jurisdiction is named in headings: "In Example State"
kind: state              # federal | state | district | territory | local
"""

# The first topic's example of a whole recorded fact, with a made-up citation and address (never real law that
# could be pasted under the wrong topic).
_EXAMPLE_FACT = {
    "status": "in_force",
    "citation": "Ex. Evid. Code § 100",
    "summary": "Describe the protection in one to three sentences of your own; who holds it; its main exceptions.",
    "source_url": "https://example.gov/code/evid/100",
    "checked_against": "official_text",
    "last_reviewed": "2026-01-31",
    "confidence": "high",
    "limits": "Optional, public. E.g. only the definitions section was read; the exceptions were not checked.",
    "reviewer_note": "Optional, private. E.g. the 2018 compilation and the code differ on training hours.",
}
_PLAIN = re.compile(r"[a-z_]+|\d{4}-\d{2}-\d{2}")  # enum values and dates read back the same unquoted
_SENTENCE = re.compile(r"(.+?)(?<!e\.g)\.(\s|$)")


def _value(value) -> str:
    """A value as YAML would read it back: strings quoted (JSON strings are valid YAML), others plain."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _hint(f: schema.Field) -> str:
    if f.kind == "enum":
        return " | ".join(map(str, f.choices))
    if f.kind == "tristate":
        return "true | false | conditional"
    return _first_sentence(f.doc)


def _first_sentence(text: str) -> str:
    m = _SENTENCE.match(text)
    return m.group(1) if m else text.rstrip(".")


def _field_lines(f: schema.Field, indent: str) -> list[str]:
    if f.kind in ("record", "records"):
        lines = [
            f"{indent}# {f.name}:{'' if f.kind == 'record' else '  # a list; each entry starts with -'}"
            f"   # {_first_sentence(f.doc)}"
        ]
        lead = f"{indent}#   " + ("- " if f.kind == "records" else "")
        for i, sub in enumerate(f.fields):
            prefix = lead if i == 0 else f"{indent}#   " + ("  " if f.kind == "records" else "")
            lines.append(
                f"{prefix}{sub.name}: {_value(sub.example)}" if sub.example is not None else f"{prefix}{sub.name}: ..."
            )
        return lines
    example = _value(f.example) if f.example is not None else '"..."'
    return [f"{indent}# {f.name}: {example}   # {_hint(f)}"]


def _topic_lines(slot: schema.Slot, indent: str, first: bool) -> list[str]:
    name = slot.path.rsplit(".", 1)[-1]
    lines = [f"{indent}# {slot.title}. {slot.doc}", f"{indent}# Where to look: {slot.where}", f"{indent}{name}:"]
    if first:
        lines += [f"{indent}  {key}: {_value(value)}" for key, value in _EXAMPLE_FACT.items()]
    else:
        lines.append(f"{indent}  status: unknown")
    for f in slot.extra:
        lines += _field_lines(f, indent + "  ")
    return lines


def template_yaml() -> str:
    out = [HEADER.rstrip("\n")]
    done: set[str] = set()
    for i, slot in enumerate(schema.SLOTS):
        section = slot.path.split(".", 1)[0] if "." in slot.path else ""
        if section and section in done:
            continue
        out.append("")
        if section:
            done.add(section)
            out.append(f"{section}:")
            members = [s for s in schema.SLOTS if s.path.startswith(section + ".")]
            for j, member in enumerate(members):
                out += _topic_lines(member, "  ", first=i == 0 and j == 0)
        else:
            out += _topic_lines(slot, "", first=i == 0)
    return "\n".join(out) + "\n"
