"""Worker processes: the pool that builds sites and PDFs, and how a build stops on a signal.

Every task runs in a fresh worker process (TASKS_PER_WORKER), so no output depends on what the same
process built before; Python, mkdocs, the theme and WeasyPrint are imported once, in the fork server
that the workers are forked from, and so cost a task nothing. Whatever a task needs that is slow to
make (citation links, for one) is made once in the builder and handed over. Each edition is one site task, then one task per PDF, so a single changed edition still keeps
every worker busy, and site builds of some editions overlap PDF rendering of others.

Workers come from a fork server (a fresh interpreter with the heavy modules preloaded), not from a
fork of the builder: they never inherit the builder's open files, so a worker cannot keep the
publication lock (publish.Lock) alive. SIGTERM, SIGINT and SIGHUP stop the build: the builder kills
its workers, removes its staging folder and releases the lock; workers ignore SIGINT (the builder
handles it) and are killed by the kernel if the fork server goes away (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import datetime as dt
import multiprocessing
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ecmguide.core.errors import InputError, Problem
from ecmguide.editions import budgets
from ecmguide.editions.project import Project
from ecmguide.pipeline import forkguard
from ecmguide.pipeline.documents import PdfDone, Previous

TASKS_PER_WORKER = 1  # a fresh process per task: no state carried from one PDF to the next (see README)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
PRELOAD = [
    "ecmguide.pipeline.forkguard",
    "ecmguide.pipeline.workers",
    "ecmguide.outputs.site.mkdocs_site",
    "ecmguide.outputs.printed.pdf",
    "ecmguide.editions.sanitize",
    "mkdocs.commands.build",
    "material",
    "weasyprint",
    "markdown",
    "nh3",
]


class Stopped(KeyboardInterrupt):
    """The build was stopped by a signal; raised in the builder so every clean-up runs."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}")


@contextlib.contextmanager
def stop_on_signals():
    """Turn SIGTERM, SIGINT and SIGHUP into Stopped while the block runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Stopped(signum)

    before = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, h in before.items():
            signal.signal(s, h)


_context = None


def context():
    """The multiprocessing context for workers: a fork server that preloads the build's modules."""
    global _context
    if _context is None:
        os.environ[forkguard.BUILDER] = str(os.getpid())  # the fork server arms its parent-death signal on it
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _context = ctx
    return _context


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A budget for untrusted pages: a page that makes the Markdown parser or the PDF layout balloon ends in
    # MemoryError in this worker, reported with its edition, instead of taking the machine's memory.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (budgets.MAX_WORKER_ADDRESS_SPACE, budgets.MAX_WORKER_ADDRESS_SPACE))
        resource.setrlimit(resource.RLIMIT_CPU, (budgets.MAX_WORKER_CPU_SECONDS, budgets.MAX_WORKER_CPU_SECONDS + 5))
    try:  # die with the fork server, which itself exits when the builder goes away
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def new_pool(jobs: int) -> cf.ProcessPoolExecutor:
    ctx = context()
    if threading.current_thread() is threading.main_thread():
        # Start the fork server here, on the main thread: its parent-death signal follows the thread that
        # started it, so it must not be a helper thread that ends before the builder does.
        from multiprocessing import forkserver as mp_forkserver

        mp_forkserver.ensure_running()
    return cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, max_tasks_per_child=TASKS_PER_WORKER
    )


def stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Kill the workers now (shutdown() alone would wait for the tasks running)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- worker side

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
class EditionResult:
    code: str
    pdfs: dict[str, int] = field(default_factory=dict)  # file -> page count
    digests: dict[str, str] = field(default_factory=dict)  # file -> input digest (documents.py)
    kept: list[str] = field(default_factory=list)  # PDFs linked from the previous output, not rendered
    site_seconds: float = 0.0
    pdf_seconds: float = 0.0


@dataclass
class SiteDone:
    code: str
    pages: dict
    nav_order: list[str]
    documents: list[str]
    seconds: float
    pid: int
    peak_rss_mb: float


def site_task(root: str, edition, out_dir: str, today: str) -> SiteDone:
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.site import mkdocs_site

    project = _project(root, today)
    code = edition.code
    t0 = time.perf_counter()
    pages = mkdocs_site.build_site(project, edition, Path(out_dir))
    nav_order = nav_order_of(mkdocs_site.nav_for(project, edition))
    docs = [d.filename for d in pdf.documents(edition, nav_order)]
    return SiteDone(code, pages, nav_order, docs, time.perf_counter() - t0, os.getpid(), _peak_rss_mb())


