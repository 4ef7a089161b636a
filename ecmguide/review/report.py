"""`make diff`: the change report a lawyer reads on a pull request, fact by fact.

Plain Markdown that GitHub renders: per changed fact, only the fields that changed, a word-level
difference for the summary, old and new citations with their official-text links, the pages and
PDFs that change, and warnings (text changed without a new review date, confidence raised without
the official text, a fact removed). Everything quoted from the overlays goes through md_text(), so
no Markdown, image, HTML or terminal escape from the data reaches the report.
"""
from __future__ import annotations

import difflib
import unicodedata

from ecmguide.core.errors import InputError, Problem
from ecmguide.core.git import git
from ecmguide.editions.names import pdf_name
from ecmguide.editions.project import Project
from ecmguide.law import citations, schema, sources
from ecmguide.law.model import Fact
from ecmguide.law.overlays import parse_overlay, reaches
from ecmguide.review.affected import manifest_layers
from ecmguide.review.diff import Change, diff_overlays, overlay_at

PAGE_TITLES = {
    "jurisdiction-facts.md": "At a glance", "definitions.md": "Key definitions", "what-changed.md": "What changed",
    **{f"disciplines/{d}.md": t for d, t in schema.DISCIPLINE_TITLES.items()},
}
FEDERAL_PAGES = ("jurisdiction-facts.md", "what-changed.md")
MARKUP = set("\\`*_[]<>!|~#&@")
RANK = {"low": 1, "medium": 2, "high": 3}
# Fields whose change means the law as described changed, so the fact must have been re-checked.
SUBSTANCE = ("status", "citation", "summary", "source_url", "official_url", "checked_against", "extra", "effective",
             "amended_by", "searched")
LIMIT = 65_000  # GitHub's comment limit is 65,536 characters


def md_text(value) -> str:
    """Data quoted as inert text: control, bidi and zero-width characters shown as code points, markup escaped."""
    out = []
    for ch in str(value):
        if ch in "\n\r\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf") or ch in "\u2028\u2029":
            out.append(f"[U+{ord(ch):04X}]")
        elif ch in MARKUP:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_url(url: str) -> str:
    """A validated http(s) address as an autolink; validation keeps spaces, < and > out of it."""
    if not url or not url.lower().startswith(("http://", "https://")) or any(c in url for c in "<> \n"):
        return md_text(url)
    return "<" + url.replace("|", "%7C") + ">"


