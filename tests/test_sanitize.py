"""Untrusted local pages: validation refuses what needs the author's attention, and the build makes
everything else inert (nh3 cleaning, placeholders filled after cleaning, escaped front matter)."""

import json
import re

import pytest

from ecmguide.core.errors import InputError
from ecmguide.editions import localpages, sanitize

from conftest import TODAY, add_fixture_edition, make_project, text_of

# ---------------------------------------------------------------- the cleaner on its own


@pytest.mark.parametrize(
    "dirty,absent",
    [
        ('<p onmouseover="alert(1)">x</p>', "onmouseover"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<p style="background:url(http://t.example/x.gif)">x</p>', "style"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "ascript"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ("<script>alert(1)</script>", "alert"),
        ('<img src="http://tracker.example/p.gif">', "tracker"),
        ('<img src="//tracker.example/p.gif">', "tracker"),
        ('<div class="fact jurisdiction-box task-force facts admonition">x</div>', "fact"),
        ('<div class="share-checklist">x</div>', "share-checklist"),
        ('<h2 id="__config">x</h2>', "__config"),
        ('<h2 id="fact-duty-to-warn">x</h2>', "fact-duty"),
        ('<p dir="rtl" lang="ar">x</p>', "rtl"),
        ('<iframe src="https://example.org/"></iframe>', "iframe"),
    ],
)
def test_cleaner_removes(dirty, absent):
    assert absent not in sanitize.clean(dirty, images={"../map.png"})


def test_cleaner_keeps_what_markdown_makes():
    html = (
        '<h2 id="services">Services<a class="headerlink" href="#services" title="Link to this section">¶</a></h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>'
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>"
        '<ol start="3"><li><a href="https://example.org/">web</a> <a href="mailto:a@example.org">mail</a> '
        '<a href="tel:+15550100">tel</a> <a href="../definitions/#privilege">guide</a></li></ol>'
        '<p><img alt="Map" src="../map.png"></p><pre><code>code</code></pre>'
    )
    assert sanitize.clean(html, images={"../map.png"}) == html


def test_placeholders_are_filled_after_cleaning_and_cannot_be_faked():
    trusted = '<div class="admonition note task-force" role="region" aria-label="TF"><p>contacts</p></div>'
    dirty = '<p>tok123</p><p class="task-force" onclick="x()">fake</p><p>In tok456.</p>'
    out = sanitize.page(dirty, "p.md", set(), {"tok123": trusted, "tok456": "California"}, {"tok123"})
    assert out == trusted + '<p class="">fake</p><p>In California.</p>'
    with pytest.raises(InputError, match="must be on a line of its own"):
        sanitize.page("<p>see tok123 here</p>", "p.md", set(), {"tok123": trusted}, {"tok123"})


def test_page_too_deep_or_too_big_for_a_pdf_is_refused():
    deep = "<blockquote>" * 40 + "x" + "</blockquote>" * 40
    with pytest.raises(InputError, match=r"^jurisdictions/x/p\.md: page has 40 elements nested 40 deep"):
        sanitize.page(deep, "jurisdictions/x/p.md", set(), {}, set())


def test_local_pages_are_never_template_code():
    source, tokens = localpages.prepare("# P\n\n{{ task_force_contacts() }}\n\nIn {{ jurisdiction }}.\n", "p.md")
    assert "{{" not in source and source.startswith('---\n{"render_macros": false}\n---\n')
    assert sorted(tokens.values()) == [("jurisdiction", ""), ("task_force_contacts", "")]
    assert all(re.fullmatch(r"ecmph[0-9a-f]{24}", t) and t in source for t in tokens)


# ---------------------------------------------------------------- the hostile editions


def refused_project(tmp_path):
    return add_fixture_edition(make_project(tmp_path, copy_editions=()), "hostile-refused")


LATEST = f"{TODAY.year + 1}-{TODAY.month:02d}-{min(TODAY.day, 28):02d}"  # a year from today, as the rule says
REFUSED = [
    "jurisdictions/ca-refused.yml:4: title: contains U+202E RIGHT-TO-LEFT OVERRIDE (an invisible bidirectional control "
    "that can make text display differently from what it says) at character 9; delete it (it is often pasted in "
    "invisibly) and type the text plainly",
    f"jurisdictions/ca-refused.yml:5: edition_date: 2200-01-01 is outside 1990-01-01 to {LATEST}; write the date this "
    "edition is published, as YYYY-MM-DD",
    "jurisdictions/ca-refused.yml:7: task_force.name: contains U+000A NEWLINE (a line break) at character 11; keep it "
    "on one line",
    "jurisdictions/ca-refused.yml:9: task_force.hotlines[0].label: contains U+001B ESCAPE (a control character) at "
    "character 8; delete it (it is often pasted in invisibly) and type the text plainly",
    "jurisdictions/ca-refused.yml:10: task_force.hotlines[0].number: contains U+200B ZERO WIDTH SPACE (an invisible "
    "character) at character 4; delete it (it is often pasted in invisibly) and type the text plainly",
    "jurisdictions/ca-refused.yml:11: task_force.hotlines[0].sms: 'Text HELP' is not an SMS short code; write its "
    "digits only, e.g. 233733",
    "jurisdictions/ca-refused.yml:14: task_force.coordinator.email: 'coordinator@example.org?cc=x@example.org&body="
    "send%20the%20case%20file' is not an e-mail address (The part after the @-sign contains invalid characters: "
    "'%', '&', '=', '?', '@'); write one address, e.g. coordinator@example.org",
    "jurisdictions/ca-refused.yml:15: task_force.coordinator.phone: '1-800-FLOWERS' has letters; write the digits "
    "(e.g. 1-800-356-9377), and put a vanity spelling such as 1-800-FLOWERS in the label, not the number",
    "jurisdictions/ca-refused.yml:17: branding.logo: jurisdictions/ca-refused/logo.png is not a PNG image (its content "
    "does not match its .png extension); save it as PNG",
    "jurisdictions/ca-refused/bomb.md:2: front matter: YAML syntax error at column 4: anchors (&name) are not allowed; "
    "write the value out",
    "jurisdictions/ca-refused/front.md:3: description: contains '>'; front matter is plain text "
    "(no < > { } [ ] ` * _ | # \\)",
    "jurisdictions/ca-refused/front.md:4: template: not allowed in a local page's front matter; use only title, "
    "description, or delete it",
    "jurisdictions/ca-refused/links.md:3: link to 'javascript:alert(1)' is not allowed; use an https:// address, "
    "mailto:, tel: or a page of the guide",  # a reference-style link: named where it is used, not defined
    "jurisdictions/ca-refused/links.md:5: link to 'javascript:alert(2)' is not allowed; use an https:// address, "
    "mailto:, tel: or a page of the guide",  # split over lines 5 and 6: named by the paragraph's first line
    "jurisdictions/ca-refused/links.md:8: image 'http://tracker.example/p.gif' is not allowed; local pages show only "
    "image files from jurisdictions/ca-refused/ (.png, .jpg, .webp), e.g. ![Map of the county](map.png)",
    "jurisdictions/ca-refused/links.md:10: image '../../ca.yml.png' is not allowed; local pages show only image files "
    "from jurisdictions/ca-refused/ (.png, .jpg, .webp), e.g. ![Map of the county](map.png)",
]


def test_refused_edition_gets_one_precise_line_per_attack(tmp_path):
    project = refused_project(tmp_path)
    assert [str(p) for p in project.validate([project.jurisdictions_dir / "ca-refused.yml"])] == REFUSED


def test_refused_edition_does_not_build(tmp_path):
    from ecmguide.pipeline.build import build

    with pytest.raises(InputError) as exc:
        build(refused_project(tmp_path), only=["ca-refused"], out=tmp_path / "site", with_pdf=False)
    assert [line for line in str(exc.value).splitlines() if ": warning: " not in line] == REFUSED
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "edit,message",
    [
        (
            lambda t: t.replace("edition_date: 2200-01-01", "edition_date: 1969-12-31"),
            "1969-12-31 is outside 1990-01-01",
        ),
        (lambda t: t.replace('title: "Edition', 'title: "NUL\\0 Edition'), "U+0000 NUL (a control character)"),
    ],
)
def test_more_bad_manifest_values(tmp_path, edit, message):
    project = refused_project(tmp_path)
    manifest = project.jurisdictions_dir / "ca-refused.yml"
    manifest.write_text(edit(manifest.read_text()))
    assert any(message in str(p) for p in project.validate([manifest]))


