"""Task forces' pages, rendered once by a linear-time Markdown parser (markdown-it-py, CommonMark).

Python-Markdown's cost grows with the square of some inputs (a page of one repeated bracket took 481 s at
39 KB), so an untrusted page never reaches it: validation and the published page both use this renderer,
whose time grows linearly with the page, and mkdocs is handed the finished HTML (outputs/site/plugin.py) instead
of parsing the page again. Nesting is capped (MAX_NESTING), so no page recurses deep enough to crash.

What it supports is what local pages need: CommonMark, tables, definition lists, admonitions
(`!!! note "Title"`), and heading ids made the way the guide's own pages make them.
"""

from __future__ import annotations

import functools
from typing import Callable

MAX_NESTING = 20  # blocks inside blocks; deeper input is kept as text, never recursed into


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown.extensions.toc import slugify
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.deflist import deflist_plugin

    md = (
        MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING, "linkify": False})
        .enable("table")
        .use(admon_plugin)
        .use(deflist_plugin)
        .use(anchors_plugin, min_level=1, max_level=6, slug_func=lambda text: slugify(text, "-"))
    )
    # Render every link as written: validation then refuses a javascript: or data: link with its line, and the
    # allowlist sanitizer (sanitize.py) still removes any scheme it does not allow from what is published.
    md.validateLink = lambda url: True
    return md


def render(
    body: str, link: Callable[[str], str] | None = None, image: Callable[[str], str] | None = None
) -> tuple[str, list[dict]]:
    """(HTML, table-of-contents tokens as mkdocs' get_toc() takes them) of a page's Markdown body.

    `link` and `image` rewrite each link target and image source (the build points them at the published
    pages and files); validation passes neither and reads the targets as written."""
    md = _parser()
    tokens = md.parse(body)
    headings = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            headings.append(
                {
                    "level": int(tok.tag[1]),
                    "id": tok.attrGet("id") or "",
                    "name": inline.content,
                    "html": inline.content,
                    "children": [],
                }
            )
        for child in tok.children or ():
            if link and child.type == "link_open" and child.attrGet("href") is not None:
                child.attrSet("href", link(child.attrGet("href")))
            if image and child.type == "image" and child.attrGet("src") is not None:
                child.attrSet("src", image(child.attrGet("src")))
    return md.renderer.render(tokens, md.options, {}), _nest(headings)


def _nest(headings: list[dict]) -> list[dict]:
    root: list[dict] = []
    stack: list[dict] = []
    for h in headings:
        while stack and stack[-1]["level"] >= h["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(h)
        stack.append(h)
    return root


def targets(body: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(links, images) of a body as (target, line in the body, from 1), read from the same parse as render():
    each target's line is the line of the block it stands in."""
    links, images = [], []
    for tok in _parser().parse(body):
        line = tok.map[0] + 1 if tok.map else 0
        for child in tok.children or ():
            if child.type == "link_open" and child.attrGet("href") is not None:
                links.append((child.attrGet("href"), line))
            elif child.type == "image" and child.attrGet("src") is not None:
                images.append((child.attrGet("src"), line))
    return links, images
