"""Cross-fact checks: contradictions between facts of one overlay, each a named rule that warns naming both facts.

They catch the classes of error independent checks found: a fact left unknown or none_found although the
overlay's own notes name the statute, a trafficking-caseworker privilege "not found" beside a privilege for
victims of any crime, and attorneys "not yet researched" where every person must report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ecmguide.core.errors import Problem
from ecmguide.law.model import Fact

SECTION = re.compile(r"§§?\s*[0-9][0-9A-Za-z.:()\-]*|\b(?:art\.|Article|Rule)\s+[0-9IVX][0-9A-Za-z.:()\-]*")
# Words that say a privilege reaches victims of any crime. "Victim counselor" alone does not: several states
# use it for sexual-assault or domestic-violence counselors only (Hawaii, Alabama).
ANY_CRIME = re.compile(
    r"\b(?:victims? of any crime|any crime victim|all crime victims|crime victims?['’]? "
    r"(?:counselou?rs?|advocates?))\b",
    re.I,
)
OPEN = ("none_found", "unknown")


@dataclass(frozen=True)
class Rule:
    name: str
    doc: str
    check: Callable[[dict[str, Fact]], list[tuple[Fact, str]]]  # (the fact warned, a message naming the other)


def _line(fact: Fact) -> tuple[str, int]:
    file, _, line = fact.origin.rpartition(":")
    return (file, int(line)) if line.isdigit() else (fact.origin, 0)


def _named_section(facts: dict[str, Fact]):
    out = []
    for fact in facts.values():
        if fact.status not in OPEN:
            continue
        text = " ".join([fact.limits, fact.reviewer_note, *dict(fact.searched).get("sources", ())])
        found = SECTION.search(text)
        if found:
            out.append(
                (
                    fact,
                    f"is {fact.status.replace('_', ' ')}, but its own record names {found.group(0)}; "
                    "read it on the official site and record what it says",
                )
            )
    return out


def _any_crime_privilege(facts: dict[str, Fact]):
    ht = facts.get("privileges.ht_caseworker")
    if ht is None or ht.status not in OPEN:
        return []
    for slot, other in sorted(facts.items()):
        if (
            slot.startswith("privileges.")
            and slot != "privileges.ht_caseworker"
            and other.status == "in_force"
            and ANY_CRIME.search(other.summary + " " + other.limits)
        ):
            return [
                (
                    ht,
                    f"is {ht.status.replace('_', ' ')}, but {slot} ({other.origin}) covers victims of any "
                    "crime, which reaches trafficking victims (the field reference's rule): record it here",
                )
            ]
    return []


def _universal_duty_attorneys(facts: dict[str, Fact]):
    child, attorneys = facts.get("mandated_reporting.child"), facts.get("mandated_reporting.attorneys")
    if child is None or child.status != "in_force" or child.get("universal") is not True:
        return []
    if attorneys is None or attorneys.status == "unknown":
        return [
            (
                child,
                "says every person must report, but mandated_reporting.attorneys is not yet "
                "researched: an attorney is a person; record whether privilege limits the duty",
            )
        ]
    return []


RULES = (
    Rule(
        "record-names-a-section",
        "A none_found or unknown fact whose own limits, notes or search record name a "
        "section: the section is the place to read.",
        _named_section,
    ),
    Rule(
        "caseworker-privilege-beside-any-crime-privilege",
        "A trafficking-caseworker privilege that is none_found or "
        "unknown while another privilege of the same overlay covers victims of any crime.",
        _any_crime_privilege,
    ),
    Rule(
        "universal-duty-attorneys-unresearched",
        "A universal child-reporting duty while the attorneys' reporting fact is unknown.",
        _universal_duty_attorneys,
    ),
)


def check(facts: dict[str, Fact]) -> list[Problem]:
    problems = []
    for rule in RULES:
        for fact, message in rule.check(facts):
            file, line = _line(fact)
            problems.append(Problem(file, line, fact.slot, f"{message} [{rule.name}]", "warning"))
    return problems
