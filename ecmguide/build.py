"""Build orchestration: validate everything first, build changed editions in parallel workers,
then swap the finished tree into place atomically.

site/ is only ever replaced whole: a failed or killed build leaves the last good site untouched.
"""
from __future__ import annotations

import concurrent.futures as cf
import ctypes
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import hub
from .errors import InputError, Problem, errors_only
from .project import Project

STATE_FILE = ".build-state.json"
CODE_GLOBS = ("ecmguide/**/*.py", "ecmguide/**/*.css", "ecmguide/**/*.html", "macros.py", "mkdocs.yml", "requirements.lock")


@dataclass
class EditionResult:
    code: str
    pdfs: dict[str, int] = field(default_factory=dict)  # file -> page count
    site_seconds: float = 0.0
    pdf_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    pid: int = 0


@dataclass
class Summary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pdfs: int = 0
    warnings: list[Problem] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    results: list[EditionResult] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Built {len(self.built)} edition(s), skipped {len(self.skipped)} unchanged, wrote {self.pdfs} PDF(s), "
               f"{len(self.warnings)} warning(s)."]
        out.append("Time per phase: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items()))
        if self.results:
            peak = max(r.peak_rss_mb for r in self.results)
            out.append(f"Peak memory per worker: {peak:.0f} MiB")
        return out


# ---------------------------------------------------------------- hashing (incremental builds)

def _files_digest(root: Path, paths: list[Path]) -> str:
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
    return _files_digest(root, paths)


def edition_digest(project: Project, code: str, shared: str) -> str:
    from .changes import git
    edition = project.edition(code)
    root = project.root
    paths = [root / edition.file] + [root / layer.file for layer in edition.layers]
    paths += [root / p.file for p in edition.extra_pages] + ([root / edition.logo] if edition.logo else [])
    # The "What changed" page reads the overlays' git history, so it is an input too.
    history = git(root, "log", "-1", "--format=%H", "--", *[layer.file for layer in edition.layers]) or ""
    return hashlib.sha256((shared + _files_digest(root, paths) + history).encode()).hexdigest()


# ---------------------------------------------------------------- worker side

def _build_edition(root: str, code: str, out_dir: str, with_pdf: bool, today: str) -> EditionResult:
    """Runs in a worker process (kept alive across editions, so imports happen once)."""
    from . import pdf, printcollect, site
    project = Project(root, dt.date.fromisoformat(today))
    edition = project.edition(code)
    out = Path(out_dir)
    result = EditionResult(code, pid=os.getpid())
    t0 = time.perf_counter()
    site.build_site(project, edition, out)
    result.site_seconds = time.perf_counter() - t0
    pages = printcollect.pages(str(out))
    try:
        if with_pdf:
            t1 = time.perf_counter()
            nav_order = _nav_order(site.nav_for(project, edition))
            result.pdfs = pdf.build_pdfs(edition, pages, nav_order, out / "downloads")
            result.pdf_seconds = time.perf_counter() - t1
            details = {name: f"{(out / 'downloads' / name).stat().st_size / 1024:.0f} KB, {n} pages"
                       for name, n in result.pdfs.items()}
            downloads = out / "downloads" / "index.html"
            downloads.write_text(site.fill_pdf_details(downloads.read_text(encoding="utf-8"), details), encoding="utf-8")
    finally:
        printcollect.forget(str(out))
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _nav_order(nav) -> list[str]:
    out = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _nav_order(value) if isinstance(value, list) else [value]
    return out


# ---------------------------------------------------------------- atomic publication

def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return fn(AT_FDCWD, bytes(a), AT_FDCWD, bytes(b), RENAME_EXCHANGE) == 0


def publish(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)
        return
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old)


def _link_tree(src: Path, dst: Path) -> None:
    """Reuse an unchanged edition's published files by hard link (they are never modified in place)."""
    shutil.copytree(src, dst, copy_function=os.link)


# ---------------------------------------------------------------- orchestration

class Progress:
    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.tty = stream.isatty()

    def step(self, text: str) -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {text[:50]:<50}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {text}\n")
        self.stream.flush()