def word_diff(old: str, new: str) -> str:
    """Old and new text word by word: removed words ~~struck~~, added words **bold**."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(md_text(w) for w in a[i1:i2]))
            continue
        if i2 > i1:
            out.append("~~" + " ".join(md_text(w) for w in a[i1:i2]) + "~~")
        if j2 > j1:
            out.append("**" + " ".join(md_text(w) for w in b[j1:j2]) + "**")
    return " ".join(out)


def pages_for(slot: str) -> list[str]:
    if slot.startswith("federal."):
        return list(FEDERAL_PAGES)
    s = schema.SLOTS_BY_PATH[slot]
    pages = ["jurisdiction-facts.md", *[f"disciplines/{d}.md" for d in s.disciplines]]
    if s.path.startswith(("privileges.", "mandated_reporting.")) or s.path == "duty_to_warn":
        pages.append("definitions.md")
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
        return "; ".join(f"{md_text(k)}: {_show(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(md_url(v) if str(v).startswith("http") else md_text(v) for v in value)
    if field in ("source_url", "official_url", "website"):
        return md_url(value)
    if value is True or value is False:
        return "true" if value else "false"
    return md_text(value)


def _citation_line(fact: Fact | None) -> str:
    if fact is None or not fact.has_law:
        return "(not recorded)"
    link = citations.fact_link(fact)
    where = f"official text: {md_url(link.url)}" if link else "no official-text link"
    return f"{md_text(fact.citation)} ({where})"


def warnings(change: Change) -> list[str]:
    old, new = change.old, change.new
    out = []
    if change.kind == "removed":
        out.append("the fact is removed: readers will see it as not yet researched")
        return out
    fields = change.fields()
    if old is not None and any(f in SUBSTANCE for f in fields) and "last_reviewed" not in fields and new.has_law:
        out.append("the fact's text changed but `last\\_reviewed` did not: set it to the day you checked the source")
    raised = RANK.get(new.confidence, 0) > RANK.get(old.confidence if old else "", 0)
    if raised and not (new.official_checked and sources.is_official(new.source_url)):
        out.append("confidence went up without the official text: `checked\\_against` is not official\\_text on an "
                   "official page")
    return out


def fact_section(change: Change, code: str, jurisdiction: str, editions: list[str]) -> list[str]:
    fact = change.new or change.old
    lines = [f"### {md_text(jurisdiction)}: {md_text(change.title)} ({change.kind})", "",
             f"Fact `{code}.{change.slot.removeprefix('federal.')}` in `{md_text(fact.origin)}`", ""]
    for warning in warnings(change):
        lines.append(f"> **Warning:** {warning}")
    if warnings(change):
        lines.append("")
    fields = [f for f in change.fields() if f not in ("citation", "summary")]
    if "citation" in change.fields() or change.kind != "changed":
        lines += [f"- Citation before: {_citation_line(change.old)}", f"- Citation after: {_citation_line(change.new)}"]
    if "summary" in change.fields():
        old, new = _value(change.old, "summary") or "", _value(change.new, "summary") or ""
        lines.append(f"- Summary, word by word (~~removed~~, **added**): {word_diff(old, new)}")
    if fields:
        lines += ["", "| Field | Before | After |", "|---|---|---|"]
        for field in fields:
            if field == "extra":
                before, after = _value(change.old, "extra") or {}, _value(change.new, "extra") or {}
                for key in sorted(set(before) | set(after)):
                    if before.get(key) != after.get(key):
                        lines.append(f"| `{md_text(key)}` | {_show(key, before.get(key))} | {_show(key, after.get(key))} |")
                continue
            lines.append(f"| `{md_text(field)}` | {_show(field, _value(change.old, field))} | "
                         f"{_show(field, _value(change.new, field))} |")
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


def change_report(project: Project, base: str) -> str:
    if git(project.root, "rev-parse", "--verify", "--quiet", base) is None:
        raise InputError([Problem("<command line>", 0, "BASE", f"{base!r} is not a git revision here; "
                                  "fetch it first or pass e.g. BASE=HEAD~1")])
    # Overlays are read leniently, so a pull request whose files do not validate yet still gets its report
    # (validation reports the errors); everything quoted is made inert below.
    overlays = {}
    for code in project.overlay_codes():
        path = project.overlays_dir / f"{code}.yml"
        try:
            overlays[code] = parse_overlay(path.read_bytes(), f"overlays/{code}.yml", code, project.today, lenient=True)[0]
        except InputError:
            overlays[code] = None  # unreadable YAML: validation says why
    layers = {e: [c for c in manifest_layers(project, e) if overlays.get(c)] for e in project.edition_codes()}
    body, count, warned = [], 0, 0
    for code in sorted(c for c, o in overlays.items() if o is not None):
        new = overlays[code]
        for change in diff_overlays(overlay_at(project.root, base, code, project.today), new):
            showing = [e for e, codes in sorted(layers.items()) if code in codes and reaches(
                change.slot, new.kind, all(overlays[c].kind == "federal" for c in codes))]
            body += fact_section(change, code, new.name, showing)
            count += 1
            warned += len(warnings(change))
    head = [f"## Change report against `{md_text(base)}`", ""]
    if not count:
        return "\n".join(head + ["No legal fact changed. No edition's facts differ."]) + "\n"
    head += [f"{count} fact(s) changed, {warned} warning(s). Information, not legal advice: check each change "
             "against the official text before approving.", ""]
    return "\n".join(head + body).rstrip() + "\n"


def for_comment(report: str, artifact_url: str, limit: int = LIMIT) -> str:
    """The report cut to GitHub's comment limit, with a link to the full report."""
    marker = "<!-- ecm-change-report -->\n"
    if len(marker) + len(report) <= limit:
        return marker + report
    note = f"\n\n*The report is longer than a comment allows; the full report is in the artifact: {md_url(artifact_url)}*\n"
    cut = report[: limit - len(marker) - len(note)]
    return marker + cut[: cut.rfind("\n")] + note
