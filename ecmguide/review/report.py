"""`make diff`: the change report a lawyer reads on a pull request, fact by fact.

Plain Markdown that GitHub renders: per changed fact, only the fields that changed, a word-level
difference for the summary, old and new citations with their official-text links, the pages and
PDFs that change, and warnings (text changed without a new review date, confidence raised without
the official text, a fact removed). Everything quoted from the overlays and manifests goes into a code
span (md_code): GitHub renders no Markdown, link, @mention, #reference or commit hash inside one, so
the data cannot notify people, link issues or inject markup, and the control, bidi and zero-width
characters of the data are shown as code points. The only links are the official-text links the
project's own citation templates build on official hosts.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError, Problem
from ecmguide.core.git import git, show
from ecmguide.editions.names import pdf_name
from ecmguide.editions.project import Project
from ecmguide.law import citations, schema, sources
from ecmguide.law.model import Fact
from ecmguide.law.overlays import parse_overlay, reaches
from ecmguide.review.affected import manifest_layers
from ecmguide.review.diff import Change, diff_overlays, overlay_at

PAGE_TITLES = {
    "jurisdiction-facts.md": "At a glance",
    "definitions.md": "Key definitions",
    "what-changed.md": "What changed",
    **{f"disciplines/{d}.md": t for d, t in schema.DISCIPLINE_TITLES.items()},
}
FEDERAL_PAGES = ("jurisdiction-facts.md", "what-changed.md")
RANK = {"low": 1, "medium": 2, "high": 3}
# Fields whose change means the law as described changed, so the fact must have been re-checked.
SUBSTANCE = (
    "status",
    "citation",
    "summary",
    "source_url",
    "official_url",
    "checked_against",
    "extra",
    "effective",
    "amended_by",
    "searched",
)
LIMIT = 65_000  # GitHub's comment limit is 65,536 characters


def md_code(value) -> str:
    """Data as an inline code span, fenced with more backticks than any run inside it (CommonMark), on one
    line, with control, bidi and zero-width characters shown as [U+XXXX]; a table's | is escaped."""
    text = "".join(
        " "
        if ch in "\n\r\t"
        else f"[U+{ord(ch):04X}]"
        if unicodedata.category(ch) in ("Cc", "Cf") or ch in "\u2028\u2029"
        else ch
        for ch in str(value)
    )
    if not text.strip():
        return "(none)"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def official_link(url: str) -> str:
    """An official-text link the project's citation templates built: an autolink, only on an official host."""
    if (
        url
        and sources.is_official(url)
        and url.startswith(("http://", "https://"))
        and not any(c in url for c in "<> \n")
    ):
        return "<" + url.replace("|", "%7C") + ">"
    return md_code(url)