def build(project: Project, *, only: list[str] | None = None, jobs: int | None = None, with_pdf: bool = True,
          out: Path | None = None, force: bool = False, log=print) -> Summary:
    summary = Summary()
    t_start = time.perf_counter()
    target = (out or project.root / "site").resolve()
    codes = project.edition_codes()
    wanted = only or codes
    # 1. Validate every edition (and so every overlay it layers) before writing anything.
    problems: list[Problem] = []
    for code in wanted:
        try:
            problems.extend(project._edition(code)[1])
        except InputError as exc:
            problems.extend(exc.problems)
    if errors_only(problems):
        raise InputError(problems)
    summary.warnings = sorted(set(p for p in problems if p.severity == "warning"))
    editions = [project.edition(c) for c in codes if c in wanted or (target / c).is_dir()]
    summary.phases["validate"] = time.perf_counter() - t_start

    # 2. Decide what to rebuild.
    state_path = target / STATE_FILE
    old_state = json.loads(state_path.read_text()) if state_path.exists() and not force else {}
    shared = shared_digest(project)
    new_state: dict[str, dict] = {"editions": {}}
    todo = []
    for code in codes:
        if code not in wanted:
            if code in old_state.get("editions", {}) and (target / code).is_dir():
                new_state["editions"][code] = old_state["editions"][code]
            continue
        digest = edition_digest(project, code, shared) + ("+pdf" if with_pdf else "")
        new_state["editions"][code] = {"digest": digest}
        if old_state.get("editions", {}).get(code, {}).get("digest") == digest and (target / code).is_dir():
            summary.skipped.append(code)
        else:
            todo.append(code)

    # 3. Build into a staging folder beside site/, on the same file system.
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        t_build = time.perf_counter()
        progress = Progress(len(todo))
        jobs = max(1, jobs or os.cpu_count() or 1)
        today = project.today.isoformat()
        if todo:
            with cf.ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                futures = {pool.submit(_build_edition, str(project.root), c, str(staging / c), with_pdf, today): c
                           for c in todo}
                failures: list[Problem] = []
                for fut in cf.as_completed(futures):
                    code = futures[fut]
                    try:
                        res = fut.result()
                    except InputError as exc:
                        failures.extend(exc.problems)
                        progress.step(f"{code} FAILED")
                        continue
                    summary.results.append(res)
                    summary.pdfs += len(res.pdfs)
                    progress.step(f"{code} (site {res.site_seconds:.1f}s, {len(res.pdfs)} PDFs {res.pdf_seconds:.1f}s)")
                if failures:
                    raise InputError(failures)
        summary.built = sorted(todo)
        summary.phases["editions"] = time.perf_counter() - t_build
        for code in new_state["editions"]:
            if code not in todo:
                _link_tree(target / code, staging / code)
        t_hub = time.perf_counter()
        build_hub(project, [e for e in editions if e.code in new_state["editions"]], staging)
        summary.phases["hub"] = time.perf_counter() - t_hub
        (staging / STATE_FILE).write_text(json.dumps(new_state, indent=1, sort_keys=True) + "\n")
        publish(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    summary.phases["total"] = time.perf_counter() - t_start
    return summary


def build_hub(project: Project, editions, staging: Path) -> None:
    """Build the hub (picker, coverage, compare) as a small Material site at the top of staging."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    with tempfile.TemporaryDirectory(prefix="ecm-hub-") as tmp:
        docs, site_dir = Path(tmp) / "docs", Path(tmp) / "site"
        hub.write_docs(editions, docs, project.today)
        (docs / "assets").mkdir()
        shutil.copytree(project.root / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
        config = load_config(str(project.root / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site_dir),
                             site_name="ECM Guide: choose your jurisdiction", strict=True,
                             plugins=["search"], extra={"edition": "", "generator": False},
                             extra_javascript=["assets/js/checklist.js", "assets/js/picker.js"],
                             nav=[{"Jurisdictions": "index.md"}, {"Coverage report": "coverage.md"},
                                  {"Compare jurisdictions": "compare.md"}])
        mkdocs_build(config)
        for item in site_dir.iterdir():
            dest = staging / item.name
            if item.is_dir():
                shutil.copytree(item, dest)
            else:
                shutil.copy2(item, dest)
