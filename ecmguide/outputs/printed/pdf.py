"""Print PDFs (tagged PDF/UA-1) from the same page HTML the site was built from.

The guide and each discipline handout are rendered separately, so each keeps its own page numbers,
structure tree and bookmarks (splitting a finished PDF would drop them).
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ecmguide.core.dates import source_date
from ecmguide.core.errors import InputError, Problem
from ecmguide.editions import budgets
from ecmguide.editions.names import RELEASE, SURVIVORS, lang_pdf_name, local_page_uri, pdf_name
from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.outputs.catalog import LANGUAGES, checked_as_of, discipline_title, messages, unreviewed_notice
from ecmguide.outputs.printed import handout, linknotes
from ecmguide.outputs.printed.collect import Page

CSS_PATH = Path(__file__).with_name("print.css")
GUIDE_EXCLUDE = {"downloads.md", "what-changed.md"}
SURVIVOR_PAGES = "survivors/"  # printed in their own document (the explainer), not in the guide
HANDOUT_COMMON = ("basics/before-you-share.md",)  # pages a handout draws on besides its discipline's
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Document:
    filename: str
    title: str
    subtitle: str
    sources: tuple[str, ...]  # page src paths, in order
    discipline: str = ""
    kind: str = "guide"  # guide | handout | survivors | release
    lang: str = "en"


def documents(edition: Edition, nav_order: list[str]) -> list[Document]:
    """Every PDF of an edition: the guide and the handouts in the edition's language, then for survivors the
    explainer and the release form in every language."""
    p = messages(edition.lang)["printed"]
    subtitle = p["edition"].format(jurisdiction=edition.jurisdiction)
    guide = Document(
        pdf_name(edition.code),
        p["guide_title"],
        subtitle,
        tuple(s for s in nav_order if s not in GUIDE_EXCLUDE and not s.startswith(SURVIVOR_PAGES)),
        lang=edition.lang,
    )
    out = [guide]
    for d in schema.DISCIPLINES:
        out.append(
            Document(
                pdf_name(edition.code, d),
                p["handout_title"].format(discipline=discipline_title(d, edition.lang)),
                subtitle,
                (f"disciplines/{d}.md", *HANDOUT_COMMON),
                d,
                "handout",
                lang=edition.lang,
            )
        )
    for lang in LANGUAGES:  # for survivors, in every edition and language: the explainer and the release form
        m = messages(lang)
        out.append(
            Document(
                lang_pdf_name(edition.code, SURVIVORS, lang),
                m["survivor"]["title"],
                edition.jurisdiction,
                (),
                kind=SURVIVORS,
                lang=lang,
            )
        )
        out.append(
            Document(
                lang_pdf_name(edition.code, RELEASE, lang),
                m["release"]["title"],
                edition.jurisdiction,
                (),
                kind=RELEASE,
                lang=lang,
            )
        )
    return out


def _slug(src: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", src.removesuffix(".md").lower()).strip("-") or "home"


def _url_to_src(pages: dict[str, Page]) -> dict[str, str]:
    return {p.url: src for src, p in pages.items()}


def page_html(page: Page, pages: dict[str, Page], included: set[str], site_url: str) -> str:
    """One page's article HTML with ids made unique and links pointing inside the PDF."""
    slug = _slug(page.src)
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{slug}--{m.group(1)}"', page.html)
    html = re.sub(
        r'\b(for|aria-labelledby|aria-describedby)="([^"]+)"', lambda m: f'{m.group(1)}="{slug}--{m.group(2)}"', html
    )
    html = fix_links(html, page.url, pages, included, site_url, slug)
    html = _image_srcs(html, page.url)
    return f'<section class="page" id="{slug}">{html}</section>'


