"""The hub's review dashboard: per jurisdiction, how its facts were checked, by whom, and how recently.

Every figure comes from coverage.figures(), the function behind the coverage page's totals, applied to one
jurisdiction's own facts; the watch column reads research/source-watch.json, which the weekly watch job
commits (fact, URL, date of change). Nothing is estimated: a jurisdiction with no attorney review says 0.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ecmguide.editions.project import Project
from ecmguide.law.model import Edition
from ecmguide.outputs.hub import coverage
from ecmguide.review.packet import worksheet_csv

WATCH = Project.WATCH


def watched(root: Path, editions: list[Edition]) -> dict[str, int] | None:
    """Facts whose official page changed since they were checked, per jurisdiction (the editions read the watch
    file, Project.page_changes); None before any watch ran."""
    if not (root / WATCH).is_file():
        return None
    out: dict[str, int] = {}
    for fact in editions[0].page_changed if editions else {}:
        code = fact.split(".", 1)[0]
        out[code] = out.get(code, 0) + 1
    return out


def write_worksheets(project, editions: list[Edition], folder: Path) -> None:
    """Each jurisdiction's review worksheet (CSV), published beside the dashboard."""
    folder.mkdir(parents=True, exist_ok=True)
    for row in coverage.rows(editions):
        (folder / f"{row.code}-review.csv").write_text(
            worksheet_csv(project.overlay(row.code)), encoding="utf-8", newline=""
        )


def dashboard_md(root: Path, editions: list[Edition]) -> str:
    watch = watched(root, editions)
    body = []
    for row in coverage.rows(editions):  # federal first, then by name
        f = coverage.figures(editions, row.code)
        reviewed = f"{f.reviewed}" + (f" (newest {f.newest_attorney_review})" if f.reviewed else "")
        current = f"{f.current} of {f.in_force}" + (f" (through {f.newest_through})" if f.newest_through else "")
        changed = "not watched yet" if watch is None else str(watch.get(row.code, 0))
        body.append(
            Markup(
                '<tr><th scope="row"><a href="../{code}/jurisdiction-facts/">{name}</a></th>'
                '<td data-label="Read in the official text">{official} of {in_force}</td>'
                '<td data-label="Reviewed by an attorney">{reviewed}</td><td data-label="Checked for later acts">{current}</td>'
                '<td data-label="Official page changed since checked">{changed}</td>'
                '<td data-label="Oldest check">{oldest}</td>'
                '<td data-label="Review packet"><a href="{code}-review.csv" download>worksheet (CSV)</a></td></tr>'
            ).format(
                code=row.code,
                name=row.name,
                official=f.official_text,
                in_force=f.in_force,
                reviewed=reviewed,
                current=current,
                changed=changed,
                oldest=f.oldest_review or "-",
            )
        )
    table = Markup(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Review dashboard">'
        '<table class="facts-table dashboard"><caption>How each jurisdiction\'s facts were checked'
        '</caption><thead><tr><th scope="col">Jurisdiction</th><th scope="col">Read in the official text'
        '</th><th scope="col">Reviewed by an attorney</th><th scope="col">Checked for later acts</th>'
        '<th scope="col">Official page changed since checked</th><th scope="col">Oldest check</th>'
        '<th scope="col">Review packet</th></tr></thead><tbody>{}</tbody></table></div>'
    ).format(Markup("").join(body))
    return (
        "# Review dashboard\n\nFor each jurisdiction (federal law first, then by name): how many of its in-force "
        "facts were read in the official text, how many an attorney has reviewed and when, how many were checked "
        "for later acts, how many official pages changed since they were checked (from the weekly watch), and the "
        "oldest check of any recorded fact. The same figures make the coverage page's totals.\n\n"
        "Legal staff can review a jurisdiction: download its worksheet, mark each row correct, needs change or "
        "could not verify, and send it back to the maintainers, who record it (`make record-review`) in a pull "
        "request. A printable packet with the same rows is made with `make review-packet J=<code>`.\n\n"
        f"{table}\n"
    )
