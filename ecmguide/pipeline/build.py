"""Build orchestration: validate everything first, build changed editions in parallel workers,
then swap the finished tree into place.

The steps live in their own modules: state.py (digests for incremental builds), cache.py (editions
kept by digest), workers.py (the worker pool and signals), sharedassets.py (one copy of the theme for
the combined site), publish.py (the lock and the atomic swap). This module keeps their order;
shards.py reuses it to build one share of a sharded build and to merge the shares.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ecmguide.core.dates import source_date
from ecmguide.core.errors import InputError, Problem, errors_only
from ecmguide.editions.project import FALLBACK_EDITION_DATE, Project
from ecmguide.law import schema
from ecmguide.outputs.hub import hub_site
from ecmguide.pipeline import cache as edition_cache
from ecmguide.pipeline import documents, publish
from ecmguide.pipeline.sharedassets import Sharer
from ecmguide.pipeline.state import STATE_FILE, edition_digest, read_state, shared_digest
from ecmguide.pipeline.workers import EditionResult, nav_order_of, run_tasks, stop_on_signals

_nav_order = nav_order_of  # kept for bench.py and other callers
__all__ = ["build", "build_hub", "Summary", "EditionResult", "STATE_FILE", "shared_digest", "edition_digest"]


@dataclass
class Summary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)  # copied from the cache (--cache)
    pdfs: int = 0
    warnings: list[Problem] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    results: list[EditionResult] = field(default_factory=list)
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)

    def rendered(self) -> list[str]:
        """The documents rendered again, per edition built: its site, and its PDFs whose inputs changed."""
        if not self.built:
            return []
        by_code = {r.code: r for r in self.results}
        rows = [
            documents.summary_line(code, sorted(set(by_code[code].pdfs) - set(by_code[code].kept)), by_code[code].kept)
            if code in by_code
            else f"  {code}: the site"
            for code in self.built
        ]
        return ["Documents rendered:", *rows]

    def lines(self) -> list[str]:
        restored = f"restored {len(self.restored)} from the cache, " if self.restored else ""
        kept = sum(len(r.kept) for r in self.results)
        kept = f", kept {kept} unchanged" if kept else ""
        out = [
            f"Built {len(self.built)} edition(s), skipped {len(self.skipped)} unchanged, {restored}wrote {self.pdfs} "
            f"PDF(s){kept}, {len(self.warnings)} warning(s)."
        ]
        out += self.rendered()
        out.append("Time per phase: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items()))
        if self.worker_peak_rss_mb:  # one worker process per task (workers.TASKS_PER_WORKER)
            peaks = sorted(self.worker_peak_rss_mb.values(), reverse=True)
            out.append(f"Peak memory of a worker process (MiB): {peaks[0]:.0f} (over {len(peaks)} processes)")
        return out


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


def build(
    project: Project,
    *,
    only: list[str] | None = None,
    jobs: int | None = None,
    with_pdf: bool = True,
    out: Path | None = None,
    force: bool = False,
    cache: Path | None = None,
    shard: bool = False,
) -> Summary:
    """Build the editions asked for (all by default) and publish the combined site at out (site/).

    cache: a folder of editions kept by input digest (cache.py): editions found there are copied, the
    ones built are added. shard: build one share of a sharded build (shards.py): exactly the editions
    asked for, each self-contained, no hub; `make merge` assembles the shares.
    """
    summary = Summary()
    t_start = time.perf_counter()
    project = Project(project.root, project.today)  # read every file afresh: a build reflects the disk now
    target = output_folder(project, out)
    codes = project.published_codes()
    wanted = codes if only is None else only
    # 1. Validate every edition (and so every overlay it layers) before writing anything.
    summary.warnings = validate(project, wanted)
    keep = [] if shard else [c for c in codes if c not in wanted and (target / c).is_dir()]
    editions = [project.edition(c) for c in codes if c in wanted or c in keep]
    summary.phases["validate"] = time.perf_counter() - t_start

    # 2. Decide what to rebuild, and where unchanged editions come from (this folder or the cache).
    state_path = target / STATE_FILE
    old_state = read_state(state_path) if not force else {}
    shared = shared_digest(project)
    new_state: dict[str, dict] = {"editions": {}}
    sources: dict[str, Path] = {}
    previous: dict[str, dict] = {}  # of the editions to build: their PDFs published before (documents.py)
    todo = []
    for code in codes:
        if code in keep:  # published earlier and not asked for now: keep it as it is
            new_state["editions"][code] = old_state.get("editions", {}).get(code, {"digest": "kept"})
            sources[code] = target / code
        if code not in wanted:
            continue
        digest = edition_digest(project, code, shared) + ("+pdf" if with_pdf else "")
        new_state["editions"][code] = {"digest": digest}
        old = old_state.get("editions", {}).get(code, {})
        if old.get("digest") == digest and (target / code).is_dir():
            summary.skipped.append(code)
            sources[code] = target / code
            seconds = old.get("seconds")
            if old.get("documents"):
                new_state["editions"][code]["documents"] = old["documents"]
        elif cache and not force and (entry := edition_cache.lookup(cache, code, digest)):
            summary.restored.append(code)
            sources[code] = entry
            seconds = edition_cache.seconds(entry)
            if edition_cache.documents(entry):
                new_state["editions"][code]["documents"] = edition_cache.documents(entry)
        else:
            seconds = None
            todo.append(code)
            if with_pdf and (target / code).is_dir():
                previous[code] = documents.previous(old, target / code)
        if shard and isinstance(seconds, (int, float)):  # a shard's output records build times for the plan
            new_state["editions"][code]["seconds"] = seconds

    # 3. Build into a staging folder beside the output, on the same file system, one build at a time.
    with publishing(target, summary) as staging:
        _build_into(
            project,
            staging,
            target,
            editions,
            new_state,
            todo,
            sources,
            jobs,
            with_pdf,
            summary,
            cache=cache,
            hub_too=not shard,
            salt=shared,
            previous=previous,
        )
    if cache:
        current = {c: new_state["editions"][c]["digest"] for c in wanted}
        edition_cache.prune(cache, current, set(wanted) if shard else set(codes))  # a shard's cache: its share
    summary.phases["total"] = time.perf_counter() - t_start
    return summary


def output_folder(project: Project, out: Path | None) -> Path:
    given = Path(os.path.abspath(out or project.root / "site"))
    publish.check_target(given)  # before resolving: a `site` symlink must never be followed
    return given.parent.resolve() / given.name


def validate(project: Project, codes: list[str]) -> list[Problem]:
    """Every problem of these editions (and the overlays they layer); raise if any is an error."""
    from ecmguide.outputs import translations

    problems: list[Problem] = project.tree_problems() + translations.warnings(project.root)
    for code in codes:
        try:
            problems.extend(project._edition(code)[1])
        except InputError as exc:
            problems.extend(exc.problems)
    if errors_only(problems):
        raise InputError(sorted(set(problems)))
    return sorted(set(p for p in problems if p.severity == "warning"))


@contextlib.contextmanager
def publishing(target: Path, summary: Summary):
    """A staging folder beside target, swapped into target's place if the block succeeds (one at a time)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    publish.check_atomic(target)  # refuse now rather than publish non-atomically later
    with stop_on_signals():
        lock = publish.Lock(target)
        staging = None
        try:
            if lock.note:
                summary.warnings.append(Problem(str(lock.path), 0, "", lock.note, "warning"))
            publish.clean_stale_staging(target)
            staging = publish.new_staging(target)
            yield staging
            publish.publish(staging, target)
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            lock.release()


