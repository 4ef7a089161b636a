"""Rules for a task force's own Markdown pages (jurisdictions/<edition>/*.md).

They come in by pull request like overlays, so they are checked as untrusted: no raw HTML, no
template code beyond the guide's own placeholders, and links only to web, mail or relative targets.
"""
from __future__ import annotations

import re

from .errors import Problem

ALLOWED_PLACEHOLDERS = re.compile(
    r"\{\{\s*(jurisdiction|task_force_contacts\(\)|facts_table\(\)|federal_table\(\)|"
    r'in_jurisdiction\("[a-z-]+"\)|handout_link\("[a-z-]+"\))\s*\}\}')
TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|#\}")
RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_TARGET = re.compile(r"(https?://|mailto:|#|\.{0,2}/|[A-Za-z0-9_.-]+(\.md|/)?(#[\w-]*)?$)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_PAGE_BYTES = 200 * 1024


def check_page(text: str, display: str) -> list[Problem]:
    problems = []
    if len(text.encode("utf-8")) > MAX_PAGE_BYTES:
        return [Problem(display, 0, "", f"page is over {MAX_PAGE_BYTES // 1024} KB; split it")]
    for n, line in enumerate(text.splitlines(), start=1):
        remainder = ALLOWED_PLACEHOLDERS.sub("", line)
        if TEMPLATE.search(remainder):
            problems.append(Problem(display, n, "", "template code is not allowed in local pages; only the guide's "
                                    "placeholders, e.g. {{ task_force_contacts() }} or {{ jurisdiction }}"))
        if RAW_HTML.search(line):
            problems.append(Problem(display, n, "", "raw HTML is not allowed in local pages; write Markdown"))
        for target in LINK_TARGET.findall(line):
            if SCHEME.match(target) and not target.lower().startswith(("http://", "https://", "mailto:")):
                problems.append(Problem(display, n, "", f"link to {target[:40]!r} is not allowed; "
                                        "use an https:// address, mailto: or a page of the guide"))
    return problems
