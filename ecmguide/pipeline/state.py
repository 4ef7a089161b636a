"""Digests of a build's inputs, so an incremental build rebuilds only editions whose inputs changed.

An edition's digest covers its site and decides whether the edition is built at all; its PDFs then have
digests of their own (documents.py), so an edition built again re-renders only the PDFs whose inputs
changed. The inputs every edition shares are in shared_digest: the pages (docs/, docs/es/ too), the code,
theme and print CSS, the package data (ecmguide/data: national contacts, message catalogs and their
translation record es.sources.yml, glossary, sources) and mkdocs.yml (the project's site_url) with the
pinned versions. edition_digest adds the edition's own: its manifest, overlays and files, the overlays'
git history (What changed), the source watch's results, and its published address (site_url, from
ECMGUIDE_BASE_URL or mkdocs.yml). Dates: edition_date and every "Facts checked as of" date come from
those files; today (ECMGUIDE_TODAY) only decides validation warnings and the hub, which is built every
time, and no edition's output depends on it (tests/test_digests.py builds one on two days to check).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ecmguide.editions.project import Project

STATE_FILE = ".build-state.json"
PACKAGE = Path(__file__).resolve().parents[1]  # the ecmguide package, wherever it is installed
CODE_GLOBS = ("**/*.py", "**/*.css", "**/*.html", "**/*.yml")  # of the package
ROOT_FILES = ("macros.py", "mkdocs.yml", "requirements.lock")  # of the project


def read_state(path: Path) -> dict:
    """The previous build's digests; a missing or damaged file just means a full rebuild."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("editions"), dict) else {}


def files_digest(root: Path, paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(set(paths)):
        h.update(str(p.relative_to(root)).encode() + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def shared_digest(project: Project) -> str:
    """Everything every edition depends on: pages, templates, CSS, code and pinned versions."""
    root = project.root
    paths = [p for p in (root / "docs").rglob("*") if p.is_file()]
    paths += [root / name for name in ROOT_FILES if (root / name).is_file()]
    code = [p for pattern in CODE_GLOBS for p in PACKAGE.glob(pattern) if p.is_file()]
    return files_digest(root, paths) + files_digest(PACKAGE, code)


def edition_digest(project: Project, code: str, shared: str) -> str:
    from ecmguide.core.git import git
    from ecmguide.editions.localpages import edition_files

    edition = project.edition(code)
    root = project.root
    paths = [root / edition.file] + [root / layer.file for layer in edition.layers]
    paths += [root / p for p in edition_files(root, edition)]  # local pages, the images they show, the logo
    if (root / project.WATCH).is_file():  # fact boxes flag facts whose official page changed since their check
        paths.append(root / project.WATCH)
    # The "What changed" page reads the overlays' git history, so it is an input too.
    history = git(root, "log", "-1", "--format=%H", "--", *[layer.file for layer in edition.layers]) or ""
    # The published address is printed in the handouts (QR code) and used for canonical links; the project's
    # setting (ECMGUIDE_BASE_URL or mkdocs.yml's site_url) is named too, though it only reaches an edition
    # through its address, so the digest says what it was taken from.
    address = f"{edition.site_url}\0{project.base_url}"
    return hashlib.sha256((shared + files_digest(root, paths) + history + address).encode()).hexdigest()
