"""How each kind of field value is checked; kinds.py declares the kinds and names these checks.

Every check takes the validation context (validate.Context: error(), examples, lenient), the raw value,
the field and its path, and returns the clean value or None after one error naming what to write.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

import regex

from ecmguide.core import contacts
from ecmguide.law import reader_words, schema

CODE_RE = re.compile(r"[a-z]{2}(-[a-z0-9]{1,20}){0,2}")  # always used with fullmatch
COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
PATH_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
URL_RE = re.compile(r"https?://[^\s<>\"]+")
MAX_URL = 2000  # longer addresses are refused: they break QR codes, PDFs notes and people's trust
# A section number in a citation: ASCII letters and digits with . - : ( ), e.g. 1035.8, 261.001(1), 9m,
# 49-2-803; an en dash joins the two ends of a range. Read after each section sign.
SECTION_RE = regex.compile(r"[A-Za-z0-9.:()-]+(?:\u2013[A-Za-z0-9.:()-]+)?")
# The rest of a citation: Latin-script letters (accents allowed: Puerto Rico cites in Spanish), ASCII digits,
# spaces and the punctuation citations use.
CITATION_CHAR = regex.compile(r"[\p{Script=Latin}0-9 .,;:()\[\]'\u2019/&\-\u2013\u2014\u00a7\u00b6\"]")
# Names and titles land in page titles, navigation and prose; keep them to plain text.
LABEL_FORBIDDEN = re.compile(r"[<>{}\[\]`*_|#\\]")
MAX_TEXT = 2000


def valid_code(value) -> bool:
    return isinstance(value, str) and bool(CODE_RE.fullmatch(value))


def type_name(value) -> str:
    """What a value is, in an editor's words ("a list", "text")."""
    if value is None:
        return "nothing"
    return {
        dict: "a block of fields",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        dt.date: "a date",
    }.get(type(value), type(value).__name__)


def advice(f, ctx=None) -> str:
    """What to write, with an example from the same file where it has one (never another state's citation)."""
    examples = ctx.examples if ctx is not None else {}
    if f.name == "citation":
        cite = examples.get("citation")
        return (
            f'the statute, rule or case as a lawyer cites it, e.g. "{cite}"'
            if cite
            else "the statute, rule or case as a lawyer cites it"
        )
    if f.kind == "url":
        host = examples.get("code_host")
        return f'the URL of the page you read, e.g. "https://{host}/..."' if host else "the URL of the page you read"
    if f.kind == "date":
        return f"the date as YYYY-MM-DD, e.g. {f.example}"
    if f.kind in ("enum", "tristate", "bool"):
        choices = ", ".join(
            "true" if c is True else "false" if c is False else str(c) for c in (f.choices or (True, False))
        )
        return f"{f.name}: one of {choices} (the field reference explains each)"
    if f.example is not None:
        return (
            f"{f.doc[0].lower()}{f.doc[1:].rstrip('.')}, e.g. {f.example!r}"
            if f.kind not in ("str", "label")
            else f'e.g. "{f.example}"'
        )
    return "it"


# ---------------------------------------------------------------- checks, one per kind


def _text(ctx, value, f, path):
    """The checks every one-value text kind shares: text, not empty, not too long, no maintainers' words."""
    if isinstance(value, (int, float, bool, dt.date)) and not isinstance(value, str):
        ctx.error(path, f'expected text, got {type_name(value)}; put the value in double quotes, e.g. "{value}"')
        return None
    if not isinstance(value, str):
        ctx.error(path, f"expected text, got {type_name(value)}")
        return None
    value = value.strip()
    if not value:
        ctx.error(path, f"is empty; add {advice(f, ctx)} or remove the field")
        return None
    if len(value) > MAX_TEXT:
        ctx.error(path, f"is {len(value)} characters; keep it under {MAX_TEXT}")
        return None
    return value


def _for_readers(ctx, value, f, path):
    """A checked text a reader sees (f.public) holds no word for maintainers."""
    if f.public and (banned := reader_words.found(value)):
        ctx.error(path, f"contains {banned[0]!r}, a word for maintainers, and readers see this field: {banned[1]}")
        return None
    return value


def check_public_text(ctx, value, f, path):
    value = _text(ctx, value, f, path)
    return None if value is None else _for_readers(ctx, value, f, path)


def check_label(ctx, value, f, path):
    value = _text(ctx, value, f, path)
    if value is not None and LABEL_FORBIDDEN.search(value):
        bad = LABEL_FORBIDDEN.search(value).group(0)
        ctx.error(path, f"contains {bad!r}; names and titles are plain text (no < > {{ }} [ ] ` * _ | # \\)")
        return None
    return None if value is None else _for_readers(ctx, value, f, path)


def check_path(ctx, value, f, path):
    value = _text(ctx, value, f, path)
    if value is not None and (not PATH_RE.fullmatch(value) or ".." in value.split("/")):
        ctx.error(path, f"{value!r} is not a plain relative file name; use e.g. {f.example!r}")
        return None
    return value


