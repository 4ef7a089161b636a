"""Kinds of field value, each declared once: how it is checked, documented and exported.

A Field names its kind (schema.py, ecmguide/data/topics.yml). Validation (validate.check_value) calls
the kind's check; the field reference and the editor JSON Schema (fieldref.py) read its doc and editor
schema; the open data's JSON Schema and codebook (outputs/hub/codebook.py) read its export type and
values. Adding a kind is adding one entry to KINDS. The record kinds (record, records) hold other
fields, so validation walks them itself.

Every check takes the validation context (validate.Context: error(), examples, lenient), the raw value,
the field and its path, and returns the clean value or None after one error naming what to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ecmguide.core import contacts
from ecmguide.law import schema
from ecmguide.law.valuechecks import (
    CODE_RE,
    COLOR_RE,
    LABEL_FORBIDDEN,
    MAX_URL,
    PATH_RE,
    URL_RE,
    check_bool,
    check_citation_field,
    check_code,
    check_codes,
    check_color,
    check_contact,
    check_date,
    check_enum,
    check_label,
    check_languages,
    check_path,
    check_public_text,
    check_strs,
    check_tristate,
    check_url,
    check_urls,
)

# ---------------------------------------------------------------- the kinds


@dataclass(frozen=True)
class Kind:
    name: str
    check: Callable | None  # None: a record kind, walked by validation itself
    editor: dict | None  # the editor JSON Schema of a value (None: built from the field: enum, record)
    export: dict | None = None  # the open data's JSON Schema type (None: not exported, or built from the field)
    values: str = "text"  # the codebook's "values" column
    doc: str = ""  # what it accepts, in editors' words (the field reference); kinds with the same doc share a row


_TEXT_DOC = (
    "Plain text in Unicode normal form C: no control, invisible (default-ignorable), bidirectional "
    "or private-use character, no combining mark that does not follow a letter. `text` may hold line "
    "breaks; the others are one line."
)
_STRING = {"type": "string"}
_URL_LIST = {"type": "array", "items": {"type": "string", "pattern": f"^{URL_RE.pattern}$"}}

KINDS = {
    k.name: k
    for k in (
        Kind("text", check_public_text, {"type": "string", "minLength": 1}, _STRING, doc=_TEXT_DOC),
        Kind("str", check_public_text, {"type": "string", "minLength": 1}, _STRING, doc=_TEXT_DOC),
        Kind(
            "label",
            check_label,
            {"type": "string", "minLength": 1, "pattern": f"^[^{LABEL_FORBIDDEN.pattern[1:-1]}]+$"},
            doc="One line of plain text without markup characters: no angle or curly or square brackets, backtick, "
            "asterisk, underscore, vertical bar, hash or backslash.",
        ),
        Kind(
            "citation",
            check_citation_field,
            {"type": "string", "minLength": 1},
            _STRING,
            doc="Latin letters (accents allowed), digits and the punctuation citations use. Every section number "
            "after `§` is ASCII letters and digits with `. - : ( )` only (an en dash joins a range), so an "
            "invisible mark or a look-alike digit cannot send the official-text link to another section.",
        ),
        Kind(
            "url",
            lambda ctx, value, f, path: check_url(ctx, value, path),
            {"type": "string", "pattern": f"^{URL_RE.pattern}$", "maxLength": MAX_URL},
            _STRING,
            doc="A full `http://` or `https://` address of at most 2,000 characters: the page you read, as you read it.",
        ),
        Kind(
            "https",
            lambda ctx, value, f, path: check_url(ctx, value, path, https=True),
            {"type": "string", "pattern": '^https://[^\\s<>"]+$', "maxLength": MAX_URL},
            _STRING,
            doc="A full `https://` address of at most 2,000 characters: a page readers are sent to.",
        ),
        Kind(
            "phone",
            check_contact(contacts.parse_phone, False),
            {"type": "string", "minLength": 7, "maxLength": contacts.MAX_PHONE},
            _STRING,
            doc="One phone number with its area code, e.g. `(877) 322-5227`, optionally with `ext. 12`; digits "
            "only (a vanity spelling such as 1-800-FLOWERS goes in the label). Pages link it as `tel:+1...`.",
        ),
        Kind(
            "sms",
            check_contact(contacts.check_short_code, False),
            {"type": "string", "pattern": f"^{contacts.SHORT_CODE.pattern}$"},
            _STRING,
            doc="An SMS short code, digits only, e.g. `233733`. Pages link it as `sms:`.",
        ),
        Kind(
            "email",
            check_contact(contacts.check_email, True),
            {"type": "string", "format": "email"},
            _STRING,
            doc="One e-mail address, e.g. `coordinator@example.org`: no `?cc=`, `&body=` or second address.",
        ),
        Kind(
            "languages",
            lambda ctx, value, f, path: check_languages(ctx, value, path),
            {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "prefixItems": [{"const": "en"}],
                "items": {"enum": list(schema.LANGUAGES)},
            },
            doc=f"A list of language codes, `en` first, each once, from: {', '.join(schema.LANGUAGES)}.",
        ),
        Kind("path", check_path, {"type": "string", "pattern": f"^{PATH_RE.pattern}$"}),
        Kind(
            "urls",
            check_urls,
            _URL_LIST,
            {"type": "array", "items": {"type": "string"}},
            values="a list (CSV: items separated by ` | `)",
        ),
        Kind(
            "strs",
            check_strs,
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            {"type": "array", "items": {"type": "string"}},
            values="a list (CSV: items separated by ` | `)",
        ),
        Kind(
            "date",
            check_date,
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"},
            values="YYYY-MM-DD",
        ),
        Kind("bool", check_bool, {"type": "boolean"}, {"type": "boolean"}, values="`true`, `false`"),
        Kind(
            "tristate",
            check_tristate,
            {"enum": [True, False, "conditional"]},
            {"enum": [True, False, "conditional"]},
            values="`true`, `false`, `conditional`",
        ),
        Kind("enum", check_enum, None),
        Kind("code", check_code, {"type": "string", "pattern": f"^{CODE_RE.pattern}$"}),
        Kind(
            "codes",
            check_codes,
            {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": f"^{CODE_RE.pattern}$"}},
        ),
        Kind("color", check_color, {"type": "string", "pattern": f"^{COLOR_RE.pattern}$"}),
        Kind("record", None, None),
        Kind("records", None, None),
    )
}


def kind_docs() -> dict[str, str]:
    """ "text, str" -> what they accept: kinds sharing a doc share a row, in declared order."""
    rows: dict[str, list[str]] = {}
    for k in KINDS.values():
        if k.doc:
            rows.setdefault(k.doc, []).append(k.name)
    return {", ".join(names): doc for doc, names in rows.items()}
