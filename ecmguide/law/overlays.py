"""Load, validate and merge overlay files into Fact records."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError, Problem, errors_only
from ecmguide.law import citations, schema
from ecmguide.law.model import Fact, Overlay
from ecmguide.law.validate import Context, check_fact, check_known_keys, check_record

FACT_KEYS = {f.name for f in schema.FACT_FIELDS}
TOP_SLOTS = [s.path for s in schema.SLOTS if "." not in s.path]


def load_overlay(path: Path, display: str, today: dt.date) -> tuple[Overlay, list[Problem]]:
    """Parse and check one overlay; raise InputError on errors, return warnings alongside."""
    data, lines = safeyaml.load(path, display)
    return _checked(data, lines, display, path.stem, today)


def parse_overlay(
    raw: bytes, display: str, stem: str, today: dt.date, lenient: bool = False
) -> tuple[Overlay, list[Problem]]:
    """Like load_overlay, for text that is not a file (e.g. an older version from git).

    lenient: keep what can be read even where today's rules find errors (an old version written to an
    older schema, or citing a host refused since); unreadable fields are left out.
    """
    data, lines = safeyaml.loads(raw, display)
    return _checked(data, lines, display, stem, today, lenient)


def _checked(
    data, lines, display: str, stem: str, today: dt.date, lenient: bool = False
) -> tuple[Overlay, list[Problem]]:
    ctx = Context(display, lines, today, lenient=lenient, examples=_examples(data, stem))
    overlay = _build(ctx, data, stem, lenient)
    if errors_only(ctx.problems) and not (lenient and overlay is not None):
        raise InputError(ctx.problems)
    return overlay, ctx.problems


def _examples(data, stem: str) -> dict:
    """Examples for messages about this file: a citation it already holds, and its official code host."""
    from ecmguide.law import sources

    out = {"code_host": sources.code_host(stem)}
    for slot in schema.SLOTS:
        fact = _dig(data, tuple(slot.path.split("."))) if isinstance(data, dict) else None
        if isinstance(fact, dict) and isinstance(fact.get("citation"), str) and fact["citation"].strip():
            out["citation"] = fact["citation"].strip()
            break
    return {k: v for k, v in out.items() if v}


def _build(ctx: Context, data, stem: str, lenient: bool = False) -> Overlay | None:
    if not isinstance(data, dict):
        ctx.error((), "expected an overlay with code, name and kind at the top; copy overlays/_template.yml")
        return None
    top_names = [f.name for f in schema.OVERLAY_TOP]
    check_known_keys(ctx, data, top_names + ["federal", *schema.SECTIONS, *TOP_SLOTS], ())
    head = check_record(ctx, {k: v for k, v in data.items() if k in top_names}, schema.OVERLAY_TOP, ())
    if head.get("code") and head["code"] != stem:
        ctx.error(("code",), f'is "{head["code"]}" but the file is {stem}.yml; rename the file or fix the code')
    facts: dict[str, Fact] = {}
    for section in schema.SECTIONS:
        block = data.get(section)
        if block is None:
            continue
        if not isinstance(block, dict):
            ctx.error((section,), "expected a block of facts")
            continue
        names = [s.path.split(".", 1)[1] for s in schema.SLOTS if s.path.startswith(section + ".")]
        check_known_keys(ctx, block, names, (section,))
    for slot in schema.SLOTS:
        path = tuple(slot.path.split("."))
        raw = _dig(data, path)
        if raw is None:
            continue
        values = check_fact(ctx, raw, slot.fields, path)
        if values is not None:
            facts[slot.path] = _fact(slot.path, values, ctx, path)
    federal: dict[str, Fact] = {}
    if "federal" in data:
        if head.get("kind") != "federal":
            ctx.error(("federal",), "federal authorities belong only in the federal overlay (overlays/us.yml)")
        elif not isinstance(data["federal"], dict):
            ctx.error(("federal",), "expected a block of federal authorities")
        else:
            check_known_keys(ctx, data["federal"], list(schema.FEDERAL_AUTHORITIES), ("federal",))
            for key, raw in data["federal"].items():
                if key in schema.FEDERAL_AUTHORITIES:
                    values = check_fact(ctx, raw, schema.FACT_FIELDS, ("federal", key))
                    if values is not None:
                        federal[key] = _fact(f"federal.{key}", values, ctx, ("federal", key))
    if not lenient:
        from ecmguide.law import crosschecks

        ctx.problems.extend(crosschecks.check(facts))
    if head.get("kind") == "local" and not head.get("parent"):
        ctx.error(("kind",), "a local overlay needs parent: <state code>")
    if any(k not in head for k in ("code", "name", "kind")) or (errors_only(ctx.problems) and not lenient):
        return None
    return Overlay(
        code=head["code"],
        name=head["name"],
        kind=head["kind"],
        file=ctx.file,
        facts=facts,
        federal=federal,
        parent=head.get("parent", ""),
    )


def _fact(slot: str, values: dict, ctx: Context, path) -> Fact:
    def record(name):
        return tuple(sorted(values.get(name, {}).items()))

    extra = tuple(
        sorted(
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else v) for k, v in values.items() if k not in FACT_KEYS
        )
    )
    fact = Fact(
        slot=slot,
        status=values.get("status", "in_force"),
        citation=values.get("citation", ""),
        summary=values.get("summary", ""),
        source_url=values.get("source_url", ""),
        official_url=values.get("official_url", ""),
        checked_against=values.get("checked_against", ""),
        last_reviewed=values.get("last_reviewed"),
        confidence=values.get("confidence", ""),
        effective=values.get("effective"),
        summary_es=values.get("summary_es", ""),
        amended_by=tuple(tuple(sorted(act.items())) for act in values.get("amended_by", ())),
        current_through=record("current_through"),
        limits=values.get("limits", ""),
        reviewer_note=values.get("reviewer_note", ""),
        attorney_review=record("attorney_review"),
        searched=record("searched"),
        additional_sources=values.get("additional_sources", ()),
        extra=extra,
        layer=Path(ctx.file.split("@")[0]).stem,
        origin=f"{ctx.file}:{ctx.line(path)}",
    )
    if ctx.lenient:
        return fact  # an old version or a report's reading: links are resolved only when shown
    link = citations.fact_link(fact) if fact.has_law else None
    # Resolved here, once, so the workers that render pages never need the citation templates.
    return replace(fact, link_url=link.url if link else "", link_label=link.label if link else "", link_resolved=True)


def _dig(data: dict, path: tuple):
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def reaches(slot: str, layer_kind: str, only_federal: bool) -> bool:
    """Whether a layer's fact in this slot shows in an edition (the rule merge() applies)."""
    return slot.startswith("federal.") or layer_kind != "federal" or only_federal


def merge(layers: list[Overlay]) -> tuple[dict[str, Fact], dict[str, Fact]]:
    """Merge overlays, most general first.

    A fact is replaced whole by a later layer (never mixed field by field, so a citation always
    travels with its summary). Federal layers supply the federal authorities; their jurisdiction
    facts apply only to an edition made of federal layers alone, so a state edition never shows
    a federal rule as if it were the state's.
    """
    federal: dict[str, Fact] = {}
    facts: dict[str, Fact] = {}
    only_federal = all(layer.kind == "federal" for layer in layers)
    for layer in layers:
        federal.update(layer.federal)
        facts.update({slot: f for slot, f in layer.facts.items() if reaches(slot, layer.kind, only_federal)})
    return facts, federal