def check_citation(ctx, value: str, path):
    """A citation is plain Latin-script text, and every section number after a section sign is ASCII: an
    accent or an invisible mark inside 1035.8 would point the official-text link at another section."""
    for i, ch in enumerate(value):
        if not CITATION_CHAR.fullmatch(ch):
            ctx.error(
                path,
                f"contains U+{ord(ch):04X} {unicodedata.name(ch, '')} at character {i + 1}; a citation "
                "is written in Latin letters, digits and the usual punctuation (. , ; : ( ) - \u00a7)",
            )
            return None
    for m in regex.finditer(r"\u00a7\u00a7?\s*([^\s,;]+)", value):
        token = m.group(1).rstrip(".")
        if not SECTION_RE.fullmatch(token):
            bad = next((j for j, ch in enumerate(token) if not (ch.isascii() and (ch.isalnum() or ch in ".:()-"))), 0)
            ctx.error(
                path,
                f"section number {token!r} has {token[bad]!r} (U+{ord(token[bad]):04X}) at character "
                f"{m.start(1) + bad + 1}; a section number is ASCII letters and digits with . - : ( ) only",
            )
            return None
    return value


def check_citation_field(ctx, value, f, path):
    value = _text(ctx, value, f, path)
    return check_citation(ctx, value, path) if value is not None else None


def check_contact(parse, keep_parsed: bool):
    def check(ctx, value, f, path):
        value = _text(ctx, value, f, path)
        if value is None:
            return None
        try:
            checked = parse(value)
        except contacts.ContactError as exc:
            ctx.error(path, f"{value!r} {exc}")
            return None
        return checked if keep_parsed else value

    return check


def check_url(ctx, value, path, *, https: bool = False):
    if not isinstance(value, str) or not URL_RE.fullmatch(value.strip()):
        ctx.error(path, f"{value!r} is not a web address; use a full http:// or https:// URL of the page you read")
        return None
    value = value.strip()
    if len(value) > MAX_URL:
        ctx.error(
            path,
            f"is a web address of {len(value)} characters; the limit is {MAX_URL}: link the page itself, "
            "without tracking or search parameters",
        )
        return None
    if https and not value.startswith("https://"):
        ctx.error(path, f"{value!r} is not https; readers are sent here, so give the https:// address of the page")
        return None
    return value


def check_urls(ctx, value, f, path):
    if not isinstance(value, list):
        ctx.error(path, "expected a list of URLs")
        return None
    urls = [check_url(ctx, item, path + (i,)) for i, item in enumerate(value)]
    return tuple(u for u in urls if u)


def check_strs(ctx, value, f, path):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        ctx.error(path, 'expected a list of text items, e.g. ["physicians", "teachers"]')
        return None
    for i, v in enumerate(value):
        if f.public and (banned := reader_words.found(v)):
            ctx.error(
                path + (i,), f"contains {banned[0]!r}, a word for maintainers, and readers see this field: {banned[1]}"
            )  # the item's other rules (e.g. the search record's) still run
    return tuple(v.strip() for v in value)


def check_date(ctx, value, f, path):
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            if not DATE_RE.fullmatch(value.strip()):
                raise ValueError(value)
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            ctx.error(path, f"{value!r} is not a valid date; write YYYY-MM-DD, e.g. 2026-11-25")
            return None
    if not isinstance(value, dt.date):
        ctx.error(path, f"expected a date YYYY-MM-DD, got {type_name(value)}")
        return None
    return value


def check_bool(ctx, value, f, path):
    if not isinstance(value, bool):
        ctx.error(path, f"expected true or false, got {value!r}")
        return None
    return value


def check_tristate(ctx, value, f, path):
    if value not in (True, False, "conditional") or value in (0, 1) and not isinstance(value, bool):
        ctx.error(path, f"{value!r} is not allowed; use true, false or conditional")
        return None
    return value


def check_enum(ctx, value, f, path):
    if value not in f.choices:
        hint = difflib.get_close_matches(str(value), list(f.choices), n=1)
        maybe = f'did you mean "{hint[0]}"? ' if hint else ""
        ctx.error(path, f"{value!r} is not allowed; {maybe}use one of: {', '.join(f.choices)}")
        return None
    return value


def check_code(ctx, value, f, path):
    if not valid_code(value):
        ctx.error(path, f'{value!r} is not a jurisdiction code; use a lowercase USPS code like "ca" or "ca-la"')
        return None
    return value


def check_codes(ctx, value, f, path):
    if not isinstance(value, list) or not value:
        ctx.error(path, "expected a list of overlay codes, e.g. [us, ca]")
        return None
    codes = []
    for i, item in enumerate(value):
        if not valid_code(item):
            ctx.error(path + (i,), f'{item!r} is not a jurisdiction code; use e.g. "ca"')
        else:
            codes.append(item)
    return tuple(codes) if len(codes) == len(value) else None


def check_languages(ctx, value, path):
    """A list of language codes the guide exists in, English first, each once."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        ctx.error(path, "expected a list of language codes, English first, e.g. [en, es]")
        return None
    unknown = [v for v in value if v not in schema.LANGUAGES]
    if unknown:
        ctx.error(
            path,
            f"{unknown[0]!r} is not a language the guide is written in; use some of: {', '.join(schema.LANGUAGES)}",
        )
        return None
    if value[0] != "en":
        ctx.error(
            path,
            f"starts with {value[0]!r}; the edition itself is the English guide, so list en first, "
            f"e.g. [en, {value[0]}]",
        )
        return None
    if len(set(value)) != len(value):
        ctx.error(path, "lists a language twice; list each once")
        return None
    return tuple(value)


def check_color(ctx, value, f, path):
    if not isinstance(value, str) or not COLOR_RE.fullmatch(value):
        ctx.error(path, f'{value!r} is not a colour; write #rrggbb, e.g. "#1f4e79"')
        return None
    return value.lower()
