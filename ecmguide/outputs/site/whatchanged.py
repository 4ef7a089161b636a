"""Each edition's "What changed" page: every version of each fact the guide published, newest first."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.law.overlays import reaches
from ecmguide.outputs import render
from ecmguide.review.diff import MEANING, Change, classify, slot_title
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
    return out_of_date_notice(edition, root) + Markup("").join(sections)


def meaning_changes(edition: Edition, root: Path) -> list[tuple[str, str]]:
    """(date, fact title) of every change in meaning to a fact this edition shows, newest first: a later version
    whose status, categorical values or main cited section differ from the one before (review.diff.classify)."""
    out = []
    for layer in edition.layers:
        for slot, versions in (fact_history(root, layer.code) or {}).items():
            if not reaches(slot, layer.kind, edition.is_federal):
                continue
            for before, after in zip(versions, versions[1:]):
                if before.fact is not None and classify(Change(slot, "", before.fact, after.fact))[0] == MEANING:
                    out.append((after.date, f"{slot_title(slot)} ({'federal law' if layer.kind == 'federal' else layer.name})"))
    return sorted(set(out), key=lambda item: (item[0], item[1]), reverse=True)


def out_of_date_notice(edition: Edition, root: Path) -> Markup:
    """Where the recorded law changed in meaning: printed handouts and PDFs from before that day are out of date."""
    changes = meaning_changes(edition, root)
    if not changes:
        return Markup("")
    newest = changes[0][0]
    facts = Markup("").join(Markup("<li>{}</li>").format(title) for day, title in changes if day == newest)
    return Markup('<div class="admonition warning" role="note"><p class="admonition-title">Printed copies from before '
                  '<time datetime="{0}">{0}</time> are out of date</p><p>On that day what this guide records changed in '
                  'meaning for:</p><ul>{1}</ul><p>Print the handouts and the guide again from Downloads.</p></div>'
                  ).format(newest, facts)


def _order(slot: str) -> tuple:
    paths = [s.path for s in schema.SLOTS]
    return (slot.startswith("federal."), paths.index(slot) if slot in paths else 0, slot)