def word_diff(old: str, new: str, before: int = 6, after: int = 3) -> list[str]:
    """What changed in a text, word by word, as old:/new: code-span pairs with a few unchanged words around
    each change, so a lawyer sees the change in place and no markup from the data reaches the report."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lead = ("… " if i1 > before else "") + " ".join(a[max(0, i1 - before) : i1])
        tail = " ".join(a[i2 : i2 + after]) + (" …" if i2 + after < len(a) else "")
        out.append(f"  - old: {md_code(' '.join(x for x in (lead, *a[i1:i2], tail) if x))}")
        out.append(f"    new: {md_code(' '.join(x for x in (lead, *b[j1:j2], tail) if x))}")
    return out


def pages_for(slot: str) -> list[str]:
    if slot.startswith("federal."):
        return list(FEDERAL_PAGES)
    s = schema.SLOTS_BY_PATH[slot]
    pages = ["jurisdiction-facts.md", *[f"disciplines/{d}.md" for d in s.disciplines]]
    pages += schema.MACROS.get(s.macro, {}).get("pages", []) if s.macro else []  # the pages calling its macro
    return pages + ["what-changed.md"]


def pdfs_for(slot: str, edition: str) -> list[str]:
    handouts = [] if slot.startswith("federal.") else schema.SLOTS_BY_PATH[slot].disciplines
    return [pdf_name(edition), *[pdf_name(edition, d) for d in handouts]]


def _value(fact: Fact | None, field: str):
    if fact is None:
        return None
    return fact.comparable().get(field)


def _show(field: str, value) -> str:
    if value in (None, "", [], {}):
        return "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{md_code(k)}: {_show(k, v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(md_code(v) for v in value)
    if value is True or value is False:
        return "true" if value else "false"
    return md_code(value)


def _citation_line(fact: Fact | None) -> str:
    if fact is None or not fact.has_law:
        return "(not recorded)"
    link = citations.fact_link(fact)
    where = f"official text: {official_link(link.url)}" if link else "no official-text link"
    return f"{md_code(fact.citation)} ({where})"


def warnings(change: Change) -> list[str]:
    old, new = change.old, change.new
    out = []
    if change.kind == "removed":
        out.append("the fact is removed: readers will see it as not yet researched")
        return out
    fields = change.fields()
    if old is not None and any(f in SUBSTANCE for f in fields) and "last_reviewed" not in fields and new.has_law:
        out.append("the fact's text changed but `last\\_reviewed` did not: set it to the day you checked the source")
    if (
        old is not None
        and old.attorney_review
        and any(f in SUBSTANCE for f in fields)
        and "attorney_review" not in fields
    ):
        review = dict(old.attorney_review)
        out.append(
            f"an attorney ({review.get('role', '')}) reviewed this fact on {review.get('date', '')}; that review "
            "does not cover the new text: ask for a new review, or remove `attorney\\_review`"
        )
    raised = RANK.get(new.confidence, 0) > RANK.get(old.confidence if old else "", 0)
    if raised and not (new.official_checked and sources.is_official(new.source_url)):
        out.append(
            "confidence went up without the official text: `checked\\_against` is not official\\_text on an "
            "official page"
        )
    return out


def fact_section(change: Change, code: str, jurisdiction: str, editions: list[str]) -> list[str]:
    fact = change.new or change.old
    lines = [
        f"### {md_code(jurisdiction)}: {change.title} ({change.kind})",
        "",
        f"Fact {md_code(code + '.' + change.slot.removeprefix('federal.'))} in {md_code(fact.origin)}",
        "",
    ]
    for warning in warnings(change):
        lines.append(f"> **Warning:** {warning}")
    if warnings(change):
        lines.append("")
    fields = [f for f in change.fields() if f not in ("citation", "summary")]
    if "citation" in change.fields() or change.kind != "changed":
        lines += [f"- Citation before: {_citation_line(change.old)}", f"- Citation after: {_citation_line(change.new)}"]
    if "summary" in change.fields():
        old, new = _value(change.old, "summary") or "", _value(change.new, "summary") or ""
        lines += ["- Summary, what changed (old and new, with the words around each change):", *word_diff(old, new)]
    if fields:
        lines += ["", "| Field | Before | After |", "|---|---|---|"]
        for field in fields:
            if field == "extra":
                before, after = _value(change.old, "extra") or {}, _value(change.new, "extra") or {}
                for key in sorted(set(before) | set(after)):
                    if before.get(key) != after.get(key):
                        lines.append(
                            f"| {md_code(key)} | {_show(key, before.get(key))} | {_show(key, after.get(key))} |"
                        )
                continue
            lines.append(
                f"| {md_code(field)} | {_show(field, _value(change.old, field))} | "
                f"{_show(field, _value(change.new, field))} |"
            )
    lines.append("")
    if len(editions) > 3:
        pages = ", ".join(f"`<edition>/{p.removesuffix('.md')}/`" for p in pages_for(change.slot))
        pdfs = ", ".join(f"`{p}`" for p in pdfs_for(change.slot, "<edition>"))
        lines.append(f"Changes in all {len(editions)} editions that show it: pages {pages}; PDFs {pdfs}.")
    for edition in editions if len(editions) <= 3 else []:
        pages = ", ".join(f"`{edition}/{p.removesuffix('.md')}/`" for p in pages_for(change.slot))
        pdfs = ", ".join(f"`{p}`" for p in pdfs_for(change.slot, edition))
        lines.append(f"- Edition `{edition}`: pages {pages}; PDFs {pdfs}")
    lines.append("")
    return lines


def _flat(value, prefix: str = "") -> dict[str, object]:
    """A manifest as dotted paths to its leaf values: task_force.hotlines[0].number -> "(916) 555-0101"."""
    if isinstance(value, dict):
        return {
            k: v for key, sub in value.items() for k, v in _flat(sub, f"{prefix}.{key}" if prefix else str(key)).items()
        }
    if isinstance(value, list):
        return {k: v for i, sub in enumerate(value) for k, v in _flat(sub, f"{prefix}[{i}]").items()}
    return {prefix: value}


def _manifest(raw: bytes | None, name: str) -> dict:
    if raw is None:
        return {}
    try:
        data, _ = safeyaml.loads(raw, name)
    except InputError:
        return {"(file)": "cannot be read as YAML"}
    return _flat(data) if isinstance(data, dict) else {"(file)": "not a block of fields"}


def manifest_sections(project: Project, base: str) -> list[str]:
    """What changed in each edition's manifest (contacts, hotlines, site address, links, pages), field by field."""
    now = {p.stem for p in project.jurisdictions_dir.glob("*.yml")}
    before = set((git(project.root, "ls-tree", "--name-only", base, "jurisdictions/") or "").split())
    codes = sorted(now | {n.removeprefix("jurisdictions/").removesuffix(".yml") for n in before if n.endswith(".yml")})
    out = []
    for code in codes:
        rel = f"jurisdictions/{code}.yml"
        old = _manifest(show(project.root, base, rel), f"{rel}@{base}")
        path = project.root / rel
        new = _manifest(path.read_bytes() if path.is_file() else None, rel)
        keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        if not keys:
            continue
        out += [
            f"### Edition settings: {md_code(code)}",
            "",
            "Contacts, hotlines, addresses and links are printed on every page and handout of the edition.",
            "",
            "| Setting | Before | After |",
            "|---|---|---|",
        ]
        out += [f"| {md_code(k)} | {_show(k, old.get(k))} | {_show(k, new.get(k))} |" for k in keys]
        out.append("")
    return out


