"""`make diff`: a Markdown change report for a pull request, fact by fact, with affected pages."""
from __future__ import annotations

from markupsafe import escape

from . import schema
from .changes import Change, diff_overlays, git, overlay_at
from .errors import InputError, Problem
from .overlays import reaches
from .project import Project

PAGE_TITLES = {
    "jurisdiction-facts.md": "At a glance", "definitions.md": "Key definitions", "what-changed.md": "What changed",
    **{f"disciplines/{d}.md": t for d, t in schema.DISCIPLINE_TITLES.items()},
}
FEDERAL_PAGES = ("jurisdiction-facts.md", "what-changed.md")


def pages_for(slot: str) -> list[str]:
    if slot.startswith("federal."):
        return list(FEDERAL_PAGES)
    s = schema.SLOTS_BY_PATH[slot]
    pages = ["jurisdiction-facts.md", *[f"disciplines/{d}.md" for d in s.disciplines]]
    if s.path.startswith(("privileges.", "mandated_reporting.")) or s.path == "duty_to_warn":
        pages.append("definitions.md")
    return pages + ["what-changed.md"]


def _md(text: str) -> str:
    """Overlay text is shown as text in the comment: escape HTML and Markdown table pipes."""
    return str(escape(text)).replace("|", "\\|").replace("\n", " ")


def _describe(change: Change) -> list[str]:
    old = change.old.comparable() if change.old else {}
    new = change.new.comparable() if change.new else {}
    lines = []
    for key in change.fields():
        a, b = old.get(key, ""), new.get(key, "")
        lines.append(f"  - `{key}`: {_md(str(a)) or '(none)'} → {_md(str(b)) or '(none)'}")
    return lines


def change_report(project: Project, base: str) -> str:
    if git(project.root, "rev-parse", "--verify", "--quiet", base) is None:
        raise InputError([Problem("<command line>", 0, "BASE", f"{base!r} is not a git revision here; "
                                  "fetch it first or pass e.g. BASE=HEAD~1")])
    changes_by_layer: dict[str, list[Change]] = {}
    for code in sorted(set(project.overlay_codes())):
        old = overlay_at(project.root, base, code, project.today)
        new = project.overlay(code)
        changes = diff_overlays(old, new)
        if changes:
            changes_by_layer[code] = changes
    out = [f"## Change report against `{base}`", ""]
    if not changes_by_layer:
        out.append("No legal fact changed. No edition's facts differ.")
        return "\n".join(out) + "\n"
    for code in project.edition_codes():
        edition = project.edition(code)
        relevant: list[Change] = []
        for layer in edition.layers:
            relevant += [c for c in changes_by_layer.get(layer.code, []) if reaches(c.slot, layer.kind, edition.is_federal)]
        if not relevant:
            continue
        out.append(f"### {_md(edition.jurisdiction)} (`{code}`)")
        out.append("")
        pages = []
        for change in relevant:
            cite_old, cite_new = change.citations()
            out.append(f"- **{_md(change.title)}** ({change.kind}): {_md(cite_old)} → {_md(cite_new)}")
            out += _describe(change)
            pages += [p for p in pages_for(change.slot) if p not in pages]
        out.append("")
        out.append("Pages affected: " + ", ".join(f"`{code}/{p.removesuffix('.md')}/` ({PAGE_TITLES[p]})" for p in pages))
        out.append("")
    return "\n".join(out) + "\n"