def fix_links(
    html: str, page_url: str, pages: dict[str, Page], included: set[str], site_url: str, slug: str = ""
) -> str:
    """Links of a page printed in a PDF: to a page in this PDF, to the published site, or to nothing."""
    by_url = _url_to_src(pages)

    def fix(m: re.Match) -> str:
        href = m.group(1)
        if re.match(r"^(https?:|mailto:|tel:|sms:)", href):
            return m.group(0)
        path, _, anchor = href.partition("#")
        if not path:
            if not slug:
                return m.group(0)
            return f'href="#{slug}--{anchor}"' if anchor else f'href="#{slug}"'
        target = posixpath.normpath(posixpath.join(page_url or ".", path))
        target = "" if target == "." else target.strip("/") + "/"
        src = by_url.get(target)
        if src in included:
            return f'href="#{_slug(src)}--{anchor}"' if anchor else f'href="#{_slug(src)}"'
        if site_url:
            return f'href="{site_url.rstrip("/")}/{target}{"#" + anchor if anchor else ""}"'
        return 'data-unlinked="1"'

    html = re.sub(r'href="([^"]*)"', fix, html)
    # A link with no destination in the PDF becomes plain text rather than a dead link.
    return re.sub(r'<a data-unlinked="1"[^>]*>(.*?)</a>', r"\1", html, flags=re.S)


def document_html(edition: Edition, doc: Document, pages: dict[str, Page]) -> str:
    included = {s for s in doc.sources if s in pages}
    body = [page_html(pages[s], pages, included, edition.site_url) for s in doc.sources if s in pages]
    toc = Markup("").join(
        Markup('<li><a href="#{}">{}</a></li>').format(_slug(s), _title(pages[s])) for s in doc.sources if s in pages
    )
    date = edition.edition_date.isoformat()
    p = messages(edition.lang)["printed"]
    discipline = (
        Markup('<p class="cover-discipline">{}</p>').format(
            p["for"].format(discipline=discipline_title(doc.discipline, edition.lang))
        )
        if doc.discipline
        else ""
    )
    task_force = (
        Markup('<p class="cover-task-force">{}</p>').format(Markup(p["published_by"]).format(name=edition.task_force))
        if edition.task_force
        else ""
    )
    body, notes = linknotes.number_links("".join(body))
    where = linknotes.notes_section(notes, p["notes_heading"], p["notes_intro"])
    title = f"{doc.title}: {edition.jurisdiction}"
    unreviewed = unreviewed_notice(edition.lang)
    return str(
        Markup(
            '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta name="author" content="ECM Guide project"><meta name="description" content="{subtitle}">'
            '<meta name="dcterms.created" content="{date}T00:00:00Z"><meta name="dcterms.modified" content="{date}T00:00:00Z">'
            '</head><body><div class="cover"><p class="cover-kicker">{kicker}</p>'
            '<p class="cover-title">{doc_title}</p><p class="cover-jurisdiction">{jurisdiction}</p>{discipline}{task_force}'
            '<p class="cover-date">{edition_of}{checked}</p>'
            '<p class="cover-notice"><strong>{notice_strong}</strong> {notice}</p>{unreviewed}</div>'
            '<nav class="toc" aria-label="{contents}"><p class="toc-title">{contents}</p><ol>{toc}</ol></nav>'
            "{body}{where}</body></html>"
        ).format(
            lang=edition.lang,
            title=title,
            subtitle=doc.subtitle,
            date=date,
            doc_title=doc.title,
            jurisdiction=edition.jurisdiction,
            discipline=discipline,
            task_force=task_force,
            toc=toc,
            body=Markup(body),
            where=where,
            checked=_checked(edition, doc),
            kicker=p["kicker"],
            edition_of=Markup(p["edition_of"]).format(date=Markup('<time datetime="{0}">{0}</time>').format(date)),
            notice_strong=p["notice_strong"],
            notice=p["notice"],
            contents=p["contents"],
            unreviewed=Markup('<p class="translation-note">{}</p>').format(unreviewed) if unreviewed else "",
        )
    )


def _checked(edition: Edition, doc: Document) -> Markup:
    """' · Facts checked as of DATE' for the facts this document shows (a discipline's, or all of them)."""
    slots = [s.path for s in schema.SLOTS if doc.discipline in s.disciplines] if doc.discipline else None
    day = checked_as_of(edition, slots)
    return (
        Markup(" · ")
        + Markup(messages(edition.lang)["sureness"]["checked_as_of"]).format(
            date=Markup('<time datetime="{0}">{0}</time>').format(day.isoformat())
        )
        if day
        else Markup("")
    )


