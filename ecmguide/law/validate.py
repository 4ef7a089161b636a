"""Schema and meaning checks for overlays and manifests, driven by schema.py.

Each check appends a Problem naming the file, the line and the dotted field, plus what to do.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import regex

from ecmguide.core import contacts
from ecmguide.core.errors import Problem
from ecmguide.core.safeyaml import dotted
from ecmguide.law import reader_words, schema
from ecmguide.law.schema import Field

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
STALE_AFTER_DAYS = 365


@dataclass
class Context:
    file: str
    lines: dict
    today: dt.date
    problems: list[Problem] = field(default_factory=list)
    lenient: bool = False  # keep text that fails the safety check (old versions, change reports quote it inert)
    examples: dict = field(default_factory=dict)  # "citation", "code_host": examples taken from this file's jurisdiction

    def line(self, path) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path, message):
        self.problems.append(Problem(self.file, self.line(path), dotted(path), message))

    def warn(self, path, message):
        self.problems.append(Problem(self.file, self.line(path), dotted(path), message, "warning"))


def valid_code(value) -> bool:
    return isinstance(value, str) and bool(CODE_RE.fullmatch(value))


def check_known_keys(ctx: Context, block: dict, allowed: list[str], path: tuple) -> None:
    """One error per key not in allowed, suggesting the closest allowed key."""
    for key in block:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            maybe = f'did you mean "{hint[0]}"?' if hint else f"allowed: {', '.join(allowed)}"
            ctx.error(path + (key,), f"unknown field; {maybe}")


def check_record(ctx: Context, data, fields: tuple[Field, ...], path: tuple, *, optional_required=False) -> dict:
    """Check a mapping against field specs; returns only the well-formed values."""
    if not isinstance(data, dict):
        ctx.error(path, f"expected a block of fields ({', '.join(f.name for f in fields)}), got {_kind(data)}")
        return {}
    check_known_keys(ctx, data, [f.name for f in fields], path)
    good = {}
    for f in fields:
        if f.name in data and data[f.name] is None:
            ctx.error(path + (f.name,), f"is empty; fill it in ({_advice(f, ctx)}) or delete the line")
            continue
        if f.name not in data:
            if f.required and not optional_required:
                ctx.error(path + (f.name,), f"required; add {_advice(f, ctx)}")
            continue
        value = check_value(ctx, data[f.name], f, path + (f.name,))
        if value is not None:
            good[f.name] = value
    return good


def check_value(ctx: Context, value, f: Field, path):
    if not check_text_safety(ctx, value, f, path) and not ctx.lenient:
        return None
    k = f.kind
    if k in ("str", "text", "path", "label", "citation", "phone", "sms", "email"):
        if isinstance(value, (int, float, bool, dt.date)) and not isinstance(value, str):
            ctx.error(path, f'expected text, got {_kind(value)}; put the value in double quotes, e.g. "{value}"')
            return None
        if not isinstance(value, str):
            ctx.error(path, f"expected text, got {_kind(value)}")
            return None
        value = value.strip()
        if not value:
            ctx.error(path, f"is empty; add {_advice(f, ctx)} or remove the field")
            return None
        if len(value) > MAX_TEXT:
            ctx.error(path, f"is {len(value)} characters; keep it under {MAX_TEXT}")
            return None
        if k == "label" and LABEL_FORBIDDEN.search(value):
            bad = LABEL_FORBIDDEN.search(value).group(0)
            ctx.error(path, f"contains {bad!r}; names and titles are plain text (no < > {{ }} [ ] ` * _ | # \\)")
            return None
        if k == "path" and (not PATH_RE.fullmatch(value) or ".." in value.split("/")):
            ctx.error(path, f"{value!r} is not a plain relative file name; use e.g. {f.example!r}")
            return None
        if f.public and k in ("str", "text", "label") and (banned := reader_words.found(value)):
            ctx.error(path, f"contains {banned[0]!r}, a word for maintainers, and readers see this field: {banned[1]}")
            return None
        if k == "citation":
            return check_citation(ctx, value, path)
        if k in ("phone", "sms", "email"):
            try:
                checked = {"phone": contacts.parse_phone, "sms": contacts.check_short_code,
                           "email": contacts.check_email}[k](value)
            except contacts.ContactError as exc:
                ctx.error(path, f"{value!r} {exc}")
                return None
            return checked if k == "email" else value
        return value
    if k in ("url", "https"):
        return check_url(ctx, value, path, https=k == "https")
    if k == "urls":
        if not isinstance(value, list):
            ctx.error(path, "expected a list of URLs")
            return None
        urls = [check_url(ctx, item, path + (i,)) for i, item in enumerate(value)]
        return tuple(u for u in urls if u)
    if k == "strs":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            ctx.error(path, 'expected a list of text items, e.g. ["physicians", "teachers"]')
            return None
        for i, v in enumerate(value):
            if f.public and (banned := reader_words.found(v)):
                ctx.error(path + (i,), f"contains {banned[0]!r}, a word for maintainers, and readers see this field: "
                          f"{banned[1]}")  # the item's other rules (e.g. the search record's) still run
        return tuple(v.strip() for v in value)
    if k == "date":
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
            ctx.error(path, f"expected a date YYYY-MM-DD, got {_kind(value)}")
            return None
        return value
    if k == "bool":
        if not isinstance(value, bool):
            ctx.error(path, f"expected true or false, got {value!r}")
            return None
        return value
    if k == "tristate":
        if value not in (True, False, "conditional") or value in (0, 1) and not isinstance(value, bool):
            ctx.error(path, f"{value!r} is not allowed; use true, false or conditional")
            return None
        return value
    if k == "enum":
        if value not in f.choices:
            hint = difflib.get_close_matches(str(value), list(f.choices), n=1)
            maybe = f'did you mean "{hint[0]}"? ' if hint else ""
            ctx.error(path, f"{value!r} is not allowed; {maybe}use one of: {', '.join(f.choices)}")
            return None
        return value
    if k == "code":
        if not valid_code(value):
            ctx.error(path, f"{value!r} is not a jurisdiction code; use a lowercase USPS code like \"ca\" or \"ca-la\"")
            return None
        return value
    if k == "codes":
        if not isinstance(value, list) or not value:
            ctx.error(path, 'expected a list of overlay codes, e.g. [us, ca]')
            return None
        codes = []
        for i, item in enumerate(value):
            if not valid_code(item):
                ctx.error(path + (i,), f"{item!r} is not a jurisdiction code; use e.g. \"ca\"")
            else:
                codes.append(item)
        return tuple(codes) if len(codes) == len(value) else None
    if k == "languages":
        return check_languages(ctx, value, path)
    if k == "color":
        if not isinstance(value, str) or not COLOR_RE.fullmatch(value):
            ctx.error(path, f"{value!r} is not a colour; write #rrggbb, e.g. \"#1f4e79\"")
            return None
        return value.lower()
    if k == "record":
        return check_record(ctx, value, f.fields, path)
    if k == "records":
        if not isinstance(value, list):
            ctx.error(path, "expected a list of entries (each starting with '- ')")
            return None
        return tuple(check_record(ctx, item, f.fields, path + (i,)) for i, item in enumerate(value))
    raise AssertionError(f"schema kind {k} has no check")


def check_languages(ctx: Context, value, path):
    """A list of language codes the guide exists in, English first, each once."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        ctx.error(path, "expected a list of language codes, English first, e.g. [en, es]")
        return None
    unknown = [v for v in value if v not in schema.LANGUAGES]
    if unknown:
        ctx.error(path, f"{unknown[0]!r} is not a language the guide is written in; use some of: "
                  f"{', '.join(schema.LANGUAGES)}")
        return None
    if value[0] != "en":
        ctx.error(path, f"starts with {value[0]!r}; the edition itself is the English guide, so list en first, "
                  f"e.g. [en, {value[0]}]")
        return None
    if len(set(value)) != len(value):
        ctx.error(path, "lists a language twice; list each once")
        return None
    return tuple(value)


