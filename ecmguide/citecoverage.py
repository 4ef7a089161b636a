"""Measure how many overlay facts get an official-text link from their citation.

Counts the facts in force or not enacted (a fact without a status is in force, as in
ecmguide.overlays) and explains, for each one without a link, why there is none.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import sources
from .citations import Link, main_citation, official_link
from .overlayscan import overlay_facts

COUNTED = ("in_force", "not_enacted")


@dataclass(frozen=True)
class Row:
    file: str          # e.g. "overlays/tx.yml"
    slot: str          # e.g. "privileges.dv_advocate"
    jurisdiction: str  # the overlay code
    citation: str
    link: Link | None
    status: str = "in_force"


def coverage(overlay_dir: Path) -> list[Row]:
    """One row per counted fact (in force or not enacted), with the link its citation resolves to."""
    rows = []
    for path, slot, fact in overlay_facts(overlay_dir):
        if fact.get("status", "in_force") not in COUNTED:
            continue
        citation = str(fact.get("citation") or "")
        code = path.stem
        rows.append(Row(f"{path.parent.name}/{path.name}", slot, code, citation,
                        official_link(citation, code) if citation else None,
                        fact.get("status", "in_force")))
    return rows


def unresolved_reason(citation: str, jurisdiction: str) -> str:
    """Why `citation` gives no official link, in a few words (for the coverage report)."""
    cite = main_citation(citation, jurisdiction) if citation else None
    if cite is None:
        return "no authority recognised in the citation (a statement, or a form no template reads)"
    why = (cite.template.meta or {}).get("no link")
    if why:
        return str(why)
    url = cite.URL
    if url and not sources.is_official(url):
        kind = "case law" if cite.template.name == "U.S. Caselaw" else "constitution" \
            if "Constitution" in cite.template.name else "citation"
        return f"{kind}: only a secondary copy is known ({sources.host(url)}); no official address confirmed"
    return "no URL could be built: the address needs something this citation does not give"


def report(rows: list[Row]) -> str:
    """Totals, a per-jurisdiction table and the unresolved citations grouped by reason, as plain text."""
    resolved = sum(1 for r in rows if r.link)
    in_force = [r for r in rows if r.status == "in_force"]
    in_force_resolved = sum(1 for r in in_force if r.link)
    lines = [f"{resolved} of {len(rows)} facts (in force or not enacted) resolve to an official link "
             f"from the citation ({100 * resolved / max(len(rows), 1):.1f}%); "
             f"{len(rows) - resolved} need official_url.",
             f"In force only: {in_force_resolved} of {len(in_force)} "
             f"({100 * in_force_resolved / max(len(in_force), 1):.1f}%).", "",
             f"{'jurisdiction':<14}{'resolved':>9}{'facts':>7}"]
    for code in sorted({r.jurisdiction for r in rows}):
        mine = [r for r in rows if r.jurisdiction == code]
        lines.append(f"{code:<14}{sum(1 for r in mine if r.link):>9}{len(mine):>7}")
    groups: dict[str, list[Row]] = {}
    for r in rows:
        if not r.link:
            groups.setdefault(unresolved_reason(r.citation, r.jurisdiction), []).append(r)
    lines += ["", "Unresolved, by reason:"]
    for why, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines += ["", f"{why} ({len(members)})"]
        lines += [f"  {r.file} {r.slot}: {r.citation or '(no citation)'}" for r in members]
    return "\n".join(lines) + "\n"