def _title(page: Page) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page.html, re.S)
    text = re.sub(r"<[^>]+>", "", m.group(1)) if m else page.title
    return Markup(text.strip()).unescape()


IMAGE_SCHEME = "ecm-image:"
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


@functools.lru_cache(maxsize=None)
def _fetcher_class():
    """(LocalImages, ImageRefused), defined on first use so importing this module does not load WeasyPrint."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ImageRefused(FatalURLFetchingError):
        """Stops the rendering: a PDF embeds nothing it was not given (never a traceback, see render())."""

        def __init__(self, url: str):
            super().__init__(url)
            self.url = url

    class LocalImages(URLFetcher):
        """WeasyPrint 70's fetcher API (an URLFetcher: WeasyPrint calls it and reads _fail_on_errors).

        Serves only the edition's own image files, named "ecm-image:local/<file>" by page_html();
        any other URL (web, file:, data:) stops the rendering with ImageRefused.
        """

        def __init__(self, files: dict[str, Path]):
            super().__init__(allowed_protocols=(), fail_on_errors=True)
            self.files = files

        def fetch(self, url, headers=None):
            path = self.files.get(url.removeprefix(IMAGE_SCHEME)) if url.startswith(IMAGE_SCHEME) else None
            if path is None:
                raise ImageRefused(url)
            if isinstance(path, bytes):  # made by the build itself (a handout's QR code)
                return URLFetcherResponse(url, path, {"Content-Type": "image/png"})
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _MIME[path.suffix.lower()]})

    return LocalImages, ImageRefused


def _image_srcs(html: str, page_url: str) -> str:
    """Relative image sources become "ecm-image:<path in the site>"; others stay as they are (and are refused)."""

    def fix(m: re.Match) -> str:
        src = m.group(2)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", src):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(page_url or ".", src.replace("&amp;", "&")))
        return f"{m.group(1)}{IMAGE_SCHEME}{target}{m.group(3)}"

    return _IMG_SRC.sub(fix, html)


def local_images(edition: Edition, root: Path | None) -> dict[str, Path]:
    """The images a PDF may embed: files of the edition's folder that its local pages show."""
    from ecmguide.editions.localpages import page_images

    if root is None:
        return {}
    folder = root / Path(edition.file).with_suffix("")
    out = {}
    for page in edition.extra_pages:
        for name in page_images((root / page.file).read_text(encoding="utf-8", errors="replace")):
            out[f"local/{name}"] = folder / name
    return out


def _source_file(edition: Edition, src: str) -> str:
    if src.startswith("local/"):
        for page in edition.extra_pages:
            if local_page_uri(page.file) == src:
                return page.file
    return f"docs/{src}"


def _refused(edition: Edition, pages: dict[str, Page], url: str, root: Path | None):
    from ecmguide.editions.localpages import _line_of

    original = url.removeprefix(IMAGE_SCHEME)
    src = next((s for s, p in pages.items() if original.rsplit("/", 1)[-1] in p.html), "")
    file = _source_file(edition, src) if src else edition.file
    line = 0
    if root is not None and (root / file).is_file():
        line = _line_of((root / file).read_text(encoding="utf-8", errors="replace"), original.rsplit("/", 1)[-1])
    folder = Path(edition.file).with_suffix("")
    return InputError(
        [
            Problem(
                file,
                line,
                "",
                f"image {original[:80]!r} is not allowed in a PDF; only image files "
                f"from {folder}/ that a local page shows are embedded",
            )
        ]
    )


def layout(html: str, base_url: str, images: dict | None = None):
    """Lay the HTML out as pages (a WeasyPrint document), fetching nothing but the given images."""
    from weasyprint import CSS, HTML

    fetcher_class, _ = _fetcher_class()
    fetcher = fetcher_class(images or {})
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[CSS(filename=str(CSS_PATH), url_fetcher=fetcher)]
    )


