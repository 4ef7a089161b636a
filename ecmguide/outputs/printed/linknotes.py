"""Numbered source notes for PDFs: links do not work on paper, so every web address is printed.

One mechanism for every PDF (the guide and the handouts): each outside link keeps its text, gets a
note number, and the addresses are listed, numbered, at the end. A fact's official-text link and its
source link both become notes, so a reader of the paper can find both. The HTML handled here is the
project's own output (page HTML after local pages were sanitized), never raw input.
"""

from __future__ import annotations

import html as htmllib
import re

from markupsafe import Markup

_LINK = re.compile(r'<a\b([^>]*?)\bhref="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.S)


def number_links(html: str, notes: list[str] | None = None) -> tuple[str, list[str]]:
    """(html with a [n] after each outside link, the addresses in order); the same address keeps one number."""
    notes = [] if notes is None else notes

    def mark(m: re.Match) -> str:
        url = htmllib.unescape(m.group(2))
        text = re.sub(r"<[^>]+>", "", m.group(4)).strip()
        if htmllib.unescape(text) == url:
            return m.group(0)  # the address is already printed as the link's text
        if url not in notes:
            notes.append(url)
        n = notes.index(url) + 1
        return f'{m.group(0)}<sup class="note-ref"><a href="#note-{n}">[{n}]</a></sup>'

    return _LINK.sub(mark, html), notes


def notes_section(
    notes: list[str],
    heading: str = "Sources and links",
    intro: str = "Every web address this document links to, by the number printed after the link.",
) -> Markup:
    if not notes:
        return Markup("")
    items = Markup("").join(
        Markup('<li id="note-{0}"><span class="note-n">[{0}]</span> {1}</li>').format(i, url)
        for i, url in enumerate(notes, start=1)
    )
    return Markup(
        '<section class="notes" id="notes"><h2>{}</h2><p class="notes-intro">{}</p><ol class="notes-list">{}'
        "</ol></section>"
    ).format(heading, intro, items)
