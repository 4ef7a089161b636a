"""The hub: picker, coverage report and compare page, all built from the overlays."""

import re

import pytest

from ecmguide.outputs.hub import coverage
from ecmguide.pipeline.build import build

from conftest import text_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    from conftest import make_project

    project = make_project(
        tmp_path_factory.mktemp("hub"),
        copy_overlays=("us", "ca", "tx", "wi", "ny"),
        copy_editions=("us", "ca", "tx", "wi", "ny"),
    )
    out = project.root.parent / "site"
    build(project, out=out, with_pdf=False)
    return project, out


def test_picker_is_plain_links_that_work_without_javascript(hub):
    _, out = hub
    html = (out / "index.html").read_text()
    for code, name in (("ca", "California"), ("tx", "Texas"), ("wi", "Wisconsin")):
        assert f'<a href="{code}/">{name}</a>' in html
    assert '<div class="picker-filter" hidden>' in html  # the filter box appears only when its script runs


def test_coverage_page_figure_matches_the_overlays(hub):
    project, out = hub
    rows = coverage.rows([project.edition(c) for c in project.edition_codes()])
    done, total = coverage.share(rows)
    text = text_of(out / "coverage" / "index.html")
    assert (
        f"Recorded (in force, no such law, or searched and none found): {done} of {total} jurisdiction-topic "
        f"cells ({100 * done / total:.1f}%)."
    ) in text
    links = coverage.official_links([project.edition(c) for c in project.edition_codes()])
    assert f"Official-text links: {links.linked} of {links.total} in-force facts ({links.percent:.1f}%)." in text
    assert total == 5 * 12  # us, ca, tx, wi and ny, 12 counted topics each


def test_compare_page_cells_link_to_jurisdiction_and_cite_source(hub):
    project, out = hub
    html = (out / "compare" / "index.html").read_text()
    ca_acp = project.edition("ca").fact("address_confidentiality")
    section = html.split('data-topic="address_confidentiality"')[1].split("</section>")[0]
    row = re.search(
        r'<tr data-j="ca"><th scope="row"><a href="../ca/jurisdiction-facts/#fact-address-confidentiality">'
        r"California</a></th>(.*?)</tr>",
        section,
        re.S,
    ).group(1)
    if ca_acp.get("scope") == "substitute_address":
        assert ca_acp.get("program_name") in row and ca_acp.get("agency") in row
    import html as htmllib

    assert f'href="{htmllib.escape(ca_acp.source_url)}"' in row and htmllib.escape(ca_acp.citation, quote=False) in row
    assert f'href="{htmllib.escape(ca_acp.link_url)}"' in row
    universal = [
        c
        for c in ("ca", "tx", "wi", "ny")
        if project.edition(c).fact("mandated_reporting.child").get("universal") is True
    ]
    assert f"{len(universal)} of 4 require every person to report" in text_of(out / "compare" / "index.html")


def test_none_found_and_not_researched_read_differently_on_the_compare_page(hub):
    project, out = hub
    html = (out / "compare" / "index.html").read_text()
    section = html.split('data-topic="privileges.ht_caseworker"')[1].split("</section>")[0]
    every = {
        c: project.edition(c).fact("privileges.ht_caseworker").status
        for c in project.edition_codes()
        if not project.edition(c).is_local and c != "us"
    }
    statuses = {
        next(c for c, s in sorted(every.items()) if s == status): status  # one jurisdiction of each state
        for status in ("in_force", "none_found", "unknown")
        if status in every.values()
    }
    for code, status in statuses.items():
        row = re.search(rf'<tr data-j="{code}">(.*?)</tr>', section, re.S).group(1)
        expected = {
            "in_force": "In force",
            "none_found": "Searched, none found",
            "not_enacted": "No such law",
            "unknown": "Not yet researched",
        }[status]
        assert expected in row, (code, status)
    assert set(statuses.values()) == {"in_force", "none_found", "unknown"}  # the data still hold all three


def test_the_review_dashboard_has_a_row_per_jurisdiction_from_the_coverage_figures(hub):
    from ecmguide.outputs.hub import coverage

    project, out = hub
    page = (out / "review" / "index.html").read_text()
    rows = re.findall(
        r'<tr><th scope="row"><a href="\.\./([a-z-]+)/jurisdiction-facts/">[^<]*</a></th>(.*?)</tr>', page
    )
    editions = [project.edition(c) for c in project.edition_codes()]
    assert [code for code, _ in rows] == [r.code for r in coverage.rows(editions)] and rows[0][0] == "us"
    for code, cells in rows:  # federal first, then by name; each row from the coverage figures of its own facts
        f = coverage.figures(editions, code)
        assert f'<td data-label="Read in the official text">{f.official_text} of {f.in_force}</td>' in cells
        assert '<td data-label="Reviewed by an attorney">0</td>' in cells  # no review yet, said honestly
        assert (out / "review" / f"{code}-review.csv").is_file()
    assert "not watched yet" in page
