"""Digests of a build's inputs, so an incremental build rebuilds only editions whose inputs changed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .project import Project

STATE_FILE = ".build-state.json"
CODE_GLOBS = ("ecmguide/**/*.py", "ecmguide/**/*.css", "ecmguide/**/*.html", "ecmguide/**/*.yml", "macros.py",
              "mkdocs.yml", "requirements.lock")


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
    for pattern in CODE_GLOBS:
        paths += [p for p in root.glob(pattern) if p.is_file()]
    return files_digest(root, paths)


def edition_digest(project: Project, code: str, shared: str) -> str:
    from .changes import git
    from .localpages import edition_files
    edition = project.edition(code)
    root = project.root
    paths = [root / edition.file] + [root / layer.file for layer in edition.layers]
    paths += [root / p for p in edition_files(root, edition)]  # local pages, the images they show, the logo
    # The "What changed" page reads the overlays' git history, so it is an input too.
    history = git(root, "log", "-1", "--format=%H", "--", *[layer.file for layer in edition.layers]) or ""
    # The published address is printed in the handouts (QR code) and used for canonical links.
    return hashlib.sha256((shared + files_digest(root, paths) + history + edition.site_url).encode()).hexdigest()
