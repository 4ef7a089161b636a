"""The commands legal staff and webmasters run: exit codes and what they print."""

import json
import subprocess
import sys

from ecmguide.law import fieldref, schema

from conftest import REPO, TODAY


def run(*args, root=None, cwd=REPO):
    cmd = (
        [sys.executable, "-m", "ecmguide", "--today", TODAY.isoformat()]
        + (["--root", str(root)] if root else [])
        + list(args)
    )
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    )


def test_validate_all_passes_on_the_repository():
    done = run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s)" in done.stdout


def test_validate_one_broken_file_exits_nonzero_with_located_message(project_factory):
    project = project_factory(
        overlays={"tx": "code: tx\nname: Texas\nkind: state\nduty_to_warn:\n  rule: sometimes\n"},
        copy_overlays=(),
        copy_editions=(),
    )
    done = run("validate", "overlays/tx.yml", root=project.root, cwd=project.root)
    assert done.returncode == 1
    assert (
        "overlays/tx.yml:5: duty_to_warn.rule: 'sometimes' is not allowed; use one of: mandatory, permissive, none"
        in done.stdout
    )
    assert "1 file(s) checked: " in done.stdout


def test_bad_edition_code_is_one_clean_error():
    done = run("build", "--only", "../../etc/passwd", "--no-pdf")
    assert done.returncode == 1
    assert "'../../etc/passwd' is not a valid edition code" in done.stderr
    assert "Traceback" not in done.stderr and "site/ is unchanged" in done.stderr


def test_coverage_table_ends_with_the_share():
    done = run("coverage")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    recorded = [l for l in lines if l.startswith("Recorded (in force, not enacted, or searched and none found): ")]
    links = [l for l in lines if l.startswith("Official-text links: ")]
    assert len(recorded) == 1 and recorded[0].endswith("%)") and len(links) == 1 and links[0].endswith("%)")
    assert "Reviewer notes (maintainers only" in done.stdout
    assert "\nca    " in done.stdout and "\nwy    " in done.stdout


def test_coverage_and_the_hub_page_print_the_same_research_figures():
    from ecmguide.editions.project import Project
    from ecmguide.outputs.hub import coverage, hub_site

    project = Project(REPO, TODAY)
    editions = [project.edition(c) for c in project.edition_codes()]
    figures = coverage.figures(editions)
    lines = figures.lines()
    assert [line.split(":")[0] for line in lines] == [
        "Read in the official text",
        "Linked to the official text",
        "Checked for later acts (current_through)",
        "None found, naming an official page that was opened",
        "Recorded (in force, no such law, or searched and none found)",
        "High confidence",
    ]
    page = hub_site.coverage_md(editions, TODAY)
    printed = run("coverage", "--no-notes").stdout
    for line in lines:
        assert f"- {line}" in page and line in printed
    assert 0 < figures.official_text <= figures.in_force and 0 < figures.linked <= figures.in_force
    assert figures.none_found_opened <= figures.none_found and figures.portal <= figures.linked


def test_generated_schema_and_reference_are_current():
    """The JSON Schemas and the field reference page are generated, never hand-edited."""
    for rel, content in fieldref.artefacts().items():
        assert (REPO / rel).read_text(encoding="utf-8") == content, f"{rel} is stale: run 'make schema'"
    assert run("schema", "--check").returncode == 0


def test_json_schema_and_reference_cover_every_slot():
    overlay_schema = json.loads((REPO / fieldref.JSON_SCHEMA_PATH).read_text())
    reference = (REPO / fieldref.REFERENCE_PATH).read_text()
    properties = overlay_schema["properties"]
    for slot in schema.SLOTS:
        section, _, name = slot.path.rpartition(".")
        node = properties[section]["properties"][name] if section else properties[name]
        assert node["title"] == slot.title
        assert [b["properties"]["status"]["enum"] for b in node["oneOf"]] == [
            ["unknown"],
            ["none_found"],
            ["in_force", "not_enacted"],
        ]
        assert f"Key: `{slot.path}`" in reference


def test_vscode_uses_the_generated_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./overlays/overlay.schema.json"] == ["overlays/*.yml"]


def test_coverage_counts_next_steps_per_field_recorded_and_unknown(project_factory):
    """make coverage counts where-to-report and how-to-apply data, field by field, from the overlays."""
    ca = (REPO / "overlays" / "ca.yml").read_text(encoding="utf-8")
    marker = "mandated_reporting:\n  child:\n    status: in_force\n"
    assert marker in ca
    ca = ca.replace(
        marker,
        marker + "    report:\n      agency: Example County Child Welfare\n"
        '      phone: "(916) 555-0100"\n      source_url: https://example.gov/report\n'
        "      last_reviewed: 2026-11-30\n      saved_copy: true\n",
        1,
    )
    project = project_factory(overlays={"ca": ca})
    done = run("coverage", root=project.root, cwd=project.root)
    assert done.returncode == 0, done.stderr
    steps = done.stdout[done.stdout.index("Next steps for readers") :].splitlines()
    assert "  Child report.agency: 1 recorded, 1 unknown (of 2)" in steps  # ca has it; the federal layer does not
    assert "  Child report.phone: 1 recorded, 1 unknown (of 2)" in steps
    assert "  Child report.url: 0 recorded, 2 unknown (of 2)" in steps
    assert any(line.startswith("  ACP apply.how: 1 recorded") for line in steps)  # ca.yml records how to apply


def test_the_generated_template_is_a_valid_overlay_with_every_topic():
    """overlays/_template.yml (generated from ecmguide/data/topics.yml) parses with no error and names every topic."""
    from ecmguide.law.overlays import parse_overlay

    raw = (REPO / "overlays/_template.yml").read_bytes()
    overlay, problems = parse_overlay(raw, "overlays/xx.yml", "xx", TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    assert set(overlay.facts) == {s.path for s in schema.SLOTS}
    assert overlay.facts[schema.SLOTS[0].path].status == "in_force"
