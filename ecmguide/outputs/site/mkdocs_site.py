"""Build one edition's mkdocs-material site, and the helpers macros need from the build."""
from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape

from ecmguide.core import generator
from ecmguide.core.dates import source_date
from ecmguide.core.errors import InputError, Problem
from ecmguide.law.model import Edition
from ecmguide.law.schema import LANGUAGES
from ecmguide.editions.project import Project
from ecmguide.outputs.catalog import checked_as_of, edition_title, messages, site_words, unreviewed_notice
from ecmguide.outputs.render import english_part, page_link
from ecmguide.editions.names import pdf_name
from ecmguide.editions.names import local_page_uri
from ecmguide.outputs.printed.collect import Page
from ecmguide.outputs.site import postprocess
from ecmguide.outputs.site.plugin import EditionPlugin

PDF_PLACEHOLDER = "data-pdf-file"


def pdf_names(edition: Edition) -> list[tuple[str, str]]:
    """(file name, label) of every PDF of an edition, guide first; pdf.documents() is the one list."""
    from ecmguide.outputs.printed.pdf import documents
    m = messages(edition.lang)["downloads"]

    def other(d) -> str:  # a document in another language than the page says which
        return "" if d.lang == edition.lang else m["in_spanish" if d.lang == "es" else "in_english"]
    labels = {"guide": lambda d: m["guide"].format(jurisdiction=edition.jurisdiction), "handout": lambda d: d.title,
              "survivors": lambda d: Markup('{} <span lang="{}">{}</span>{}').format(m["survivors"], d.lang, d.title, other(d)),
              "release": lambda d: Markup('{} <span lang="{}">{}</span>{}').format(m["release"], d.lang, d.title, other(d))}
    return [(d.filename, labels[d.kind](d)) for d in documents(edition, [])]


def edition_for(config) -> Edition:
    """The edition a mkdocs config builds: the build's plugin object carries it (a config loaded without one,
    e.g. by a bare `mkdocs build`, loads it from the project)."""
    plugin = generator.plugin_of(config)
    if plugin is not None and plugin.edition is not None:
        return plugin.edition
    return Project(config_root(config)).edition(config["extra"]["edition"])


def config_root(config) -> Path:
    """The project root of a config: mkdocs.yml's folder; for a plain mapping (another generator's config),
    its config_file_path key, else the current directory (the project root by the CLI's rule)."""
    path = getattr(config, "config_file_path", None) or (config.get("config_file_path") if hasattr(config, "get") else None)
    return Path(path).parent if path else Path.cwd()


def downloads_table(edition: Edition, root: Path | None = None) -> Markup:
    from ecmguide.outputs.site.whatchanged import out_of_date_notice
    notice = english_part(edition, out_of_date_notice(edition, root)) if root is not None else Markup("")
    m = messages(edition.lang)["downloads"]
    rows = Markup("").join(
        Markup('<tr><th scope="row"><a href="{0}" download>{0}</a></th><td>{1}</td>'
               '<td {2}="{0}">{3}</td></tr>').format(name, label, Markup(PDF_PLACEHOLDER), m["pending"])
        for name, label in pdf_names(edition))
    return notice + Markup('<table class="downloads"><caption>{}</caption><thead><tr><th scope="col">{}</th>'
                           '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
                           '</table>').format(m["caption"].format(jurisdiction=edition.jurisdiction), m["file"],
                                              m["contents"], m["size"], rows)


def pdf_details(edition: Edition, sizes: dict[str, tuple[int, int]]) -> dict[str, str]:
    """file -> "120 KB, 4 pages" in the edition's language, from file -> (bytes, pages)."""
    m = messages(edition.lang)["downloads"]

    def words(pages: int) -> str:  # a catalog may give the singular (English has always printed "1 pages")
        return m["size_one_page"] if pages == 1 and "size_one_page" in m else m["size_pages"]
    return {name: words(pages).format(kb=f"{size / 1024:.0f}", pages=pages) for name, (size, pages) in sorted(sizes.items())}


