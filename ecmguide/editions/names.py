"""The names of what an edition publishes: the one place a PDF's file name is made."""
from __future__ import annotations

GUIDE = "guide"


def pdf_name(code: str, discipline: str = GUIDE) -> str:
    """`ca-guide.pdf` for the whole guide, `ca-advocates.pdf` for a discipline's handout."""
    return f"{code}-{discipline}.pdf"
