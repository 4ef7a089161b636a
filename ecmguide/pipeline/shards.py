"""Sharded builds: hundreds of editions over n machines (a GitHub Actions matrix), one site/ at the end.

- plan: `make plan SHARDS=n` (or auto) splits the editions into n shares of about equal cost, written
  as JSON. Cost is an edition's measured build time (recorded by the shards of an earlier run and
  merged into .build/timings.json) or else an estimate. The plan depends only on the set of editions,
  their costs and the previous plan, never on the order files are listed in, and every edition is in
  exactly one share. An edition stays in its previous share while that share is within 15 % of an even
  load, so a shard's cache (keyed by shard) still holds its editions on the next run.
- shard: `make build SHARD=i/n PLAN=…` builds exactly share i (build.build(shard=True)): self-contained
  editions and a .build-state.json with their digests and build times, no hub.
- merge: `make merge DIRS="…"` checks that the shares hold every edition of this checkout exactly
  once, built from these inputs, then assembles them like a one-machine build (hub from the full set,
  one shared copy of the theme) and publishes atomically; on any problem site/ is left untouched.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

from ecmguide.core.errors import InputError, Problem
from ecmguide.editions.project import Project
from ecmguide.pipeline.build import Summary, _build_into, build, output_folder, publishing, validate
from ecmguide.pipeline.state import STATE_FILE, edition_digest, read_state, shared_digest

PLAN_VERSION = 1
# Seconds of one worker per edition when nothing was measured yet (make bench: about 0.7 s for the site
# and 7 s for its six PDFs; a local page adds to the site and to the PDFs).
ESTIMATE_SITE, ESTIMATE_PDF, ESTIMATE_LOCAL_PAGE = 0.7, 7.0, 0.3
RUNNER_WORKERS = 2  # cores of a GitHub-hosted runner as used here (and of `make bench`'s machine)
TARGET_SHARD_SECONDS = 300.0  # SHARDS=auto: one runner for each 5 minutes of building
MAX_SHARDS = 256  # GitHub Actions runs at most 256 jobs from one matrix
STICKY = 1.15


def _error(where: str, message: str) -> InputError:
    return InputError([Problem(where, 0, "", message)])


def read_json(path: Path | None) -> dict:
    """A JSON object from path, or {} when the file is missing or damaged (a plan then starts afresh)."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def estimate(edition, with_pdf: bool = True) -> float:
    return ESTIMATE_SITE + (ESTIMATE_PDF if with_pdf else 0.0) + ESTIMATE_LOCAL_PAGE * len(edition.extra_pages)


def assign(costs: dict[str, float], n: int, previous: dict[str, int] | None = None) -> list[list[str]]:
    """Split editions into n shares: largest first onto the lightest share (ties: lowest index),
    after keeping editions in their previous share while it stays within STICKY of an even load."""
    order = sorted(costs, key=lambda c: (-costs[c], c))
    loads, shares, placed = [0.0] * n, [[] for _ in range(n)], set()
    if previous:
        cap = max(sum(costs.values()) / n * STICKY, max(costs.values(), default=0.0))
        for code in order:
            i = previous.get(code)
            if isinstance(i, int) and 0 <= i < n and loads[i] + costs[code] <= cap:
                shares[i].append(code)
                loads[i] += costs[code]
                placed.add(code)
    for code in order:
        if code not in placed:
            i = min(range(n), key=lambda k: (loads[k], k))
            shares[i].append(code)
            loads[i] += costs[code]
    return [sorted(share) for share in shares]


def auto_count(total_seconds: float, editions: int) -> int:
    """Shards for SHARDS=auto: one per TARGET_SHARD_SECONDS of a runner's wall time, 1 to 256."""
    wanted = math.ceil(total_seconds / RUNNER_WORKERS / TARGET_SHARD_SECONDS)
    return max(1, min(MAX_SHARDS, editions, wanted))


