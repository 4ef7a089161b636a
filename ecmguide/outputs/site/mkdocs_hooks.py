"""mkdocs hooks: add an edition's local pages (made safe), and hand rendered pages to the PDF step.

Local pages are untrusted (see localpages.py and sanitize.py): they reach mkdocs as a prepared
source (checked front matter, placeholders turned into tokens, never evaluated by the macros
plugin), and their HTML is cleaned before the guide's own HTML is put in place of the tokens.
"""
from __future__ import annotations

import posixpath
import re
import secrets
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, normalize_url

from ecmguide.editions import localpages, localrender, sanitize
from ecmguide.outputs.printed import collect
from ecmguide.outputs import render
from ecmguide.outputs.site import mkdocs_site
from ecmguide.core.errors import InputError, Problem
from ecmguide.editions.names import local_page_uri

_local: dict[str, dict] = {}  # src_uri of each local page of the edition being built -> tokens, images, file


def on_files(files, config):
    _local.clear()
    if not config["extra"].get("edition"):
        return files  # the hub has no edition
    edition = mkdocs_site.edition_for(config)
    root = Path(config.config_file_path).parent
    folder = Path(edition.file).with_suffix("")  # jurisdictions/<code>/
    images: set[str] = set()
    pages = []
    for page in edition.extra_pages:
        text = (root / page.file).read_text(encoding="utf-8")
        source, tokens = localpages.prepare(text, page.file)
        uri = local_page_uri(page.file)
        front, _, body = source.partition("\n---\n")
        # mkdocs gets the front matter and one token: the body is rendered once, below, by the linear-time
        # renderer, and Python-Markdown never parses an untrusted page.
        marker = f"ecmbody{secrets.token_hex(12)}"
        file = File.generated(config, uri, content=f"{front}\n---\n\n{marker}\n")
        files.append(file)
        names = localpages.page_images(text)
        _local[uri] = {"tokens": tokens, "images": names, "file": page.file, "marker": marker, "body": body}
        pages.append(file)
        images.update(names)
    for file in pages:  # links are resolved once every page of the site is known
        entry = _local[file.src_uri]
        entry["html"], entry["toc"] = localrender.render(
            entry.pop("body"), link=_link_resolver(files, file, entry["file"]),
            image=lambda src, url=file.url: get_relative_url(f"local/{src}", url))
    for name in sorted(images):
        path = root / folder / name
        why = None if path.is_file() and not path.is_symlink() else f"{folder}/{name} is not a file"
        why = why or localpages.check_image_file(path, f"{folder}/{name}")
        if why:
            raise InputError([Problem(str(folder), 0, "", f"image {why}")])
        files.append(File.generated(config, f"local/{name}", abs_src_path=str(path)))
    if edition.logo:
        files.append(File.generated(config, f"assets/edition/{Path(edition.logo).name}", abs_src_path=str(root / edition.logo)))
    if edition.lang != "en":  # the pages are docs/<lang>/; the stylesheet and scripts stay docs/assets/, shared
        assets = root / "docs" / "assets"
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            files.append(File.generated(config, f"assets/{path.relative_to(assets).as_posix()}", abs_src_path=str(path)))
    return files


# Search in an edition: readers look for facts, so the facts page and the discipline pages rank first, and the
# page of past versions (What changed) stays out of the index (its words would outrank the facts themselves).
SEARCH = {"what-changed.md": {"exclude": True}, "jurisdiction-facts.md": {"boost": 3}, "disciplines/": {"boost": 2}}


def on_page_markdown(markdown, page, config, files):
    if config["extra"].get("edition"):
        uri = page.file.src_uri
        for prefix, rule in SEARCH.items():
            if uri == prefix or (prefix.endswith("/") and uri.startswith(prefix)):
                page.meta["search"] = {**rule, **(page.meta.get("search") or {})}
        edition = mkdocs_site.edition_for(config)
        if edition.lang != "en":  # a translated page whose English changed since says so, first
            from ecmguide.outputs import catalog, translations
            root = Path(config.config_file_path).parent
            if uri in translations.stale_pages(root, edition.lang):
                markdown = (f'<p class="translation-note translation-behind">{escape(catalog.messages(edition.lang)["behind"])}'
                            f"</p>\n\n{markdown}")
    return markdown


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
        return get_relative_url(found.url, file.url) + sep + anchor
    return link


