"""The discipline handouts a coordinator prints: short, full pages, local contacts, printed addresses, a QR code."""

import concurrent.futures as cf
import io
import multiprocessing
import re
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.outputs.printed import handout, pdf
from ecmguide.outputs.site import mkdocs_site

from conftest import REPO, TODAY

pytestmark = pytest.mark.slow


def page_fills(path: Path) -> list[float]:
    """How far down each page's content area text reaches (0 to 1), read back from the PDF."""
    out = []
    for page in PdfReader(path).pages:
        height, ys = float(page.mediabox.height), []

        def visit(text, cm, tm, font, size):
            if text.strip():
                ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        top, bottom = height - 0.9 * 72, 0.9 * 72  # print.css page margins
        body = [y for y in ys if bottom < y < top]
        out.append((top - min(body)) / (top - bottom) if body else 0.0)
    return out


SETTING = "https://handouts.example.net/ecm-guide/"


def project_with_setting(tmp: Path) -> Path:
    """A copy of the project whose committed setting (site_url in mkdocs.yml) names where it is published."""
    import shutil

    root = tmp / "project"
    root.mkdir()
    for name in ("overlays", "jurisdictions", "docs", "maintainers"):
        shutil.copytree(REPO / name, root / name)
    for name in ("ecmguide", "macros.py"):
        (root / name).symlink_to(REPO / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("docs_dir: docs\n", f"docs_dir: docs\nsite_url: {SETTING}\n", 1))
    return root


def _handouts(job: tuple[str, Path]) -> list[tuple[str, list[float], str, list[str]]]:
    """(file, page fills, text, decoded QR codes) of each handout of one edition."""
    import zxingcpp
    from PIL import Image

    code, root = job
    project = Project(root, TODAY)
    edition = project.edition(code)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / code
        pages = mkdocs_site.build_site(project, edition, out)
        results = []
        for d in schema.DISCIPLINES:
            name = f"{code}-{d}.pdf"
            pdf.build_one(edition, pages, [], name, out / "downloads", root=project.root)
            path = out / "downloads" / name
            images = [img for page in PdfReader(path).pages for img in page.images]
            decoded = [r.text for img in images for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(img.data)))]
            results.append((name, page_fills(path), text_of_pdf(path), decoded))
    return results


@pytest.fixture(scope="module")
def every_handout_with_the_setting(tmp_path_factory):
    """Every handout of every edition, built with the project setting site_url set."""
    root = project_with_setting(tmp_path_factory.mktemp("setting"))
    codes = Project(root, TODAY).edition_codes()
    with cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return codes, [r for batch in pool.map(_handouts, [(c, root) for c in codes]) for r in batch]


def test_every_handout_of_every_edition_is_at_most_four_full_pages(every_handout_with_the_setting):
    codes, results = every_handout_with_the_setting
    assert len(results) == len(codes) * len(schema.DISCIPLINES)
    too_long = [(name, len(fills)) for name, fills, _, _ in results if len(fills) > 4]
    thin = [(name, i + 1, round(f, 2)) for name, fills, _, _ in results for i, f in enumerate(fills[:-1]) if f < 1 / 3]
    assert too_long == [] and thin == []


def test_with_the_project_setting_every_handout_prints_its_page_address_and_a_qr_code_to_it(
    every_handout_with_the_setting,
):
    codes, results = every_handout_with_the_setting
    project = Project(REPO, TODAY)
    wrong = []
    for name, _, text, decoded in results:
        code, discipline = next(
            (c, name[len(c) + 1 : -4])
            for c in sorted(codes, key=len, reverse=True)
            if name.startswith(f"{c}-") and name[len(c) + 1 : -4] in schema.DISCIPLINES
        )
        own = project.edition(code).site_url  # a manifest's own address wins over the project setting
        address = (
            f"{own.rstrip('/')}/disciplines/{discipline}/" if own else f"{SETTING}{code}/disciplines/{discipline}/"
        )
        if address not in text.replace(" ", "") or set(decoded) != {address}:
            wrong.append((name, decoded))
    assert wrong == []
    assert sum(SETTING in r[2].replace(" ", "") for r in results) >= 5 * (len(codes) - 1)