def make_plan(
    project: Project,
    shards: int | None = None,
    *,
    with_pdf: bool = True,
    timings: dict | None = None,
    previous: dict | None = None,
) -> dict:
    """The plan for this checkout's editions; shards=None picks the count from the estimated work."""
    codes = project.published_codes()
    measured = (timings or {}).get("seconds", {}) if (timings or {}).get("with_pdf") == with_pdf else {}
    costs, sources = {}, {}
    for code in codes:
        value = measured.get(code)
        if isinstance(value, (int, float)) and value > 0:
            costs[code], sources[code] = float(value), "measured"
        else:
            costs[code], sources[code] = estimate(project.edition(code), with_pdf), "estimated"
    if shards is None:
        shards = auto_count(sum(costs.values()), len(codes))
    if not 1 <= shards <= MAX_SHARDS:
        raise _error("SHARDS", f"{shards} is not between 1 and {MAX_SHARDS} (GitHub Actions' limit of jobs per matrix)")
    before = (previous or {}).get("shards")
    sticky = (
        {c: i for i, share in enumerate(before) for c in share}
        if isinstance(before, list) and len(before) == shards and all(isinstance(s, list) for s in before)
        else None
    )
    shares = assign(costs, shards, sticky)
    return {
        "version": PLAN_VERSION,
        "with_pdf": with_pdf,
        "editions": codes,
        "shards": shares,
        "seconds": {c: round(costs[c], 3) for c in codes},
        "measured": sorted(c for c in codes if sources[c] == "measured"),
        "shard_seconds": [round(sum(costs[c] for c in share), 1) for share in shares],
    }


def plan_lines(plan: dict) -> list[str]:
    loads = plan["shard_seconds"]
    return [
        f"{len(plan['editions'])} edition(s) in {len(plan['shards'])} shard(s) "
        f"({len(plan['measured'])} costs measured, {len(plan['editions']) - len(plan['measured'])} estimated); "
        f"work per shard {min(loads):.0f}-{max(loads):.0f} worker-seconds, "
        f"about {max(loads) / RUNNER_WORKERS / 60:.1f} min on a {RUNNER_WORKERS}-core runner"
    ]


def github_output(plan: dict) -> str:
    """Lines for $GITHUB_OUTPUT: the shard count and the matrix of shard numbers (1..n)."""
    n = len(plan["shards"])
    return f"count={n}\nshards={json.dumps(list(range(1, n + 1)))}\n"


