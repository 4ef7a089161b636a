"""Schema and meaning checks for overlays and manifests, driven by schema.py.

Each check appends a Problem naming the file, the line and the dotted field, plus what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from ecmguide.core.errors import Problem
from ecmguide.core.safeyaml import dotted
from ecmguide.law import schema
from ecmguide.law.kinds import KINDS
from ecmguide.law.schema import Field
from ecmguide.law.valuechecks import URL_RE, advice, type_name

STALE_AFTER_DAYS = 365


@dataclass
class Context:
    file: str
    lines: dict
    today: dt.date
    problems: list[Problem] = field(default_factory=list)
    lenient: bool = False  # keep text that fails the safety check (old versions, change reports quote it inert)
    examples: dict = field(
        default_factory=dict
    )  # "citation", "code_host": examples taken from this file's jurisdiction

    def line(self, path) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path, message):
        self.problems.append(Problem(self.file, self.line(path), dotted(path), message))

    def warn(self, path, message):
        self.problems.append(Problem(self.file, self.line(path), dotted(path), message, "warning"))


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
        ctx.error(path, f"expected a block of fields ({', '.join(f.name for f in fields)}), got {type_name(data)}")
        return {}
    check_known_keys(ctx, data, [f.name for f in fields], path)
    good = {}
    for f in fields:
        if f.name in data and data[f.name] is None:
            ctx.error(path + (f.name,), f"is empty; fill it in ({advice(f, ctx)}) or delete the line")
            continue
        if f.name not in data:
            if f.required and not optional_required:
                ctx.error(path + (f.name,), f"required; add {advice(f, ctx)}")
            continue
        value = check_value(ctx, data[f.name], f, path + (f.name,))
        if value is not None:
            good[f.name] = value
    return good


def check_value(ctx: Context, value, f: Field, path):
    """One value, checked by its kind (kinds.py); a record's fields are checked in turn."""
    if not check_text_safety(ctx, value, f, path) and not ctx.lenient:
        return None
    if f.kind == "record":
        return check_record(ctx, value, f.fields, path)
    if f.kind == "records":
        if not isinstance(value, list):
            ctx.error(path, "expected a list of entries (each starting with '- ')")
            return None
        return tuple(check_record(ctx, item, f.fields, path + (i,)) for i, item in enumerate(value))
    kind = KINDS.get(f.kind)
    if kind is None:
        raise AssertionError(f"schema kind {f.kind} has no check")
    return kind.check(ctx, value, f, path)


def check_text_safety(ctx: Context, value, f: Field, path) -> bool:
    """False, with one error, if text holds a control, bidi or zero-width character, or a line break
    where the field is not free text (names, labels, citations and numbers are one line)."""
    from ecmguide.core.textsafety import unsafe_character

    items = (
        [(path, value)]
        if isinstance(value, str)
        else ([(path + (i,), v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else [])
    )
    for where, text in items:
        found = unsafe_character(text.strip(), newlines=f.kind == "text")
        if found:
            index, what = found
            advice = (
                "keep it on one line"
                if "line break" in what
                else "delete it (it is often pasted in invisibly) and type the text plainly"
            )
            ctx.error(where, f"contains {what} at character {index + 1}; {advice}")
            return False
    return True


def check_fact(ctx: Context, data, slot_fields: tuple[Field, ...], path) -> dict | None:
    """A fact: the fields its status allows, each well formed, and the meaning checks that tie them together."""
    if not isinstance(data, dict):
        ctx.error(
            path,
            f"expected a fact block (status, citation, summary, source_url, checked_against, "
            f"last_reviewed), got {type_name(data)}",
        )
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
                ctx.error(path + (f.name,), f"required; add {advice(f, ctx)}")
            elif f.recommended and status == "in_force":
                ctx.warn(path + (f.name,), f"not recorded yet; add {advice(f, ctx)}")
    if status == "none_found" and "searched" not in data:
        ctx.error(
            path + ("searched",),
            "required for none_found; record what you searched, e.g. "
            'searched: {date: 2026-11-30, sources: ["<the official code site and the part you read>"]}',
        )
    if status == "none_found" and values.get("searched") and not ctx.lenient:
        _check_search_record(ctx, values["searched"], path + ("searched",))
    current = values.get("current_through")
    if current and not (current.get("session") or current.get("through")):
        ctx.error(
            path + ("current_through",),
            "says neither which session nor through which date the law was "
            "checked; add session: or through:, or remove the record if later changes were not checked",
        )
    if (
        current
        and current.get("through")
        and values.get("confidence") == "high"
        and (ctx.today - current["through"]).days > schema.CURRENCY_STALE_DAYS
    ):
        ctx.warn(
            path + ("current_through", "through"),
            f"the law was checked for later acts only through "
            f"{current['through']}, over 12 months ago; check the session laws since then",
        )
    if values.get("universal") == "conditional" and "condition" not in values:
        ctx.error(path + ("universal",), 'is conditional; add condition: "..." saying when the any-person duty applies')
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

    return [
        item
        for item in items
        if (m := URL_RE.match(item)) and sources.is_official(m.group(0)) and item[m.end() :].strip(" ;,-")
    ]


def _check_search_record(ctx: Context, searched: dict, path) -> None:
    """A none_found record names an official page actually opened and what was looked for there."""
    items = list(searched.get("sources", ()))
    for i, item in enumerate(items):
        if BOILERPLATE_SEARCH in item.lower():
            ctx.error(
                path + ("sources", i),
                "is the research passes' boilerplate, which names no page; write the "
                'official page you opened and what you looked for there, e.g. "https://<official code site>/'
                "... (looked for: § ... ; 'trafficking')\"",
            )
    if not opened_official_pages(items):
        ctx.error(
            path + ("sources",),
            "names no official page that was opened; none_found needs at least one entry "
            '"<URL on the official code site> (looked for: <sections or terms>)"; if no official page '
            "could be opened, the fact is status: unknown",
        )


def _not_for_status(f: Field, status: str) -> str:
    if status == "unknown":
        return (
            "a fact with status unknown holds only a reviewer_note; set status to in_force (or not_enacted, or "
            "none_found) to record it"
        )
    if status == "none_found":
        return (
            f"a none_found fact holds searched, summary, limits and reviewer_note only; remove {f.name}, or set "
            "status to in_force if you found the law"
        )
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