def pdf_task(
    root: str,
    edition,
    pages: dict,
    nav_order: list[str],
    filename: str,
    out_dir: str,
    salt: str,
    previous: Previous | None,
) -> PdfDone:
    """Render one PDF, or keep the previous copy when its input digest is the one recorded for it."""
    from ecmguide.outputs.printed import pdf
    from ecmguide.pipeline import documents

    t0 = time.perf_counter()
    out = Path(out_dir)
    prepared = pdf.prepare(edition, pages, nav_order, filename, root=Path(root))
    digest = documents.digest(salt, filename, edition.edition_date, prepared[1], prepared[2])
    out.mkdir(parents=True, exist_ok=True)
    kept = previous is not None and previous.digest == digest and documents.keep(previous, out / filename)
    n = (
        previous.pages
        if kept
        else pdf.build_one(edition, pages, nav_order, filename, out, root=Path(root), prepared=prepared)
    )
    return PdfDone(edition.code, filename, n, digest, kept, time.perf_counter() - t0, os.getpid(), _peak_rss_mb())


def nav_order_of(nav) -> list[str]:
    out = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += nav_order_of(value) if isinstance(value, list) else [value]
    return out


# ---------------------------------------------------------------- builder side


def run_tasks(
    project: Project,
    editions: dict,
    staging: Path,
    with_pdf: bool,
    jobs: int,
    progress,
    meanwhile,
    salt: str = "",
    previous: dict[str, dict[str, Previous]] | None = None,
) -> tuple[list[EditionResult], dict[int, float]]:
    """Build the editions' sites, then their PDFs, in worker processes; returns results and peak memory.

    meanwhile() (the hub) runs in a thread of this process, so each edition's PDFs are handed to the
    workers the moment its site is built rather than after the hub; a failure in it fails the build.
    salt and previous (code -> file -> Previous): a PDF whose input digest (documents.py, salted) is the
    one recorded for its previous copy is kept rather than rendered.
    """
    from ecmguide.outputs.site import mkdocs_site

    previous = previous or {}
    root, today = str(project.root), project.today.isoformat()
    todo = sorted(editions)
    results = {code: EditionResult(code) for code in todo}
    pending_pdfs: dict[str, set[str]] = {}
    failures: list[Problem] = []
    workers: dict[int, float] = {}
    pool = new_pool(jobs)
    side = None
    try:
        # Workers get the editions validated here, so every output matches the digests just taken.
        waiting = {pool.submit(site_task, root, editions[c], str(staging / c), today) for c in todo}
        side = _Side(meanwhile)
        while waiting:
            done, waiting = cf.wait(waiting, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                try:
                    value = fut.result()
                except InputError as exc:
                    failures.extend(exc.problems)
                    continue
                if isinstance(value, SiteDone):
                    res = results[value.code]
                    res.site_seconds = value.seconds
                    workers[value.pid] = max(workers.get(value.pid, 0), value.peak_rss_mb)
                    if not with_pdf:
                        progress.step(f"{value.code} (site {value.seconds:.1f}s)")
                        continue
                    pending_pdfs[value.code] = set(value.documents)
                    out = str(staging / value.code / "downloads")
                    old = previous.get(value.code, {})
                    waiting |= {
                        pool.submit(
                            pdf_task,
                            root,
                            editions[value.code],
                            value.pages,
                            value.nav_order,
                            name,
                            out,
                            salt,
                            old.get(name),
                        )
                        for name in value.documents
                    }  # the guide is first: it takes longest
                else:
                    code, name = value.code, value.filename
                    res = results[code]
                    res.pdfs[name], res.digests[name] = value.pages, value.digest
                    if value.kept:
                        res.kept.append(name)
                    res.pdf_seconds += value.seconds
                    workers[value.pid] = max(workers.get(value.pid, 0), value.peak_rss_mb)
                    pending_pdfs[code].discard(name)
                    if not pending_pdfs[code]:
                        downloads = staging / code / "downloads"
                        edition = editions[code]
                        details = mkdocs_site.pdf_details(
                            edition, {n: ((downloads / n).stat().st_size, p) for n, p in res.pdfs.items()}
                        )
                        page = downloads / "index.html"
                        page.write_text(
                            mkdocs_site.fill_pdf_details(page.read_text(encoding="utf-8"), details, edition.lang),
                            encoding="utf-8",
                        )
                        progress.step(
                            f"{code} (site {res.site_seconds:.1f}s, {len(res.pdfs) - len(res.kept)} of "
                            f"{len(res.pdfs)} PDFs {res.pdf_seconds:.1f}s)"
                        )
            if failures:
                raise InputError(failures)
        side.result()
    except BaseException:
        stop_pool(pool)  # a failure, a code fault or a signal: stop at once rather than finish the queue
        if side is not None:
            side.wait()  # it writes into the staging folder that the caller is about to remove
        raise
    pool.shutdown(wait=True)
    return [results[c] for c in todo], workers


class _Side:
    """A function run in a thread beside the workers; result() waits for it and re-raises its error."""

    def __init__(self, fn):
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(fn,), name="ecmguide-meanwhile", daemon=True)
        self.thread.start()

    def _run(self, fn) -> None:
        try:
            fn()
        except BaseException as exc:  # handed to the builder's thread by result()
            self.error = exc

    def wait(self) -> None:
        while self.thread.is_alive():
            self.thread.join(0.1)  # in short steps, so a signal still reaches the main thread

    def result(self) -> None:
        self.wait()
        if self.error is not None:
            raise self.error