def parse_spec(spec: str) -> tuple[int, int]:
    i, sep, n = spec.partition("/")
    if not (sep and i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise _error("SHARD", f"{spec!r} is not i/n with 1 <= i <= n, e.g. SHARD=2/16")
    return int(i), int(n)


def share_of(project: Project, plan: dict, plan_name: str, spec: str) -> list[str]:
    """The editions of shard i/n, after checking that the plan is for this checkout's editions."""
    i, n = parse_spec(spec)
    if plan.get("version") != PLAN_VERSION or not isinstance(plan.get("shards"), list):
        raise _error(plan_name, "is not a plan written by this version; run make plan SHARDS=n")
    if len(plan["shards"]) != n:
        raise _error(plan_name, f"has {len(plan['shards'])} shard(s), not {n}; use SHARD=i/{len(plan['shards'])}")
    codes = project.published_codes()
    added = sorted(set(codes) - set(plan.get("editions", [])))
    removed = sorted(set(plan.get("editions", [])) - set(codes))
    if added or removed:
        raise _error(
            plan_name,
            "was made for other editions ("
            + "; ".join(
                part
                for part in (
                    f"new: {', '.join(added)}" if added else "",
                    f"gone: {', '.join(removed)}" if removed else "",
                )
                if part
            )
            + "); run make plan again",
        )
    return list(plan["shards"][i - 1])


def build_shard(
    project: Project,
    plan_path: Path,
    spec: str,
    *,
    out: Path | None = None,
    jobs: int | None = None,
    with_pdf: bool = True,
    cache: Path | None = None,
) -> Summary:
    plan = read_json(plan_path)
    if not plan:
        raise _error(str(plan_path), "no plan here; run make plan SHARDS=n first")
    codes = share_of(project, plan, str(plan_path), spec)
    out = out or project.root / "shards" / str(parse_spec(spec)[0])
    return build(project, only=codes, out=out, jobs=jobs, with_pdf=with_pdf, cache=cache, shard=True)


def _found(dirs: list[Path]) -> tuple[dict[str, list[tuple[Path, dict]]], list[Problem]]:
    """What each shard output holds, by edition; problems with outputs that are not a shard's."""
    found: dict[str, list[tuple[Path, dict]]] = {}
    problems = []
    for d in dirs:
        if not (d / STATE_FILE).is_file() or d.is_symlink():
            problems.append(
                Problem(str(d), 0, "", f"is not a shard's output (no {STATE_FILE}); build it with make build SHARD=i/n")
            )
            continue
        listed = read_state(d / STATE_FILE).get("editions", {})
        folders = {p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith(".")}
        for name in sorted(folders - set(listed)):
            problems.append(Problem(str(d / name), 0, "", "is not an edition this shard built"))
        for code, record in sorted(listed.items()):
            if code in folders and isinstance(record, dict):
                found.setdefault(code, []).append((d, record))
            else:
                problems.append(Problem(str(d), 0, "", f"lists edition {code} but has no folder for it"))
    return found, problems


def merge(project: Project, dirs: list[Path], *, out: Path | None = None, timings_out: Path | None = None) -> Summary:
    """Assemble shard outputs into one site, or raise naming every missing, duplicated or stale edition."""
    summary = Summary()
    t_start = time.perf_counter()
    project = Project(project.root, project.today)
    target = output_folder(project, out)
    codes = project.published_codes()
    summary.warnings = validate(project, codes)
    found, problems = _found([Path(d) for d in dirs])
    twice = {c: [str(d) for d, _ in v] for c, v in found.items() if len(v) > 1}
    if twice:
        problems.append(
            Problem(
                "merge",
                0,
                "",
                "editions built by more than one shard: "
                + "; ".join(f"{c} (in {', '.join(v)})" for c, v in sorted(twice.items())),
            )
        )
    missing = sorted(set(codes) - set(found))
    if missing:
        problems.append(Problem("merge", 0, "", f"editions missing from every shard: {', '.join(missing)}"))
    unknown = sorted(set(found) - set(codes))
    if unknown:
        problems.append(
            Problem("merge", 0, "", f"shards hold editions this checkout does not have: {', '.join(unknown)}")
        )
    shared = shared_digest(project)
    modes, stale = set(), []
    for code in sorted(set(codes) & set(found) - set(twice)):
        d, record = found[code][0]
        expected = edition_digest(project, code, shared)
        if record.get("digest") in (expected, expected + "+pdf"):
            modes.add(record["digest"].endswith("+pdf"))
        else:
            stale.append(f"{code} (in {d})")
    if stale:
        problems.append(
            Problem(
                "merge",
                0,
                "",
                f"editions built from other inputs than this checkout (rebuild their shards): {', '.join(stale)}",
            )
        )
    if len(modes) > 1:
        problems.append(Problem("merge", 0, "", "some shards were built with PDFs and some without; build all alike"))
    if problems:
        raise InputError(problems)

    editions = [project.edition(c) for c in codes]
    new_state = {
        "editions": {c: {k: v for k, v in found[c][0][1].items() if k in ("digest", "documents")} for c in codes}
    }  # the PDFs' digests too, so the next build keeps what it may
    sources = {c: found[c][0][0] / c for c in codes}
    summary.skipped = list(codes)
    summary.phases["check"] = time.perf_counter() - t_start
    with publishing(target, summary) as staging:
        _build_into(project, staging, target, editions, new_state, [], sources, None, True, summary)
    if timings_out:
        seconds = {
            c: found[c][0][1]["seconds"] for c in codes if isinstance(found[c][0][1].get("seconds"), (int, float))
        }
        timings_out.parent.mkdir(parents=True, exist_ok=True)
        timings_out.write_text(
            json.dumps({"with_pdf": modes == {True}, "seconds": seconds}, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    summary.phases["total"] = time.perf_counter() - t_start
    return summary