def _placeholder(edition, name: str, arg: str, page_url: str) -> str:
    """The trusted HTML of one of the guide's placeholders (the same functions macros.py calls)."""
    from ecmguide.outputs import answers
    if name == "jurisdiction":
        return str(escape(edition.jurisdiction))
    if name == "task_force_contacts":
        return str(render.english_part(edition, render.contacts_block(edition), "contacts_in_english"))
    if name == "facts_table":
        return str(render.english_part(edition, render.facts_table(edition, page_url)))
    if name == "federal_table":
        return str(render.english_part(edition, render.federal_table(edition)))
    if name == "in_jurisdiction":
        return str(render.english_part(edition, answers.jurisdiction_box(edition, arg, page_url)))
    if name == "handout_link":
        return str(mkdocs_site.handout_link(edition, arg, page_url))
    raise AssertionError(f"placeholder {name} has no renderer")


def _clean_toc(items) -> list:
    kept = []
    for item in items:
        if sanitize.ID_OK.fullmatch(item.id) and not item.id.startswith(sanitize.RESERVED_ID_PREFIXES):
            item.title = sanitize.plain(item.title)
            item.children[:] = _clean_toc(item.children)
            kept.append(item)
    return kept


def on_page_content(html, page, config, files):
    entry = _local.get(page.file.src_uri)
    if entry is not None:
        edition = mkdocs_site.edition_for(config)
        images = {get_relative_url(f"local/{name}", page.url) for name in entry["images"]}
        trusted = {tok: _placeholder(edition, name, arg, page.url) for tok, (name, arg) in entry["tokens"].items()}
        blocks = {tok for tok, (name, _) in entry["tokens"].items() if name not in localpages.INLINE_PLACEHOLDERS}
        html = sanitize.page(entry["html"], entry["file"], images, trusted, blocks)
        if edition.lang != "en":  # a task force writes its own pages, in English: say so, and mark them
            html = str(render.english_part(edition, Markup(html), "local_in_english"))
        page.toc = get_toc(entry["toc"])
        page.toc.items[:] = _clean_toc(page.toc.items)
    html, handout = split_handout(html)
    if handout:  # its headings leave the page's table of contents too
        page.toc.items[:] = _drop_toc(page.toc.items, set(re.findall(r'\bid="([^"]+)"', handout)))
    collect.add(config.site_dir, page.file.src_uri, page.url, page.title or "", html, handout)
    return html


# The guide's own pages (trusted project text, not local pages) may hold a part written for the printed
# handout: <div class="print-handout" markdown="1">...</div>. It goes to the PDF only, never to the page.
_HANDOUT = re.compile(r'<div class="print-handout">(.*?)</div>\s*<!-- /print-handout -->', re.S)


def _drop_toc(items, ids: set[str]) -> list:
    kept = []
    for item in items:
        if item.id not in ids:
            item.children[:] = _drop_toc(item.children, ids)
            kept.append(item)
    return kept


def split_handout(html: str) -> tuple[str, str]:
    found = _HANDOUT.search(html)
    if not found:
        return html, ""
    return html[: found.start()] + html[found.end():], found.group(1)


_AUTOCOMPLETE_ON_CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def edition_root(config) -> str:
    """The edition's root as an absolute path: its site_url's path, else /<code>/ (its folder in the combined site)."""
    from urllib.parse import urlsplit
    path = urlsplit(config.site_url or "").path if config.site_url else f"/{config['extra']['edition']}/"
    return path if path.endswith("/") else path + "/"


def on_template_context(context, template_name, config):
    """The 404 page is served for any missing address under the edition (/tx/no/such/page/): mkdocs gives it links
    absolute from the server root ("/"), which leave the edition when no site_url is set. Make them absolute from
    the edition's root instead, so every link, stylesheet and the search index resolve at any depth."""
    if template_name != "404.html" or not config["extra"].get("edition"):
        return context
    base = edition_root(config)
    context["base_url"] = base
    context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
    return context


def on_post_page(output, page, config):
    """Material's toggles put autocomplete on checkboxes and empty tabindex on labels; both are invalid HTML."""
    output = _AUTOCOMPLETE_ON_CHECKBOX.sub(r"\1", output)
    return _EMPTY_TABINDEX.sub("", output)


def on_post_template(output, template_name, config):
    """The same for pages made from a template alone (the 404 page), which on_post_page never sees."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output