def test_oversized_logo_is_refused(tmp_path):
    project = refused_project(tmp_path)
    logo = project.jurisdictions_dir / "ca-refused" / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (600 * 1024))
    assert (
        "jurisdictions/ca-refused.yml:17: branding.logo: jurisdictions/ca-refused/logo.png is 600 KB, over the 512 KB "
        "limit for images; make it smaller"
    ) in [str(p) for p in project.validate([project.jurisdictions_dir / "ca-refused.yml"])]


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory):
    from ecmguide.pipeline.build import build

    project = add_fixture_edition(make_project(tmp_path_factory.mktemp("inert"), copy_editions=()), "hostile-inert")
    assert [p for p in project.validate([project.jurisdictions_dir / "ca-hostile.yml"]) if p.severity == "error"] == []
    out = tmp_path_factory.mktemp("inert-site") / "site"
    build(project, only=["ca-hostile"], out=out, jobs=2)
    return out / "ca-hostile"


def article(path):
    return re.search(r"<article.*?</article>", path.read_text(encoding="utf-8"), re.S).group(0)


def attributes(markup: str) -> set[str]:
    """Every attribute name in some HTML (parsed, so text that merely looks like an attribute is not counted)."""
    import html.parser

    class Names(html.parser.HTMLParser):
        found: set = set()

        def handle_starttag(self, tag, attrs):
            self.found |= {name for name, _ in attrs}

    parser = Names()
    parser.found = set()
    parser.feed(markup)
    return parser.found


