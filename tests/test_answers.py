"""Short answers first: every template of the catalog, by topic, status and value, and the rule that an open
question never reads as "no"."""

import datetime as dt
import itertools

import pytest
from markupsafe import escape as html_escape

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.law.model import Edition, Fact
from ecmguide.outputs import answers

from conftest import REPO, TODAY

EDITION = Edition(
    code="tx",
    title="T",
    jurisdiction="Texas",
    layers=(),
    facts={},
    federal={},
    file="x",
    edition_date=dt.date(2026, 12, 7),
)
SEARCHED = (("date", dt.date(2026, 11, 20)), ("sources", ("https://statutes.capitol.texas.gov/x (looked for: y)",)))


def in_force_variants(slot):
    """Every combination of the categorical values the answer is chosen by."""
    base = dict(slot=slot.path, status="in_force", citation="Tex. Fam. Code § 261.101", summary="s")
    choices = {f.name: (f.choices or (True, False)) for f in slot.extra if f.kind in ("enum", "bool", "tristate")}
    names = sorted(choices)
    for values in itertools.product(*(choices[n] for n in names)):
        extra = dict(zip(names, values, strict=True))
        if extra.get("universal") == "conditional":
            extra["condition"] = "only for sexual abuse"
        yield Fact(**base, extra=tuple(sorted(extra.items())))
    if slot.path == "address_confidentiality":
        yield Fact(
            **base,
            extra=(
                ("apply", (("how", "Apply with an assistant."), ("through", "advocate"))),
                ("program_name", "Safe at Home"),
                ("scope", "substitute_address"),
            ),
        )
    if slot.path.startswith("mandated_reporting.") and slot.path != "mandated_reporting.attorneys":
        yield Fact(
            **base,
            extra=(
                ("report", (("agency", "DFPS"), ("deadline", "within 48 hours"), ("phone", "(800) 252-5400"))),
                ("universal", False),
            ),
        )


@pytest.mark.parametrize("slot", schema.SLOTS, ids=[s.path for s in schema.SLOTS])
def test_every_template_of_every_topic_fills(slot):
    for fact in in_force_variants(slot):
        text = str(answers.answer(EDITION, slot.path, fact))
        assert text and "{" not in text and "None" not in text, (slot.path, fact.extra, text)


@pytest.mark.parametrize("slot", schema.SLOTS, ids=[s.path for s in schema.SLOTS])
def test_an_open_question_never_reads_as_no(slot):
    none_found = Fact(slot=slot.path, status="none_found", searched=SEARCHED)
    unknown = Fact(slot=slot.path, status="unknown")
    not_enacted = Fact(slot=slot.path, status="not_enacted", citation="x", summary="y")
    assert (
        str(answers.answer(EDITION, slot.path, none_found)) == "No law was found when this was searched on 2026-11-20."
    )
    assert str(answers.answer(EDITION, slot.path, unknown)) == "Not yet researched."
    assert str(answers.answer(EDITION, slot.path, not_enacted)) == "No; a source says Texas has none."


def test_next_steps_and_values_choose_the_sentence():
    child = schema.SLOTS_BY_PATH["mandated_reporting.child"]
    facts = list(in_force_variants(child))
    texts = [str(answers.answer(EDITION, child.path, f)) for f in facts]
    assert any(t.startswith("Yes: every person must report.") for t in texts)
    assert any(t.startswith("Every person must, in some cases (only for sexual abuse)") for t in texts)
    assert texts[-1] == (
        "Yes, if you work in a listed profession; anyone may report. Report to DFPS, "
        '<a href="tel:+18002525400">(800) 252-5400</a>, within 48 hours.'
    )
    acp = list(in_force_variants(schema.SLOTS_BY_PATH["address_confidentiality"]))[-1]
    assert str(answers.answer(EDITION, "address_confidentiality", acp)) == (
        "Yes: Safe at Home gives a substitute address with mail forwarding. How to apply: Apply with an assistant."
    )


def test_the_bottom_line_of_each_discipline_links_every_topic_it_answers():
    for discipline in schema.DISCIPLINES:
        html = str(answers.bottom_line(EDITION, discipline, "disciplines/x/"))
        for slot in (s for s in schema.SLOTS if discipline in s.disciplines):
            title = html_escape(slot.title)
            assert f'#fact-{slot.path.replace(".", "-").replace("_", "-")}" aria-label="Details: {title}"' in html
        assert html.startswith('<div class="bottom-line" role="region" aria-label="Short answers for Texas">')


def test_one_plain_line_says_how_sure_a_fact_is_and_labels_the_link_for_what_it_is():
    from ecmguide.outputs import render

    edition = Project(REPO, TODAY).edition("tx")
    official = edition.fact("privileges.physician")  # checked against the official text
    secondary = edition.fact("privileges.dv_advocate")  # read in a secondary source
    assert official.official_checked and not secondary.official_checked
    line = str(render.source_line(official, edition))
    assert f'Read in the official text on <time datetime="{official.last_reviewed}">' in line
    assert "not yet" not in line
    line = str(render.source_line(secondary, edition))
    assert f'From a secondary source (<time datetime="{secondary.last_reviewed}">' in line
    assert "not yet read in the official text" in line
    assert "Confidence: medium (a reliable secondary source, not the official text)" in line
    cite = str(render.citation_html(secondary))
    assert "(the law, on the official site)" in cite and "(official text)" not in cite


@pytest.mark.slow
def test_each_document_and_the_site_say_when_their_facts_were_last_checked(built_site):
    import re

    from pypdf import PdfReader

    edition = Project(REPO, TODAY).edition("ca")
    slots = [s.path for s in schema.SLOTS if "healthcare" in s.disciplines]
    days = [edition.fact(p).last_reviewed for p in slots] + [f.last_reviewed for f in edition.federal.values()]
    newest = max(d for d in days if d).isoformat()
    first = re.sub(
        r"\s+", " ", PdfReader(built_site / "ca" / "downloads" / "ca-healthcare.pdf").pages[0].extract_text()
    )
    assert f"Facts checked as of {newest}" in first and f"edition of {edition.edition_date}" in first
    everything = [
        f.last_reviewed
        for f in (*(edition.fact(s.path) for s in schema.SLOTS), *edition.federal.values())
        if f.last_reviewed
    ]
    footer = (built_site / "ca" / "index.html").read_text()
    assert f'<p class="checked-as-of">Facts checked as of {max(everything)}</p>' in footer
    assert max(everything) > edition.edition_date  # the manifest's date stays the creation date