def test_every_handout_prints_the_national_lines_and_where_to_report(every_handout_with_the_setting):
    from ecmguide.law import national

    lines = national.contacts()
    assert lines and any(c.number for c in lines)
    for name, _, text, _ in every_handout_with_the_setting[1]:
        assert "Where to report and get help" in text, name
        for c in lines:
            assert c.name in text and (c.number or c.dial) in text, (name, c.name)
        assert "Report suspected child abuse in" in text or "Reports go to the state or tribe" in text, name


def text_of_pdf(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def test_a_local_edition_handout_has_its_contacts_printed_address_and_a_qr_code_to_the_page(built_site):
    import zxingcpp
    from PIL import Image

    for d in schema.DISCIPLINES:
        path = built_site / "ca-example" / "downloads" / f"ca-example-{d}.pdf"
        text = text_of_pdf(path)
        address = f"https://example.org/ecm-guide/ca-example/disciplines/{d}/"
        assert "Example County Human Trafficking Task Force (example)" in text
        assert "555-0101" in text and "555-0102" in text and "coordinator@example.org" in text
        assert "https://example.org/task-force/mou.pdf" in text  # the MOU's address, printed as a note
        assert address in text
        images = [img for page in PdfReader(path).pages for img in page.images]
        decoded = [r.text for img in images for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(img.data)))]
        assert decoded and set(decoded) == {address}


def test_handout_starts_with_title_jurisdiction_date_and_notice_and_has_no_cover(built_site):
    reader = PdfReader(built_site / "ca" / "downloads" / "ca-advocates.pdf")
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert first.startswith("ECM Guide to Confidentiality and Information Sharing · California edition of")
    assert "Handout: Community-based caseworkers and advocates" in first and "Information, not legal advice." in first
    assert "Duties at a glance" in first and "Contents" not in first  # no cover, no contents page
    text = text_of_pdf(built_site / "ca" / "downloads" / "ca-advocates.pdf")
    assert text.count("Human-trafficking caseworker privilege") == 1  # the jurisdiction's facts, once
    assert "Address Confidentiality Program" in text  # advocates help survivors enrol
    assert "☐ Has the victim provided written informed consent?" in text
    assert "Where to find the full guide" not in text


def test_without_a_site_address_the_handout_says_where_in_words_and_prints_no_qr_code(built_site):
    path = built_site / "ca" / "downloads" / "ca-healthcare.pdf"
    text = text_of_pdf(path)
    assert (
        "For the full guide, with every discipline and the general guidance (the file ca-guide.pdf), ask whoever "
        "gave you this handout or your task force coordinator" in text
    )
    assert "https://" not in text[text.index("Find the full guide") : text.index("Sources and links")]  # no guess
    assert not [img for page in PdfReader(path).pages for img in page.images]
    assert "National Human Trafficking Hotline" in text and "1-888-373-7888" in text  # the fallback lines


def test_every_web_address_a_handout_links_is_printed_as_a_numbered_note(built_site):
    project = Project(REPO, TODAY)
    edition = project.edition("ca")
    text = text_of_pdf(built_site / "ca" / "downloads" / "ca-healthcare.pdf")
    notes = text[text.index("Sources and links") :]
    for slot in (s.path for s in schema.SLOTS if "healthcare" in s.disciplines):
        fact = edition.fact(slot)
        if fact.has_law:
            assert fact.source_url.replace(" ", "") in notes.replace(" ", ""), slot
            if fact.link_url:
                assert fact.link_url.replace(" ", "") in notes.replace(" ", ""), slot
    assert re.search(r"\[1\] https?://", notes)


