"""Plain data model: what the rest of the code works with after YAML is validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    slot: str  # schema slot path, or "federal.<id>"
    status: str  # in_force | not_enacted | none_found | unknown
    citation: str = ""
    summary: str = ""
    source_url: str = ""  # the page actually read ("Source")
    official_url: str = ""  # an explicit official-text link, where the citation cannot give one
    checked_against: str = ""  # official_text | secondary
    last_reviewed: dt.date | None = None
    confidence: str = ""
    effective: dt.date | None = None
    amended_by: tuple[tuple[tuple[str, object], ...], ...] = ()  # acts, newest first: ((("act", ...), ...), ...)
    current_through: tuple[tuple[str, object], ...] = ()  # (("checked_on", date), ("session", ...), ...)
    summary_es: str = ""
    limits: str = ""  # public: "Limits of this entry"
    reviewer_note: str = ""  # maintainers only: never in a built page or PDF
    attorney_review: tuple[tuple[str, object], ...] = ()  # (("date", date), ("role", "attorney, Texas bar"))
    searched: tuple[tuple[str, object], ...] = ()  # none_found: (("date", date), ("sources", (...)))
    additional_sources: tuple[str, ...] = ()
    extra: tuple[tuple[str, object], ...] = ()  # slot-specific fields, e.g. ("rule", "mandatory")
    layer: str = ""  # code of the overlay that holds it ("tx"), for its citation templates
    link_url: str = ""  # the official-text link, resolved once when the overlay is loaded (citations.fact_link)
    link_label: str = ""
    link_resolved: bool = False  # link_url is final (empty: no official link), so rendering never resolves again
    origin: str = ""  # "overlays/ca.yml:12", for error messages and change reports

    @property
    def recorded(self) -> bool:
        """Known: in force, not enacted, or searched and none found (all count as recorded in coverage)."""
        return self.status != "unknown"

    @property
    def has_law(self) -> bool:
        """Carries a citation, a summary and a source (in force or not enacted)."""
        return self.status in ("in_force", "not_enacted")

    @property
    def official_checked(self) -> bool:
        return self.checked_against == "official_text"

    def get(self, name: str, default=None):
        return dict(self.extra).get(name, default)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(u for u in (self.source_url, *self.additional_sources) if u)

    def comparable(self) -> dict:
        """The fact without its origin, for change detection (dates as text, records as dicts)."""
        out = {}
        for key, value in self.__dict__.items():
            if key in ("origin", "layer", "link_url", "link_label", "link_resolved"):
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif key in ("extra", "attorney_review", "searched", "current_through"):
                value = _plain(value)
            elif key == "amended_by":
                value = [_plain(act) for act in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = "" if value is None else value
        return out


def _plain(pairs) -> dict:
    """A record's (key, value) pairs as a dict of plain values (dates as text, tuples as lists, records as dicts)."""

    def plain(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if (
            isinstance(v, tuple)
            and v
            and all(isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) for x in v)
        ):
            return _plain(v)
        return list(v) if isinstance(v, tuple) else v

    return {k: plain(v) for k, v in pairs}


@dataclass(frozen=True)
class Overlay:
    code: str
    name: str
    kind: str
    file: str
    facts: dict[str, Fact] = field(default_factory=dict)
    federal: dict[str, Fact] = field(default_factory=dict)
    parent: str = ""


@dataclass(frozen=True)
class Hotline:
    label: str
    number: str
    hours: str = ""
    sms: str = ""  # an SMS short code, digits only


@dataclass(frozen=True)
class ExtraPage:
    title: str
    file: str  # path relative to the repository root


@dataclass(frozen=True)
class Edition:
    code: str
    title: str
    jurisdiction: str  # the state, district or territory it covers, e.g. "California" (also for local editions)
    layers: tuple[Overlay, ...]
    facts: dict[str, Fact]  # merged jurisdiction facts by slot path
    federal: dict[str, Fact]
    file: str
    edition_date: dt.date
    site_url: str = ""
    example: bool = False
    task_force: str = ""
    coordinator: dict = field(default_factory=dict)
    hotlines: tuple[Hotline, ...] = ()
    links: dict = field(default_factory=dict)
    primary_color: str = ""
    logo: str = ""  # path relative to repository root
    extra_pages: tuple[ExtraPage, ...] = ()
    page_changed: dict = field(default_factory=dict)  # fact id -> the day the watch found its official page changed
    lang: str = "en"  # the language of its pages: an edition in another language is code "<base>-<lang>"
    languages: tuple[str, ...] = ("en",)  # every language its manifest publishes the guide in, English first

    @property
    def base_code(self) -> str:
        """The code of the English edition this one translates (its own code when it is English)."""
        return self.code if self.lang == "en" else self.code.removesuffix(f"-{self.lang}")

    def code_in(self, lang: str) -> str:
        """The code of this edition's guide in another of its languages, e.g. pr -> pr-es."""
        return self.base_code if lang == "en" else f"{self.base_code}-{lang}"

    @property
    def is_local(self) -> bool:
        """A task force's edition: it publishes a jurisdiction's overlays under its own code."""
        return self.base_code != self.layers[-1].code or self.layers[-1].kind == "local"

    @property
    def is_federal(self) -> bool:
        return all(layer.kind == "federal" for layer in self.layers)

    def fact(self, slot: str) -> Fact:
        return self.facts.get(slot) or Fact(slot=slot, status="unknown")
