"""Build orchestration: validate everything first, build changed editions in parallel workers,
then swap the finished tree into place.

site/ is only ever replaced whole, by an atomic directory exchange (renameat2) where the system
has it: a failed or killed build leaves the last good site untouched.
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

from . import hub, schema
from .errors import InputError, Problem, errors_only
from .dates import source_date
from .project import FALLBACK_EDITION_DATE, Project

STATE_FILE = ".build-state.json"
CODE_GLOBS = ("ecmguide/**/*.py", "ecmguide/**/*.css", "ecmguide/**/*.html", "macros.py", "mkdocs.yml", "requirements.lock")


@dataclass
class EditionResult:
    code: str
    pdfs: dict[str, int] = field(default_factory=dict)  # file -> page count
    site_seconds: float = 0.0
    pdf_seconds: float = 0.0


@dataclass
class Summary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pdfs: int = 0
    warnings: list[Problem] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    results: list[EditionResult] = field(default_factory=list)
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"Built {len(self.built)} edition(s), skipped {len(self.skipped)} unchanged, wrote {self.pdfs} PDF(s), "
               f"{len(self.warnings)} warning(s)."]
        out.append("Time per phase: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items()))
        if self.worker_peak_rss_mb:
            peaks = ", ".join(f"{v:.0f}" for v in sorted(self.worker_peak_rss_mb.values(), reverse=True))
            out.append(f"Peak memory per worker (MiB): {peaks}")
        return out


# ---------------------------------------------------------------- hashing (incremental builds)

def _read_state(path: Path) -> dict:
    """The previous build's digests; a missing or damaged file just means a full rebuild."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("editions"), dict) else {}


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
# Workers stay alive across tasks, so Python, mkdocs, the theme and WeasyPrint load once per worker.
# Each edition is one site task, then one task per PDF, so a single changed edition still keeps
# every worker busy, and site builds of some editions overlap PDF rendering of others.

_projects: dict[tuple[str, str], Project] = {}


def _project(root: str, today: str) -> Project:
    key = (root, today)
    if key not in _projects:
        _projects.clear()
        _projects[key] = Project(root, dt.date.fromisoformat(today))
    return _projects[key]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class SiteDone:
    code: str
    pages: dict
    nav_order: list[str]
    documents: list[str]
    seconds: float
    pid: int
    peak_rss_mb: float


def _site_task(root: str, edition, out_dir: str, today: str) -> SiteDone:
    from . import pdf, printcollect, site
    project = _project(root, today)
    code = edition.code
    t0 = time.perf_counter()
    site.build_site(project, edition, Path(out_dir))
    pages = printcollect.pages(out_dir)
    printcollect.forget(out_dir)
    nav_order = _nav_order(site.nav_for(project, edition))
    docs = [d.filename for d in pdf.documents(edition, nav_order)]
    return SiteDone(code, pages, nav_order, docs, time.perf_counter() - t0, os.getpid(), _peak_rss_mb())


