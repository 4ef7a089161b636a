"""mkdocs hooks: add an edition's local pages, and hand rendered pages to the PDF step."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File

from ecmguide import printcollect, site


def on_files(files, config):
    if not config["extra"].get("edition"):
        return files  # the hub has no edition
    edition = site.edition_for(config)
    root = Path(config.config_file_path).parent
    for page in edition.extra_pages:
        files.append(File.generated(config, f"local/{Path(page.file).name}", abs_src_path=str(root / page.file)))
    if edition.logo:
        files.append(File.generated(config, f"assets/edition/{Path(edition.logo).name}", abs_src_path=str(root / edition.logo)))
    return files


def on_page_content(html, page, config, files):
    printcollect.add(config.site_dir, printcollect.Page(page.file.src_uri, page.url, page.title or "", html))
    return html


_AUTOCOMPLETE_ON_CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def on_post_page(output, page, config):
    """Material's toggles put autocomplete on checkboxes and empty tabindex on labels; both are invalid HTML."""
    output = _AUTOCOMPLETE_ON_CHECKBOX.sub(r"\1", output)
    return _EMPTY_TABINDEX.sub("", output)
