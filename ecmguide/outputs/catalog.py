"""The message catalog: every reader-facing sentence the outputs generate, in ecmguide/data/messages/en.yml,
so a translation replaces that file rather than code."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import yaml

from ecmguide.law import schema
from ecmguide.law.model import Edition

CATALOG = Path(__file__).resolve().parents[1] / "data" / "messages" / "en.yml"


@functools.lru_cache(maxsize=1)
def messages() -> dict:
    return yaml.safe_load(CATALOG.read_text(encoding="utf-8"))


def checked_as_of(edition: Edition, slots=None) -> dt.date | None:
    """The newest day any fact a document shows was checked (its last_reviewed): the jurisdiction's facts for
    `slots` (all when None) and the federal authorities every document cites."""
    paths = [s.path for s in schema.SLOTS] if slots is None else list(slots)
    facts = [edition.fact(p) for p in paths] + list(edition.federal.values())
    days = [f.last_reviewed for f in facts if f.recorded and f.last_reviewed]
    return max(days, default=None)