def start_tags(html_text: str) -> list[tuple[str, dict]]:
    """(tag, attributes) of every start tag of a page, entities decoded, as a browser reads them."""
    import html.parser

    class Tags(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(html_text)
    return parser.found


def image_attributes(html_text: str) -> list[dict]:
    return [attrs for tag, attrs in start_tags(html_text) if tag == "img"]


def attribute_values(html_text: str) -> list[str]:
    return [v for _, attrs in start_tags(html_text) for v in attrs.values() if v]


def test_inert_page_has_no_handlers_styles_or_outside_urls(inert_site):
    page = inert_site / "local" / "hostile" / "index.html"
    body = article(page)
    names = attributes(body)
    assert not [n for n in names if n.startswith("on") or n == "style"], names
    values = attribute_values(page.read_text())  # the attempts may show as text; no address reaches an attribute
    assert not [v for v in values if "tracker.example" in v or "javascript:" in v], values
    assert not re.search(r'class="[^"]*\b(fact|facts|jurisdiction-box)\b', body)
    assert 'id="fact-duty-to-warn"' not in body and 'id="__config"' not in body
    assert {"alt": "County map", "src": "../map.png"} in image_attributes(body)
    assert (inert_site / "local" / "map.png").is_file()


def test_inert_page_shows_hostile_text_as_text(inert_site):
    page = inert_site / "local" / "hostile" / "index.html"
    assert "&lt;script&gt;window.ecmPwned=2&lt;/script&gt;" in article(page)
    assert "<script>window.ecmPwned=2</script>" in text_of(page)  # what a reader sees
    html = page.read_text()
    assert (
        '<meta name="description" content="x&#34; onfocus=&#34;window.ecmPwned=1&#34; autofocus data-x=&#34;">' in html
    )
    assert (
        "<title>Hostile &amp;#34; title &amp;amp; more" not in html and "<title>Hostile &#34; title &amp; more" in html
    )
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    assert "&lt;img src=x onerror=window.ecmPwned=4&gt; heading" in toc and "<img" not in toc


def test_inert_page_keeps_the_guides_own_boxes(inert_site):
    body = article(inert_site / "local" / "hostile" / "index.html")
    assert (
        '<div class="admonition note task-force" role="region" aria-label="Hostile Task Force &#34;quoted&#34; &amp; co">'
        in body
    )
    assert "In California the guide" in text_of(inert_site / "local" / "hostile" / "index.html")
    assert '<div class="admonition note">' in body and '<div class="admonition">' in body  # "fact" class dropped


def test_search_index_holds_hostile_text_escaped(inert_site):
    index = json.loads((inert_site / "search" / "search_index.json").read_text())
    docs = [d for d in index["docs"] if d["location"].startswith("local/hostile/")]
    text = json.dumps(docs)
    assert "&lt;script&gt;window.ecmPwned=2&lt;/script&gt;" in text
    assert "<script" not in text and "onerror=window" not in text.replace("&lt;img src=x onerror=window", "")
    assert any("Hostile &quot; title &amp; more" in d["title"] or d["title"].startswith("Hostile page") for d in docs)


def test_pdf_embeds_the_local_image_and_the_escaped_text(inert_site):
    from pypdf import PdfReader

    reader = PdfReader(inert_site / "downloads" / "ca-hostile-guide.pdf")
    images = {img.data for page in reader.pages for img in page.images}
    assert len(images) == 1  # the county map (the logo is a site element, not in the PDF)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "<script>window.ecmPwned=2</script>" in text


@pytest.mark.slow  # renders a PDF
def test_pdf_refuses_any_other_image_with_a_message(project_factory, tmp_path):
    """WeasyPrint 70 reads url_fetcher._fail_on_errors: a plain function crashed every build."""
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.printed.collect import Page

    project = add_fixture_edition(project_factory(copy_editions=()), "hostile-inert")
    edition = project.edition("ca-hostile")
    pages = {
        "local/hostile.md": Page(
            "local/hostile.md",
            "local/hostile/",
            "Hostile page",
            '<h1>P</h1><p><img alt="x" src="http://tracker.example/p.gif"></p>',
        )
    }
    with pytest.raises(InputError) as exc:
        pdf.build_one(edition, pages, ["local/hostile.md"], "ca-hostile-guide.pdf", tmp_path, root=project.root)
    assert str(exc.value) == (
        "jurisdictions/ca-hostile/hostile.md: image 'http://tracker.example/p.gif' is not allowed "
        "in a PDF; only image files from jurisdictions/ca-hostile/ that a local page shows are embedded"
    )
    pages["local/hostile.md"] = Page("local/hostile.md", "local/hostile/", "P", '<p><img alt="x" src="../map.png"></p>')
    assert pdf.build_one(edition, pages, ["local/hostile.md"], "ca-hostile-guide.pdf", tmp_path, root=project.root) == 3


@pytest.mark.slow  # renders a PDF
def test_local_page_that_fills_too_many_pdf_pages_is_refused(project_factory, tmp_path, monkeypatch):
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.printed.collect import Page

    project = add_fixture_edition(project_factory(copy_editions=()), "hostile-inert")
    edition = project.edition("ca-hostile")
    from ecmguide.editions import budgets

    monkeypatch.setattr(budgets, "MAX_PAGE_PRINTED_PAGES", 2)
    pages = {"local/hostile.md": Page("local/hostile.md", "local/hostile/", "P", "<h1>P</h1>" + "<p>text</p>" * 400)}
    with pytest.raises(InputError) as exc:
        pdf.build_one(edition, pages, ["local/hostile.md"], "ca-hostile-guide.pdf", tmp_path, root=project.root)
    assert re.fullmatch(
        r"jurisdictions/ca-hostile/hostile\.md: fills \d+ pages of ca-hostile-guide\.pdf, over the limit "
        r"of 2 for one local page; shorten it or split it into several pages",
        str(exc.value),
    )
    assert not (tmp_path / "ca-hostile-guide.pdf").exists()


@pytest.mark.slow  # renders a PDF
def test_local_pages_that_together_fill_too_many_pdf_pages_are_refused(project_factory, tmp_path, monkeypatch):
    from ecmguide.editions import budgets
    from ecmguide.outputs.printed import pdf
    from ecmguide.outputs.printed.collect import Page

    project = add_fixture_edition(project_factory(copy_editions=()), "hostile-inert")
    edition = project.edition("ca-hostile")
    monkeypatch.setattr(budgets, "MAX_LOCAL_PRINTED_PAGES", 3)  # each page alone stays under the per-page limit
    pages = {"local/hostile.md": Page("local/hostile.md", "local/hostile/", "P", "<h1>P</h1>" + "<p>text</p>" * 200)}
    with pytest.raises(InputError) as exc:
        pdf.build_one(edition, pages, ["local/hostile.md"], "ca-hostile-guide.pdf", tmp_path, root=project.root)
    assert re.fullmatch(
        r"jurisdictions/ca-hostile\.yml: extra_pages: the local pages fill \d+ pages of "
        r"ca-hostile-guide\.pdf, over the limit of 3 for one edition; shorten them",
        str(exc.value),
    )


def test_an_edition_over_its_local_page_budget_is_refused_with_the_measured_value(project_factory):
    from ecmguide.editions import budgets

    project = project_factory(
        editions={
            "ca-x": "code: ca-x\noverlays: [us, ca]\nextra_pages:\n"
            + "".join(f'  - {{title: "P{i}", file: p{i}.md}}\n' for i in range(13))
        }
    )
    folder = project.jurisdictions_dir / "ca-x"
    folder.mkdir()
    for i in range(13):
        (folder / f"p{i}.md").write_text(f"# P{i}\n\n" + "Plain words of a long local page. " * 1100)
    problems = [str(p) for p in project.validate([project.jurisdictions_dir / "ca-x.yml"]) if "warning" not in str(p)]
    assert (
        f"jurisdictions/ca-x.yml:3: extra_pages: lists 13 local pages, over the limit of {budgets.MAX_LOCAL_PAGES} "
        "for one edition; merge some pages" in problems
    )
    assert any(
        p.startswith("jurisdictions/ca-x.yml:3: extra_pages: local pages total 4")
        and f"over the limit of {budgets.MAX_LOCAL_BYTES // 1024} KB" in p
        for p in problems
    ), problems


def test_front_matter_alias_bomb_is_refused_at_once(project_factory):
    import time

    project = add_fixture_edition(project_factory(copy_editions=()), "hostile-refused")
    t0 = time.perf_counter()
    text = (project.jurisdictions_dir / "ca-refused" / "bomb.md").read_text()
    _, problems = localpages.front_matter(localpages.split_front_matter(text)[0], "bomb.md")
    assert time.perf_counter() - t0 < 1 and str(problems[0]).startswith("bomb.md:2: front matter: YAML syntax error")
    big = '---\ntitle: "' + "x" * 3000 + '"\n---\n# P\n'
    assert (
        str(localpages.check_page(big, "p.md")[0])
        == "p.md:1: front matter is 3010 bytes; keep it under 2048 (a title and a description only)"
    )


def test_a_page_with_an_upper_case_extension_is_built_as_a_page_not_copied_raw(inert_site):
    page = inert_site / "local" / "Brackets" / "index.html"
    assert page.is_file() and "built as a page, in linear time" in text_of(page)
    assert not [p for p in inert_site.rglob("*") if p.suffix.lower() == ".md"]


def test_every_placeholder_a_local_page_may_use_has_one_renderer():
    """One registry: the placeholders local pages may use are entries of outputs/placeholders.py, the same
    functions the guide's own pages call through macros.py."""
    from ecmguide.editions import localpages
    from ecmguide.outputs import placeholders

    assert set(localpages.PLACEHOLDER_NAMES) <= set(placeholders.PLACEHOLDERS)
    assert {"privilege_list", "reporting_list", "duty_to_warn"} <= set(placeholders.PLACEHOLDERS)