def fill_pdf_details(html: str, details: dict[str, str], lang: str = "en") -> str:
    """Replace the Downloads page's placeholders with each PDF's size and page count."""
    pending = messages(lang)["downloads"]["pending"]
    for name, text in details.items():
        html = html.replace(f'<td {PDF_PLACEHOLDER}="{name}">{pending}</td>', f"<td>{text}</td>")
    return html


def downloads_list(edition: Edition, config) -> Markup:
    """The Downloads table, behind a notice when the recorded law changed in meaning (printed copies are old)."""
    return downloads_table(edition, config_root(config))


def changes_list(edition: Edition, config, page_url: str = "what-changed/") -> Markup:
    from ecmguide.outputs.site.whatchanged import changes_html
    return english_part(edition, changes_html(edition, config_root(config), page_url))


GLANCE = "jurisdiction-facts.md"  # titled "<jurisdiction> at a glance" in every language


def nav_for(project: Project, edition: Edition) -> list:
    """The base nav (of the edition's language) with this edition's titles and its local pages."""
    nav = list(_base_nav(project, edition.lang))
    m = site_words(edition.lang)
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [GLANCE]:
            out.append({str(escape(m["at_a_glance"].format(jurisdiction=edition.jurisdiction))): GLANCE})
        else:
            out.append(item)
    if edition.extra_pages:
        local = [{str(escape(p.title)): local_page_uri(p.file)} for p in edition.extra_pages]
        title = m["local_pages"].format(name=edition.task_force) if edition.task_force else m["local_pages_plain"]
        out.insert(1, {str(escape(title)): local})
    return out


def docs_dir(project: Project, lang: str) -> Path:
    """Where an edition's pages are: docs/ for English, docs/<lang>/ for another language."""
    return project.docs_dir if lang == "en" else project.docs_dir / lang


def page_sources(project: Project, lang: str) -> list[str]:
    """The guide's pages in one language, as paths under its docs folder (index.md, basics/index.md, ...)."""
    folder = docs_dir(project, lang)
    skip = {"assets"} | ({lang for lang in LANGUAGES if lang != "en"} if lang == "en" else set())
    return sorted(str(p.relative_to(folder).as_posix()) for p in folder.rglob("*.md")
                  if p.relative_to(folder).parts[0] not in skip)


