"""What the project does to built HTML, as plain functions over text and written files.

Nothing here knows a generator's events: the plugin (plugin.py) calls these while mkdocs builds, and a port
to another generator can call them on the files it writes. Each is a pure function of its input.
"""
from __future__ import annotations

import re
from pathlib import Path

from ecmguide.outputs.printed.collect import Page, print_html

# The guide's own pages (trusted project text, not local pages) may hold a part written for the printed
# handout: <div class="print-handout" markdown="1">...</div>. It goes to the PDF only, never to the page.
_HANDOUT = re.compile(r'<div class="print-handout">(.*?)</div>\s*<!-- /print-handout -->', re.S)
_AUTOCOMPLETE_ON_CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def split_handout(html: str) -> tuple[str, str]:
    """(the page without its handout part, the handout part)."""
    found = _HANDOUT.search(html)
    if not found:
        return html, ""
    return html[: found.start()] + html[found.end():], found.group(1)


def handout_ids(handout: str) -> set[str]:
    """The ids of the handout part's headings, which leave the page's table of contents with it."""
    return set(re.findall(r'\bid="([^"]+)"', handout))


def print_page(src: str, url: str, title: str, html: str, handout: str = "") -> Page:
    """A page as the PDFs read it: the article's HTML without the screen's permalink anchors."""
    return Page(src, url, title, print_html(html), print_html(handout))


def fix_html(output: str) -> str:
    """Material's toggles put autocomplete on checkboxes and empty tabindex on labels; both are invalid HTML."""
    return _EMPTY_TABINDEX.sub("", _AUTOCOMPLETE_ON_CHECKBOX.sub(r"\1", output))


def fix_site(site_dir: Path) -> int:
    """fix_html on every written page of a built site; returns how many pages changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_bytes().decode("utf-8")  # bytes: no newline is translated either way
        fixed = fix_html(text)
        if fixed != text:
            path.write_bytes(fixed.encode("utf-8"))
            changed += 1
    return changed
