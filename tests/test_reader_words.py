"""No words for maintainers on public pages or PDFs: the list in ecmguide/data/banned-words.yml, and fact ids."""

import re

import pytest
from pypdf import PdfReader

from ecmguide.law import reader_words

from conftest import text_of


def test_validation_refuses_a_banned_phrase_in_a_public_field_and_names_file_line_field(project_factory):
    project = project_factory(
        overlays={
            "zz": """
        jurisdiction: Zedland
        kind: state
        duty_to_warn:
          status: unknown
          limits: "Searched in the research pass of November; see privilege.yml."
        """
        }
    )
    problems = [p for p in project.validate([project.overlays_dir / "zz.yml"]) if p.severity == "error"]
    hits = [p for p in problems if "a word for maintainers" in p.message]
    assert len(hits) == 1 and hits[0].file == "overlays/zz.yml" and hits[0].line == 6
    assert hits[0].field == "duty_to_warn.limits" and "'privilege.yml'" in hits[0].message


def test_a_maintainers_note_may_use_them():
    from ecmguide.law import schema

    note = next(f for f in schema.FACT_FIELDS if f.name == "reviewer_note")
    assert note.public is False  # validation checks public fields only


def test_the_list_is_data_and_matches_case_insensitively():
    assert reader_words.found("Read the Shared Research Leads file") == (
        "shared research leads",
        reader_words.phrases()[1][1],
    )
    assert reader_words.found("They make sure the victim understands") is None  # ordinary words pass
    assert reader_words.fact_ids("see tx.duty_to_warn and ca.privileges.dv_advocate", ["tx", "ca"]) == [
        "ca.privileges.dv_advocate",
        "tx.duty_to_warn",
    ]


@pytest.mark.slow
def test_no_built_page_or_pdf_shows_a_banned_word_or_a_fact_id(built_site):
    codes = [p.name for p in built_site.iterdir() if p.is_dir() and (p / "jurisdiction-facts").is_dir()]
    assert {"us", "ca", "tx", "ca-example"} <= set(codes)
    bad, seen = [], 0
    for code in codes:
        for page in (built_site / code).rglob("*.html"):
            text = text_of(page)
            seen += 1
            if (hit := reader_words.found(text)) or (ids := reader_words.fact_ids(text, codes + ["us"])):
                bad.append((str(page.relative_to(built_site)), hit[0] if hit else ids))
        for pdf in (built_site / code / "downloads").glob("*.pdf"):
            text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
            seen += 1
            if (hit := reader_words.found(text)) or (ids := reader_words.fact_ids(text, codes + ["us"])):
                bad.append((pdf.name, hit[0] if hit else ids))
    assert seen > 100 and bad == []