def _pdf_task(edition, pages: dict, nav_order: list[str], filename: str,
              out_dir: str) -> tuple[str, str, int, float, int, float]:
    from . import pdf
    code = edition.code
    t0 = time.perf_counter()
    n = pdf.build_one(edition, pages, nav_order, filename, Path(out_dir))
    return code, filename, n, time.perf_counter() - t0, os.getpid(), _peak_rss_mb()


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
          out: Path | None = None, force: bool = False) -> Summary:
    summary = Summary()
    t_start = time.perf_counter()
    project = Project(project.root, project.today)  # read every file afresh: a build reflects the disk now
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
    old_state = _read_state(state_path) if not force else {}
    shared = shared_digest(project)
    new_state: dict[str, dict] = {"editions": {}}
    todo = []
    for code in codes:
        if code not in wanted:
            if (target / code).is_dir():  # published earlier and not asked for now: keep it as it is
                new_state["editions"][code] = old_state.get("editions", {}).get(code, {"digest": "kept"})
            continue
        digest = edition_digest(project, code, shared) + ("+pdf" if with_pdf else "")
        new_state["editions"][code] = {"digest": digest}
        if old_state.get("editions", {}).get(code, {}).get("digest") == digest and (target / code).is_dir():
            summary.skipped.append(code)
        else:
            todo.append(code)

    # 3. Build into a staging folder beside site/, on the same file system, one build at a time.
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(target)
    for stale in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        t_build = time.perf_counter()
        jobs = max(1, jobs or os.cpu_count() or 1)
        hub_editions = [e for e in editions if e.code in new_state["editions"]]
        hub_seconds = []

        def hub_job():  # runs in this process while the workers build editions
            t_hub = time.perf_counter()
            build_hub(project, hub_editions, staging)
            hub_seconds.append(time.perf_counter() - t_hub)
        if todo:
            tasks_per_edition = 1 + (1 + len(schema.DISCIPLINES) if with_pdf else 0)  # site, guide, handouts
            _run_tasks(project, {e.code: e for e in editions if e.code in todo}, staging, with_pdf,
                       min(jobs, len(todo) * tasks_per_edition), summary, hub_job)
        else:
            hub_job()
        summary.built = sorted(todo)
        summary.phases["editions"] = time.perf_counter() - t_build
        for code in new_state["editions"]:
            if code not in todo:
                _link_tree(target / code, staging / code)
        summary.phases["hub (overlapped)"] = hub_seconds[0]
        (staging / STATE_FILE).write_text(json.dumps(new_state, indent=1, sort_keys=True) + "\n")
        publish(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        lock.close()
    summary.phases["total"] = time.perf_counter() - t_start
    return summary


def _run_tasks(project: Project, editions: dict, staging: Path, with_pdf: bool, jobs: int, summary: Summary,
               meanwhile) -> None:
    from . import site
    root, today = str(project.root), project.today.isoformat()
    todo = sorted(editions)
    results = {code: EditionResult(code) for code in todo}
    pending_pdfs: dict[str, set[str]] = {}
    failures: list[Problem] = []
    progress = Progress(len(todo))
    workers: dict[int, float] = {}
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        # Workers get the editions validated here, so every output matches the digests just taken.
        waiting = {pool.submit(_site_task, root, editions[c], str(staging / c), today) for c in todo}
        meanwhile()
        while waiting:
            done, waiting = cf.wait(waiting, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                try:
                    value = fut.result()
                except InputError as exc:
                    failures.extend(exc.problems)
                    continue
                except BaseException:
                    for other in waiting:  # a code fault: stop at once rather than finish the queue
                        other.cancel()
                    raise
                if isinstance(value, SiteDone):
                    res = results[value.code]
                    res.site_seconds = value.seconds
                    workers[value.pid] = max(workers.get(value.pid, 0), value.peak_rss_mb)
                    if not with_pdf:
                        progress.step(f"{value.code} (site {value.seconds:.1f}s)")
                        continue
                    pending_pdfs[value.code] = set(value.documents)
                    out = str(staging / value.code / "downloads")
                    waiting |= {pool.submit(_pdf_task, editions[value.code], value.pages, value.nav_order, name, out)
                                for name in value.documents}  # the guide is first: it takes longest
                else:
                    code, name, pages, seconds, pid, rss = value
                    res = results[code]
                    res.pdfs[name] = pages
                    res.pdf_seconds += seconds
                    workers[pid] = max(workers.get(pid, 0), rss)
                    pending_pdfs[code].discard(name)
                    if not pending_pdfs[code]:
                        downloads = staging / code / "downloads"
                        details = {n: f"{(downloads / n).stat().st_size / 1024:.0f} KB, {p} pages"
                                   for n, p in sorted(res.pdfs.items())}
                        page = downloads / "index.html"
                        page.write_text(site.fill_pdf_details(page.read_text(encoding="utf-8"), details), encoding="utf-8")
                        progress.step(f"{code} (site {res.site_seconds:.1f}s, {len(res.pdfs)} PDFs {res.pdf_seconds:.1f}s)")
            if failures:
                for fut in waiting:
                    fut.cancel()
                raise InputError(failures)
    summary.results = [results[c] for c in todo]
    summary.pdfs = sum(len(r.pdfs) for r in summary.results)
    summary.worker_peak_rss_mb = workers


def _lock(target: Path):
    """Hold an exclusive lock beside site/ so two builds never swap or clean each other's folders."""
    import fcntl
    handle = open(target.parent / f".{target.name}.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise InputError([Problem(str(target), 0, "", "another build is writing this folder; wait for it to finish")]) from None
    return handle


def build_hub(project: Project, editions, staging: Path) -> None:
    """Build the hub (picker, coverage, compare) as a small Material site at the top of staging."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    with tempfile.TemporaryDirectory(prefix="ecm-hub-") as tmp:
        docs, site_dir = Path(tmp) / "docs", Path(tmp) / "site"
        hub.write_docs(project, editions, docs)
        (docs / "assets").mkdir()
        shutil.copytree(project.root / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
        config = load_config(str(project.root / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site_dir),
                             site_name="ECM Guide: choose your jurisdiction", strict=True,
                             plugins=["search"], extra={"edition": "", "generator": False},
                             extra_javascript=["assets/js/checklist.js", "assets/js/picker.js"],
                             nav=hub.NAV)
        with source_date(max((e.edition_date for e in editions), default=FALLBACK_EDITION_DATE)):
            mkdocs_build(config)
        for item in site_dir.iterdir():
            dest = staging / item.name
            if item.is_dir():
                shutil.copytree(item, dest)
            else:
                shutil.copy2(item, dest)
