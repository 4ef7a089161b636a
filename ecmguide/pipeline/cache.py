"""Built editions kept under their input digest, so a machine that never built an edition can copy it.

A fresh CI runner restores this folder (actions/cache in .github/workflows/pages.yml) and a build with
--cache copies every edition whose digest (state.edition_digest: pages, code, pinned versions, the
edition's overlays, manifest and files, and their git history) has an entry, instead of rebuilding it.
Entries are whole, self-contained edition folders named <code>@<digest>; each appears by one rename
once complete and is never changed afterwards, so it may share its files with site/ by hard link.
Beside each entry, <code>@<digest>.json records how long the edition took to build (for shards.py) and
its PDFs' input digests (documents.py), so the next change to the edition re-renders only the PDFs it touches.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from ecmguide.pipeline import publish


def entry(cache: Path, code: str, digest: str) -> Path:
    return cache / f"{code}@{digest}"


def lookup(cache: Path, code: str, digest: str) -> Path | None:
    """The cached folder of this edition built from exactly these inputs, or None."""
    path = entry(cache, code, digest)
    return path if path.is_dir() and not path.is_symlink() else None


def _meta(path: Path) -> dict:
    try:
        meta = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def seconds(path: Path) -> float | None:
    """How long the cached edition took to build (site and PDFs, summed over workers)."""
    value = _meta(path).get("seconds")
    return float(value) if isinstance(value, (int, float)) else None


def documents(path: Path) -> dict:
    """The input digest and page count of each PDF of the cached edition (file -> record), or {}."""
    value = _meta(path).get("documents")
    return value if isinstance(value, dict) else {}


def store(cache: Path, code: str, digest: str, folder: Path, build_seconds: float, docs: dict | None = None) -> None:
    """Keep a just-built edition (before the combined site shares its theme files)."""
    if lookup(cache, code, digest):
        return
    cache.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=cache))
    try:
        publish.link_tree(folder, incoming / code)
        final = entry(cache, code, digest)
        meta = final.with_name(final.name + ".json")
        record = {"seconds": round(build_seconds, 3), **({"documents": docs} if docs else {})}
        (incoming / "meta.json").write_text(json.dumps(record, sort_keys=True) + "\n")
        os.replace(incoming / "meta.json", meta)
        try:
            os.rename(incoming / code, final)
        except OSError:  # another build stored it meanwhile: same inputs, same bytes
            pass
    finally:
        shutil.rmtree(incoming, ignore_errors=True)


def prune(cache: Path, current: dict[str, str], known: set[str]) -> int:
    """Remove entries of these editions built from other inputs, and of editions that no longer exist."""
    removed = 0
    if not cache.is_dir():
        return 0
    for path in sorted(cache.iterdir()):
        if path.name.startswith(".incoming-") and time.time() - path.stat().st_mtime > 3600:  # a killed build's
            shutil.rmtree(path, ignore_errors=True)
            continue
        name = path.name.removesuffix(".json")
        code, sep, digest = name.partition("@")
        if not sep:
            continue
        if code not in known or (code in current and digest != current[code]):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
                removed += 1
            else:
                path.unlink()
    return removed