def change_report(project: Project, base: str) -> str:
    if git(project.root, "rev-parse", "--verify", "--quiet", base) is None:
        raise InputError(
            [
                Problem(
                    "<command line>",
                    0,
                    "BASE",
                    f"{base!r} is not a git revision here; fetch it first or pass e.g. BASE=HEAD~1",
                )
            ]
        )
    # Overlays are read leniently, so a pull request whose files do not validate yet still gets its report
    # (validation reports the errors); everything quoted is made inert below.
    overlays = {}
    for code in project.overlay_codes():
        path = project.overlays_dir / f"{code}.yml"
        try:
            overlays[code] = parse_overlay(
                path.read_bytes(), f"overlays/{code}.yml", code, project.today, lenient=True
            )[0]
        except InputError:
            overlays[code] = None  # unreadable YAML: validation says why
    layers = {e: [c for c in manifest_layers(project, e) if overlays.get(c)] for e in project.edition_codes()}
    body, count, warned = [], 0, 0
    for code in sorted(c for c, o in overlays.items() if o is not None):
        new = overlays[code]
        for change in diff_overlays(overlay_at(project.root, base, code, project.today), new):
            showing = [
                e
                for e, codes in sorted(layers.items())
                if code in codes and reaches(change.slot, new.kind, all(overlays[c].kind == "federal" for c in codes))
            ]
            body += fact_section(change, code, new.name, showing)
            count += 1
            warned += len(warnings(change))
    settings = manifest_sections(project, base)
    head = [f"## Change report against {md_code(base)}", ""]
    if not count and not settings:
        return "\n".join(head + ["No legal fact changed. No edition's facts or settings differ."]) + "\n"
    edited = sum(1 for line in settings if line.startswith("### "))
    head += [
        f"{count} fact(s) changed, {warned} warning(s)"
        + (f"; {edited} edition(s) changed their settings" if edited else "")
        + ". Information, not legal advice: check each change against the official text before approving.",
        "",
    ]
    return "\n".join(head + body + settings).rstrip() + "\n"


def for_comment(report: str, artifact_url: str, limit: int = LIMIT) -> str:
    """The report cut to GitHub's comment limit, with a link to the full report."""
    marker = "<!-- ecm-change-report -->\n"
    if len(marker) + len(report) <= limit:
        return marker + report
    link = f"<{artifact_url}>" if re.fullmatch(r"https://[^\s<>]+", artifact_url or "") else md_code(artifact_url)
    note = f"\n\n*The report is longer than a comment allows; the full report is in the artifact: {link}*\n"
    cut = report[: limit - len(marker) - len(note)]
    return marker + cut[: cut.rfind("\n")] + note
