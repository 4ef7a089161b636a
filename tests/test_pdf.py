"""The PDFs a coordinator prints: tagged, bookmarked, localized, self-contained handouts."""

import re

import pytest
from pypdf import PdfReader

from ecmguide.law import schema

pytestmark = pytest.mark.slow
CODES = ("us", "ca")


def reader(site, code, name) -> PdfReader:
    return PdfReader(site / code / "downloads" / f"{code}-{name}.pdf")


def outline_titles(items) -> list[str]:
    out = []
    for item in items:
        out += outline_titles(item) if isinstance(item, list) else [item.title]
    return out


def all_text(r: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in r.pages))


@pytest.mark.parametrize("code", CODES)
def test_ten_pdfs_per_edition(built_site, code):
    """The guide, five handouts, and for survivors the explainer and the release form in English and Spanish."""
    names = sorted(p.name for p in (built_site / code / "downloads").glob("*.pdf"))
    assert names == sorted(
        [f"{code}-guide.pdf"]
        + [f"{code}-{d}.pdf" for d in schema.DISCIPLINES]
        + [f"{code}-{doc}{lang}.pdf" for doc in ("survivors", "release") for lang in ("", "-es")]
    )


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("name", ["guide", *schema.DISCIPLINES])
def test_tagged_pdf_ua_with_language_title_fonts(built_site, code, name):
    r = reader(built_site, code, name)
    root = r.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert r.metadata.title and ("California" in r.metadata.title or "United States" in r.metadata.title)
    fonts = set()
    for page in r.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = (
                font.get_object().get("/FontDescriptor")
                or font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            fonts.add(any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts == {True}  # every font embedded


def test_handout_holds_what_the_discipline_needs(built_site):
    r = reader(built_site, "ca", "healthcare")
    titles = outline_titles(r.outline)
    assert titles == [
        "Handout: Healthcare professionals",
        "Duties at a glance",
        "The law in California",
        "Before you share",
        "Where to report and get help",
        "Find the full guide",
        "Sources and links",
    ]
    text = all_text(r)
    assert "Duty to warn or protect" in text and "Psychotherapist-patient privilege" in text
    assert "Information, not legal advice" in text
    first = r.pages[0].extract_text()
    assert "Handout: Healthcare professionals" in first and "California" in first and "2026-11-25" in first


def test_handout_pages_count_within_the_handout(built_site):
    r = reader(built_site, "ca", "advocates")
    n = len(r.pages)
    assert f"Page 2 of {n}" in r.pages[1].extract_text()
    assert f"Page {n} of {n}" in r.pages[-1].extract_text()
    assert n < len(reader(built_site, "ca", "guide").pages)


def test_state_citations_on_the_discipline_pages(built_site):
    text = all_text(reader(built_site, "ca", "advocates"))
    assert "Cal. Evid. Code" in text and "1038" in text
    assert "1038" not in all_text(reader(built_site, "us", "advocates"))


def test_guide_outline_follows_the_guide(built_site):
    titles = outline_titles(reader(built_site, "ca", "guide").outline)
    for heading in (
        "Key definitions and terms",
        "Community-based caseworkers and advocates",
        "Law enforcement",
        "Prosecutors",
        "Healthcare professionals",
        "Civil attorneys",
        "References",
        "California at a glance",
    ):
        assert heading in titles
    assert "Downloads" not in titles


def test_internal_links_point_inside_the_pdf(built_site):
    r = reader(built_site, "ca", "guide")
    internal = external = 0
    for page in r.pages:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            action = a.get("/A")
            if action and action.get_object().get("/URI"):
                uri = action.get_object()["/URI"]
                assert uri.startswith(("http://", "https://", "mailto:", "tel:+", "sms:")), uri
                external += 1
            elif a.get("/Dest") is not None or (action and action.get_object().get("/D") is not None):
                internal += 1
    assert internal > 20 and external > 5


def test_downloads_page_lists_sizes_and_page_counts(built_site):
    html = (built_site / "ca" / "downloads" / "index.html").read_text()
    for name in ["ca-guide.pdf"] + [f"ca-{d}.pdf" for d in schema.DISCIPLINES]:
        pages = len(PdfReader(built_site / "ca" / "downloads" / name).pages)
        assert re.search(rf'href="{name}"[^>]*>{name}</a>.*?<td>\d+ KB, {pages} pages</td>', html, re.S), name


def test_discipline_page_links_its_handout(built_site):
    html = (built_site / "ca" / "disciplines" / "prosecutors" / "index.html").read_text()
    assert 'href="../../downloads/ca-prosecutors.pdf"' in html
