"""A task force's local edition: one manifest and optional pages, without forking the guide."""

import re

import pytest

from conftest import text_of

pytestmark = pytest.mark.slow


def test_example_edition_shows_its_task_force_and_contacts(built_site):
    text = text_of(built_site / "ca-example" / "jurisdiction-facts" / "index.html")
    assert "Example County Human Trafficking Task Force (example)" in text
    assert "Example edition: the contacts below are placeholders" in text
    for contact in ("555-0101", "555-0102", "coordinator@example.org", "Memorandum of understanding"):
        assert contact in text


def test_example_edition_extra_pages_are_in_the_navigation(built_site):
    home = (built_site / "ca-example" / "index.html").read_text()
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S).group(0)
    assert 'href="local/local-resources/"' in nav and "Local resources" in nav
    assert "Local protocol summary" in nav
    page = text_of(built_site / "ca-example" / "local" / "local-resources" / "index.html")
    assert "555-0101" in page  # the page can use the edition's contacts


def facts_table(site, code):
    html = (site / code / "jurisdiction-facts" / "index.html").read_text()
    return re.search(r'<table class="facts-table[^"]*">.*?</table>', html, re.S).group(0)


def test_example_edition_state_facts_match_the_state_edition(built_site):
    assert facts_table(built_site, "ca-example") == facts_table(built_site, "ca")

    def box(code):
        html = (built_site / code / "disciplines" / "healthcare" / "index.html").read_text()
        return re.search(r'<div class="admonition jurisdiction-box".*?<p class="fact-disclaimer">', html, re.S).group(0)

    assert "In California" in box("ca") and "Duty to warn or protect" in box("ca")
    assert box("ca-example") == box("ca")


def test_example_edition_uses_its_colour_and_links_back_to_the_hub(built_site):
    home = (built_site / "ca-example" / "index.html").read_text()
    assert "--md-primary-fg-color:#5a2d82" in home
    assert '<a href="./../">All jurisdictions</a>' in home
    deeper = (built_site / "ca-example" / "disciplines" / "advocates" / "index.html").read_text()
    assert '<a href="../../../">All jurisdictions</a>' in deeper


def test_example_edition_shows_its_logo(built_site):
    home = (built_site / "ca-example" / "index.html").read_text()
    assert (
        '<img src="assets/edition/logo.png" alt="Example County Human Trafficking Task Force (example) logo">' in home
    )
    assert (built_site / "ca-example" / "assets" / "edition" / "logo.png").is_file()


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "pages/../../secret.md"])
def test_page_paths_outside_the_edition_folder_are_refused(project_factory, bad):
    project = project_factory(
        editions={"ca-x": f'code: ca-x\noverlays: [us, ca]\nextra_pages:\n  - title: "X"\n    file: "{bad}"\n'}
    )
    problems = [str(p) for p in project.validate([project.jurisdictions_dir / "ca-x.yml"])]
    assert problems == [
        f"jurisdictions/ca-x.yml:5: extra_pages[0].file: {bad!r} is not a plain relative file name; "
        "use e.g. 'local-resources.md'"
    ]


def manifest_problems(project, code):
    return [str(p) for p in project.validate([project.jurisdictions_dir / f"{code}.yml"])]


def edition_with_page(project_factory, page_text, file="page.md"):
    project = project_factory(
        editions={"ca-x": f'code: ca-x\noverlays: [us, ca]\nextra_pages:\n  - title: "P"\n    file: "{file}"\n'}
    )
    (project.jurisdictions_dir / "ca-x").mkdir()
    (project.jurisdictions_dir / "ca-x" / "page.md").write_text(page_text)
    return project


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "# P\n\n{{ lipsum.__globals__ }}\n",
            "jurisdictions/ca-x/page.md:3: template code is not allowed in local pages",
        ),
        ("# P\n{% raw %}\n", "jurisdictions/ca-x/page.md:2: template code is not allowed in local pages"),
        (
            "# P\n\n<script>alert(1)</script>\n",
            "jurisdictions/ca-x/page.md:3: raw HTML is not allowed in local pages; write Markdown",
        ),
        (
            "# P\n\n[x](javascript:alert(1))\n",
            "jurisdictions/ca-x/page.md:3: link to 'javascript:alert(1)' is not allowed",
        ),
    ],
)
def test_local_pages_are_checked_as_untrusted(project_factory, text, message):
    problems = manifest_problems(edition_with_page(project_factory, text), "ca-x")
    assert any(p.startswith(message) for p in problems), problems


def test_local_page_placeholders_and_links_are_allowed(project_factory):
    text = "# P\n\n{{ task_force_contacts() }}\n\nSee [before you share](../basics/before-you-share.md) and [a site](https://example.org/).\n"
    assert manifest_problems(edition_with_page(project_factory, text), "ca-x") == []


def test_symlink_out_of_the_edition_folder_is_refused(project_factory):
    project = edition_with_page(project_factory, "# P\n")
    page = project.jurisdictions_dir / "ca-x" / "page.md"
    page.unlink()
    page.symlink_to("/etc/hostname")
    assert manifest_problems(project, "ca-x") == [
        "jurisdictions/ca-x.yml:5: extra_pages[0].file: jurisdictions/ca-x/page.md points outside jurisdictions/ca-x/; "
        "copy the file into that folder",
        "jurisdictions/ca-x/page.md: is a symbolic link (to /etc/hostname); links are not allowed in "
        "jurisdictions/; replace it with the real file or folder",
    ]


@pytest.mark.parametrize(
    "field,value",
    [("title", "</title><script>alert(1)</script>"), ("title", "[x](javascript:alert(1))"), ("title", "{{ 7*7 }}")],
)
def test_titles_are_plain_text(project_factory, field, value):
    project = project_factory(editions={"ca-x": f'code: ca-x\noverlays: [us, ca]\n{field}: "{value}"\n'})
    problems = manifest_problems(project, "ca-x")
    assert len(problems) == 1 and problems[0].startswith(f"jurisdictions/ca-x.yml:3: {field}: contains ")


def test_overlays_must_go_from_general_to_specific(project_factory):
    project = project_factory(editions={"ca-x": "code: ca-x\noverlays: [ca, us, ca]\n"})
    assert manifest_problems(project, "ca-x") == [
        "jurisdictions/ca-x.yml:2: overlays: layers more than one state, district or territory; an edition covers one",
        'jurisdictions/ca-x.yml:2: overlays[1]: "us" (federal) comes after "ca" (state); list the most general overlay first, e.g. [us, ca]',
        'jurisdictions/ca-x.yml:2: overlays[2]: lists "ca" twice; list each overlay once',
    ]


def test_a_page_that_is_not_utf8_is_refused_with_its_line(project_factory):
    project = edition_with_page(project_factory, "# P\n")
    (project.jurisdictions_dir / "ca-x" / "page.md").write_bytes(b"# P\n\nCaf\xe9 and more\n")
    assert manifest_problems(project, "ca-x") == [
        "jurisdictions/ca-x/page.md:3: is not UTF-8 text (byte 0xE9); save the page as UTF-8 (in most editors: "
        "Save as, Encoding: UTF-8)"
    ]


def test_a_refused_reference_style_link_is_named_with_the_line_it_stands_on(project_factory):
    project = edition_with_page(project_factory, "# P\n\nSee [the form][f] here.\n\n[f]: javascript:alert(1)\n")
    assert manifest_problems(project, "ca-x") == [
        "jurisdictions/ca-x/page.md:3: link to 'javascript:alert(1)' is not allowed; use an https:// address, "
        "mailto:, tel: or a page of the guide"
    ]
