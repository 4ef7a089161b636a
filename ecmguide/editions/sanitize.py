"""Clean the HTML of untrusted local pages with nh3 (ammonia), then put the guide's own HTML in.

A local page is rendered by Markdown like any page; its HTML is then cleaned against an allowlist
of what Markdown and the enabled extensions produce. Nothing else survives: no script, no event
handler, no style, no class outside a few admonition classes (never the classes of fact boxes or
contact blocks), no link other than http, https, mailto, tel or relative, no image other than the
edition's own image files. Only after cleaning are the page's placeholder tokens replaced by the
trusted HTML the guide renders (contacts, fact boxes), so that markup survives and cannot be faked.
"""

from __future__ import annotations

import html.parser
import re

import nh3

from ecmguide.core.errors import InputError, Problem

TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}, **{h: {"id"} for h in HEADINGS}}
ADMONITIONS = {"note", "tip", "warning", "info", "important", "example", "quote", "abstract", "success", "question"}
CLASSES = {"div": {"admonition", *ADMONITIONS}, "p": {"admonition-title"}, "a": {"headerlink"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Ids come from headings (the table of contents). Material's own ids start with "__", the guide's
# fact boxes with "fact-": a page must not clobber either.
ID_OK = re.compile(r"[a-z0-9][a-z0-9_-]{0,100}")
RESERVED_ID_PREFIXES = ("fact-", "where-to-find")
MAX_ELEMENTS = 5000
MAX_DEPTH = 24


def clean(html: str, images: set[str] = frozenset()) -> str:
    """The allowlisted part of untrusted HTML; images only if their src is one of `images`."""

    def keep(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return value if value in images else None
        if attr == "id":
            return value if ID_OK.fullmatch(value) and not value.startswith(RESERVED_ID_PREFIXES) else None
        return value

    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        strip_comments=True,
        link_rel=None,
        url_schemes=URL_SCHEMES,
        allowed_classes=CLASSES,
    )


def plain(text: str) -> str:
    """Untrusted text for an HTML context with no markup at all (e.g. a table-of-contents title)."""
    return nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})


class _Shape(html.parser.HTMLParser):
    VOID = {"br", "hr", "img"}

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth -= 1


def shape(html: str) -> tuple[int, int]:
    """(number of elements, deepest nesting) of cleaned HTML."""
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.elements, parser.deepest


def page(html: str, display: str, images: set[str], tokens: dict[str, str], blocks: set[str]) -> str:
    """Clean a local page's HTML, check its size, then replace placeholder tokens by trusted HTML.

    tokens maps each token to the trusted HTML; tokens in `blocks` stand for blocks (contacts, fact
    boxes) and are only replaced where they are a paragraph of their own.
    """
    cleaned = clean(html, images)
    elements, depth = shape(cleaned)
    if elements > MAX_ELEMENTS or depth > MAX_DEPTH:
        raise InputError(
            [
                Problem(
                    display,
                    0,
                    "",
                    f"page has {elements} elements nested {depth} deep; keep it under "
                    f"{MAX_ELEMENTS} elements and {MAX_DEPTH} levels (it would make a PDF of thousands "
                    "of pages); split it",
                )
            ]
        )
    for token, trusted in tokens.items():
        if token in blocks:
            cleaned = cleaned.replace(f"<p>{token}</p>", trusted)
        else:
            cleaned = cleaned.replace(token, trusted)
    left = [t for t in tokens if t in cleaned]
    if left:
        raise InputError(
            [
                Problem(
                    display,
                    0,
                    "",
                    "a placeholder such as {{ task_force_contacts() }} must be on a line "
                    "of its own, outside links, headings and lists",
                )
            ]
        )
    return cleaned
