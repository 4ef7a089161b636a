"""Citations to official-text links (placeholder until the citeurl templates land)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    section: str = ""


def official_link(citation: str, jurisdiction: str) -> Link | None:
    return None


def fact_link(fact) -> Link | None:
    """The official-text link of a fact: its explicit official_url, else one built from its citation."""
    if fact.official_url:
        return Link(fact.official_url, "official text", fact.citation)
    return official_link(fact.citation, fact.layer) if fact.citation else None
