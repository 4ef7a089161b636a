"""Collects each page's rendered article HTML during a site build, for the PDFs.

The PDFs are made from the same HTML as the site (no second Markdown pipeline), but without the
screen theme. The mkdocs hook adds pages here; pdf.py reads them after the build.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    src: str  # "disciplines/advocates.md"
    url: str  # "disciplines/advocates/"
    title: str
    html: str
    handout: str = ""  # the page's part written for the printed handout (not shown on the site)


_pages: dict[str, dict[str, Page]] = {}


def start(site_dir: str) -> None:
    _pages[site_dir] = {}


def add(site_dir: str, page: Page) -> None:
    _pages.setdefault(site_dir, {})[page.src] = page


def pages(site_dir: str) -> dict[str, Page]:
    return _pages.get(site_dir, {})


def forget(site_dir: str) -> None:
    _pages.pop(site_dir, None)
