"""The message catalog: every reader-facing sentence the outputs generate, in ecmguide/data/messages/en.yml,
so a translation replaces that file rather than code."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import yaml

from ecmguide.law import schema
from ecmguide.law.model import Edition

FOLDER = Path(__file__).resolve().parents[1] / "data" / "messages"
CATALOG = FOLDER / "en.yml"
LANGUAGES = schema.LANGUAGES  # one list: a manifest may opt into exactly these


@functools.lru_cache(maxsize=4)
def messages(lang: str = "en") -> dict:
    """The catalog of one language: en.yml holds every message; es.yml those translated so far."""
    if lang not in LANGUAGES:
        raise ValueError(f"no message catalog for {lang!r}; use one of {', '.join(LANGUAGES)}")
    return yaml.safe_load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"))


def reviewed(lang: str) -> bool:
    """A translation counts as reviewed once its catalog records a reviewer's role and the date (`review:`)."""
    review = messages(lang).get("review") or {}
    return lang == "en" or bool(isinstance(review, dict) and review.get("role") and review.get("date"))


def unreviewed_notice(lang: str) -> str:
    """ "Traducido; aún no revisado por una persona." on everything in a language nobody has reviewed yet."""
    return "" if reviewed(lang) else messages(lang)["unreviewed"]


def site_words(lang: str) -> dict:
    """The site's own words (theme, switcher, 404, downloads) in one language: `site` of its catalog."""
    return messages(lang)["site"]


def discipline_title(discipline: str, lang: str = "en") -> str:
    return schema.DISCIPLINE_TITLES[discipline] if lang == "en" else messages(lang)["disciplines"][discipline]


def edition_title(edition: Edition) -> str:
    """The site title: the manifest's for the English guide, the catalog's for another language."""
    if edition.lang == "en":
        return edition.title
    return messages(edition.lang)["site"]["title"].format(jurisdiction=edition.jurisdiction)


def checked_as_of(edition: Edition, slots=None) -> dt.date | None:
    """The newest day any fact a document shows was checked (its last_reviewed): the jurisdiction's facts for
    `slots` (all when None) and the federal authorities every document cites."""
    paths = [s.path for s in schema.SLOTS] if slots is None else list(slots)
    facts = [edition.fact(p) for p in paths] + list(edition.federal.values())
    days = [f.last_reviewed for f in facts if f.recorded and f.last_reviewed]
    return max(days, default=None)
