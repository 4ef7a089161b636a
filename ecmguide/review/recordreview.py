"""`make record-review J=tx FILE=worksheet.csv ROLE="attorney, Texas bar"`: record an attorney's review.

The worksheet comes back from a spreadsheet: a byte-order mark, CRLF line ends, Windows-1252 text and the
apostrophe the formula guard put before some cells are all accepted. Its size is bounded. For each row
marked correct whose digest still matches the fact, the overlay gains `attorney_review: {date, role}` on
that fact, edited line by line so every other byte of the file stays as it was. A row about a fact that
changed since the packet is refused, naming the row; rows marked "needs change" are printed with their notes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from ecmguide.core.errors import InputError, Problem
from ecmguide.editions.project import Project
from ecmguide.review.packet import COLUMNS, VERDICTS, digest

MAX_FILE = 1024 * 1024
MAX_ROWS = 500
MAX_FIELD = 4000


@dataclass
class Outcome:
    recorded: list[str]
    needs_change: list[tuple[str, str]]  # (fact, note)
    not_verified: list[str]
    searches: list[str] = None  # none_found rows marked correct: a search record takes no attorney_review


def read_worksheet(raw: bytes, display: str) -> list[dict]:
    if len(raw) > MAX_FILE:
        raise InputError(
            [
                Problem(
                    display,
                    0,
                    "",
                    f"is {len(raw) // 1024} KB; a worksheet is at most "
                    f"{MAX_FILE // 1024} KB: send back the worksheet of the packet, not another file",
                )
            ]
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    csv.field_size_limit(MAX_FIELD + 1)
    try:
        table = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(
            [Problem(display, 0, "", f"cannot be read as CSV ({exc}); save it as CSV from the spreadsheet")]
        ) from None
    if len(table) > MAX_ROWS:
        raise InputError([Problem(display, 0, "", f"has {len(table)} rows; a packet has at most {MAX_ROWS}")])
    missing = [c for c in ("fact", "digest", "verdict", "note") if c not in (table[0] if table else {})]
    if missing:
        raise InputError(
            [
                Problem(
                    display,
                    1,
                    "",
                    f"has no column {', '.join(missing)}; use the packet's worksheet (columns: {', '.join(COLUMNS)})",
                )
            ]
        )
    rows = []
    for n, row in enumerate(table, start=2):
        clean = {}
        for key, value in row.items():
            value = (value or "").strip()
            if len(value) > MAX_FIELD:
                raise InputError([Problem(display, n, str(key), f"is {len(value)} characters; at most {MAX_FIELD}")])
            clean[key] = value[1:] if value.startswith("'") and value[1:2] in "=+-@|%" and value[1:] else value
        clean["_line"] = n
        rows.append(clean)
    return rows


def _fact_span(lines: list[str], slot: str) -> tuple[int, int, int]:
    """(first line, end line, indent) of a fact's block in an overlay, by its dotted slot."""
    start, indent = 0, 0
    for depth, key in enumerate(slot.split(".")):
        prefix = " " * (2 * depth) + key + ":"
        start = next(i for i in range(start, len(lines)) if lines[i].startswith(prefix))
        indent = 2 * depth
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end, indent


def add_review(text: str, slot: str, day: dt.date, role: str) -> str:
    """The overlay with `attorney_review: {date, role}` on one fact: the old review lines replaced, nothing else."""
    lines = text.split("\n")
    start, end, indent = _fact_span(lines, slot)
    pad = " " * (indent + 2)
    if lines[start].rstrip().endswith("}"):
        raise InputError(
            [Problem("", start + 1, slot, "is written on one line; write it as a block to record a review")]
        )
    block = [f"{pad}attorney_review:", f"{pad}  date: {day.isoformat()}", f'{pad}  role: "{_quote(role)}"']
    body = lines[start + 1 : end]
    old = next((i for i, line in enumerate(body) if line.startswith(f"{pad}attorney_review:")), None)
    if old is not None:
        stop = old + 1
        while stop < len(body) and len(body[stop]) - len(body[stop].lstrip()) > len(pad):
            stop += 1
        body[old:stop] = block
    else:
        body += block
    return "\n".join(lines[: start + 1] + body + lines[end:])


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


ROLE = re.compile(r"[A-Za-z][A-Za-z ,.'()-]{2,79}")


def record(project: Project, code: str, raw: bytes, display: str, role: str) -> Outcome:
    if not ROLE.fullmatch(role or ""):
        raise InputError(
            [
                Problem(
                    "ROLE",
                    0,
                    "",
                    f'{role!r} is not a role; write who reviewed, by role, e.g. ROLE="attorney, Texas bar"',
                )
            ]
        )
    overlay = project.overlay(code)
    known = {
        **{f"{code}.{k}": v for k, v in overlay.facts.items()},
        **{f"{code}.federal.{k}": v for k, v in overlay.federal.items()},
    }
    rows = read_worksheet(raw, display)
    problems, correct, outcome = [], [], Outcome([], [], [], [])
    for row in rows:
        verdict = row.get("verdict", "").lower()
        if not verdict:
            continue
        if verdict not in VERDICTS:
            problems.append(
                Problem(display, row["_line"], "verdict", f"{row['verdict']!r}; write one of: " + ", ".join(VERDICTS))
            )
            continue
        fact = known.get(row.get("fact", ""))
        if fact is None:
            problems.append(Problem(display, row["_line"], "fact", f"{row.get('fact')!r} is not a fact of {code}"))
            continue
        if digest(fact) != row.get("digest"):
            problems.append(
                Problem(
                    display,
                    row["_line"],
                    "digest",
                    f"row {row.get('row')} ({row['fact']}): the fact "
                    "changed since this packet was made; make a new packet and review that row again",
                )
            )
            continue
        if verdict == "correct" and not fact.has_law:
            outcome.searches.append(row["fact"])
        elif verdict == "correct":
            correct.append(row["fact"])
        elif verdict == "needs change":
            outcome.needs_change.append((row["fact"], row.get("note", "")))
        else:
            outcome.not_verified.append(row["fact"])
    if problems:
        raise InputError(problems)
    path = project.overlays_dir / f"{code}.yml"
    text = path.read_text(encoding="utf-8")
    for fact_id in correct:
        slot = fact_id.removeprefix(f"{code}.")
        text = add_review(text, slot, project.today, role)
        outcome.recorded.append(fact_id)
    if correct:
        path.write_text(text, encoding="utf-8")
    return outcome
