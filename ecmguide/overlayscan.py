"""Walk the overlay files for facts and the URLs they name, without validating them.

Plain YAML reading for measurements and tests (the validator in ecmguide.overlays owns the
rules). A fact is any block with a status, citation or source_url.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import yaml

URL_FIELDS = ("source_url", "website", "official_url")


def _facts(data, path=()) -> Iterator[tuple[str, dict]]:
    if not isinstance(data, dict):
        return
    if path and any(k in data for k in ("status", "citation", "source_url")):
        yield ".".join(path), data
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _facts(value, path + (str(key),))


def overlay_facts(overlay_dir: Path) -> Iterator[tuple[Path, str, dict]]:
    """(file, slot, fact) for every fact in every overlay except the template."""
    for path in sorted(Path(overlay_dir).glob("*.yml")):
        if path.name.startswith("_"):
            continue
        for slot, fact in _facts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path, slot, fact


def overlay_urls(overlay_dir: Path) -> Iterator[tuple[Path, str]]:
    """(file, url) for every URL a fact names: source, additional sources, website, official_url."""
    for path, _, fact in overlay_facts(overlay_dir):
        urls = [fact.get(k) for k in URL_FIELDS] + list(fact.get("additional_sources") or [])
        for url in urls:
            if isinstance(url, str) and url:
                yield path, url