def render(
    html: str, out: Path, base_url: str, images: dict[str, Path] | None = None, check=None, handout_fit: bool = False
) -> int:
    """Write one tagged PDF; returns its page count. check(document) may refuse it before it is written."""
    if handout_fit:
        document = handout.fitted(html, lambda h: layout(h, base_url, images))
    else:
        document = layout(html, base_url, images)
    if check:
        check(document)
    document.write_pdf(out, pdf_variant=PDF_VARIANT, pdf_identifier=b"ecm-guide-" + out.name.encode())
    return len(document.pages)


def _page_limit(edition: Edition, doc: Document, pages: dict[str, Page]):
    """A check for render(): no local page fills more than budgets.MAX_PAGE_PRINTED_PAGES printed pages, nor
    all of them together more than budgets.MAX_LOCAL_PRINTED_PAGES."""
    slugs = {_slug(s): s for s in doc.sources if s in pages}

    def check(document) -> None:
        spans: dict[str, int] = {}
        for printed in document.pages:  # a section's id is an anchor on every page its box spans
            for anchor in printed.anchors:
                if anchor in slugs:
                    spans[anchor] = spans.get(anchor, 0) + 1
        local = {slug: count for slug, count in sorted(spans.items()) if slugs[slug].startswith("local/")}
        for slug, count in local.items():
            if count > budgets.MAX_PAGE_PRINTED_PAGES:
                raise InputError(
                    [
                        Problem(
                            _source_file(edition, slugs[slug]),
                            0,
                            "",
                            f"fills {count} pages of "
                            f"{doc.filename}, over the limit of {budgets.MAX_PAGE_PRINTED_PAGES} for one "
                            "local page; shorten it or split it into several pages",
                        )
                    ]
                )
        if sum(local.values()) > budgets.MAX_LOCAL_PRINTED_PAGES:
            raise InputError(
                [
                    Problem(
                        edition.file,
                        0,
                        "extra_pages",
                        f"the local pages fill {sum(local.values())} "
                        f"pages of {doc.filename}, over the limit of {budgets.MAX_LOCAL_PRINTED_PAGES} "
                        "for one edition; shorten them",
                    )
                ]
            )

    return check


def prepare(
    edition: Edition, pages: dict[str, Page], nav_order: list[str], filename: str, root: Path | None = None
) -> tuple[Document, str, dict]:
    """One of the edition's documents (see documents()) as (document, HTML, the images it may embed).

    root (the project folder) lets the PDF embed the images the edition's local pages show.
    """
    doc = next(d for d in documents(edition, nav_order) if d.filename == filename)
    images = local_images(edition, root)
    if doc.kind in (SURVIVORS, RELEASE):
        from ecmguide.outputs.printed import forms

        return doc, forms.document_html(edition, doc.kind, doc.lang), {}
    if doc.discipline:
        html = handout.document_html(
            edition, doc.discipline, pages, lambda h, url: fix_links(h, url, pages, set(), edition.site_url), doc.title
        )
        if edition.site_url:
            images = {**images, handout.QR_IMAGE: handout.qr_png(handout.page_address(edition, doc.discipline))}
    else:
        html = document_html(edition, doc, pages)
    return doc, html, images


def build_one(
    edition: Edition,
    pages: dict[str, Page],
    nav_order: list[str],
    filename: str,
    out_dir: Path,
    root: Path | None = None,
    prepared: tuple[Document, str, dict] | None = None,
) -> int:
    """Render one of the edition's documents; returns its page count. prepared: what prepare() returned for it."""
    doc, html, images = prepared or prepare(edition, pages, nav_order, filename, root)
    out_dir.mkdir(parents=True, exist_ok=True)
    _, refused = _fetcher_class()
    with source_date(edition.edition_date):
        try:
            return render(
                html,
                out_dir / doc.filename,
                str(out_dir),
                images,
                _page_limit(edition, doc, pages),
                handout_fit=bool(doc.discipline),
            )
        except refused as exc:
            raise _refused(edition, pages, exc.url, root) from None
