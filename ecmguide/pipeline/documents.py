"""Input digests of an edition's documents, so a change re-renders only the documents that show it.

An edition's documents are its site and its PDFs (the guide, one handout per discipline, and for
survivors the explainer and the release form in each language). The site shows every fact of the
edition, so it is built again whenever the edition's digest changes (state.edition_digest). Each PDF is
made from the site's pages, so its digest is taken once the site is built, from exactly what WeasyPrint
is given rather than from a list of the facts it is thought to show:

- the document's HTML: every fact it shows and everything derived from one (its "Facts checked as of"
  date, a survivor explainer's sentences, a handout's help section), the national contacts, the
  translated words and the edition's address (links, notes);
- the images it embeds (a local page's images, the handout's QR code of the edition's address);
- its file name (the PDF's identifier) and the edition date (its timestamps);
- the shared digest (state.shared_digest: the code, print.css, the theme, the pages, the pinned
  versions), so a change of code renders every PDF again.

A PDF whose digest is the one recorded for the copy already published is kept: that file is linked
into the new output, byte for byte what rendering it again would give (rendering is reproducible).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ecmguide.pipeline import publish


@dataclass(frozen=True)
class Previous:
    """A PDF of the previous output and the digest and page count recorded for it (the state file)."""

    path: str
    digest: str
    pages: int


@dataclass
class PdfDone:
    code: str
    filename: str
    pages: int
    digest: str
    kept: bool  # linked from the previous output rather than rendered
    seconds: float
    pid: int
    peak_rss_mb: float


def digest(salt: str, filename: str, edition_date: dt.date, html: str, images: dict) -> str:
    """The input digest of one PDF: everything its rendering reads (see the module's docstring)."""
    h = hashlib.sha256()
    for part in (salt, filename, edition_date.isoformat(), html):
        h.update(part.encode("utf-8") + b"\0")
    for name in sorted(images):
        value = images[name]
        try:
            data = hashlib.sha256(value if isinstance(value, bytes) else Path(value).read_bytes()).digest()
        except OSError:  # unreadable: rendering says so, with the edition and the file
            data = b"unreadable"
        h.update(name.encode("utf-8") + b"\0" + data)
    return h.hexdigest()


def previous(record: dict, folder: Path) -> dict[str, Previous]:
    """The PDFs an edition's previous output (folder) holds, by file name, as its state record lists them.

    Only names the new build asks for are ever looked up, so a damaged record names no other file."""
    docs = record.get("documents") if isinstance(record, dict) else None
    if not isinstance(docs, dict):
        return {}
    return {
        name: Previous(str(folder / "downloads" / name), rec["digest"], rec["pages"])
        for name, rec in docs.items()
        if isinstance(name, str)
        and isinstance(rec, dict)
        and isinstance(rec.get("digest"), str)
        and isinstance(rec.get("pages"), int)
    }


def keep(prev: Previous, out: Path) -> bool:
    """Link the previous copy to out; False if it is gone (or is not a plain file), so it is rendered."""
    if os.path.islink(prev.path) or not os.path.isfile(prev.path):
        return False
    try:
        publish.link_or_copy(prev.path, str(out))
    except OSError:
        return False
    return True


def records(pdfs: dict[str, int], digests: dict[str, str]) -> dict[str, dict]:
    """What the state file records per PDF: its input digest and its page count (for the Downloads page)."""
    return {name: {"digest": digests[name], "pages": pages} for name, pages in sorted(pdfs.items()) if name in digests}


def summary_line(code: str, rendered: list[str], kept: list[str], site: bool = True) -> str:
    """One edition's documents rendered again, for the build summary (a full build's in short)."""
    if not kept and len(rendered) > 1:
        return f"  {code}: {'the site and ' if site else ''}all its {len(rendered)} PDFs"
    what = (["the site"] if site else []) + sorted(rendered)
    line = f"  {code}: " + (", ".join(what) if what else "nothing")
    return line + (f" (kept {len(kept)} PDF(s) unchanged)" if kept else "")
