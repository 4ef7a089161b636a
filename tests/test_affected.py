"""The fast pull-request path: which editions a change touches (ecmguide/review/affected.py)."""

from ecmguide.review.affected import ALL, affected


def test_an_overlay_change_affects_the_editions_that_layer_it(project_factory):
    project = project_factory(copy_overlays=("us", "ca"), copy_editions=("us", "ca", "ca-example"))
    assert affected(project, ["overlays/ca.yml"]) == ["ca", "ca-example"]
    assert affected(project, ["overlays/us.yml"]) == ["ca", "ca-example", "us"]


def test_a_manifest_or_local_page_change_affects_only_that_edition(project_factory):
    project = project_factory(copy_overlays=("us", "ca"), copy_editions=("us", "ca", "ca-example"))
    assert affected(project, ["jurisdictions/ca-example.yml", "jurisdictions/ca-example/local-resources.md"]) == [
        "ca-example"
    ]
    assert affected(project, ["jurisdictions/ca.yml"]) == ["ca"]


def test_editor_help_files_affect_nothing_and_anything_else_runs_everything(project_factory):
    project = project_factory(copy_overlays=("us", "ca"), copy_editions=("us", "ca"))
    assert affected(project, ["overlays/_template.yml", "overlays/overlay.schema.json"]) == []
    for path in (
        "ecmguide/outputs/render.py",
        "docs/index.md",
        "mkdocs.yml",
        "tests/test_build.py",
        ".github/workflows/x.yml",
        "requirements.lock",
        "Makefile",
    ):
        assert affected(project, ["overlays/ca.yml", path]) == ALL, path
