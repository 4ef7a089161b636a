"""Collects each page's rendered article HTML during a site build, for the PDFs.

The PDFs are made from the same HTML as the site (no second Markdown pipeline), but without the
screen theme. The mkdocs hook adds pages here; pdf.py reads them after the build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


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


def add(site_dir: str, src: str, url: str, title: str, html: str, handout: str = "") -> None:
    """Keep a page for print, without the screen's permalink anchors (the ¶ after each heading)."""
    _pages.setdefault(site_dir, {})[src] = Page(src, url, title, _HEADERLINK.sub("", html), _HEADERLINK.sub("", handout))


def pages(site_dir: str) -> dict[str, Page]:
    return _pages.get(site_dir, {})


def forget(site_dir: str) -> None:
    _pages.pop(site_dir, None)
