"""Build one edition's mkdocs-material site, and the helpers macros need from the build."""
from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape

from ecmguide.core.dates import source_date
from ecmguide.core.errors import InputError, Problem
from ecmguide.law.model import Edition
from ecmguide.editions.project import Project
from ecmguide.outputs.catalog import checked_as_of, messages
from ecmguide.outputs.render import page_link
from ecmguide.editions.names import pdf_name
from ecmguide.editions.names import local_page_uri

PDF_PLACEHOLDER = "data-pdf-file"
_current: dict[str, Edition] = {}  # edition registered by the build for the macros module


def pdf_names(edition: Edition) -> list[tuple[str, str]]:
    """(file name, label) of every PDF of an edition, guide first; pdf.documents() is the one list."""
    from ecmguide.outputs.printed.pdf import documents
    labels = {"guide": lambda d: f"The whole guide for {edition.jurisdiction}", "handout": lambda d: d.title,
              "survivors": lambda d: Markup('For survivors, one page per discipline: <span lang="{}">{}</span>{}').format(
                  d.lang, d.title, "" if d.lang == "en" else " (en español)"),
              "release": lambda d: Markup('A sample release-of-information form: <span lang="{}">{}</span>{}').format(
                  d.lang, d.title, "" if d.lang == "en" else " (en español)")}
    return [(d.filename, labels[d.kind](d)) for d in documents(edition, [])]


def edition_for(config) -> Edition:
    """The edition a mkdocs config builds: registered by the build, or loaded (mkdocs serve)."""
    code = config["extra"]["edition"]
    if code in _current:
        return _current[code]
    return Project(Path(config.config_file_path).parent).edition(code)


def handout_link(edition: Edition, discipline: str, page_url: str) -> Markup:
    href = page_link("downloads.md", page_url) + pdf_name(edition.code, discipline)
    return Markup('<p class="handout-link"><a href="{}" download>Printable handout for this discipline (PDF)</a>'
                  ' · <a href="{}">All downloads</a></p>').format(href, page_link("downloads.md", page_url))


def downloads_table(edition: Edition, root: Path | None = None) -> Markup:
    from ecmguide.outputs.site.whatchanged import out_of_date_notice
    notice = out_of_date_notice(edition, root) if root is not None else Markup("")
    rows = Markup("").join(
        Markup('<tr><th scope="row"><a href="{0}" download>{0}</a></th><td>{1}</td>'
               '<td {2}="{0}">built with the site</td></tr>').format(name, label, Markup(PDF_PLACEHOLDER))
        for name, label in pdf_names(edition))
    return notice + Markup('<table class="downloads"><caption>PDFs for {}</caption><thead><tr><th scope="col">File</th>'
                           '<th scope="col">Contents</th><th scope="col">Size and pages</th></tr></thead><tbody>{}</tbody>'
                           '</table>').format(edition.jurisdiction, rows)


def fill_pdf_details(html: str, details: dict[str, str]) -> str:
    """Replace the Downloads page's placeholders with each PDF's size and page count."""
    for name, text in details.items():
        html = html.replace(f'<td {PDF_PLACEHOLDER}="{name}">built with the site</td>', f"<td>{text}</td>")
    return html


def downloads_list(edition: Edition, config) -> Markup:
    """The Downloads table, behind a notice when the recorded law changed in meaning (printed copies are old)."""
    return downloads_table(edition, Path(config.config_file_path).parent)


def changes_list(edition: Edition, config, page_url: str = "what-changed/") -> Markup:
    from ecmguide.outputs.site.whatchanged import changes_html
    return changes_html(edition, Path(config.config_file_path).parent, page_url)


def nav_for(project: Project, edition: Edition) -> list:
    """The base nav with this edition's titles and its local pages."""
    nav = list(_base_nav(project))
    out = []
    for item in nav:
        if isinstance(item, dict) and "At a glance" in item:
            out.append({str(escape(f"{edition.jurisdiction} at a glance")): item["At a glance"]})
        else:
            out.append(item)
    if edition.extra_pages:
        local = [{str(escape(p.title)): local_page_uri(p.file)} for p in edition.extra_pages]
        out.insert(1, {str(escape(f"{edition.task_force or 'Local'} pages")): local})
    return out


def extra_for(edition: Edition) -> dict:
    """The `extra` block of an edition's mkdocs config (read by macros.py and the theme)."""
    extra = {"edition": edition.code, "generator": False, "primary_color": edition.primary_color,
             "jurisdiction": str(escape(edition.jurisdiction))}
    day = checked_as_of(edition)
    if day:  # the newest check among the facts the edition shows; edition_date stays its creation date
        extra["checked_as_of"] = day.isoformat()
        extra["checked_as_of_words"] = messages()["sureness"]["checked_as_of"].format(date=day.isoformat())
    if edition.logo:
        extra["logo"] = f"assets/edition/{Path(edition.logo).name}"
        extra["logo_alt"] = str(escape(f"{edition.task_force or edition.title} logo"))
    return extra


def _base_nav(project: Project) -> list:
    import yaml
    with open(project.root / "mkdocs.yml", encoding="utf-8") as fh:
        # mkdocs.yml uses no custom tags; the nav is plain data.
        return yaml.safe_load(fh)["nav"]


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(project: Project, edition: Edition, site_dir: Path) -> None:
    """Build the edition's site strictly into site_dir; raise InputError with mkdocs' warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ecmguide.outputs.printed import collect

    _current.clear()
    _current[edition.code] = edition
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        config = load_config(
            str(project.root / "mkdocs.yml"), site_dir=str(site_dir), site_name=str(escape(edition.title)),
            site_url=edition.site_url or None, nav=nav_for(project, edition), strict=True,
            extra=extra_for(edition))
        collect.start(str(site_dir))
        with source_date(edition.edition_date):  # sitemap lastmod comes from the edition, not the clock
            build(config)
    except (Exception, SystemExit) as exc:  # mkdocs' Abort and macros' on_error_fail exit both land here
        if isinstance(exc, InputError):
            raise
        messages = capture.messages or [str(exc)]
        raise InputError([Problem(f"edition {edition.code}", 0, "", f"site build failed: {m}") for m in messages]) from None
    finally:
        logger.removeHandler(capture)
        _current.clear()


def serve(project: Project, code: str, addr: str) -> None:
    """mkdocs serve for one edition, reloading on changes to pages, overlays and manifests."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    edition = project.edition(code)
    mkdocs_serve(str(project.root / "mkdocs.yml"), livereload=True, dev_addr=addr,
                 site_name=str(escape(edition.title)), nav=nav_for(project, edition),
                 extra=extra_for(edition),
                 watch=[str(project.overlays_dir), str(project.jurisdictions_dir), str(project.root / "ecmguide")])
