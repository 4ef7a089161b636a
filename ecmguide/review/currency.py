"""The 12-month currency rule on a pull request: a fact the pull request changes, recorded at high confidence,
must have been checked for later acts within 12 months of today.

`make validate` only warns about every such fact, so no clock turns main red without a commit; here, in
`make pr-check`, the rule is an error, and only for the facts the pull request touches.
"""

from __future__ import annotations

from ecmguide.core.errors import Problem
from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.review.diff import diff_overlays, overlay_at


def stale_changed_facts(project: Project, base: str) -> list[Problem]:
    problems = []
    for code in project.overlay_codes():
        new = project.overlay(code)
        for change in diff_overlays(overlay_at(project.root, base, code, project.today), new):
            fact = change.new
            if fact is None or fact.confidence != "high":
                continue
            through = dict(fact.current_through).get("through")
            if through is None or (project.today - through).days > schema.CURRENCY_STALE_DAYS:
                file, _, line = fact.origin.rpartition(":")
                when = f"only through {through}" if through else "not at all (no current_through)"
                problems.append(
                    Problem(
                        file,
                        int(line) if line.isdigit() else 0,
                        change.slot,
                        f"is high confidence and changed here, but its law was checked for later acts "
                        f"{when}; check the session laws of the last 12 months and record "
                        "current_through, or lower the confidence",
                    )
                )
    return problems
