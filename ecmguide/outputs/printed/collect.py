"""A page as the PDFs read it: the article HTML a site build rendered, without the screen's parts.

The PDFs are made from the same HTML as the site (no second Markdown pipeline), but without the
screen theme. The build's plugin object (outputs/site/plugin.py) keeps one Page per page; build_site
returns them and pdf.py reads them.
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


def print_html(html: str) -> str:
    """A page's HTML for print, without the screen's permalink anchors (the ¶ after each heading)."""
    return _HEADERLINK.sub("", html)
