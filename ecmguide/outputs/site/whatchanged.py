"""Each edition's "What changed" page: every version of each fact the guide published, newest first."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.law.overlays import reaches
from ecmguide.outputs import render
from ecmguide.review.diff import slot_title
from ecmguide.review.history import fact_history, fields_changed


def changes_html(edition: Edition, root: Path) -> Markup:
    """Each fact of the edition, with every version the guide published, newest first (history.py)."""
    sections = []
    for layer in reversed(edition.layers):  # the jurisdiction's own facts first, federal law last
        history = fact_history(root, layer.code)
        if history is None:
            return Markup("<p>The repository history is not available in this build, so no changes are listed.</p>")
        for slot, versions in sorted(history.items(), key=lambda kv: _order(kv[0])):
            if not reaches(slot, layer.kind, edition.is_federal):
                continue
            rows, before = [], None
            for v in versions:
                if v.fact is None:
                    what = Markup("<em>removed</em>")
                else:
                    what = Markup("{}{}").format(
                        render.STATUS_WORDS[v.fact.status],
                        Markup(": {} — {}").format(v.fact.citation, v.fact.summary) if v.fact.has_law else "")
                change = "first published" if before is None and v is versions[0] else \
                    "changed: " + ", ".join(fields_changed(before, v.fact))
                rows.append(Markup('<tr><td><time datetime="{0}">{0}</time></td><td>{1}</td><td>{2}</td>'
                                   '<td>{3} <span class="commit">({4})</span></td></tr>').format(
                    v.date, what, change, v.subject, v.commit))
                before = v.fact
            sections.append(Markup('<h2 id="history-{0}">{1} <span class="history-layer">({2})</span></h2>'
                                   '<div class="table-scroll" tabindex="0" role="region" aria-label="History of {1}">'
                                   '<table class="facts-table"><caption>What the guide said, newest first</caption>'
                                   '<thead><tr><th scope="col">Date</th><th scope="col">What the guide said</th>'
                                   '<th scope="col">Change</th><th scope="col">Why (commit message)</th></tr></thead>'
                                   '<tbody>{3}</tbody></table></div>').format(
                render.anchor_id(slot).removeprefix("fact-"), slot_title(slot),
                "federal law" if layer.kind == "federal" else layer.name,
                Markup("").join(reversed(rows))))
    if not sections:
        return Markup("<p>No fact has been published yet.</p>")
    return Markup("").join(sections)


def _order(slot: str) -> tuple:
    paths = [s.path for s in schema.SLOTS]
    return (slot.startswith("federal."), paths.index(slot) if slot in paths else 0, slot)
