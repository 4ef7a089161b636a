"""QC rounds that are blind by construction: `make qc-round`, `make qc-worksheet`, `make qc`.

A round lives in research/qc/<round>/ and the repository's history proves its order:

1. `round.yml` is committed first. It names the snapshot commit (the first coding is the overlays *at that
   commit*, read from git, never copied), the seed (the integer of the snapshot's first 8 hex digits, so
   nobody picks a convenient seed) and the batches of cells, drawn in advance.
2. Each batch's blind second coding, `coding-2/<batch>.yml`, is committed after the round file. The coder
   gets only the worksheet (jurisdiction, topic, question, allowed values) and the official hosts list.
3. Its resolutions, `resolution/<batch>.yml`, are committed after the coding.

`make qc` refuses, saying why, a coding committed with or before its round file, a resolution committed with
or before its coding (a squashed merge does both), and a shallow clone (whose history cannot show the order).
It compares every categorical field the schema declares for a topic, the normalised agency and the main cited
section, and prints the divergence before resolution with its 95% Wilson interval, per field and overall; the
figure after resolution separately; how often the second coder read the very page the first coding cites; and
the cells not codable from official text, listed and counted, never folded into agreement.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ecmguide.core.errors import InputError, Problem
from ecmguide.core.git import git
from ecmguide.law import schema
from ecmguide.review.diff import overlay_at
from ecmguide.review.qc import load_list, norm_agency, same_section

ROUNDS = Path("research/qc")
ROUND_FILE = "round.yml"
Z = 1.96  # 95% interval


def compared_fields(topic: str) -> list[str]:
    """What both coders record for a topic: status, every categorical field the schema declares for it, the
    agency where the topic has one, and the main cited section. Derived from the schema, never typed."""
    slot = schema.SLOTS_BY_PATH[topic]
    fields = ["status", *(f.name for f in slot.extra if f.kind in ("enum", "bool", "tristate"))]
    if any(f.name == "agency" for f in slot.extra):
        fields.append("agency")
    return fields + ["section"]


def seed_of(commit: str) -> int:
    return int(commit[:8], 16)


def draw(codes: list[str], seed: int, batches: int, size: int) -> dict[str, list[list[str]]]:
    """Batches of distinct (jurisdiction, topic) cells drawn with the seed; the same inputs give the same draw."""
    cells = [[c, s.path] for c in sorted(codes) for s in schema.SLOTS if s.counted]
    random.Random(seed).shuffle(cells)
    if batches * size > len(cells):
        raise InputError(
            [
                Problem(
                    str(ROUNDS),
                    0,
                    "",
                    f"{batches} batches of {size} need {batches * size} cells; there are {len(cells)}",
                )
            ]
        )
    return {f"batch-{i + 1}": sorted(cells[i * size : (i + 1) * size]) for i in range(batches)}


@dataclass
class Round:
    name: str
    folder: Path  # relative to the project root
    snapshot: str
    seed: int
    date: str
    batches: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def load_round(root: Path, name: str) -> Round:
    folder = ROUNDS / name
    path = root / folder / ROUND_FILE
    if not path.is_file():
        raise InputError(
            [Problem(str(folder / ROUND_FILE), 0, "", f"no such round; start one with make qc-round ROUND={name}")]
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    snapshot = str(data.get("snapshot", ""))
    if len(snapshot) != 40 or int(data.get("seed", -1)) != seed_of(snapshot):
        raise InputError(
            [
                Problem(
                    str(folder / ROUND_FILE),
                    0,
                    "seed",
                    "must be the integer of the snapshot commit's "
                    "first 8 hex digits, and the snapshot a full 40-character commit id",
                )
            ]
        )
    batches = {b: [tuple(cell) for cell in cells] for b, cells in (data.get("batches") or {}).items()}
    if shallow(root):
        raise InputError([Problem(str(folder), 0, "", SHALLOW)])
    sizes = {len(cells) for cells in batches.values()}
    codes = [
        Path(n).stem
        for n in (git(root, "ls-tree", "--name-only", snapshot, "overlays/") or "").split()
        if n.endswith(".yml") and not Path(n).name.startswith("_")
    ]
    if len(sizes) != 1 or {b: [list(c) for c in cells] for b, cells in batches.items()} != draw(
        codes, seed_of(snapshot), len(batches), sizes.pop()
    ):
        raise InputError(
            [
                Problem(
                    str(folder / ROUND_FILE),
                    0,
                    "batches",
                    "are not the draw of the round's seed over "
                    "the snapshot's jurisdictions; a round's cells are drawn by make qc-round, never picked",
                )
            ]
        )
    return Round(name, folder, snapshot, int(data["seed"]), str(data.get("date", "")), batches)


def new_round(root: Path, name: str, codes: list[str], snapshot: str, batches: int, size: int, today: dt.date) -> Path:
    commit = (git(root, "rev-parse", "--verify", "--quiet", f"{snapshot}^{{commit}}") or "").strip()
    if not commit:
        raise InputError([Problem("<command line>", 0, "SNAPSHOT", f"{snapshot!r} is not a commit here")])
    folder = root / ROUNDS / name
    if (folder / ROUND_FILE).exists():
        raise InputError([Problem(str(ROUNDS / name / ROUND_FILE), 0, "", "exists already; a round is drawn once")])
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "round": name,
        "date": today.isoformat(),
        "snapshot": commit,
        "seed": seed_of(commit),
        "batches": draw(codes, seed_of(commit), batches, size),
    }
    head = (
        f"# QC round {name}: the first coding is overlays/ at the snapshot commit, read from git. Commit this file\n"
        "# alone, before any second coding; commit each coding before its resolutions (make qc checks the order).\n"
    )
    (folder / ROUND_FILE).write_text(head + yaml.safe_dump(data, sort_keys=False, width=110), encoding="utf-8")
    return folder / ROUND_FILE


def worksheet(root: Path, rnd: Round, batch: str) -> str:
    """The blind questions of one batch: jurisdiction, topic, question and the values allowed; no recorded
    answer and no source, so the second coder cannot see the first coding."""
    names = {}
    lines = [
        f"# Blind second coding, round {rnd.name}, {batch}. Code each cell from the official text only,",
        "# following the field reference's rules. Write what you read (URLs) under read:, what you searched under",
        "# searched:, and checked_against: official_text only when you read the official text.",
        "",
    ]
    for code, topic in rnd.batches.get(batch, []):
        if code not in names:
            overlay = overlay_at(root, rnd.snapshot, code, dt.date.max)
            names[code] = overlay.name if overlay else code
        slot = schema.SLOTS_BY_PATH[topic]
        lines.append(f"- code: {code}   # {names[code]}")
        lines.append(f"  topic: {topic}   # {slot.title}: {slot.doc}")
        for name in compared_fields(topic):
            f = next((x for x in (*schema.FACT_FIELDS, *slot.extra) if x.name == name), None)
            allowed = (
                f"one of {', '.join(map(str, f.choices or (True, False)))}"
                if f is not None and f.kind in ("enum", "bool", "tristate")
                else "the citation as a lawyer cites it"
                if name == "section"
                else "text"
            )
            lines.append(f"  {name}:    # {allowed}")
        lines += ["  read: []", '  searched: ""', "  checked_against:    # official_text or none", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- the order of commits, proved from git


def first_commit(root: Path, rel: Path) -> str:
    out = git(root, "log", "--diff-filter=A", "--format=%H", "--reverse", "--", str(rel)) or ""
    return out.split()[0] if out.split() else ""


def _after(root: Path, earlier: str, later: str) -> bool:
    """`later` is a strict descendant of `earlier`."""
    if not earlier or not later or earlier == later:
        return False
    return git(root, "merge-base", "--is-ancestor", earlier, later) is not None


SHALLOW = (
    "this is a shallow clone (or no git history): the order of the round's commits cannot be shown; fetch the "
    "whole history (git fetch --unshallow) and run make qc again"
)


def shallow(root: Path) -> bool:
    return (git(root, "rev-parse", "--is-shallow-repository") or "").strip() != "false"


def order_problems(root: Path, rnd: Round) -> list[str]:
    if shallow(root):
        return [SHALLOW]
    problems = []
    round_commit = first_commit(root, rnd.folder / ROUND_FILE)
    if not round_commit:
        return [f"{rnd.folder / ROUND_FILE} is not committed: commit it alone, before any second coding"]
    for batch in rnd.batches:
        coding = rnd.folder / "coding-2" / f"{batch}.yml"
        resolution = rnd.folder / "resolution" / f"{batch}.yml"
        coded = first_commit(root, coding) if (root / coding).exists() else ""
        if (root / coding).exists() and not coded:
            problems.append(f"{coding} is not committed: commit the second coding before comparing it")
        elif coded and not _after(root, round_commit, coded):
            problems.append(
                f"{coding} was committed with or before {rnd.folder / ROUND_FILE} ({coded[:10]}): the "
                "coding could have been drawn from a known sample; commit the round file first (a squashed "
                "merge puts them in one commit: merge QC rounds with a merge commit)"
            )
        if (root / resolution).exists():
            resolved = first_commit(root, resolution)
            if not coded or not _after(root, coded, resolved):
                problems.append(
                    f"{resolution} was committed with or before its coding {coding}: the coding may have "
                    "been edited toward the resolution; commit the coding, then resolve in a later commit"
                )
    return problems


# ---------------------------------------------------------------- comparing, with intervals


def first_coding(root: Path, rnd: Round) -> dict[tuple[str, str], dict]:
    out = {}
    overlays = {}
    for code, topic in (cell for cells in rnd.batches.values() for cell in cells):
        if code not in overlays:
            overlays[code] = overlay_at(root, rnd.snapshot, code, dt.date.max)
        fact = overlays[code].facts.get(topic) if overlays[code] else None
        entry = {
            "status": fact.status if fact else "unknown",
            "read": [fact.source_url] if fact and fact.source_url else [],
        }
        if fact is not None:
            entry.update({k: v for k, v in fact.extra})
            if fact.has_law:
                entry["section"] = fact.citation
        out[(code, topic)] = entry
    return out


def _agree(name: str, a, b) -> bool:
    if name == "agency":
        x, y = norm_agency(a or ""), norm_agency(b or "")
        return bool(x and y) and (x == y or x in y or y in x)
    if name == "section":
        return bool(a and b) and same_section(str(a), str(b))
    return a == b


def wilson(k: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval for a proportion k/n (0..1)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Result:
    rows: list[tuple[str, str, str, object, object, bool, bool]]  # code, topic, field, first, second, agreed, resolved
    uncodable: list[tuple[str, str, str]]  # code, topic, why
    same_page: int
    codable_cells: int


def compare(root: Path, rnd: Round, batch: str) -> Result:
    first = first_coding(root, rnd)
    second = {(e.get("code"), e.get("topic")): e for e in load_list(root / rnd.folder / "coding-2" / f"{batch}.yml")}
    resolved = {
        (r.get("code"), r.get("topic"), r.get("field"))
        for r in load_list(root / rnd.folder / "resolution" / f"{batch}.yml")
    }
    rows, uncodable, same_page, codable = [], [], 0, 0
    for code, topic in rnd.batches[batch]:
        b = second.get((code, topic))
        if b is None or b.get("checked_against") != "official_text":
            uncodable.append((code, topic, "not coded" if b is None else "not codable from official text"))
            continue
        codable += 1
        a = first[(code, topic)]
        same_page += bool(set(a["read"]) & set(b.get("read") or []))
        for name in compared_fields(topic):
            if name == "section" and not (a.get("section") and b.get("section")):
                continue
            x, y = a.get(name), b.get(name)
            if x is None and y is None:
                continue  # neither coder recorded it (e.g. no program, so no eligibility): nothing to compare
            agreed = _agree(name, x, y)
            rows.append((code, topic, name, x, y, agreed, agreed or (code, topic, name) in resolved))
    return Result(rows, uncodable, same_page, codable)


def _line(label: str, diverged: int, n: int) -> str:
    lo, hi = wilson(diverged, n)
    share = 100 * diverged / n if n else 0.0
    return f"{label:<30}{n:>5}{diverged:>10}{share:>11.1f}%   [{100 * lo:.1f}%, {100 * hi:.1f}%]"


def report(root: Path, name: str) -> str:
    rnd = load_round(root, name)
    problems = order_problems(root, rnd)
    if problems:
        raise InputError([Problem(str(rnd.folder), 0, "", p) for p in problems])
    out = [f"QC round {rnd.name} (snapshot {rnd.snapshot[:10]}, seed {rnd.seed}, drawn {rnd.date})", ""]
    for batch in rnd.batches:
        res = compare(root, rnd, batch)
        out += [
            f"{batch}: {len(rnd.batches[batch])} cells, {res.codable_cells} coded from official text by the "
            f"second coder, {len(res.uncodable)} not codable (listed below, never counted as agreement)",
            "",
            f"{'field':<30}{'n':>5}{'diverged':>10}{'divergence':>12}   95% Wilson interval",
        ]
        fields = sorted({r[2] for r in res.rows}, key=lambda f: (f != "status", f))
        for f in fields:
            rows = [r for r in res.rows if r[2] == f]
            out.append(_line(f, sum(not r[5] for r in rows), len(rows)))
        out.append(_line("all fields, before resolution", sum(not r[5] for r in res.rows), len(res.rows)))
        out.append(_line("all fields, after resolution", sum(not r[6] for r in res.rows), len(res.rows)))
        out.append(f"Second coder read the page the first coding cites: {res.same_page} of {res.codable_cells} cells")
        out += [
            f"  diverged: {c} {t} {f}: first {x!r}, second {y!r}{'' if ok else ' (unresolved)'}"
            for c, t, f, x, y, agreed, ok in res.rows
            if not agreed
        ]
        out += [f"  not codable: {c} {t} ({why})" for c, t, why in res.uncodable]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def rounds(root: Path) -> list[str]:
    return sorted(p.parent.name for p in (root / ROUNDS).glob(f"*/{ROUND_FILE}"))


def latest_summary(root: Path) -> str:
    """One line for the hub's coverage page: the latest round's date, n, divergence and interval, or ''."""
    for name in reversed(rounds(root)):
        try:
            rnd = load_round(root, name)
            if order_problems(root, rnd):
                continue
            rows = [r for b in rnd.batches for r in compare(root, rnd, b).rows]
        except InputError:
            continue
        if rows:
            diverged = sum(not r[5] for r in rows)
            lo, hi = wilson(diverged, len(rows))
            return (
                f"Latest double-coding round {rnd.name} ({rnd.date}): {diverged} of {len(rows)} compared values "
                f"diverged before resolution ({100 * diverged / len(rows):.1f}%, 95% interval "
                f"{100 * lo:.1f}% to {100 * hi:.1f}%)."
            )
    return ""
