"""How facts are sourced: refused hosts, official text, confidence and official-text links (ecmguide/law/trust.py)."""

import textwrap

import pytest

from ecmguide.core.errors import errors_only


def overlay(body: str) -> str:
    return "code: tx\nname: Texas\nkind: state\n" + textwrap.dedent(body)


def problems(project_factory, body: str) -> list[str]:
    project = project_factory(overlays={"tx": overlay(body)}, copy_overlays=(), copy_editions=())
    return [str(p) for p in project.validate([project.overlays_dir / "tx.yml"])]


FACT = """\
duty_to_warn:
  citation: "Tex. Health & Safety Code § 611.004"
  summary: "A professional may disclose to prevent imminent harm."
  source_url: "{source}"
  checked_against: {checked}
  last_reviewed: 2026-11-25
  confidence: {confidence}
  rule: permissive
"""


def fact(
    source="https://statutes.capitol.texas.gov/Docs/HS/htm/HS.611.htm",
    checked="official_text",
    confidence="high",
    extra="",
):
    return FACT.format(source=source, checked=checked, confidence=confidence) + extra


def test_a_refused_host_as_the_only_source_fails_naming_file_line_host_and_what_to_do(project_factory):
    found = problems(
        project_factory, fact(source="https://instalawyer.io/laws/tx/611-004", checked="secondary", confidence="medium")
    )
    assert found == [
        "overlays/tx.yml:7: duty_to_warn.source_url: instalawyer.io is not citable (machine-written legal pages); "
        "remove it and read the official text on statutes.capitol.texas.gov and cite that page, or a reliable "
        "secondary source (e.g. Justia, Cornell LII, the Child Welfare Information Gateway) with checked_against: "
        "secondary"
    ]


def test_a_refused_host_among_other_sources_is_refused_too(project_factory):
    found = problems(project_factory, fact(extra='  additional_sources: ["https://www.courtgpt.ai/tx/611"]\n'))
    assert len(found) == 1 and found[0].startswith(
        "overlays/tx.yml:12: duty_to_warn.additional_sources[0]: www.courtgpt.ai is not citable"
    )


def test_high_confidence_needs_the_official_text(project_factory):
    found = problems(
        project_factory,
        fact(source="https://law.justia.com/codes/texas/hs/611.004/", checked="secondary", confidence="high"),
    )
    assert found == [
        "overlays/tx.yml:10: duty_to_warn.confidence: is high, but high means the official text was "
        "read; set checked_against: official_text with the official source_url, or lower confidence "
        "to medium"
    ]


def test_official_text_must_have_been_read_on_an_official_host(project_factory):
    found = problems(project_factory, fact(source="https://law.justia.com/codes/texas/hs/611.004/"))
    assert (
        "overlays/tx.yml:8: duty_to_warn.checked_against: is official_text, but source_url is on "
        "law.justia.com, not an official publisher's site; cite the official page you read (e.g. on "
        "statutes.capitol.texas.gov) or write checked_against: secondary"
    ) in found


def test_secondary_with_medium_confidence_is_honest_and_passes(project_factory):
    found = problems(
        project_factory,
        fact(source="https://law.justia.com/codes/texas/hs/611.004/", checked="secondary", confidence="medium"),
    )
    assert errors_only_text(found) == []


def test_official_url_must_be_on_an_official_host(project_factory):
    found = problems(project_factory, fact(extra='  official_url: "https://casetext.com/statute/611.004"\n'))
    assert any("duty_to_warn.official_url: casetext.com is not an official host" in p for p in found)


def test_an_unresolvable_citation_without_official_url_is_a_warning_listing_it(project_factory):
    body = fact().replace("Tex. Health & Safety Code § 611.004", "Tex. R. Evid. 510")
    found = problems(project_factory, body)
    assert found == [
        "overlays/tx.yml:5: warning: duty_to_warn.citation: no official-text link can be built from "
        "'Tex. R. Evid. 510'; add official_url: the official publisher's page of the main section"
    ]


def errors_only_text(found):
    return [p for p in found if ": warning: " not in p]


def test_every_committed_overlay_cites_no_refused_host_and_claims_high_only_with_official_text():
    from ecmguide.editions.project import Project
    from ecmguide.law import sources

    from conftest import REPO, TODAY

    project = Project(REPO, TODAY)
    for code in project.overlay_codes():
        overlay = project.overlay(code)
        for f in (*overlay.facts.values(), *overlay.federal.values()):
            assert not any(sources.refused(u) for u in f.sources), f.origin
            if f.confidence == "high":
                assert f.checked_against == "official_text" and sources.is_official(f.source_url), f.origin
    assert errors_only(project.validate()) == []


def _visible(path) -> str:
    import re

    from conftest import text_of

    return re.sub(r"\s+", " ", text_of(path))


@pytest.mark.slow
def test_reviewer_notes_never_reach_a_built_page_or_pdf(built_site):
    import re

    from pypdf import PdfReader

    from ecmguide.editions.project import Project

    from conftest import REPO, TODAY

    project = Project(REPO, TODAY)
    notes = {
        f.reviewer_note
        for c in ("us", "ca")
        for f in (*project.overlay(c).facts.values(), *project.overlay(c).federal.values())
        if f.reviewer_note
    }
    assert len(notes) > 5
    pages = " ".join(_visible(p) for p in built_site.rglob("*.html"))
    pdfs = " ".join(
        re.sub(r"\s+", " ", " ".join(pg.extract_text() for pg in PdfReader(p).pages))
        for p in (built_site / "ca" / "downloads").glob("*.pdf")
    )
    for note in notes:
        probe = re.sub(r"\s+", " ", note)[:60]
        assert probe not in pages and probe not in pdfs, probe
    editions = " ".join(_visible(p) for code in ("us", "ca", "ca-example") for p in (built_site / code).rglob("*.html"))
    assert "Note for reviewers" not in editions  # the old public label of maintainers' notes


@pytest.mark.slow
def test_every_fact_box_that_should_link_the_official_text_does(built_site):
    import html as htmllib
    import re

    from ecmguide.editions.project import Project
    from ecmguide.law import citations, schema

    from conftest import REPO, TODAY

    edition = Project(REPO, TODAY).edition("ca")
    checked = 0
    for d in schema.DISCIPLINES:
        html = (built_site / "ca" / "disciplines" / d / "index.html").read_text()
        for slot in (s.path for s in schema.SLOTS if d in s.disciplines):
            fact = edition.fact(slot)
            box = re.search(
                rf'<div class="fact[^"]*" id="fact-{slot.replace(".", "-").replace("_", "-")}">(.*?)'
                r'<p class="fact-id">',
                html,
                re.S,
            ).group(1)
            link = citations.fact_link(fact) if fact.has_law else None
            if link:
                assert f'<a href="{htmllib.escape(link.url)}" class="fact-official">' in box, slot
                assert f'href="{htmllib.escape(fact.source_url)}"' in box, slot  # and the page actually read
                checked += 1
            elif fact.has_law:
                assert "no official-text link recorded" in box, slot
    assert checked >= 8
