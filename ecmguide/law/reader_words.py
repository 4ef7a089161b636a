"""Words for maintainers that must not reach readers (ecmguide/data/banned-words.yml), and fact ids as text.

Validation applies `found()` to every public text field of an overlay or manifest; tests apply it to every
built page and PDF. The list is data: a maintainer adds a phrase there, not a pattern in code.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ecmguide.law import schema

FILE = Path(__file__).resolve().parents[1] / "data" / "banned-words.yml"


@functools.lru_cache(maxsize=1)
def phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, what to write instead), lowercase phrases, from the data file."""
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    return tuple((item["phrase"].lower(), item["instead"]) for item in data["phrases"])


def found(text: str) -> tuple[str, str] | None:
    """The first banned phrase in a reader-facing text, with its advice, or None."""
    low = text.lower()
    return next(((p, advice) for p, advice in phrases() if p in low), None)


def fact_ids(text: str, codes) -> list[str]:
    """Fact ids written as text (e.g. "tx.duty_to_warn", "us.federal.vawa_confidentiality") for the given codes."""
    slots = [s.path for s in schema.SLOTS] + [f"federal.{k}" for k in schema.FEDERAL_AUTHORITIES]
    return sorted({f"{c}.{s}" for c in codes for s in slots if f"{c}.{s}" in text})