def _build_into(
    project: Project,
    staging: Path,
    target: Path,
    editions,
    new_state: dict,
    todo: list[str],
    sources: dict[str, Path],
    jobs: int | None,
    with_pdf: bool,
    summary: Summary,
    *,
    cache: Path | None = None,
    hub_too: bool = True,
    salt: str = "",
    previous: dict[str, dict] | None = None,
) -> None:
    t_build = time.perf_counter()
    jobs = max(1, jobs or os.cpu_count() or 1)
    hub_editions = [e for e in editions if e.code in new_state["editions"]]
    hub_seconds = []

    def hub_job():  # runs in this process while the workers build editions
        if not hub_too:
            return
        t_hub = time.perf_counter()
        build_hub(project, hub_editions, staging)
        hub_seconds.append(time.perf_counter() - t_hub)

    if todo:
        tasks_per_edition = 1 + (1 + len(schema.DISCIPLINES) if with_pdf else 0)  # site, guide, handouts
        summary.results, summary.worker_peak_rss_mb = run_tasks(
            project,
            {e.code: e for e in editions if e.code in todo},
            staging,
            with_pdf,
            min(jobs, len(todo) * tasks_per_edition),
            Progress(len(todo)),
            hub_job,
            salt,
            previous,
        )
        summary.pdfs = sum(len(r.pdfs) - len(r.kept) for r in summary.results)
    else:
        hub_job()
    summary.built = sorted(todo)
    summary.phases["editions"] = time.perf_counter() - t_build
    for r in summary.results:
        if r.pdfs:  # each PDF's input digest, so the next build renders only the PDFs whose inputs change
            new_state["editions"][r.code]["documents"] = documents.records(r.pdfs, r.digests)
        if not hub_too:  # a shard's output records build times for the plan (shards.py)
            new_state["editions"][r.code]["seconds"] = round(r.site_seconds + r.pdf_seconds, 3)
        if cache:  # self-contained, before the combined site shares the theme's files
            edition_cache.store(
                cache,
                r.code,
                new_state["editions"][r.code]["digest"],
                staging / r.code,
                r.site_seconds + r.pdf_seconds,
                new_state["editions"][r.code].get("documents"),
            )
    for code, source in sorted(sources.items()):
        publish.link_tree(source, staging / code)
    if hub_seconds:
        summary.phases["hub (overlapped)"] = hub_seconds[0]
    if hub_too:
        t_share = time.perf_counter()
        sharer = Sharer(staging, target / "assets")
        for code in sorted(new_state["editions"]):
            sharer.share(staging / code)
        summary.phases["shared assets"] = time.perf_counter() - t_share
    (staging / STATE_FILE).write_text(json.dumps(new_state, indent=1, sort_keys=True) + "\n")


def build_hub(project: Project, editions, staging: Path) -> None:
    """Build the hub (picker, coverage, compare) as a small Material site at the top of staging."""
    from ecmguide.outputs.site.mkdocs_site import build_hub_site

    with tempfile.TemporaryDirectory(prefix="ecm-hub-") as tmp:
        docs, site_dir = Path(tmp) / "docs", Path(tmp) / "site"
        hub_site.write_docs(project, editions, docs)
        (docs / "assets").mkdir()
        shutil.copytree(project.root / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
        with source_date(max((e.edition_date for e in editions), default=FALLBACK_EDITION_DATE)):
            build_hub_site(
                project,
                docs,
                site_dir,
                site_name="ECM Guide: choose your jurisdiction",
                plugins=["search"],
                extra={"edition": "", "generator": False},
                extra_javascript=["assets/js/checklist.js", "assets/js/picker.js"],
                nav=hub_site.nav(project),
            )
        for item in site_dir.iterdir():
            dest = staging / item.name
            if item.is_dir():
                shutil.copytree(item, dest)
            else:
                shutil.copy2(item, dest)
