"""The project's part of one mkdocs build: an object that carries the build's state, not module globals.

mkdocs_site.build_site makes one EditionPlugin per build and adds it to the loaded config
(core/generator.load), after the configured plugins; a clone of the project needs no package installed.
It carries the edition (None for the hub), the pages collected for the PDFs and the local pages' tokens.

Local pages are untrusted (see localpages.py and sanitize.py): they reach mkdocs as a prepared
source (checked front matter, placeholders turned into tokens, never evaluated by the macros
plugin), and their HTML is cleaned before the guide's own HTML is put in place of the tokens.
"""
from __future__ import annotations

import posixpath
import secrets
from pathlib import Path

from markupsafe import Markup, escape

from ecmguide.core import generator
from ecmguide.core.errors import InputError, Problem
from ecmguide.editions import localpages, localrender, sanitize
from ecmguide.editions.names import local_page_uri
from ecmguide.law.model import Edition
from ecmguide.outputs import placeholders, render
from ecmguide.outputs.printed.collect import Page
from ecmguide.outputs.site import postprocess

# Search in an edition: readers look for facts, so the facts page and the discipline pages rank first, and the
# page of past versions (What changed) stays out of the index (its words would outrank the facts themselves).
SEARCH = {"what-changed.md": {"exclude": True}, "jurisdiction-facts.md": {"boost": 3}, "disciplines/": {"boost": 2}}


class EditionPlugin(generator.base_plugin()):
    """One build's events and state: the edition, its print pages, its local pages."""

    def __init__(self, edition: Edition | None, root: Path):
        super().__init__()
        self.edition = edition
        self.root = root
        self.pages: dict[str, Page] = {}  # src_uri -> the page as the PDFs read it
        self.local: dict[str, dict] = {}  # src_uri of each local page -> tokens, images, file
        self.stale: set[str] = set()  # translated pages whose English changed since

    # ---------------------------------------------------------------- files: local pages, images, logo

    def on_files(self, files, config):
        edition = self.edition
        if edition is None:
            return files  # the hub has no edition
        if edition.lang != "en":  # computed once per build, not once per page
            from ecmguide.outputs import translations
            self.stale = set(translations.stale_pages(self.root, edition.lang))
        folder = Path(edition.file).with_suffix("")  # jurisdictions/<code>/
        images: set[str] = set()
        pages = []
        for page in edition.extra_pages:
            text = (self.root / page.file).read_text(encoding="utf-8")
            source, tokens = localpages.prepare(text, page.file)
            uri = local_page_uri(page.file)
            front, _, body = source.partition("\n---\n")
            # mkdocs gets the front matter and one token: the body is rendered once, below, by the linear-time
            # renderer, and Python-Markdown never parses an untrusted page.
            marker = f"ecmbody{secrets.token_hex(12)}"
            file = generator.generated_file(config, uri, content=f"{front}\n---\n\n{marker}\n")
            files.append(file)
            names = localpages.page_images(text)
            self.local[uri] = {"tokens": tokens, "images": names, "file": page.file, "marker": marker, "body": body}
            pages.append(file)
            images.update(names)
        for file in pages:  # links are resolved once every page of the site is known
            entry = self.local[file.src_uri]
            entry["html"], entry["toc"] = localrender.render(
                entry.pop("body"), link=_link_resolver(files, file, entry["file"]),
                image=lambda src, url=file.url: generator.relative_url(f"local/{src}", url))
        for name in sorted(images):
            path = self.root / folder / name
            why = None if path.is_file() and not path.is_symlink() else f"{folder}/{name} is not a file"
            why = why or localpages.check_image_file(path, f"{folder}/{name}")
            if why:
                raise InputError([Problem(str(folder), 0, "", f"image {why}")])
            files.append(generator.generated_file(config, f"local/{name}", abs_src_path=str(path)))
        if edition.logo:
            files.append(generator.generated_file(config, f"assets/edition/{Path(edition.logo).name}",
                                                  abs_src_path=str(self.root / edition.logo)))
        if edition.lang != "en":  # the pages are docs/<lang>/; the stylesheet and scripts stay docs/assets/, shared
            assets = self.root / "docs" / "assets"
            for path in sorted(p for p in assets.rglob("*") if p.is_file()):
                files.append(generator.generated_file(config, f"assets/{path.relative_to(assets).as_posix()}",
                                                      abs_src_path=str(path)))
        return files

    # ---------------------------------------------------------------- pages

    def on_page_markdown(self, markdown, page, config, files):
        if self.edition is None:
            return markdown
        uri = page.file.src_uri
        for prefix, rule in SEARCH.items():
            if uri == prefix or (prefix.endswith("/") and uri.startswith(prefix)):
                page.meta["search"] = {**rule, **(page.meta.get("search") or {})}
        if uri in self.stale:  # a translated page whose English changed since says so, first
            from ecmguide.outputs import catalog
            markdown = (f'<p class="translation-note translation-behind">'
                        f'{escape(catalog.messages(self.edition.lang)["behind"])}</p>\n\n{markdown}')
        return markdown

    def on_page_content(self, html, page, config, files):
        entry = self.local.get(page.file.src_uri)
        if entry is not None:
            edition = self.edition
            images = {generator.relative_url(f"local/{name}", page.url) for name in entry["images"]}
            trusted = {tok: placeholders.html(edition, name, arg, page.url) for tok, (name, arg) in entry["tokens"].items()}
            blocks = {tok for tok, (name, _) in entry["tokens"].items() if name not in localpages.INLINE_PLACEHOLDERS}
            html = sanitize.page(entry["html"], entry["file"], images, trusted, blocks)
            if edition.lang != "en":  # a task force writes its own pages, in English: say so, and mark them
                html = str(render.english_part(edition, Markup(html), "local_in_english"))
            page.toc = generator.toc_of(entry["toc"])
            page.toc.items[:] = _clean_toc(page.toc.items)
        html, handout = postprocess.split_handout(html)
        if handout:  # its headings leave the page's table of contents too
            page.toc.items[:] = _drop_toc(page.toc.items, postprocess.handout_ids(handout))
        self.pages[page.file.src_uri] = postprocess.print_page(page.file.src_uri, page.url, page.title or "", html,
                                                               handout)
        return html

    def on_template_context(self, context, template_name, config):
        """The 404 page is served for any missing address under the edition (/tx/no/such/page/): mkdocs gives it
        links absolute from the server root ("/"), which leave the edition when no site_url is set. Make them
        absolute from the edition's root instead, so every link, stylesheet and the search index resolve at any
        depth."""
        if template_name != "404.html" or self.edition is None:
            return context
        base = edition_root(config)
        context["base_url"] = base
        context["extra_css"] = [generator.absolute_url(str(path), base) for path in config.extra_css]
        context["extra_javascript"] = [generator.absolute_url(str(script), base) for script in config.extra_javascript]
        return context