def test_the_guide_keeps_its_contents_page_and_prints_tick_boxes_and_notes(built_site):
    reader = PdfReader(built_site / "ca" / "downloads" / "ca-guide.pdf")
    assert "Contents" in reader.pages[1].extract_text()
    text = text_of_pdf(built_site / "ca" / "downloads" / "ca-guide.pdf")
    assert "☐ Has the victim provided written informed consent?" in text
    assert "Sources and links" in text and "[1] https://" in text


def test_the_handout_part_of_a_discipline_page_is_printed_not_shown_on_the_site(built_site):
    page = (built_site / "ca" / "disciplines" / "advocates" / "index.html").read_text()
    assert "Duties at a glance" not in page and "print-handout" not in page
    import json

    docs = json.loads((built_site / "ca" / "search" / "search_index.json").read_text())["docs"]
    on_page = [d for d in docs if d["location"].startswith("disciplines/advocates/")]
    assert on_page and not any("Duties at a glance" in d["title"] + d["text"] for d in on_page)
    assert not any("No release, no sharing" in d["text"] for d in docs)  # the handout's own words, nowhere
    assert (
        handout.page_address(Project(REPO, TODAY).edition("ca-example"), "advocates")
        == "https://example.org/ecm-guide/ca-example/disciplines/advocates/"
    )


def test_no_such_law_none_found_and_not_researched_read_differently_on_a_page_and_in_a_pdf(project_factory, tmp_path):
    from ecmguide.pipeline.build import build

    overlay = """\
        code: tx
        name: Texas
        kind: state
        privileges:
          dv_advocate:
            status: not_enacted
            citation: "Tex. Fam. Code ch. 93"
            summary: "A source says Texas has no such privilege."
            source_url: "https://statutes.capitol.texas.gov/Docs/FA/htm/FA.93.htm"
            checked_against: official_text
            last_reviewed: 2026-11-30
            confidence: high
          sa_counselor:
            status: none_found
            searched:
              date: 2026-11-30
              sources: ["https://statutes.capitol.texas.gov/Docs/GV/htm/GV.420.htm (looked for: Government Code ch. 420)"]
          ht_caseworker: {status: unknown}
        """
    project = project_factory(
        overlays={"tx": overlay},
        editions={"tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=("us",),
        copy_editions=(),
    )
    out = tmp_path / "site"
    build(project, out=out, only=["tx"])
    page = re.sub(r"<[^>]+>", "", (out / "tx" / "disciplines" / "advocates" / "index.html").read_text())
    paper = text_of_pdf(out / "tx" / "downloads" / "tx-advocates.pdf")
    for text in (page, paper):
        words = re.sub(r"\s+", " ", text)
        assert "No such law. A source says Texas has none." in words
        assert "None found. This was searched for Texas and nothing was found; no source says there is none." in words
        assert "Searched on 2026-11-30" in words
        assert "Not yet researched for Texas." in words


def test_the_downloads_page_lists_exactly_the_sections_the_handouts_have(built_site):
    """Downloads promises what a handout holds: every section it names is in each handout (Your task force only
    where the edition lists contacts), in the handouts' order, and each handout has no section it leaves out."""
    import html

    for code in ("tx", "ca", "ca-example", "us"):
        page = (built_site / code / "downloads" / "index.html").read_text(encoding="utf-8")
        intro = page.split('id="downloads"', 1)[1].split('<table class="downloads"', 1)[0]
        named = [html.unescape(n) for n in re.findall(r"<li><strong>(.*?)</strong>", intro)]
        assert "Before you share" in named and "Sources and links" in named, named
        for printed in (built_site / code / "downloads" / f"{code}-{d}.pdf" for d in schema.DISCIPLINES):
            reader = PdfReader(printed)
            assert len(reader.pages) <= 4, printed.name  # "up to four pages"
            top = reader.outline[1] if len(reader.outline) > 1 and isinstance(reader.outline[1], list) else []
            sections = [item.title for item in top if not isinstance(item, list)]
            expected = [n for n in named if n != "Your task force" or code == "ca-example"]
            assert sections == expected, (printed.name, sections, named)
