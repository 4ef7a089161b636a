"""Benchmark: the project's build against the plain approach, measured side by side in one run.

Rows (the same editions for each): a plain shell-style loop of `mkdocs build -f` and the
`weasyprint` command line; the full parallel build; a no-change rebuild; a one-overlay-change
rebuild; and the floor (mkdocs and WeasyPrint rendering alone, warm, divided by the workers).
A synthetic run of local editions shows that cost grows linearly with the number of editions.
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
from pathlib import Path

from .build import _nav_order, build
from .project import Project

SUBSET = ["us", "ca", "ca-example", "tx", "ny", "fl", "pa", "il", "oh", "ga", "wa", "pr", "mi", "nc", "az", "ma"]
CHANGED = "tx"


def bench_project(repo: Path, tmp: Path) -> Project:
    """A throwaway copy (pages and code linked, data copied) that the benchmark may edit."""
    root = tmp / "project"
    root.mkdir()
    for name in ("ecmguide", "macros.py", "mkdocs.yml", "docs"):
        (root / name).symlink_to(repo / name)
    shutil.copytree(repo / "overlays", root / "overlays")
    shutil.copytree(repo / "jurisdictions", root / "jurisdictions")
    return Project(root)


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def prepare_print_html(project: Project, codes: list[str], tmp: Path) -> list[tuple[Path, Path]]:
    """The HTML files the plain loop hands to the weasyprint command line (made outside the timing)."""
    from . import pdf, printcollect, site
    jobs = []
    for code in codes:
        edition = project.edition(code)
        out = tmp / "prep" / code
        site.build_site(project, edition, out)
        pages = printcollect.pages(str(out))
        nav = _nav_order(site.nav_for(project, edition))
        for doc in pdf.documents(edition, nav):
            html = tmp / "prep-html" / code / (doc.filename[:-4] + ".html")
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(pdf.document_html(edition, doc, pages), encoding="utf-8")
            jobs.append((html, tmp / "plain-pdf" / code / doc.filename))
    return jobs


def plain_loop(project: Project, codes: list[str], html_jobs: list[tuple[Path, Path]], tmp: Path) -> float:
    """What a user would script: one cold `mkdocs build` per edition, one cold `weasyprint` per PDF."""
    from . import pdf
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project.root))
    configs = []
    for code in codes:
        cfg = project.root / f"mkdocs-{code}.yml"
        cfg.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {tmp / 'plain' / code}\nextra:\n  edition: {code}\n")
        configs.append(cfg)
    t0 = time.perf_counter()
    for cfg in configs:
        subprocess.run([str(bin_dir / "mkdocs"), "build", "-q", "-f", str(cfg)], check=True, env=env,
                       cwd=project.root)
    for html, out in html_jobs:
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(bin_dir / "weasyprint"), "-q", "--pdf-variant", "pdf/ua-1", "-s", str(pdf.CSS_PATH),
                        str(html), str(out)], check=True, env=env)
    return time.perf_counter() - t0


def floor(project: Project, codes: list[str], html_jobs: list[tuple[Path, Path]], tmp: Path, workers: int) -> float:
    """mkdocs rendering alone plus WeasyPrint rendering alone, in one warm process, per worker."""
    from . import pdf, printcollect, site
    warm = project.edition(codes[0])
    site.build_site(project, warm, tmp / "warm")  # imports, theme and plugins loaded before timing
    pdf.render(html_jobs[0][0].read_text(encoding="utf-8"), tmp / "warm.pdf", str(tmp))
    total = 0.0
    for code in codes:
        edition = project.edition(code)
        seconds, _ = _timed(lambda: site.build_site(project, edition, tmp / "floor" / code))
        printcollect.forget(str(tmp / "floor" / code))
        total += seconds
    for html, out in html_jobs:
        text = html.read_text(encoding="utf-8")
        seconds, _ = _timed(lambda: pdf.render(text, tmp / "floor.pdf", str(tmp)))
        total += seconds
    return total / workers


def synthetic(repo: Path, counts: list[int], workers: int) -> dict[int, float]:
    """Site-only build time for N generated local editions (each layering us and ca)."""
    out = {}
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="ecm-syn-") as tmp:
            project = bench_project(repo, Path(tmp))
            for path in project.jurisdictions_dir.glob("*.yml"):
                path.unlink()
            for i in range(n):
                (project.jurisdictions_dir / f"ca-syn{i:03d}.yml").write_text(
                    f'code: ca-syn{i:03d}\noverlays: [us, ca]\ntitle: "Synthetic edition {i}"\n'
                    f'task_force:\n  name: "Synthetic task force {i}"\n')
            seconds, _ = _timed(lambda: build(project, out=Path(tmp) / "site", with_pdf=False, jobs=workers))
            out[n] = seconds
    return out


def run(repo: Path, workers: int = 2, synthetic_counts=(50, 200), log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="ecm-bench-") as tmp_name:
        tmp = Path(tmp_name)
        project = bench_project(repo, tmp)
        codes = SUBSET
        log(f"Benchmark on {len(codes)} editions ({', '.join(codes)}), {len(codes) * 6} PDFs, {workers} workers")
        html_jobs = prepare_print_html(project, codes, tmp)
        plain = plain_loop(project, codes, html_jobs, tmp)
        log(f"  plain loop (mkdocs build -f + weasyprint CLI): {plain:.1f}s")
        out = tmp / "site"
        full, summary = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers, force=True))
        log(f"  full build: {full:.1f}s")
        nochange, _ = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers))
        log(f"  no-change rebuild: {nochange:.2f}s")
        path = project.overlays_dir / f"{CHANGED}.yml"
        path.write_text(re.sub(r'(summary: ")', r"\1(benchmark edit) ", path.read_text(encoding="utf-8"), count=1))
        onechange, one_summary = _timed(lambda: build(Project(project.root), only=codes, out=out, jobs=workers))
        assert one_summary.built == [CHANGED], one_summary.built
        log(f"  one-overlay change ({CHANGED}): {onechange:.1f}s")
        floor_s = floor(project, codes, html_jobs, tmp, workers)
        log(f"  floor (warm rendering only / {workers} workers): {floor_s:.1f}s")
    syn = synthetic(repo, list(synthetic_counts), workers)
    peaks = sorted(summary.worker_peak_rss_mb.values(), reverse=True)
    result = {
        "editions": codes, "pdfs": len(codes) * 6, "workers": workers,
        "seconds": {"plain_loop": plain, "full_build": full, "no_change": nochange, "one_change": onechange,
                    "floor": floor_s},
        "ratios": {"full_over_plain": full / plain, "no_change_over_full": nochange / full,
                   "one_change_over_full": onechange / full, "full_over_floor": full / floor_s},
        "targets": {"full_over_plain": 0.4, "no_change_over_full": 0.05, "one_change_over_full": 0.1,
                    "full_over_floor": 1.3, "peak_worker_mib": 1024},
        "peak_worker_mib": peaks,
        "synthetic_site_only": {str(n): {"seconds": s, "per_edition": s / n} for n, s in syn.items()},
    }
    return result


def report(result: dict) -> str:
    r, t = result["ratios"], result["targets"]
    lines = ["", f"{'measure':<34}{'value':>10}{'target':>10}  met"]
    for key, label in (("full_over_plain", "full build / plain loop"), ("no_change_over_full", "no-change / full"),
                       ("one_change_over_full", "one-overlay change / full"), ("full_over_floor", "full build / floor")):
        lines.append(f"{label:<34}{r[key]:>10.3f}{t[key]:>10.2f}  {'yes' if r[key] <= t[key] else 'NO'}")
    peak = max(result["peak_worker_mib"])
    lines.append(f"{'peak memory per worker (MiB)':<34}{peak:>10.0f}{t['peak_worker_mib']:>10}  {'yes' if peak < t['peak_worker_mib'] else 'NO'}")
    syn = result["synthetic_site_only"]
    per = {n: v["per_edition"] for n, v in syn.items()}
    lines.append("synthetic local editions (sites only): " + ", ".join(
        f"{n} editions {v['seconds']:.1f}s ({per[n]:.3f}s each)" for n, v in syn.items()))
    ns = sorted(per, key=int)
    lines.append(f"per-edition cost ratio {ns[-1]}/{ns[0]}: {per[ns[-1]] / per[ns[0]]:.2f} (1.00 = linear)")
    return "\n".join(lines)