def check_text_safety(ctx: Context, value, f: Field, path) -> bool:
    """False, with one error, if text holds a control, bidi or zero-width character, or a line break
    where the field is not free text (names, labels, citations and numbers are one line)."""
    from ecmguide.core.textsafety import unsafe_character
    items = [(path, value)] if isinstance(value, str) else (
        [(path + (i,), v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else [])
    for where, text in items:
        found = unsafe_character(text.strip(), newlines=f.kind == "text")
        if found:
            index, what = found
            advice = ("keep it on one line" if "line break" in what
                      else "delete it (it is often pasted in invisibly) and type the text plainly")
            ctx.error(where, f"contains {what} at character {index + 1}; {advice}")
            return False
    return True


def check_url(ctx, value, path, *, https: bool = False):
    if not isinstance(value, str) or not URL_RE.fullmatch(value.strip()):
        ctx.error(path, f"{value!r} is not a web address; use a full http:// or https:// URL of the page you read")
        return None
    value = value.strip()
    if len(value) > MAX_URL:
        ctx.error(path, f"is a web address of {len(value)} characters; the limit is {MAX_URL}: link the page itself, "
                        "without tracking or search parameters")
        return None
    if https and not value.startswith("https://"):
        ctx.error(path, f"{value!r} is not https; readers are sent here, so give the https:// address of the page")
        return None
    return value


def check_citation(ctx, value: str, path):
    """A citation is plain Latin-script text, and every section number after a section sign is ASCII: an
    accent or an invisible mark inside 1035.8 would point the official-text link at another section."""
    for i, ch in enumerate(value):
        if not CITATION_CHAR.fullmatch(ch):
            ctx.error(path, f"contains U+{ord(ch):04X} {unicodedata.name(ch, '')} at character {i + 1}; a citation "
                            "is written in Latin letters, digits and the usual punctuation (. , ; : ( ) - \u00a7)")
            return None
    for m in regex.finditer(r"\u00a7\u00a7?\s*([^\s,;]+)", value):
        token = m.group(1).rstrip(".")
        if not SECTION_RE.fullmatch(token):
            bad = next((j for j, ch in enumerate(token) if not (ch.isascii() and (ch.isalnum() or ch in ".:()-"))),
                       0)
            ctx.error(path, f"section number {token!r} has {token[bad]!r} (U+{ord(token[bad]):04X}) at character "
                            f"{m.start(1) + bad + 1}; a section number is ASCII letters and digits with . - : ( ) only")
            return None
    return value


def check_fact(ctx: Context, data, slot_fields: tuple[Field, ...], path) -> dict | None:
    """A fact: the fields its status allows, each well formed, and the meaning checks that tie them together."""
    if not isinstance(data, dict):
        ctx.error(path, f"expected a fact block (status, citation, summary, source_url, checked_against, "
                        f"last_reviewed), got {_kind(data)}")
        return None
    status = data.get("status", "in_force")
    values = check_record(ctx, data, slot_fields, path, optional_required=True)
    if "status" in data and "status" not in values:
        return None
    for f in slot_fields:
        if f.name in data and status not in f.statuses:
            ctx.error(path + (f.name,), _not_for_status(f, status))
            values.pop(f.name, None)
        elif f.name not in data and status in f.statuses:
            if f.required and status in schema.RECORDED:
                ctx.error(path + (f.name,), f"required; add {_advice(f, ctx)}")
            elif f.recommended and status == "in_force":
                ctx.warn(path + (f.name,), f"not recorded yet; add {_advice(f, ctx)}")
    if status == "none_found" and "searched" not in data:
        ctx.error(path + ("searched",), "required for none_found; record what you searched, e.g. "
                  "searched: {date: 2026-11-30, sources: [\"<the official code site and the part you read>\"]}")
    if status == "none_found" and values.get("searched") and not ctx.lenient:
        _check_search_record(ctx, values["searched"], path + ("searched",))
    current = values.get("current_through")
    if current and not (current.get("session") or current.get("through")):
        ctx.error(path + ("current_through",), "says neither which session nor through which date the law was "
                  "checked; add session: or through:, or remove the record if later changes were not checked")
    if current and current.get("through") and values.get("confidence") == "high" and \
            (ctx.today - current["through"]).days > schema.CURRENCY_STALE_DAYS:
        ctx.warn(path + ("current_through", "through"), f"the law was checked for later acts only through "
                 f"{current['through']}, over 12 months ago; check the session laws since then")
    if values.get("universal") == "conditional" and "condition" not in values:
        ctx.error(path + ("universal",), "is conditional; add condition: \"...\" saying when the any-person duty applies")
    _check_dates(ctx, values, path)
    if status in schema.RECORDED and not ctx.lenient:  # old versions and reports: meaning checks do not apply
        from ecmguide.law.trust import check_sources
        check_sources(ctx, values, path, ctx.file.split("@")[0].rsplit("/", 1)[-1].removesuffix(".yml"))
    if status in schema.RECORDED and "confidence" not in values:
        ctx.warn(path, "no confidence level; add confidence: high, medium or low")
    return values


BOILERPLATE_SEARCH = "stored public pages, searched in the research passes"


def opened_official_pages(items) -> list[str]:
    """The entries of a search record that name a page on an official host and what was looked for there."""
    from ecmguide.law import sources
    return [item for item in items if (m := URL_RE.match(item)) and sources.is_official(m.group(0))
            and item[m.end():].strip(" ;,-")]


def _check_search_record(ctx: Context, searched: dict, path) -> None:
    """A none_found record names an official page actually opened and what was looked for there."""
    items = list(searched.get("sources", ()))
    for i, item in enumerate(items):
        if BOILERPLATE_SEARCH in item.lower():
            ctx.error(path + ("sources", i), "is the research passes' boilerplate, which names no page; write the "
                      "official page you opened and what you looked for there, e.g. \"https://<official code site>/"
                      "... (looked for: § ... ; 'trafficking')\"")
    if not opened_official_pages(items):
        ctx.error(path + ("sources",), "names no official page that was opened; none_found needs at least one entry "
                  "\"<URL on the official code site> (looked for: <sections or terms>)\"; if no official page "
                  "could be opened, the fact is status: unknown")


def _not_for_status(f: Field, status: str) -> str:
    if status == "unknown":
        return ("a fact with status unknown holds only a reviewer_note; set status to in_force (or not_enacted, or "
                "none_found) to record it")
    if status == "none_found":
        return (f"a none_found fact holds searched, summary, limits and reviewer_note only; remove {f.name}, or set "
                "status to in_force if you found the law")
    return f"is only for a fact with status {' or '.join(f.statuses)}; remove it or change the status"


def _check_dates(ctx: Context, values: dict, path) -> None:
    reviewed = values.get("last_reviewed")
    if reviewed:
        if reviewed > ctx.today:
            ctx.error(path + ("last_reviewed",), f"{reviewed} is in the future; use the date you checked the source")
        elif (ctx.today - reviewed).days > STALE_AFTER_DAYS:
            ctx.warn(path + ("last_reviewed",), f"reviewed {reviewed}, over 12 months ago; check the source again")
    for record in ("searched", "attorney_review"):
        day = values.get(record, {}).get("date")
        if day and day > ctx.today:
            ctx.error(path + (record, "date"), f"{day} is in the future; use the day it happened")


def _advice(f: Field, ctx: Context | None = None) -> str:
    """What to write, with an example from the same file where it has one (never another state's citation)."""
    examples = ctx.examples if ctx is not None else {}
    if f.name == "citation":
        cite = examples.get("citation")
        return f'the statute, rule or case as a lawyer cites it, e.g. "{cite}"' if cite else \
            "the statute, rule or case as a lawyer cites it"
    if f.kind == "url":
        host = examples.get("code_host")
        return f'the URL of the page you read, e.g. "https://{host}/..."' if host else "the URL of the page you read"
    if f.kind == "date":
        return f"the date as YYYY-MM-DD, e.g. {f.example}"
    if f.kind in ("enum", "tristate", "bool"):
        choices = ", ".join("true" if c is True else "false" if c is False else str(c)
                            for c in (f.choices or (True, False)))
        return f"{f.name}: one of {choices} (the field reference explains each)"
    if f.example is not None:
        return f"{f.doc[0].lower()}{f.doc[1:].rstrip('.')}, e.g. {f.example!r}" if f.kind not in ("str", "label") else f'e.g. "{f.example}"'
    return "it"


def _kind(value) -> str:
    if value is None:
        return "nothing"
    return {dict: "a block of fields", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", dt.date: "a date"}.get(type(value), type(value).__name__)
