"""End-to-end builds: what a webmaster and a legal editor see in site/."""

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecmguide.core.errors import InputError
from ecmguide.pipeline.build import build

from conftest import REPO, TODAY, text_of

pytestmark = pytest.mark.slow


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


def test_hub_lists_every_built_edition(built_site):
    hub = text_of(built_site / "index.html")
    for name in (
        "California",
        "the United States (federal law)",
        "Example County Human Trafficking Task Force (example)",
    ):
        assert name in hub
    assert (built_site / "us" / "index.html").exists() and (built_site / "ca" / "index.html").exists()


def test_california_facts_reach_the_california_pages_only(built_site):
    ca = text_of(built_site / "ca" / "disciplines" / "advocates" / "index.html")
    us = text_of(built_site / "us" / "disciplines" / "advocates" / "index.html")
    assert "In California" in ca and "1038" in ca  # the human-trafficking caseworker privilege
    assert "1038" not in us and "In the United States (federal law)" in us


def test_missing_fact_says_not_yet_researched_and_points_to_guidance(project_factory, tmp_path):
    project = project_factory(
        overlays={"tx": "code: tx\nname: Texas\nkind: state\n"},
        editions={"tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=("us",),
        copy_editions=(),
    )
    build(project, out=tmp_path / "site", only=["tx"], with_pdf=False)
    page = (tmp_path / "site" / "tx" / "disciplines" / "advocates" / "index.html").read_text()
    block = re.search(r'<div class="fact fact-missing" id="fact-privileges-ht-caseworker">.*?</div>', page).group(0)
    words = re.sub(r"<[^>]+>", "", block)
    assert "Not yet researched for Texas" in words
    assert "None found" not in block and "No such law" not in block
    assert 'href="../../definitions/#privilege"' in block


def test_every_page_carries_the_not_legal_advice_notice(built_site):
    pages = list((built_site / "ca").rglob("index.html"))
    assert len(pages) > 15
    for page in pages:
        assert "information, not legal advice" in text_of(page).lower(), page


def test_no_unrendered_placeholders(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        assert "{{" not in text and "{%" not in text, page


def test_fact_change_shows_in_that_state_only(project_factory, tmp_path):
    project = project_factory()
    ca = project.overlays_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("Cal. Evid. Code §§ 1038", "Cal. Evid. Code §§ 9999-TEST 1038", 1))
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False)
    assert "9999-TEST" in text_of(out / "ca" / "disciplines" / "advocates" / "index.html")
    assert not any("9999-TEST" in p.read_text() for p in (out / "us").rglob("*.html"))


def test_bad_overlay_fails_and_leaves_site_untouched(project_factory, tmp_path):
    project = project_factory()
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False)
    before = tree_hash(out)
    ca = project.overlays_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("  dv_advocate:", "  dv_advocat:", 1))
    with pytest.raises(InputError) as exc:
        build(project, out=out, with_pdf=False)
    assert re.search(
        r'overlays/ca\.yml:\d+: privileges\.dv_advocat: unknown field; did you mean "dv_advocate"\?', str(exc.value)
    )
    assert tree_hash(out) == before
    assert not list(out.parent.glob(".site.staging-*"))


def test_unknown_placeholder_fails_naming_page_and_name(project_factory, tmp_path):
    project = project_factory(docs={"benefits.md": "# Benefits\n\n{{ no_such_fact }}\n"})
    with pytest.raises(InputError) as exc:
        build(project, out=tmp_path / "site", with_pdf=False, only=["us"])
    message = str(exc.value)
    assert "benefits.md" in message and "no_such_fact" in message


def test_wrong_edition_code_is_refused(project_factory, tmp_path):
    project = project_factory()
    for bad in ("../../etc/passwd", "/etc/passwd", "CA", "zz"):
        with pytest.raises(InputError) as exc:
            build(project, out=tmp_path / "site", with_pdf=False, only=[bad])
        assert ("not a valid edition code" in str(exc.value)) or ('no edition "zz"' in str(exc.value))


def test_overlay_text_is_escaped_never_evaluated(project_factory, tmp_path):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}"
    project = project_factory()
    ca = project.overlays_dir / "ca.yml"
    text = ca.read_text()
    text = re.sub(
        r'(  ht_caseworker:\n(?:    .*\n)*?    summary: )"[^\n]*"',
        lambda m: m.group(1) + '"' + hostile + '"',
        text,
        count=1,
    )
    ca.write_text(text)
    out = tmp_path / "site"
    build(project, out=out, only=["ca"])
    page = (out / "ca" / "disciplines" / "advocates" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "{{ 7*7 }} {% raw %}" in page  # shown as typed: never evaluated as a template
    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(out / "ca" / "downloads" / "ca-advocates.pdf").pages)
    assert "<script>alert(1)</script>" in pdf_text and "{{ 7*7 }}" in pdf_text
    # Names reach page titles and navigation, so markup in them is refused outright.
    ca.write_text(re.sub(r"(?m)^name: .*$", 'name: "Cal<b>ifornia{{ 6*7 }}"', text, count=1))
    with pytest.raises(InputError) as exc:
        build(project, out=out, only=["ca"])
    assert re.search(r"overlays/ca\.yml:\d+: name: contains '<'; names and titles are plain text", str(exc.value))


