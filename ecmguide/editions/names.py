"""The names of what an edition publishes: the one place a PDF's file name is made."""

from __future__ import annotations

from pathlib import PurePosixPath

GUIDE = "guide"


def pdf_name(code: str, discipline: str = GUIDE) -> str:
    """`ca-guide.pdf` for the whole guide, `ca-advocates.pdf` for a discipline's handout."""
    return f"{code}-{discipline}.pdf"


SURVIVORS = "survivors"  # the survivor explainer, one page per discipline
RELEASE = "release"  # the release-of-information form


def lang_pdf_name(code: str, document: str, lang: str = "en") -> str:
    """`ca-survivors.pdf`, `ca-survivors-es.pdf`, `ca-release.pdf`, `ca-release-es.pdf`."""
    return f"{code}-{document}{'' if lang == 'en' else '-' + lang}.pdf"


def local_page_uri(file: str) -> str:
    """Where a task force's page is built: local/<name>.md, whatever the case of its extension (page.MD too),
    so mkdocs always renders and sanitizes it as a page and never copies its source out as a file."""
    return f"local/{PurePosixPath(file).stem}.md"
