"""Print PDFs (tagged PDF/UA-1) from the same page HTML the site was built from.

The guide and each discipline handout are rendered separately, so each keeps its own page numbers,
structure tree and bookmarks (splitting a finished PDF would drop them).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from . import schema
from .dates import source_date
from .model import Edition
from .printcollect import Page
from .render import link

CSS_PATH = Path(__file__).with_name("print.css")
GUIDE_EXCLUDE = {"downloads.md", "what-changed.md", "keeping-the-law-current.md", "overlay-field-reference.md"}
HANDOUT_COMMON = ("definitions.md", "basics/before-you-share.md")
PDF_VARIANT = "pdf/ua-1"
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class Document:
    filename: str
    title: str
    subtitle: str
    sources: tuple[str, ...]  # page src paths, in order
    discipline: str = ""


def documents(edition: Edition, nav_order: list[str]) -> list[Document]:
    guide = Document(f"{edition.code}-guide.pdf", "An ECM Guide to Confidentiality and Information Sharing",
                     f"{edition.jurisdiction} edition", tuple(s for s in nav_order if s not in GUIDE_EXCLUDE))
    out = [guide]
    for d in schema.DISCIPLINES:
        out.append(Document(f"{edition.code}-{d}.pdf", f"Handout: {schema.DISCIPLINE_TITLES[d]}",
                            f"{edition.jurisdiction} edition", (f"disciplines/{d}.md", *HANDOUT_COMMON), d))
    return out


def _slug(src: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", src.removesuffix(".md").lower()).strip("-") or "home"


def _url_to_src(pages: dict[str, Page]) -> dict[str, str]:
    return {p.url: src for src, p in pages.items()}


def page_html(page: Page, pages: dict[str, Page], included: set[str], site_url: str) -> str:
    """One page's article HTML with ids made unique and links pointing inside the PDF."""
    slug = _slug(page.src)
    by_url = _url_to_src(pages)
    html = _HEADERLINK.sub("", page.html)
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{slug}--{m.group(1)}"', html)
    html = re.sub(r'\b(for|aria-labelledby|aria-describedby)="([^"]+)"', lambda m: f'{m.group(1)}="{slug}--{m.group(2)}"', html)

    def fix(m: re.Match) -> str:
        href = m.group(1)
        if re.match(r"^(https?:|mailto:)", href):
            return m.group(0)
        path, _, anchor = href.partition("#")
        if not path:
            return f'href="#{slug}--{anchor}"' if anchor else f'href="#{slug}"'
        target = posixpath.normpath(posixpath.join(page.url or ".", path))
        target = "" if target == "." else target.strip("/") + "/"
        src = by_url.get(target)
        if src in included:
            return f'href="#{_slug(src)}--{anchor}"' if anchor else f'href="#{_slug(src)}"'
        if site_url:
            return f'href="{site_url.rstrip("/")}/{target}{"#" + anchor if anchor else ""}"'
        return 'data-unlinked="1"'
    html = re.sub(r'href="([^"]*)"', fix, html)
    # A link with no destination in the PDF becomes plain text rather than a dead link.
    html = re.sub(r'<a data-unlinked="1"[^>]*>(.*?)</a>', r"\1", html, flags=re.S)
    return f'<section class="page" id="{slug}">{html}</section>'


def document_html(edition: Edition, doc: Document, pages: dict[str, Page]) -> str:
    included = {s for s in doc.sources if s in pages}
    body = [page_html(pages[s], pages, included, edition.site_url) for s in doc.sources if s in pages]
    toc = Markup("").join(
        Markup('<li><a href="#{}">{}</a></li>').format(_slug(s), _title(pages[s])) for s in doc.sources if s in pages)
    date = edition.edition_date.isoformat()
    discipline = Markup('<p class="cover-discipline">For {}</p>').format(
        schema.DISCIPLINE_TITLES[doc.discipline]) if doc.discipline else ""
    task_force = Markup('<p class="cover-task-force">Published by {}</p>').format(edition.task_force) if edition.task_force else ""
    where = _where_to_find(edition, doc)
    title = f"{doc.title}: {edition.jurisdiction}"
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="author" content="ECM Guide project"><meta name="description" content="{subtitle}">'
        '<meta name="dcterms.created" content="{date}T00:00:00Z"><meta name="dcterms.modified" content="{date}T00:00:00Z">'
        '</head><body><div class="cover"><p class="cover-kicker">ECM Guide to Confidentiality and Information Sharing</p>'
        '<p class="cover-title">{doc_title}</p><p class="cover-jurisdiction">{jurisdiction}</p>{discipline}{task_force}'
        '<p class="cover-date">Edition of <time datetime="{date}">{date}</time></p>'
        '<p class="cover-notice"><strong>Information, not legal advice.</strong> Laws change and differ by jurisdiction. '
        'Check the current law and consult your own counsel before acting.</p></div>'
        '<nav class="toc" aria-label="Contents"><p class="toc-title">Contents</p><ol>{toc}</ol></nav>'
        '{body}{where}</body></html>').format(
        title=title, subtitle=doc.subtitle, date=date, doc_title=doc.title, jurisdiction=edition.jurisdiction,
        discipline=discipline, task_force=task_force, toc=toc, body=Markup("".join(body)), where=where))


def _title(page: Page) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", _HEADERLINK.sub("", page.html), re.S)
    text = re.sub(r"<[^>]+>", "", m.group(1)) if m else page.title
    return Markup(text.strip()).unescape()


def _where_to_find(edition: Edition, doc: Document) -> Markup:
    if not doc.discipline:
        return Markup("")
    online = (Markup("online at {}").format(link(edition.site_url, edition.site_url)) if edition.site_url
              else Markup("on this edition's website, under Downloads"))
    return Markup('<section class="page where" id="where-to-find"><h1>Where to find the full guide</h1>'
                  '<p>This handout is one part of the {} edition of the ECM Guide to Confidentiality and Information '
                  'Sharing. The whole guide, with every discipline, the assumptions that lead to conflict, group '
                  'information sharing, breaches, references and related resources, is {} as the file {}.</p>'
                  '<p>Information, not legal advice.</p></section>').format(
        edition.jurisdiction, online, f"{edition.code}-guide.pdf")


def _no_fetch(url: str, *args, **kwargs):
    """PDFs need no outside resource: page text may name files or URLs, none is read or embedded."""
    raise ValueError(f"resource not allowed in a PDF: {url[:80]}")


def render(html: str, out: Path, base_url: str) -> int:
    """Write one tagged PDF; returns its page count."""
    from weasyprint import CSS, HTML
    document = HTML(string=html, base_url=base_url, url_fetcher=_no_fetch).render(
        stylesheets=[CSS(filename=str(CSS_PATH))])
    document.write_pdf(out, pdf_variant=PDF_VARIANT, pdf_identifier=b"ecm-guide-" + out.name.encode())
    return len(document.pages)


def build_one(edition: Edition, pages: dict[str, Page], nav_order: list[str], filename: str, out_dir: Path) -> int:
    """Render one of the edition's documents (see documents()); returns its page count."""
    doc = next(d for d in documents(edition, nav_order) if d.filename == filename)
    out_dir.mkdir(parents=True, exist_ok=True)
    with source_date(edition.edition_date):
        return render(document_html(edition, doc, pages), out_dir / doc.filename, str(out_dir))