def edition_root(config) -> str:
    """The edition's root as an absolute path: its site_url's path, else /<code>/ (its folder in the combined site)."""
    from urllib.parse import urlsplit
    path = urlsplit(config.site_url or "").path if config.site_url else f"/{config['extra']['edition']}/"
    return path if path.endswith("/") else path + "/"


def _link_resolver(files, file, display: str):
    """A local page's links as published: a page of the guide by its .md path becomes that page's address."""
    def link(href: str) -> str:
        if localpages.scheme(href) or href.startswith("#"):
            return href  # http(s), mailto, tel (checked at validation) and anchors on the page
        path, sep, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), path))
        found = files.get_file_from_path(target) if path.endswith(".md") else None
        if found is None:
            raise InputError([Problem(display, 0, "", f"links to {href!r}, which is not a page of the guide; link "
                                      "a page by its .md path, e.g. ../basics/group-settings.md")])
        return generator.relative_url(found.url, file.url) + sep + anchor
    return link


def _clean_toc(items) -> list:
    kept = []
    for item in items:
        if sanitize.ID_OK.fullmatch(item.id) and not item.id.startswith(sanitize.RESERVED_ID_PREFIXES):
            item.title = sanitize.plain(item.title)
            item.children[:] = _clean_toc(item.children)
            kept.append(item)
    return kept


def _drop_toc(items, ids: set[str]) -> list:
    kept = []
    for item in items:
        if item.id not in ids:
            item.children[:] = _drop_toc(item.children, ids)
            kept.append(item)
    return kept
