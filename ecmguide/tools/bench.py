"""Benchmark: the project's build against the plain approach, measured side by side in one run.

Rows (the same editions for each): a plain shell-style loop of `mkdocs build -f` and the
`weasyprint` command line; the full parallel build; a no-change rebuild; a one-overlay-change
rebuild; and the floor (mkdocs and WeasyPrint rendering alone, warm, divided by the workers).
Synthetic local editions (50, 200, 500) are built as sites only, as 4 shards one after the other,
then merged: per-shard and merge times, a fit of shard time against its editions, and from it the
wall time on 1, 4 and 16 runners with PDF time extrapolated from the real build's measured PDF time
per edition. Size per edition is measured on the real build (with PDFs): in the combined site, which
shares one copy of the theme, and self-contained, as a task force deploys it alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ecmguide.editions.project import Project
from ecmguide.pipeline import shards, sharedassets
from ecmguide.pipeline.build import _nav_order, build

SUBSET = ["us", "ca", "ca-example", "tx", "ny", "fl", "pa", "il", "oh", "ga", "wa", "pr", "mi", "nc", "az", "ma"]
CHANGED = "tx"
BENCH_SHARDS = 4
RUNNERS = (1, 4, 16)
JOB_OVERHEAD = 60.0  # assumed, not measured: one CI job's start, checkout, Python and dependencies, artifacts
MB = 1024 * 1024


def bench_project(repo: Path, tmp: Path) -> Project:
    """A throwaway copy (code linked, pages and data copied) that the benchmark may edit."""
    root = tmp / "project"
    root.mkdir()
    for name in ("ecmguide", "macros.py", "mkdocs.yml"):
        (root / name).symlink_to(repo / name)
    shutil.copytree(repo / "docs", root / "docs")  # the build refuses links where it reads pages and data
    shutil.copytree(repo / "overlays", root / "overlays")
    shutil.copytree(repo / "jurisdictions", root / "jurisdictions")
    return Project(root)


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


@dataclass
class PrintJob:
    """One PDF as the build renders it: its HTML (also on disk for the command line), images and fitting."""

    html: Path
    out: Path
    images: dict
    handout: bool


def prepare_print_html(project: Project, codes: list[str], tmp: Path) -> list[PrintJob]:
    """The documents of the build, prepared as the build prepares them (made outside the timing)."""
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.site import mkdocs_site

    jobs = []
    for code in codes:
        edition = project.edition(code)
        out = tmp / "prep" / code
        pages = mkdocs_site.build_site(project, edition, out)
        nav = _nav_order(mkdocs_site.nav_for(project, edition))
        for doc in pdf.documents(edition, nav):
            _, text, images = pdf.prepare(edition, pages, nav, doc.filename, project.root)
            html = tmp / "prep-html" / code / (doc.filename[:-4] + ".html")
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(text, encoding="utf-8")
            jobs.append(PrintJob(html, tmp / "plain-pdf" / code / doc.filename, images, bool(doc.discipline)))
    return jobs


def plain_loop(project: Project, codes: list[str], html_jobs: list[PrintJob], tmp: Path) -> float:
    """What a user would script: one cold `mkdocs build` per edition, one cold `weasyprint` per PDF."""
    from ecmguide.outputs.printed import pdf

    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project.root))
    configs = []
    for code in codes:
        cfg = project.root / f"mkdocs-{code}.yml"
        cfg.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {tmp / 'plain' / code}\nextra:\n  edition: {code}\n")
        configs.append(cfg)
    t0 = time.perf_counter()
    for cfg in configs:
        subprocess.run([str(bin_dir / "mkdocs"), "build", "-q", "-f", str(cfg)], check=True, env=env, cwd=project.root)
    for job in html_jobs:  # the command line lays each document out once and embeds no image
        job.out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                str(bin_dir / "weasyprint"),
                "-q",
                "--pdf-variant",
                "pdf/ua-1",
                "-s",
                str(pdf.CSS_PATH),
                str(job.html),
                str(job.out),
            ],
            check=True,
            env=env,
        )
    return time.perf_counter() - t0


def floor(project: Project, codes: list[str], html_jobs: list[PrintJob], tmp: Path, workers: int) -> float:
    """mkdocs rendering alone plus WeasyPrint rendering alone, in one warm process, per worker."""
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.site import mkdocs_site

    warm = project.edition(codes[0])
    mkdocs_site.build_site(project, warm, tmp / "warm")  # imports, theme and plugins loaded before timing
    pdf.render(html_jobs[0].html.read_text(encoding="utf-8"), tmp / "warm.pdf", str(tmp), html_jobs[0].images)
    total = 0.0
    for code in codes:
        edition = project.edition(code)
        seconds, _ = _timed(lambda: mkdocs_site.build_site(project, edition, tmp / "floor" / code))
        total += seconds
    for job in html_jobs:  # the same layout work as the build: images embedded, handouts fitted to their pages
        text = job.html.read_text(encoding="utf-8")
        seconds, _ = _timed(lambda: pdf.render(text, tmp / "floor.pdf", str(tmp), job.images, handout_fit=job.handout))
        total += seconds
    return total / workers


def synthetic_project(repo: Path, tmp: Path, n: int) -> Project:
    """A project whose editions are N generated local editions (each layering us and ca)."""
    project = bench_project(repo, tmp)
    for path in project.jurisdictions_dir.glob("*.yml"):
        path.unlink()
    for i in range(n):
        (project.jurisdictions_dir / f"ca-syn{i:03d}.yml").write_text(
            f'code: ca-syn{i:03d}\noverlays: [us, ca]\ntitle: "Synthetic edition {i}"\n'
            f'task_force:\n  name: "Synthetic task force {i}"\n'
        )
    return Project(project.root)


def sharded(repo: Path, counts: list[int], workers: int, n_shards: int = BENCH_SHARDS) -> dict[int, dict]:
    """Sites of N synthetic editions built as n_shards shards in sequence on this machine, then merged."""
    out = {}
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="ecm-syn-") as tmp_name:
            tmp = Path(tmp_name)
            project = synthetic_project(repo, tmp, n)
            plan_s, plan = _timed(lambda: shards.make_plan(project, n_shards, with_pdf=False))
            (tmp / "plan.json").write_text(json.dumps(plan))
            dirs, times = [tmp / f"shard{i}" for i in range(1, n_shards + 1)], []
            for i, d in enumerate(dirs, 1):
                seconds, _ = _timed(
                    lambda: shards.build_shard(
                        project, tmp / "plan.json", f"{i}/{n_shards}", out=d, jobs=workers, with_pdf=False
                    )
                )
                times.append(seconds)
            merge_s, _ = _timed(lambda: shards.merge(project, dirs, out=tmp / "site"))
            out[n] = {
                "plan_seconds": plan_s,
                "shard_editions": [len(s) for s in plan["shards"]],
                "shard_seconds": times,
                "merge_seconds": merge_s,
            }
    return out


def fit(rows: dict) -> tuple[float, float]:
    """Least squares: seconds of one shard = a + b * editions in it."""
    points = [(k, t) for r in rows.values() for k, t in zip(r["shard_editions"], r["shard_seconds"], strict=True)]
    mk, mt = sum(k for k, _ in points) / len(points), sum(t for _, t in points) / len(points)
    b = sum((k - mk) * (t - mt) for k, t in points) / max(sum((k - mk) ** 2 for k, _ in points), 1e-9)
    return mt - b * mk, b


def estimates(rows: dict, a: float, b: float, pdf_per_edition: float, workers: int) -> dict[int, dict[int, float]]:
    """Wall seconds for N editions on r runners: plan, the largest shard (sites fitted, PDFs extrapolated),
    the merge (measured here), and JOB_OVERHEAD for each of the three jobs in sequence (plan, shard, merge)."""
    out = {}
    for n, row in rows.items():
        per = b + pdf_per_edition / workers
        out[n] = {
            r: row["plan_seconds"] + a + -(-n // r) * per + row["merge_seconds"] + 3 * JOB_OVERHEAD for r in RUNNERS
        }
    return out


def edition_sizes(site: Path, codes: list[str]) -> dict:
    """Mean size and files per edition in the combined site and self-contained (its shared theme files back)."""
    combined = own = combined_files = own_files = 0
    for code in codes:
        files = [p for p in (site / code).rglob("*") if p.is_file()]
        names = sharedassets.read_manifest(site / code)
        size = sum(p.stat().st_size for p in files)
        combined, combined_files = combined + size, combined_files + len(files)
        own += size + sum((site / "assets" / n).stat().st_size for n in names)
        own_files += len(files) - 1 + len(names) if names else len(files)
    hub = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] not in codes)
    n = len(codes)
    return {
        "combined_mb": combined / n / MB,
        "self_contained_mb": own / n / MB,
        "combined_files": combined_files / n,
        "self_contained_files": own_files / n,
        "hub_mb": hub / MB,
    }


def run(repo: Path, workers: int = 2, synthetic_counts=(50, 200, 500), log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="ecm-bench-") as tmp_name:
        tmp = Path(tmp_name)
        project = bench_project(repo, tmp)
        codes = SUBSET
        log(f"Benchmark on {len(codes)} editions ({', '.join(codes)}), {workers} workers")
        html_jobs = prepare_print_html(project, codes, tmp)
        plain = plain_loop(project, codes, html_jobs, tmp)
        log(f"  plain loop (mkdocs build -f + weasyprint CLI): {plain:.1f}s")
        out = tmp / "site"
        full, summary = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers, force=True))
        log(f"  full build: {full:.1f}s ({summary.pdfs} PDFs)")
        sizes = edition_sizes(out, codes)
        pdf_per_edition = sum(r.pdf_seconds for r in summary.results) / len(summary.results)
        nochange, _ = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers))
        log(f"  no-change rebuild: {nochange:.2f}s")
        path = project.overlays_dir / f"{CHANGED}.yml"
        path.write_text(re.sub(r'(summary: ")', r"\1(benchmark edit) ", path.read_text(encoding="utf-8"), count=1))
        onechange, one_summary = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers))
        assert one_summary.built == [CHANGED], one_summary.built
        log(
            f"  one-overlay change ({CHANGED}): {onechange:.1f}s; "
            + "; ".join(line.strip() for line in one_summary.rendered()[1:])
        )
        floor_s = floor(project, codes, html_jobs, tmp, workers)
        log(f"  floor (warm rendering only / {workers} workers): {floor_s:.1f}s")
    log(f"  synthetic local editions {', '.join(map(str, synthetic_counts))}: {BENCH_SHARDS} shards each, sites only")
    rows = sharded(repo, list(synthetic_counts), workers)
    a, b = fit(rows)
    syn = {n: sum(r["shard_seconds"]) for n, r in rows.items()}
    peaks = sorted(summary.worker_peak_rss_mb.values(), reverse=True)
    result = {
        "editions": codes,
        "pdfs": summary.pdfs,
        "workers": workers,
        "seconds": {
            "plain_loop": plain,
            "full_build": full,
            "no_change": nochange,
            "one_change": onechange,
            "floor": floor_s,
        },
        "ratios": {
            "full_over_plain": full / plain,
            "no_change_over_full": nochange / full,
            "one_change_over_full": onechange / full,
            "full_over_floor": full / floor_s,
        },
        "targets": {
            "full_over_plain": 0.4,
            "no_change_over_full": 0.05,
            "one_change_over_full": 0.08,  # issue #22 item 7 (was 0.10)
            "full_over_floor": 1.3,
            "peak_worker_mib": 1024,
        },
        "one_change_rendered": [line.strip() for line in one_summary.rendered()[1:]],
        "peak_worker_mib": peaks,
        "synthetic_site_only": {str(n): {"seconds": s, "per_edition": s / n} for n, s in syn.items()},
        "sharded": {
            "shards": BENCH_SHARDS,
            "rows": {str(n): r for n, r in rows.items()},
            "fit_seconds_per_shard": a,
            "fit_seconds_per_edition": b,
            "pdf_worker_seconds_per_edition": pdf_per_edition,
            "job_overhead_assumed": JOB_OVERHEAD,
            "estimated_wall_seconds": {
                str(n): {str(r): v for r, v in e.items()}
                for n, e in estimates(rows, a, b, pdf_per_edition, workers).items()
            },
        },
        "size_per_edition": sizes,
    }
    return result


def report(result: dict) -> str:
    r, t = result["ratios"], result["targets"]
    lines = ["", f"{'measure':<34}{'value':>10}{'target':>10}  met"]
    for key, label in (
        ("full_over_plain", "full build / plain loop"),
        ("no_change_over_full", "no-change / full"),
        ("one_change_over_full", "one-overlay change / full"),
        ("full_over_floor", "full build / floor"),
    ):
        lines.append(f"{label:<34}{r[key]:>10.3f}{t[key]:>10.2f}  {'yes' if r[key] <= t[key] else 'NO'}")
    peak = max(result["peak_worker_mib"])
    lines.append(
        f"{'peak memory per worker (MiB)':<34}{peak:>10.0f}{t['peak_worker_mib']:>10}  {'yes' if peak < t['peak_worker_mib'] else 'NO'}"
    )
    syn = result["synthetic_site_only"]
    per = {n: v["per_edition"] for n, v in syn.items()}
    lines.append(
        "synthetic local editions (sites only): "
        + ", ".join(f"{n} editions {v['seconds']:.1f}s ({per[n]:.3f}s each)" for n, v in syn.items())
    )
    ns = sorted(per, key=int)
    lines.append(f"per-edition cost ratio {ns[-1]}/{ns[0]}: {per[ns[-1]] / per[ns[0]]:.2f} (1.00 = linear)")
    return "\n".join(lines + shard_report(result))


def shard_report(result: dict) -> list[str]:
    sh, size, w = result["sharded"], result["size_per_edition"], result["workers"]
    lines = [
        "",
        f"sharded builds: synthetic local editions, sites built here as {sh['shards']} shards one after "
        f"the other ({w} workers), then merged",
    ]
    lines.append(f"{'editions':>9}  {'per-shard seconds (editions)':<44}{'merge':>8}")
    for n, r in sh["rows"].items():
        cells = " ".join(f"{t:.1f} ({k})" for t, k in zip(r["shard_seconds"], r["shard_editions"], strict=True))
        lines.append(f"{n:>9}  {cells:<44}{r['merge_seconds']:>7.1f}s")
    a, b, pdf = sh["fit_seconds_per_shard"], sh["fit_seconds_per_edition"], sh["pdf_worker_seconds_per_edition"]
    lines.append(
        f"shard time fitted as {a:.1f}s + {b:.3f}s per edition (sites); PDFs not built here: "
        f"{pdf:.1f}s of worker time per edition measured on the full build above, /{w} workers"
    )
    lines.append(
        f"estimated wall time with PDFs: plan + largest shard + merge + 3 jobs x {sh['job_overhead_assumed']:.0f}s "
        "(CI job start-up and artifacts: assumed, not measured)"
    )
    lines.append(f"{'editions':>9}" + "".join(f"{str(r) + ' runner' + ('s' if r > 1 else ''):>14}" for r in RUNNERS))
    for n, e in sh["estimated_wall_seconds"].items():
        lines.append(f"{n:>9}" + "".join(f"{e[str(r)] / 60:>10.1f} min" for r in RUNNERS))
    lines.append(
        f"size per edition (real editions, with PDFs): {size['self_contained_mb']:.2f} MB and "
        f"{size['self_contained_files']:.0f} files self-contained; {size['combined_mb']:.2f} MB and "
        f"{size['combined_files']:.0f} files in the combined site (one shared theme); hub {size['hub_mb']:.1f} MB"
    )
    for n in (57, 500):
        lines.append(
            f"  {n} editions: {n * size['self_contained_mb'] / 1024:.2f} GB if self-contained, "
            f"{(size['hub_mb'] + n * size['combined_mb']) / 1024:.2f} GB combined "
            f"(GitHub Pages publishes at most 1 GB), {n * size['combined_files']:.0f} files"
        )
    return lines