def page_url_of(src: str) -> str:
    """A page's url as mkdocs names it (use_directory_urls): index.md -> "", basics/index.md -> basics/,
    basics/breaches.md -> basics/breaches/."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def alternates(project: Project, edition: Edition) -> list[dict]:
    """The edition in each of its languages, for the language switcher and <link rel="alternate" hreflang>:
    code, language, name, and the pages it has (a page of the other language links its own version when
    there is one, and the other edition's home page when not). Empty for an edition in one language."""
    if len(edition.languages) < 2:
        return []
    local = [local_page_uri(p.file) for p in edition.extra_pages]
    import urllib.parse
    return [{"code": edition.code_in(lang), "lang": lang, "name": site_words(lang)["language_name"],
             "current": lang == edition.lang,
             # published side by side (project._in_language): the address, when known, for hreflang
             "url": urllib.parse.urljoin(edition.site_url, f"../{edition.code_in(lang)}/") if edition.site_url else "",
             "pages": sorted(page_url_of(src) for src in page_sources(project, lang) + local)}
            for lang in edition.languages]


def extra_for(edition: Edition, project: Project | None = None) -> dict:
    """The `extra` block of an edition's mkdocs config (read by macros.py and the theme)."""
    words = site_words(edition.lang)
    extra = {"edition": edition.code, "generator": False, "primary_color": edition.primary_color,
             "jurisdiction": str(escape(edition.jurisdiction)), "lang": edition.lang,
             "ui": {k: str(escape(v)) for k, v in words.items() if isinstance(v, str)},
             "unreviewed": unreviewed_notice(edition.lang),
             "alternates": alternates(project, edition) if project is not None else []}
    day = checked_as_of(edition)
    if day:  # the newest check among the facts the edition shows; edition_date stays its creation date
        extra["checked_as_of"] = day.isoformat()
        extra["checked_as_of_words"] = messages(edition.lang)["sureness"]["checked_as_of"].format(date=day.isoformat())
    if edition.logo:
        extra["logo"] = f"assets/edition/{Path(edition.logo).name}"
        extra["logo_alt"] = str(escape(f"{edition.task_force or edition.title} logo"))
    return extra


def _base_nav(project: Project, lang: str = "en") -> list:
    """mkdocs.yml's nav for English; docs/<lang>/.nav.yml's for another language (mkdocs never publishes it)."""
    import yaml
    path = project.root / "mkdocs.yml" if lang == "en" else docs_dir(project, lang) / ".nav.yml"
    with open(path, encoding="utf-8") as fh:
        # mkdocs.yml uses no custom tags; the nav is plain data.
        return yaml.safe_load(fh)["nav"]


def _raw_config(project: Project) -> dict:
    import yaml
    with open(project.root / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)  # mkdocs.yml uses no custom tags


def config_for(project: Project, edition: Edition) -> dict:
    """What an edition's mkdocs config overrides in mkdocs.yml: title, address, nav, extra, and for another
    language its pages (docs/<lang>/), the theme's and search's language, and the words mkdocs.yml gives."""
    overrides = {"site_name": str(escape(edition_title(edition))), "site_url": edition.site_url or None,
                 "nav": nav_for(project, edition), "extra": extra_for(edition, project)}
    if edition.lang == "en":
        return overrides
    raw = _raw_config(project)
    words = site_words(edition.lang)
    plugins = [{"search": {**((p.get("search") or {}) if isinstance(p, dict) else {}), "lang": edition.lang}}
               if p == "search" or (isinstance(p, dict) and "search" in p) else p for p in raw["plugins"]]
    extensions = [{"toc": {**p["toc"], "permalink_title": words["permalink"]}} if isinstance(p, dict) and "toc" in p
                  else p for p in raw["markdown_extensions"]]
    return {**overrides, "docs_dir": str(docs_dir(project, edition.lang)),
            "theme": {**raw["theme"], "language": edition.lang}, "plugins": plugins,
            "markdown_extensions": extensions, "copyright": words["copyright"]}


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(project: Project, edition: Edition, site_dir: Path) -> dict[str, Page]:
    """Build the edition's site strictly into site_dir; return its pages as the PDFs read them. Raise
    InputError with mkdocs' warnings."""
    plugin = EditionPlugin(edition, project.root)
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        config = generator.load(project.root / "mkdocs.yml", plugin, site_dir=str(site_dir), strict=True,
                                **config_for(project, edition))
        with source_date(edition.edition_date):  # sitemap lastmod comes from the edition, not the clock
            generator.build(config)
        postprocess.fix_site(Path(site_dir))
    except (Exception, SystemExit) as exc:  # mkdocs' Abort and macros' on_error_fail exit both land here
        if isinstance(exc, InputError):
            raise
        messages = capture.messages or [str(exc)]
        raise InputError([Problem(f"edition {edition.code}", 0, "", f"site build failed: {m}") for m in messages]) from None
    finally:
        logger.removeHandler(capture)
    return plugin.pages


def build_hub_site(project: Project, docs: Path, site_dir: Path, **overrides) -> None:
    """Build the hub (no edition) from prepared pages, with the same plugin and HTML fixes as an edition."""
    config = generator.load(project.root / "mkdocs.yml", EditionPlugin(None, project.root), docs_dir=str(docs),
                            site_dir=str(site_dir), strict=True, **overrides)
    generator.build(config)
    postprocess.fix_site(site_dir)


def serve(project: Project, code: str, addr: str) -> None:
    """mkdocs serve for one edition, reloading on changes to pages, overlays and manifests."""
    edition = project.edition(code)
    generator.serve(project.root / "mkdocs.yml", lambda: EditionPlugin(edition, project.root), addr,
                    [str(project.overlays_dir), str(project.jurisdictions_dir), str(project.root / "ecmguide")],
                    **config_for(project, edition))
