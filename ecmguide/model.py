"""Plain data model: what the rest of the code works with after YAML is validated."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    slot: str  # schema slot path, or "federal.<id>"
    status: str  # in_force | not_enacted | unknown
    citation: str = ""
    summary: str = ""
    source_url: str = ""
    last_reviewed: dt.date | None = None
    confidence: str = ""
    note: str = ""
    additional_sources: tuple[str, ...] = ()
    extra: tuple[tuple[str, object], ...] = ()  # slot-specific fields, e.g. ("rule", "mandatory")
    origin: str = ""  # "overlays/ca.yml:12", for error messages and change reports

    @property
    def recorded(self) -> bool:
        return self.status != "unknown"

    def get(self, name: str, default=None):
        return dict(self.extra).get(name, default)

    def comparable(self) -> dict:
        """The fact without its origin, for change detection."""
        out = {k: v for k, v in self.__dict__.items() if k != "origin"}
        out["last_reviewed"] = self.last_reviewed.isoformat() if self.last_reviewed else ""
        out["extra"] = dict(self.extra)
        out["additional_sources"] = list(self.additional_sources)
        return out


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

    @property
    def is_local(self) -> bool:
        """A task force's edition: it publishes a jurisdiction's overlays under its own code."""
        return self.code != self.layers[-1].code or self.layers[-1].kind == "local"

    @property
    def is_federal(self) -> bool:
        return all(layer.kind == "federal" for layer in self.layers)

    def fact(self, slot: str) -> Fact:
        return self.facts.get(slot) or Fact(slot=slot, status="unknown")
