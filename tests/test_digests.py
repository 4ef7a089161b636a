"""Per-document digests: a change re-renders only the documents that show it, and the output is byte for
byte what a clean build gives (pipeline/documents.py, pipeline/state.py)."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.pipeline import cache as edition_cache
from ecmguide.pipeline import documents
from ecmguide.pipeline.build import Summary
from ecmguide.pipeline.state import edition_digest, shared_digest
from ecmguide.pipeline.workers import EditionResult

from conftest import TODAY

HANDOUTS = [f"ca-{d}.pdf" for d in schema.DISCIPLINES]
OTHERS = ["ca-advocates.pdf", "ca-law-enforcement.pdf", "ca-prosecutors.pdf", "ca-civil-attorneys.pdf"]
SURVIVORS = ["ca-survivors.pdf", "ca-survivors-es.pdf"]
RELEASE = ["ca-release.pdf", "ca-release-es.pdf"]


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


def pdf_bytes(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "ca" / "downloads").glob("*.pdf"))}


def rendered(summary: Summary, code: str) -> tuple[set[str], set[str]]:
    """(PDFs rendered, PDFs kept) of one edition the build built."""
    result = next(r for r in summary.results if r.code == code)
    return set(result.pdfs) - set(result.kept), set(result.kept)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_disciplines_are_the_ones_named_here():
    assert sorted(HANDOUTS) == sorted(["ca-healthcare.pdf", *OTHERS])


@pytest.mark.slow
def test_a_healthcare_fact_re_renders_only_the_documents_that_show_it(project_factory, tmp_path):
    from ecmguide.pipeline.build import build

    project = project_factory(copy_editions=("ca",))
    out = tmp_path / "site"
    first = build(project, out=out, jobs=2)
    assert first.built == ["ca"] and len(rendered(first, "ca")[0]) == 10
    before = pdf_bytes(out)

    # duty_to_warn is shown in the guide and the healthcare handout; its summary in nothing else.
    ca = project.overlays_dir / "ca.yml"
    edit(ca, 'summary: "Under Tarasoff, a psychotherapist', 'summary: "Under Tarasoff (edited), a psychotherapist')
    second = build(Project(project.root, TODAY), out=out, jobs=2)
    assert second.built == ["ca"]
    assert rendered(second, "ca") == ({"ca-guide.pdf", "ca-healthcare.pdf"}, set(OTHERS + SURVIVORS + RELEASE))
    assert "  ca: the site, ca-guide.pdf, ca-healthcare.pdf (kept 8 PDF(s) unchanged)" in second.lines()
    assert "wrote 2 PDF(s), kept 8 unchanged" in second.lines()[0]
    after = pdf_bytes(out)
    assert sorted(after) == sorted(before)
    assert [n for n in after if after[n] != before[n]] == ["ca-guide.pdf", "ca-healthcare.pdf"]

    # Its rule is also a sentence of the survivor explainers (derived, in both languages); a PDF missing
    # from the output is rendered again whatever its digest says.
    edit(ca, "rule: mandatory", "rule: permissive")
    (out / "ca" / "downloads" / "ca-advocates.pdf").unlink()
    third = build(Project(project.root, TODAY), out=out, jobs=2)
    assert rendered(third, "ca")[0] == {"ca-guide.pdf", "ca-healthcare.pdf", "ca-advocates.pdf", *SURVIVORS}
    assert pdf_bytes(out)["ca-prosecutors.pdf"] == before["ca-prosecutors.pdf"]

    # Whatever was kept, the edition is byte for byte a clean build's; and a no-change build renders nothing.
    clean = tmp_path / "clean" / "site"
    build(Project(project.root, TODAY), out=clean, jobs=2, force=True)
    assert tree_hash(out / "ca") == tree_hash(clean / "ca")
    fourth = build(Project(project.root, TODAY), out=out, jobs=2)
    assert fourth.skipped == ["ca"] and not any(line.startswith("Documents rendered") for line in fourth.lines())


@pytest.mark.slow
def test_no_edition_output_depends_on_today(project_factory, tmp_path):
    """today (ECMGUIDE_TODAY) is not in the digests: it decides validation warnings and the hub only."""
    from ecmguide.pipeline.build import build

    project = project_factory(copy_editions=("us",))
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    build(Project(project.root, TODAY), out=one, jobs=2)
    build(Project(project.root, TODAY + dt.timedelta(days=400)), out=two, jobs=2)
    assert tree_hash(one / "us") == tree_hash(two / "us")


def test_the_edition_digest_names_the_project_address(project_factory, monkeypatch):
    project = project_factory()
    shared = shared_digest(project)
    monkeypatch.setenv("ECMGUIDE_BASE_URL", "https://one.example.org/guide/")
    one = edition_digest(Project(project.root, TODAY), "ca", shared)
    monkeypatch.setenv("ECMGUIDE_BASE_URL", "https://two.example.org/guide/")
    assert edition_digest(Project(project.root, TODAY), "ca", shared) != one


def test_the_edition_digest_covers_watch_results_and_translations(project_factory):
    project = project_factory()
    shared = shared_digest(project)
    before = edition_digest(project, "ca", shared)
    watch = project.root / Project.WATCH
    watch.parent.mkdir(parents=True, exist_ok=True)
    watch.write_text('{"checked": "2026-12-01", "changed": [{"fact": "ca.duty_to_warn", "date": "2026-12-01"}]}\n')
    assert edition_digest(Project(project.root, TODAY), "ca", shared) != before
    es = project.docs_dir / "es" / "index.md"
    es.write_text(es.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert shared_digest(Project(project.root, TODAY)) != shared


def test_a_pdf_digest_covers_its_html_images_name_date_and_code(tmp_path):
    image = tmp_path / "logo.png"
    image.write_bytes(b"one")
    day = dt.date(2026, 11, 25)
    base = documents.digest("code", "ca-guide.pdf", day, "<p>x</p>", {"local/logo.png": image, "qr.png": b"qr"})
    image.write_bytes(b"two")
    changed = [documents.digest("code", "ca-guide.pdf", day, "<p>x</p>", {"local/logo.png": image, "qr.png": b"qr"})]
    image.write_bytes(b"one")
    changed += [
        documents.digest("code2", "ca-guide.pdf", day, "<p>x</p>", {"local/logo.png": image, "qr.png": b"qr"}),
        documents.digest("code", "ca-advocates.pdf", day, "<p>x</p>", {"local/logo.png": image, "qr.png": b"qr"}),
        documents.digest(
            "code", "ca-guide.pdf", day.replace(day=26), "<p>x</p>", {"local/logo.png": image, "qr.png": b"qr"}
        ),
        documents.digest("code", "ca-guide.pdf", day, "<p>y</p>", {"local/logo.png": image, "qr.png": b"qr"}),
        documents.digest("code", "ca-guide.pdf", day, "<p>x</p>", {"local/logo.png": image, "qr.png": b"QR"}),
    ]
    assert base not in changed and len(set(changed)) == len(changed)
    assert documents.digest("code", "ca-guide.pdf", day, "<p>x</p>", {"qr.png": b"qr", "local/logo.png": image}) == base


def test_previous_copies_are_only_what_the_state_records(tmp_path):
    folder = tmp_path / "ca"
    (folder / "downloads").mkdir(parents=True)
    (folder / "downloads" / "ca-guide.pdf").write_bytes(b"%PDF")
    record = {
        "digest": "e",
        "documents": {
            "ca-guide.pdf": {"digest": "d", "pages": 3},
            "bad": {"digest": 1},
            "ca-advocates.pdf": {"digest": "a", "pages": 2},
        },
    }
    prev = documents.previous(record, folder)
    assert sorted(prev) == ["ca-advocates.pdf", "ca-guide.pdf"]
    assert documents.previous({"digest": "e"}, folder) == {} and documents.previous({"documents": []}, folder) == {}
    out = tmp_path / "new"
    out.mkdir()
    assert documents.keep(prev["ca-guide.pdf"], out / "ca-guide.pdf")
    assert (out / "ca-guide.pdf").read_bytes() == b"%PDF"
    assert not documents.keep(prev["ca-advocates.pdf"], out / "ca-advocates.pdf")  # gone: rendered again
    (folder / "downloads" / "link.pdf").symlink_to(folder / "downloads" / "ca-guide.pdf")
    assert not documents.keep(documents.Previous(str(folder / "downloads" / "link.pdf"), "d", 3), out / "link.pdf")


def test_the_summary_lists_the_documents_rendered():
    summary = Summary(built=["ca", "tx"], skipped=["us"], pdfs=11)
    summary.results = [
        EditionResult(
            "ca", {"ca-guide.pdf": 40, "ca-healthcare.pdf": 3, "ca-advocates.pdf": 3}, kept=["ca-advocates.pdf"]
        ),
        EditionResult("tx", {"tx-guide.pdf": 50}),
        EditionResult("us", {"us-guide.pdf": 50, "us-advocates.pdf": 3}),
    ]
    summary.built.append("us")
    lines = summary.lines()
    assert lines[0] == "Built 3 edition(s), skipped 1 unchanged, wrote 11 PDF(s), kept 1 unchanged, 0 warning(s)."
    assert lines[1:5] == [
        "Documents rendered:",
        "  ca: the site, ca-guide.pdf, ca-healthcare.pdf (kept 1 PDF(s) unchanged)",
        "  tx: the site, tx-guide.pdf",
        "  us: the site and all its 2 PDFs",
    ]
    assert Summary(skipped=["ca"]).lines()[1].startswith("Time per phase")


def test_the_cache_keeps_the_pdfs_digests(tmp_path):
    folder = tmp_path / "built" / "ca"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("x")
    docs = {"ca-guide.pdf": {"digest": "d", "pages": 40}}
    edition_cache.store(tmp_path / "cache", "ca", "abc", folder, 1.5, docs)
    entry = edition_cache.lookup(tmp_path / "cache", "ca", "abc")
    assert edition_cache.documents(entry) == docs and edition_cache.seconds(entry) == 1.5
    edition_cache.store(tmp_path / "cache", "tx", "abc", folder, 2.0)
    assert edition_cache.documents(edition_cache.lookup(tmp_path / "cache", "tx", "abc")) == {}
