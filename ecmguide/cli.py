"""Command line: python -m ecmguide <command>. Thin: parse arguments, call the logic, one error exit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ecmguide.core.errors import InputError, errors_only
from ecmguide.editions.project import Project, parse_today


def cmd_build(project: Project, args) -> int:
    from ecmguide.pipeline.build import build

    only = _codes(args.only)
    only = project.with_languages(only) if only else only  # an edition and its other languages link each other
    out, cache = (Path(p) if p else None for p in (args.out, args.cache))
    if args.shard:
        from ecmguide.pipeline.shards import build_shard

        if only:
            print("error: --only and --shard do not go together; the plan says what a shard builds", file=sys.stderr)
            return 2
        summary = build_shard(
            project, Path(args.plan), args.shard, out=out, jobs=args.jobs, with_pdf=not args.no_pdf, cache=cache
        )
    else:
        summary = build(
            project, only=only, jobs=args.jobs, with_pdf=not args.no_pdf, out=out, force=args.force, cache=cache
        )
    for w in summary.warnings:
        print(w, file=sys.stderr)
    for line in summary.lines():
        print(line)
    return 0


def cmd_plan(project: Project, args) -> int:
    import json

    from ecmguide.pipeline import shards

    count = None if args.shards == "auto" else int(args.shards) if args.shards.isdigit() else -1
    out = Path(args.output)
    timings = shards.read_json(Path(args.timings)) if args.timings else {}
    plan = shards.make_plan(project, count, with_pdf=not args.no_pdf, timings=timings, previous=shards.read_json(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(plan, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as fh:
            fh.write(shards.github_output(plan))
    for line in shards.plan_lines(plan):
        print(line)
    print(f"wrote {out}")
    return 0


def cmd_merge(project: Project, args) -> int:
    from ecmguide.pipeline.shards import merge

    summary = merge(
        project,
        [Path(d) for d in args.dirs],
        out=Path(args.out) if args.out else None,
        timings_out=Path(args.timings) if args.timings else None,
    )
    for w in summary.warnings:
        print(w, file=sys.stderr)
    print(
        f"Merged {len(summary.skipped)} edition(s) from {len(args.dirs)} shard output(s); hub rebuilt from the full set."
    )
    print("Time per phase: " + ", ".join(f"{k} {v:.1f}s" for k, v in summary.phases.items()))
    return 0


def cmd_export(project: Project, args) -> int:
    from ecmguide.pipeline.sharedassets import export

    site = Path(args.site) if args.site else project.root / "site"
    for code in _codes(args.codes) or []:
        print(f"wrote {export(site, code, Path(args.out))} (self-contained: deploy this folder alone)")
    return 0


def cmd_validate(project: Project, args) -> int:
    files = [Path(f) for f in args.files] if args.files else None
    problems = project.validate(files)
    for p in problems:
        print(p)
    errors = errors_only(problems)
    checked = len(files) if files else len(project.overlay_codes()) + len(project.edition_codes())
    print(f"{checked} file(s) checked: {len(errors)} error(s), {len(problems) - len(errors)} warning(s).")
    return 1 if errors else 0


def cmd_changed(project: Project, args) -> int:
    from ecmguide.review.changed import changed_markdown

    text = changed_markdown(project, args.base)
    if args.output:
        (project.root / args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0


def cmd_currency(project: Project, args) -> int:
    from ecmguide.review.currency import stale_changed_facts

    problems = stale_changed_facts(project, args.base)
    for p in problems:
        print(p)
    print(f"{len(problems)} changed high-confidence fact(s) not checked for later acts within 12 months.")
    return 1 if problems else 0


def cmd_readability(project: Project, args) -> int:
    from ecmguide.tools import readability

    editions = [project.edition(c) for c in project.edition_codes()]
    table, ok = readability.report(editions)
    print(table)
    return 0 if ok else 1


def cmd_translations(project: Project, args) -> int:
    from ecmguide.outputs import catalog, translations

    behind_any = False
    for lang in (lang for lang in catalog.LANGUAGES if lang != "en"):
        if args.record:
            print(
                f"{lang}: recorded the English of {translations.record(lang, project.root)} translated key(s) and page(s)"
            )
            continue
        keys, pages = translations.stale(lang), translations.stale_pages(project.root, lang)
        behind_any |= bool(keys or pages)
        print(
            f"{lang}: {len(keys)} of {len(translations.english(lang))} translated key(s) stale, {len(pages)} of "
            f"{len(translations.english_pages(project.root, lang))} translated page(s) stale"
        )
        for key in keys:
            print(f"  {key}: the English now reads {translations.english(lang)[key]!r}")
        for rel in pages:
            print(f"  docs/{lang}/{rel}: docs/{rel} changed since it was translated")
    return 1 if behind_any else 0


def cmd_coverage(project: Project, args) -> int:
    from ecmguide.outputs.hub import coverage

    editions = [project.edition(c) for c in project.edition_codes()]
    print(
        coverage.terminal_table(
            coverage.rows(editions),
            project.today,
            coverage.official_links(editions),
            notes=not args.no_notes,
            figures_=coverage.figures(editions),
            steps=coverage.next_steps(editions),
        )
    )
    return 0


def cmd_schema(project: Project, args) -> int:
    from ecmguide.law import fieldref

    stale = []
    for rel, content in fieldref.artefacts().items():
        path = project.root / rel
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(rel)
        else:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {rel}")
    for rel in stale:
        print(f"{rel}: out of date with ecmguide/law/schema.py; run 'make schema'")
    return 1 if stale else 0


def cmd_diff(project: Project, args) -> int:
    from ecmguide.review.report import change_report, for_comment

    text = change_report(project, args.base)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    if args.comment:
        Path(args.comment).write_text(for_comment(text, args.link or ""), encoding="utf-8")
    print(text)
    return 0


def cmd_qc(project: Project, args) -> int:
    from ecmguide.review import qc, qcround

    if args.round or (qcround.rounds(project.root) and not args.snapshot and not args.legacy):
        print(qcround.report(project.root, args.round or qcround.rounds(project.root)[-1]), end="")
        return 0
    if args.snapshot:
        path = project.root / qc.CODING_1
        path.write_text(qc.dump_first(qc.snapshot(project)), encoding="utf-8")
        print(f"wrote {qc.CODING_1} (the first coding of {len(qc.draw_sample(project.overlay_codes()))} sampled cells)")
        return 0
    print(
        "The 2026-11 round (research/qc/*.yml): its codings and resolutions entered in one commit, so its "
        "blindness cannot be shown from the history; rounds under research/qc/<round>/ can.\n"
    )
    print(qc.report(project.root, project.overlay_codes()))
    return 0


def cmd_review_packet(project: Project, args) -> int:
    from ecmguide.outputs.printed.packet import write_packet
    from ecmguide.review.packet import worksheet_csv

    out = Path(args.out) if args.out else project.root / "packets" / args.code
    overlay = project.overlay(args.code)
    path, pages = write_packet(overlay, out, project.today)
    sheet = out / f"{args.code}-review.csv"
    sheet.write_text(worksheet_csv(overlay), encoding="utf-8", newline="")
    print(f"wrote {path} ({pages} pages) and {sheet}: send both to the reviewing attorney")
    return 0


def cmd_record_review(project: Project, args) -> int:
    from ecmguide.review.recordreview import record

    path = Path(args.file)
    outcome = record(project, args.code, path.read_bytes(), str(args.file), args.role)
    print(
        f"recorded attorney_review ({args.role}, {project.today}) on {len(outcome.recorded)} fact(s) in "
        f"overlays/{args.code}.yml: {', '.join(outcome.recorded) or 'none'}"
    )
    for fact, note in outcome.needs_change:
        print(f"needs change: {fact}: {note or '(no note)'}")
    for fact in outcome.not_verified:
        print(f"could not verify: {fact}")
    for fact in outcome.searches:
        print(f"marked correct, but a search record takes no attorney_review: {fact}")
    print("Open a pull request with the overlay; a CODEOWNER approves it.")
    return 0


def cmd_qc_round(project: Project, args) -> int:
    from ecmguide.review import qcround

    path = qcround.new_round(
        project.root, args.name, project.overlay_codes(), args.snapshot, args.batches, args.size, project.today
    )
    print(
        f"wrote {project.rel(path)}; commit it alone, then hand each batch's worksheet to a second coder "
        f"(make qc-worksheet ROUND={args.name} BATCH=batch-1)"
    )
    return 0


def cmd_qc_worksheet(project: Project, args) -> int:
    from ecmguide.review import qcround

    rnd = qcround.load_round(project.root, args.round)
    if args.batch not in rnd.batches:
        print(
            f"error: {args.batch!r} is not a batch of round {args.round}; batches: {', '.join(rnd.batches)}",
            file=sys.stderr,
        )
        return 2
    print(qcround.worksheet(project.root, rnd, args.batch), end="")
    return 0


def cmd_affected(project: Project, args) -> int:
    from ecmguide.review.affected import ALL, affected, changed_files

    result = affected(project, changed_files(project, args.base))
    print(result if result == ALL else ",".join(result))
    return 0


def cmd_watch(project: Project, args) -> int:
    from ecmguide.review import watch

    path = project.root / watch.DIGESTS
    fetcher = watch.Fetcher(delay=args.delay)
    stored = watch.load(path)
    if args.record:
        digests, problems = watch.record(watch.targets(project), stored, fetcher, project.today)
        watch.save(path, digests)
        print(f"recorded {len(digests) - len(stored)} new digest(s) in {watch.DIGESTS}; {len(problems)} page(s) unread")
        for p in problems:
            print(f"  {p}")
        return 0
    findings = watch.check(stored, fetcher)
    text = watch.report(findings, project.today, len(stored))
    if args.json:
        target = project.root / args.json
        try:
            previous = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        target.write_text(
            watch.changes_json(findings, previous if isinstance(previous, dict) else {}, project.today),
            encoding="utf-8",
        )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    print(text)
    return 0


def cmd_serve(project: Project, args) -> int:
    from ecmguide.outputs.site.mkdocs_site import serve

    serve(project, _codes([args.code])[0], args.addr)
    return 0


def _codes(values):
    if not values:
        return None
    out = []
    for v in values:
        out += [c for c in v.replace(",", " ").split() if c]
    return out or None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ecmguide", description="Build and check the ECM confidentiality guide.")
    p.add_argument("--root", help="project folder (default: $ECMGUIDE_ROOT, else the current directory)")
    p.add_argument("--today", help="pretend today is YYYY-MM-DD (date rules)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build sites and PDFs into site/")
    b.add_argument("--only", action="append", help="edition codes to build (repeatable or comma-separated)")
    b.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core)")
    b.add_argument("--no-pdf", action="store_true", help="build the sites only")
    b.add_argument("--out", help="output folder (default: site/)")
    b.add_argument("--force", action="store_true", help="rebuild even unchanged editions")
    b.add_argument("--cache", help="folder of editions kept by input digest: copy those found, add those built")
    b.add_argument("--shard", help="build share i/n of the plan (with --plan); output in shards/<i>/ by default")
    b.add_argument("--plan", default=".build/plan.json", help="the plan written by the plan command")
    b.set_defaults(func=cmd_build)
    pl = sub.add_parser("plan", help="split the editions into shards of about equal cost (a JSON plan)")
    pl.add_argument("--shards", default="auto", help="number of shards (1-256), or auto (one per ~5 min of work)")
    pl.add_argument(
        "--output",
        default=".build/plan.json",
        help="where to write the plan (an earlier plan there keeps editions in their shard)",
    )
    pl.add_argument("--timings", help="build times recorded by an earlier merge (default: estimates)")
    pl.add_argument("--no-pdf", action="store_true", help="plan for sites only")
    pl.add_argument("--github-output", help="append count= and shards= (the matrix) to this file")
    pl.set_defaults(func=cmd_plan)
    m = sub.add_parser("merge", help="assemble shard outputs into one site/ (hub, shared theme, atomic)")
    m.add_argument("dirs", nargs="+", help="the shards' output folders")
    m.add_argument("--out", help="output folder (default: site/)")
    m.add_argument("--timings", help="write the shards' build times here, for the next plan")
    m.set_defaults(func=cmd_merge)
    e = sub.add_parser("export", help="copy built editions out of site/ as self-contained folders")
    e.add_argument("codes", nargs="+", help="edition codes (or comma-separated)")
    e.add_argument("--site", help="the combined site (default: site/)")
    e.add_argument("--out", default="export", help="where to put <code>/ (default: export/)")
    e.set_defaults(func=cmd_export)
    v = sub.add_parser("validate", help="check overlays and manifests")
    v.add_argument("files", nargs="*")
    v.set_defaults(func=cmd_validate)
    c = sub.add_parser("coverage", help="print the coverage table, official-link figures and reviewer notes")
    c.add_argument("--no-notes", action="store_true", help="leave out the reviewer notes")
    c.set_defaults(func=cmd_coverage)
    t = sub.add_parser("translations", help="list translated messages whose English changed since translation")
    t.add_argument("--record", action="store_true", help="record the English each translation now translates")
    t.set_defaults(func=cmd_translations)
    r = sub.add_parser(
        "readability", help="score the survivor explainers' running sentences (English grade, Spanish Fernandez-Huerta)"
    )
    r.set_defaults(func=cmd_readability)
    s = sub.add_parser("schema", help="regenerate the JSON Schemas and the field reference page")
    s.add_argument("--check", action="store_true", help="fail if the committed copies are stale")
    s.set_defaults(func=cmd_schema)
    d = sub.add_parser("diff", help="Markdown report of fact changes since a git revision")
    d.add_argument("--base", default="origin/main")
    d.add_argument("--output", help="also write the report to this file")
    d.add_argument("--comment", help="also write the report cut to a GitHub comment's size to this file")
    d.add_argument("--link", help="where the full report is (for the cut comment)")
    d.set_defaults(func=cmd_diff)
    ch = sub.add_parser("changed", help="facts changed in meaning since BASE, as Markdown (research passes)")
    ch.add_argument("--base", required=True)
    ch.add_argument("--output", help="write it here instead of standard output")
    ch.set_defaults(func=cmd_changed)
    cu = sub.add_parser("currency", help="the 12-month currency rule, as an error, for the facts changed since BASE")
    cu.add_argument("--base", default="origin/main")
    cu.set_defaults(func=cmd_currency)
    a = sub.add_parser("affected", help="editions a change since BASE touches (or 'all')")
    a.add_argument("--base", default="origin/main")
    a.set_defaults(func=cmd_affected)
    w = sub.add_parser("watch", help="check official-text pages against the digests taken at review")
    w.add_argument("--record", action="store_true", help="record digests for facts reviewed since their last digest")
    w.add_argument("--delay", type=float, default=2.0, help="seconds between requests to one host")
    w.add_argument("--output", help="also write the report to this file")
    w.add_argument("--json", help="also write the changed facts as JSON here (research/source-watch.json)")
    w.set_defaults(func=cmd_watch)
    q = sub.add_parser("qc", help="double coding: agreement between the two codings of the sampled facts")
    q.add_argument(
        "--snapshot", action="store_true", help="(2026-11 round) record the overlays' values as its first coding"
    )
    q.add_argument("--round", help="the round under research/qc/<round>/ (default: the latest)")
    q.add_argument("--legacy", action="store_true", help="the 2026-11 round kept in research/qc/*.yml")
    q.set_defaults(func=cmd_qc)
    rp = sub.add_parser("review-packet", help="an attorney review packet for one jurisdiction: PDF and CSV worksheet")
    rp.add_argument("code")
    rp.add_argument("--out", help="folder (default: packets/<code>/)")
    rp.set_defaults(func=cmd_review_packet)
    rr = sub.add_parser("record-review", help="record an attorney's review from a returned worksheet")
    rr.add_argument("code")
    rr.add_argument("--file", required=True)
    rr.add_argument("--role", required=True, help='who reviewed, by role, e.g. "attorney, Texas bar"')
    rr.set_defaults(func=cmd_record_review)
    qr = sub.add_parser("qc-round", help="start a QC round: draw its batches from a snapshot commit")
    qr.add_argument("--name", required=True)
    qr.add_argument("--snapshot", default="HEAD", help="the commit whose overlays are the first coding")
    qr.add_argument("--batches", type=int, default=3)
    qr.add_argument("--size", type=int, default=46)
    qr.set_defaults(func=cmd_qc_round)
    qw = sub.add_parser("qc-worksheet", help="the blind questions of one batch of a QC round")
    qw.add_argument("--round", required=True)
    qw.add_argument("--batch", default="batch-1")
    qw.set_defaults(func=cmd_qc_worksheet)
    sv = sub.add_parser("serve", help="preview one edition with live reload")
    sv.add_argument("code")
    sv.add_argument("--addr", default="127.0.0.1:8000")
    sv.set_defaults(func=cmd_serve)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        project = Project(args.root, parse_today(args.today, "--today") if args.today else None)
        return args.func(project, args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        print(
            f"error: {len(errors_only(exc.problems))} problem(s); nothing was published, site/ is unchanged.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; site/ is unchanged.", file=sys.stderr)
        return 130
    except Exception as exc:  # one tidy exit for the unexpected, traceback on request
        if args.debug:
            raise
        print(f"error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2
