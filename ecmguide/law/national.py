"""The national lines every handout prints (ecmguide/data/national-contacts.yml), checked like facts.

Each entry follows schema.NATIONAL_CONTACT: the line as its publisher's own page prints it, that page, and
the day it was read. A bad entry fails validation with the file, line and field, like an overlay.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError, Problem
from ecmguide.law.schema import NATIONAL_CONTACT, Field
from ecmguide.law.validate import Context, check_known_keys, check_value

FILE = Path(__file__).resolve().parents[1] / "data" / "national-contacts.yml"
DISPLAY = "ecmguide/data/national-contacts.yml"
_LIST = Field("contacts", "records", "The national lines.", None, fields=NATIONAL_CONTACT)


@dataclass(frozen=True)
class NationalContact:
    name: str
    for_whom: str
    number: str
    dial: str
    sms: str
    languages: str
    spanish: bool
    source_url: str
    last_reviewed: dt.date


def check(
    path: Path = FILE, display: str = DISPLAY, today: dt.date | None = None
) -> tuple[list[NationalContact], list[Problem]]:
    """(contacts, problems) of a national-contacts file."""
    try:
        data, lines = safeyaml.load(path, display)
    except InputError as exc:
        return [], exc.problems
    ctx = Context(display, lines, today or dt.date.today())
    if not isinstance(data, dict):
        ctx.error((), "expected a block starting with 'contacts:'")
        return [], ctx.problems
    check_known_keys(ctx, data, ["contacts"], ())
    records = check_value(ctx, data.get("contacts"), _LIST, ("contacts",)) or ()
    out = []
    for i, r in enumerate(records):
        if not (r.get("number") or r.get("dial")):
            ctx.error(("contacts", i), "has no number to call; add number (e.g. 1-888-373-7888) or dial (e.g. 988)")
        if r.get("last_reviewed") and r["last_reviewed"] > ctx.today:
            ctx.error(
                ("contacts", i, "last_reviewed"),
                f"{r['last_reviewed']} is in the future; write the day the page was read",
            )
        if r.get("name") and r.get("source_url") and r.get("last_reviewed") and r.get("for"):
            out.append(
                NationalContact(
                    r["name"],
                    r["for"],
                    r.get("number", ""),
                    r.get("dial", ""),
                    r.get("sms", ""),
                    r.get("languages", ""),
                    r.get("spanish") is True,
                    r["source_url"],
                    r["last_reviewed"],
                )
            )
    return out, ctx.problems


@functools.lru_cache(maxsize=4)
def checked(today: dt.date | None = None) -> tuple[tuple[NationalContact, ...], tuple[Problem, ...]]:
    """check() of the package's file, read once per process and day (validation and every document share it)."""
    found, problems = check(today=today)
    return tuple(found), tuple(problems)


def contacts() -> tuple[NationalContact, ...]:
    """The checked national lines; an InputError if the file has a problem (validation reports it first)."""
    found, problems = checked()
    if problems:
        raise InputError(list(problems))
    return found
