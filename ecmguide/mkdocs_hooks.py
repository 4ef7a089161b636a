"""mkdocs hooks: add an edition's local pages, and hand rendered pages to the PDF step."""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from ecmguide import printcollect, site


def on_files(files, config):
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