def test_two_builds_are_byte_identical(project_factory, tmp_path):
    project = project_factory(copy_editions=("us",))
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "site"
    build(project, out=a, only=["us"])
    build(project, out=b, only=["us"], force=True)
    assert tree_hash(a) == tree_hash(b)


def test_incremental_rebuild_skips_unchanged_and_matches_clean_build(project_factory, tmp_path):
    project = project_factory()
    out = tmp_path / "site"
    first = build(project, out=out, with_pdf=False)
    assert first.built == ["ca", "us"]
    again = build(project, out=out, with_pdf=False)
    assert again.built == [] and again.skipped == ["ca", "us"]
    ca = project.overlays_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("California", "California (changed)", 1))
    from ecmguide.editions.project import Project

    changed = build(Project(project.root, TODAY), out=out, with_pdf=False)
    assert changed.built == ["ca"] and changed.skipped == ["us"]
    clean = tmp_path / "clean" / "site"
    build(Project(project.root, TODAY), out=clean, with_pdf=False)
    assert tree_hash(out) == tree_hash(clean)


def test_killed_build_leaves_previous_site_intact(project_factory, tmp_path):
    project = project_factory()
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False)
    before = tree_hash(out)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ecmguide",
            "--root",
            str(project.root),
            "build",
            "--force",
            "--out",
            str(out),
            "-j",
            "1",
        ],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # Wait until PDF rendering is under way (the first edition's site is done), then kill everything.
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.parent.glob(".site.staging-*/*/downloads")):
        time.sleep(0.05)
    assert list(out.parent.glob(".site.staging-*/*/downloads")), "build never reached PDF rendering"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree_hash(out) == before
    # The next build cleans the abandoned staging folder and publishes normally.
    build(project, out=out, with_pdf=False)
    assert not list(out.parent.glob(".site.staging-*"))


def test_output_does_not_depend_on_scheduling_or_the_clock(project_factory, tmp_path):
    project = project_factory()
    ca = project.jurisdictions_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("edition_date: 2026-11-25", "edition_date: 2026-10-01"))
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    build(project, out=one, jobs=1, with_pdf=False)
    build(project, out=two, jobs=2, with_pdf=False)
    assert tree_hash(one) == tree_hash(two)
    import datetime as dt
    import struct

    def gzip_stamp(path):  # mkdocs stamps sitemap.xml.gz with the build date
        return dt.datetime.fromtimestamp(struct.unpack("<I", path.read_bytes()[4:8])[0], dt.timezone.utc).date()

    assert gzip_stamp(one / "ca" / "sitemap.xml.gz") == dt.date(2026, 10, 1)
    assert gzip_stamp(one / "us" / "sitemap.xml.gz") == dt.date(2026, 11, 25)


def test_building_one_edition_keeps_the_others(project_factory, tmp_path):
    project = project_factory()
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False)
    build(project, out=out, with_pdf=False, only=["ca"], force=True)
    assert (out / "us" / "index.html").exists() and (out / "ca" / "index.html").exists()
    assert 'href="us/"' in (out / "index.html").read_text()


def test_an_edition_is_byte_identical_alone_after_others_and_in_a_full_build(project_factory, tmp_path):
    """A worker's history (editions and PDFs it built before) must not change an edition's files."""
    from conftest import add_fixture_edition

    project = add_fixture_edition(project_factory(), "hostile-inert")  # ca, ca-hostile (local page, image), us
    alone, after, full = (tmp_path / n / "site" for n in ("alone", "after", "full"))
    build(project, out=alone, only=["ca-hostile"], jobs=1)
    build(project, out=after, only=["ca", "ca-hostile"], jobs=1)  # one worker: ca's site and PDFs come first
    build(project, out=full, jobs=2)
    assert tree_hash(alone / "ca-hostile") == tree_hash(after / "ca-hostile") == tree_hash(full / "ca-hostile")
    assert tree_hash(after / "ca") == tree_hash(full / "ca")


def test_a_real_edition_rebuilt_alone_after_a_bigger_build_is_byte_identical(tmp_path):
    """The real California edition (its own overlay, federal law, six PDFs with their fonts): built among others,
    then deleted and built alone into the same site/, every file is the same byte for byte."""
    import shutil

    from ecmguide.editions.project import Project

    project = Project(REPO, TODAY)
    out = tmp_path / "site"
    build(project, out=out, only=["us", "ca", "tx"], jobs=2)
    first = tree_hash(out / "ca")
    pdfs = sorted(p.name for p in (out / "ca" / "downloads").glob("*.pdf"))
    assert len(pdfs) == 10
    shutil.rmtree(out / "ca")
    build(project, out=out, only=["ca"], jobs=2)
    assert tree_hash(out / "ca") == first
