"""Double coding (the legal-epidemiology method): a seeded sample of facts, coded twice, compared.

`make qc` reads the first coding (the overlays as they were when the sample was coded, kept in
research/qc/coding-1.yml), the blind second coding (research/qc/coding-2/*.yml) and the
resolutions, and prints agreement per category.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ecmguide.law import schema

SEED = 20261130
SHARE = 0.2
COUNTED = [s.path for s in schema.SLOTS if s.counted]


def draw_sample(codes: list[str], seed: int = SEED, share: float = SHARE) -> list[tuple[str, str]]:
    """A seeded random share of (jurisdiction, topic) cells, spread evenly across topics.

    Each topic gets the same number of cells (the remainder goes to topics in a seeded order), so
    every category is coded twice. The result depends only on the codes, the topics and the seed.
    """
    codes = sorted(codes)
    rng = random.Random(seed)
    total = round(share * len(codes) * len(COUNTED))
    base, extra = divmod(total, len(COUNTED))
    order = COUNTED[:]
    rng.shuffle(order)
    sample = []
    for i, slot in enumerate(order):
        sample += [(code, slot) for code in rng.sample(codes, base + (1 if i < extra else 0))]
    return sorted(sample, key=lambda cell: (cell[0], COUNTED.index(cell[1])))


# ---------------------------------------------------------------- the two codings, compared

CATEGORIES = schema.QC_CATEGORIES  # status, then each field a topic declares `qc: true` (ecmguide/data/topics.yml)
CODING_1 = "research/qc/coding-1.yml"
CODING_2_DIR = "research/qc/coding-2"
RESOLUTION = "research/qc/resolution.yml"


def coding_of(fact) -> dict:
    """What a coder recorded for one cell, in the form both codings share."""
    values = {k: v for k, v in fact.extra if k in CATEGORIES}
    return {
        "status": fact.status,
        "citation": fact.citation if fact.has_law else "",
        "values": values,
        "checked_against": fact.checked_against or ("official_text" if fact.status == "none_found" else "none"),
        "read": [fact.source_url] if fact.source_url else [],
    }


def snapshot(project) -> list[dict]:
    """The first coding: the overlays' values for every sampled cell, as they stand now."""
    out = []
    for code, topic in draw_sample(project.overlay_codes()):
        fact = project.overlay(code).facts.get(topic)
        entry = {"code": code, "topic": topic}
        entry.update(
            coding_of(fact)
            if fact
            else {"status": "unknown", "citation": "", "values": {}, "checked_against": "none", "read": []}
        )
        out.append(entry)
    return out


_ID = r"\d+[a-z]?(?:[.:\-][0-9a-z]+)*"
_MARKED = re.compile(
    r"(§§?|\barts?\.|\brules?\b|\bR\. ?Evid\.|\bch(?:apter|s?\.)|\bc\.)\s*(" + _ID + r")"
    r"(?:\s*(?:to|–|—|through)\s*(" + _ID + r"))?",
    re.I,
)


@dataclass(frozen=True)
class Cited:
    """One section a citation names: an id, or a range of ids, or a chapter."""

    first: str
    last: str = ""  # a range's end
    chapter: bool = False

    def covers(self, other: "Cited") -> bool:
        if self.first == other.first:
            return True
        if self.last and _key(self.first) <= _key(other.first) <= _key(self.last):
            return True
        return self.chapter and not other.chapter and other.first.startswith(self.first)


def _key(section: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.:\-]", section))


def cited_sections(citation: str) -> list[Cited]:
    """The sections a citation names, main first: "§§ 49.215–49.245" is a range, "ch. 15C" a chapter, and a
    case is named by its parties ("schuster v. altenberg")."""
    out = []
    for segment in re.sub(r"\((?:[^()]*)\)", " ", citation.lower()).split(";"):
        if " v. " in segment:
            out.append(Cited(" ".join(segment.split(",")[0].split())))
            continue
        found = []
        for m in _MARKED.finditer(segment):
            marker, first, last = m.group(1), m.group(2), m.group(3) or ""
            if not last and marker == "§§" and re.fullmatch(r"\d+-\d+", first):
                lo, hi = first.split("-")
                if len(lo) == len(hi) and int(hi) > int(lo):
                    first, last = lo, hi
            found.append(Cited(first, last, marker.startswith(("ch", "c."))))
        if not found:  # a short form with no marker: "NRS 49.215–49.245", "RCW 5.60.060(2)"
            m = re.search(r"(" + _ID + r")(?:\s*(?:to|–|—|through)\s*(" + _ID + r"))?", segment)
            found = [Cited(m.group(1), m.group(2) or "")] if m else []
        out += found
    return out


def main_section(citation: str) -> str:
    """The main (first) section a citation names: "Tex. Fam. Code §§ 261.101, 261.001(1)" -> "261.101"."""
    found = cited_sections(citation)
    return found[0].first if found else ""


