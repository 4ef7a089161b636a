"""One copy of the theme's files for every edition of the combined site; a self-contained copy on request.

Every edition is built self-contained: its pages load the theme (Material's CSS and JavaScript, the
search worker, the guide's own CSS and scripts) from its own assets/ folder, about 2.5 MB of the 3.8 MB
an edition weighs. In the combined site (site/, with the hub at the top) the hub's assets/ holds the
same files, so when the site is assembled each edition's identical copies are removed and its pages
load them from one folder up instead (`../assets/...`). Only files byte-identical to the hub's are
shared: a task force's logo (assets/edition/) stays with its edition. The edition's
.shared-assets.json lists what was shared.

`export()` reverses this for one edition: it copies the edition folder, puts the shared files back and
points its pages at them again, giving the same bytes as the self-contained build (tested), which a
task force can deploy alone to any static host.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from ecmguide.core.errors import InputError, Problem

MANIFEST = ".shared-assets.json"
# The theme's references: <link href>, <script src>, <img src> and the search worker in Material's config;
# relative to the page ("../assets/"), or on the 404 page absolute from the edition's root ("/tx/assets/").
_REF = re.compile(r'((?:href|src)="|"search": ")((?:/[^"?#]*?)?(?:\.\./)*)assets/([^"?#]+)"')
# The 404 page's root, from Material's config: "base": "/tx/" (an ordinary page has "." or "..").
_ABSOLUTE_BASE = re.compile(r'"base": "(/[^"]*)"')


def _files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _write_new(path: Path, data: bytes) -> None:
    """Replace a file by a new one (never write into it: it may be a hard link to the cache or old site)."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    shutil.copymode(path, tmp)
    os.replace(tmp, path)


def _rewrite(edition: Path, names: set[str], outward: bool) -> None:
    """Point the pages' references to `names` one folder further out (shared) or back in (own copy)."""
    for page in sorted(edition.rglob("*.html")):
        data = page.read_bytes()
        text = data.decode("utf-8")
        absolute = _ABSOLUTE_BASE.search(text)
        if absolute:  # the 404 page, served at any depth: its links start from the edition's root
            here = absolute.group(1) if absolute.group(1).endswith("/") else absolute.group(1) + "/"
            up = here + "../"
        else:
            depth = len(page.relative_to(edition).parts) - 1
            here, up = "../" * depth, "../" * (depth + 1)
        old, new = (here, up) if outward else (up, here)

        def sub(m: re.Match, old=old, new=new) -> str:  # this page's depth, bound now
            if m.group(2) == old and m.group(3) in names:
                return f'{m.group(1)}{new}assets/{m.group(3)}"'
            return m.group(0)

        changed = _REF.sub(sub, text)
        if changed != text:
            _write_new(page, changed.encode("utf-8"))


def read_manifest(edition: Path) -> list[str]:
    path = edition / MANIFEST
    if not path.is_file():
        return []
    names = json.loads(path.read_text(encoding="utf-8"))
    return [n for n in names if isinstance(n, str) and ".." not in Path(n).parts and not n.startswith("/")]


def _write_manifest(edition: Path, names: list[str]) -> None:
    path = edition / MANIFEST
    text = json.dumps(sorted(names), indent=0) + "\n" if names else ""
    if not names:
        if path.exists():
            path.unlink()
    elif not path.is_file() or path.read_text(encoding="utf-8") != text:
        if path.exists():
            path.unlink()
        path.write_text(text, encoding="utf-8")


def _localize(edition: Path, names: list[str], source: Path) -> None:
    """Give the edition its own copies of `names` from `source` (an assets/ folder) and point its pages at them."""
    missing = [n for n in names if not (source / n).is_file()]
    if missing:
        raise InputError(
            [
                Problem(
                    str(edition),
                    0,
                    "",
                    f"shares theme files that {source} no longer holds "
                    f"({', '.join(missing[:5])}); rebuild it with --force",
                )
            ]
        )
    for name in names:
        dest = edition / "assets" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, dest)
    _rewrite(edition, set(names), outward=False)


class Sharer:
    """Shares editions' theme files with the hub's assets/ of one combined site being assembled.

    `previous` is the assets/ folder of the site being replaced: editions reused from it were shared
    against those files, and if the hub's copy of one of them changed, the edition gets its own again.
    """

    def __init__(self, site: Path, previous: Path | None = None):
        self.hub = site / "assets"
        self.previous = previous
        self._unchanged: dict[str, bool] = {}
        self._hub_bytes: dict[str, bytes | None] = {}

    def unchanged(self, name: str) -> bool:
        if name not in self._unchanged:
            self._unchanged[name] = self.previous is not None and _same(self.hub / name, self.previous / name)
        return self._unchanged[name]

    def _is_hubs(self, path: Path, name: str) -> bool:
        """Whether this file has the same bytes as the hub's file of that name (read once per site)."""
        if name not in self._hub_bytes:
            hub_file = self.hub / name
            self._hub_bytes[name] = hub_file.read_bytes() if hub_file.is_file() and not hub_file.is_symlink() else None
        theirs = self._hub_bytes[name]
        return theirs is not None and path.stat().st_size == len(theirs) and path.read_bytes() == theirs

    def share(self, edition: Path) -> list[str]:
        names = read_manifest(edition)
        stale = [n for n in names if not self.unchanged(n)]
        if stale:
            _localize(edition, stale, self.previous or self.hub)
            names = [n for n in names if n not in stale]
        own = edition / "assets"
        new = [n for n in _files(own) if self._is_hubs(own / n, n)]
        if new:
            _rewrite(edition, set(new), outward=True)
            for name in new:
                (own / name).unlink()
            for folder in sorted((p for p in own.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
                if not any(folder.iterdir()):
                    folder.rmdir()
            if not any(own.iterdir()):
                own.rmdir()
        names = sorted(set(names) | set(new))
        _write_manifest(edition, names)
        return names


def export(site: Path, code: str, dest: Path) -> Path:
    """Copy one edition of a combined site to dest/<code>, self-contained (its own theme files)."""
    from ecmguide.editions.project import valid_file_name

    source = site / code
    if not valid_file_name(code) or not source.is_dir() or source.is_symlink():
        raise InputError(
            [Problem(str(source), 0, "", f'no built edition "{code}" here; build it first (make build J={code})')]
        )
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / code
    work = Path(tempfile.mkdtemp(prefix=f".{code}.export-", dir=dest))
    try:
        for folder, dirs, files in os.walk(source):  # a build never writes links; never follow one
            for name in dirs + files:
                if os.path.islink(os.path.join(folder, name)):
                    raise InputError(
                        [
                            Problem(
                                os.path.join(folder, name),
                                0,
                                "",
                                "is a symbolic link inside the published site; a build never makes one; build again",
                            )
                        ]
                    )
        shutil.copytree(source, work / code)  # a copy, not links: the exported folder is the task force's to edit
        names = read_manifest(work / code)
        if names:
            _localize(work / code, names, site / "assets")
            (work / code / MANIFEST).unlink()
        if out.is_symlink() or (out.exists() and not out.is_dir()):
            raise InputError([Problem(str(out), 0, "", "exists and is not a folder; move it away and export again")])
        if out.exists():
            shutil.rmtree(out)
        os.rename(work / code, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out