def same_section(a: str, b: str) -> bool:
    """Both coders cite the same provision: the main sections match, one contains the other (a range or a
    chapter), or one's main section is among the other's cited sections (the same set in another order)."""
    ca, cb = cited_sections(a), cited_sections(b)
    if not ca or not cb:
        return False
    return any(x.covers(cb[0]) for x in ca) or any(y.covers(ca[0]) for y in cb)


def norm_agency(text: str) -> str:
    text = re.sub(r"\(.*?\)", " ", str(text).lower())
    text = re.sub(r"\b(office|of|the|state|department|division|commonwealth|'s)\b", " ", text)
    return " ".join(re.findall(r"[a-z]+", text))


def agree(category: str, a, b) -> bool:
    if category == "agency":
        x, y = norm_agency(a), norm_agency(b)
        return bool(x and y) and (x == y or x in y or y in x)
    if category == "section":
        return same_section(a, b)
    return a == b


@dataclass
class Comparison:
    code: str
    topic: str
    category: str
    first: object
    second: object
    agreed: bool
    resolution: str = ""


def compare(
    first: list[dict], second: list[dict], resolutions: dict | None = None
) -> tuple[list[Comparison], list[dict]]:
    """Compare the codings cell by cell where the second coder read the official text.

    Returns the comparisons and the cells the second coder could not code from official text (listed, not counted).
    """
    resolutions = resolutions or {}
    by_cell = {(c["code"], c["topic"]): c for c in first}
    out, uncoded = [], []
    for b in second:
        key = (b["code"], b["topic"])
        a = by_cell.get(key)
        if a is None:
            continue
        if b.get("checked_against") != "official_text" or b.get("status") == "unknown":
            uncoded.append(b)
            continue
        pairs = [("status", a.get("status"), b.get("status"))]
        va, vb = a.get("values") or {}, b.get("values") or {}
        for cat in CATEGORIES[1:]:
            if cat in vb and cat in va:
                pairs.append((cat, va[cat], vb[cat]))
            elif cat in vb and a.get("status") in ("in_force", "not_enacted"):
                pairs.append((cat, None, vb[cat]))  # the first coding lacks a value the second found
        if b.get("citation") and a.get("citation"):
            pairs.append(("section", a["citation"], b["citation"]))
        for cat, x, y in pairs:
            out.append(
                Comparison(key[0], key[1], cat, x, y, agree(cat, x, y), resolutions.get(f"{key[0]} {key[1]} {cat}", ""))
            )
    return out, uncoded


def table(comparisons: list[Comparison], uncoded: list[dict], sampled: int) -> str:
    lines = [
        "Double coding: agreement per category (before resolution), on cells the second coder coded from",
        "official text. A value is compared when both coders recorded it.",
        "",
        f"{'category':<16}{'agree':>7}{'compared':>10}{'share':>9}",
    ]
    cats = [*CATEGORIES, "section"]
    for cat in cats:
        rows = [c for c in comparisons if c.category == cat]
        if rows:
            n = sum(c.agreed for c in rows)
            lines.append(f"{cat:<16}{n:>7}{len(rows):>10}{100 * n / len(rows):>8.1f}%")
    cells = {(c.code, c.topic) for c in comparisons}
    lines += [
        "",
        f"Cells sampled: {sampled}; coded by the second coder from official text: {len(cells)}; "
        f"not codable from official text (listed, not counted): {len(uncoded)}",
    ]
    diverged = [c for c in comparisons if not c.agreed]
    if diverged:
        lines += ["", "Divergences and their resolution:"]
        for c in diverged:
            lines.append(
                f"  {c.code} {c.topic} {c.category}: first {c.first!r}, second {c.second!r}"
                f" -> {c.resolution or 'UNRESOLVED'}"
            )
    n = sum(c.agreed for c in comparisons)
    lines += [
        "",
        f"Overall agreement: {100 * n / len(comparisons) if comparisons else 0:.1f}% ({n} of {len(comparisons)})",
    ]
    return "\n".join(lines)


def dump_first(entries: list[dict]) -> str:
    head = (
        "# First coding of the double-coding sample: the overlays' values when the second coding was compared.\n"
        "# Written by `python -m ecmguide qc --snapshot`; compared with research/qc/coding-2/ by `make qc`.\n"
    )
    return head + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=110)


def load_list(path: Path) -> list[dict]:
    """A YAML list of records (a coding, a resolution), or [] when the file is absent or holds no list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


def report(root: Path, codes: list[str]) -> str:
    """The agreement table `make qc` prints, from the files kept in research/qc/."""
    first = load_list(root / CODING_1)
    if not first:
        return f"No first coding in {CODING_1}; run: python -m ecmguide qc --snapshot"
    second = [e for p in sorted((root / CODING_2_DIR).glob("*.yml")) for e in load_list(p)]
    sample = set(draw_sample(codes))
    assert {(e["code"], e["topic"]) for e in first} == sample, f"{CODING_1} does not match the seeded sample"
    resolutions = {f"{r['code']} {r['topic']} {r['category']}": r["resolution"] for r in load_list(root / RESOLUTION)}
    comparisons, uncoded = compare(first, [e for e in second if (e["code"], e["topic"]) in sample], resolutions)
    return table(comparisons, uncoded, len(sample))
