"""Open data: facts.json, facts.csv, <code>.json, schema.json, the codebook, and each fact's history."""

import csv
import io
import json
import re

import jsonschema
import pytest

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.outputs.hub import opendata

from conftest import REPO

pytestmark = pytest.mark.slow


def data(site, name):
    return (site / "data" / name).read_text(encoding="utf-8")


def test_every_json_file_validates_against_the_generated_schema(built_site):
    validator = jsonschema.Draft202012Validator(json.loads(data(built_site, "schema.json")))
    files = sorted((built_site / "data").glob("*.json"))
    codes = {p.stem for p in files} - {"facts", "schema", "version"}
    assert codes == set(Project(REPO).overlay_codes())
    for path in files:
        if path.stem in ("schema", "version"):
            continue
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text()))]
        assert errors == [], (path.name, errors[:3])


def test_csv_has_one_row_per_jurisdiction_and_fact_equal_to_the_json(built_site):
    rows = list(csv.DictReader(io.StringIO(data(built_site, "facts.csv"))))
    facts = json.loads(data(built_site, "facts.json"))
    by_id = {f["id"]: (j, f) for j in facts["jurisdictions"] for f in j["facts"]}
    assert len(rows) == len(by_id) == len({r["id"] for r in rows})
    assert len(by_id) == sum(len(j["facts"]) for j in facts["jurisdictions"])
    per_jurisdiction = len([s for s in schema.SLOTS])
    assert all(
        sum(1 for f in j["facts"] if not f["topic"].startswith("federal.")) == per_jurisdiction
        for j in facts["jurisdictions"]
    )
    for row in rows:
        j, f = by_id[row["id"]]
        assert row["jurisdiction"] == j["code"] == f["jurisdiction"] and row["jurisdiction_name"] == j["name"]
        for key in (
            "status",
            "citation",
            "summary",
            "official_url",
            "source_url",
            "checked_against",
            "confidence",
            "last_reviewed",
            "limits",
            "anchor",
            "page",
        ):
            assert row[key] == f[key], (row["id"], key)
        assert row["additional_sources"] == " | ".join(f["additional_sources"])

        def cell(value):
            return {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value

        for key, value in f["values"].items():
            if isinstance(value, dict):  # a record (where to report, how to apply): "name: value | ..."
                expected = " | ".join(f"{k}: {cell(v)}" for k, v in value.items())
            else:
                expected = " | ".join(value) if isinstance(value, list) else cell(value)
            assert row[key] == expected, (row["id"], key)


def test_exports_carry_no_reviewer_note_and_federal_facts_sit_under_us(built_site):
    project = Project(REPO)
    notes = [
        f.reviewer_note
        for c in project.overlay_codes()
        for f in project.overlay(c).facts.values()
        if f.reviewer_note and len(f.reviewer_note) > 40
    ]
    assert notes
    everything = "".join(p.read_text() for p in (built_site / "data").iterdir())
    assert '"reviewer_note"' not in everything and "reviewer_note," not in data(built_site, "facts.csv").splitlines()[0]
    assert not [n for n in notes if n in everything]
    facts = json.loads(data(built_site, "facts.json"))
    federal = [
        (j["code"], f["id"]) for j in facts["jurisdictions"] for f in j["facts"] if f["topic"].startswith("federal.")
    ]
    assert federal and all(code == "us" and fid.startswith("us.federal.") for code, fid in federal)
    editions = {e["code"]: e for e in facts["editions"]}
    assert editions["ca-example"] == {
        "code": "ca-example",
        "title": editions["ca-example"]["title"],
        "jurisdiction": "California",
        "overlays": ["us", "ca"],
        "local": True,
    }


def test_data_files_are_byte_identical_across_builds_and_carry_no_commit():
    first = opendata.build_files(Project(REPO))
    second = opendata.build_files(Project(REPO))
    assert first == second
    head = (
        __import__("subprocess")
        .run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True)
        .stdout.strip()
    )
    assert head and not any(head in text for text in first.values())


def test_every_fact_box_links_to_its_anchor_and_the_anchor_exists(built_site):
    glance = (built_site / "ca" / "jurisdiction-facts" / "index.html").read_text()
    anchors = set(re.findall(r'id="(fact-[a-z-]+)"', glance))
    assert {"fact-privileges-ht-caseworker", "fact-duty-to-warn"} <= anchors
    for page in ("advocates", "healthcare", "law-enforcement", "prosecutors", "civil-attorneys"):
        html = (built_site / "ca" / "disciplines" / page / "index.html").read_text()
        boxes = re.findall(r'<div class="fact[^"]*" id="(fact-[a-z-]+)">(.*?)</div>', html, re.S)
        assert boxes
        for anchor, body in boxes:
            link = re.search(r'<p class="fact-id"><a href="([^"]+)">This fact in California at a glance</a>', body)
            assert link, (page, anchor)
            assert not [s.path for s in schema.SLOTS if f"ca.{s.path}" in body], (page, anchor)  # no fact id as text
            assert link.group(1) == f"../../jurisdiction-facts/#{anchor}" and anchor in anchors


def test_history_lists_both_values_from_a_two_commit_fixture(project_factory):
    import subprocess

    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    fixture = (REPO / "tests" / "fixtures" / "report" / "tx.yml").read_text()
    project = project_factory(
        overlays={"tx": fixture, "us": (REPO / "tests/fixtures/report/us.yml").read_text()},
        editions={"tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=(),
        copy_editions=(),
    )

    def commit(message, date):
        subprocess.run(["git", "-C", str(project.root), "add", "overlays"], check=True, env=env)
        subprocess.run(
            ["git", "-C", str(project.root), "commit", "-qm", message],
            check=True,
            env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
        )

    subprocess.run(["git", "-C", str(project.root), "init", "-q", "-b", "main"], check=True, env=env)
    commit("Texas facts first published", "2026-11-20T00:00:00Z")
    path = project.overlays_dir / "tx.yml"
    path.write_text(
        fixture.replace("rule: permissive", "rule: mandatory").replace(
            "  last_reviewed: 2026-11-20\n  confidence: medium", "  last_reviewed: 2026-11-26\n  confidence: medium"
        )
    )
    commit("Texas duty to warn is mandatory after the 2027 act", "2026-11-26T00:00:00Z")
    record = opendata.jurisdiction_record(project.overlay("tx"), project.root)
    fact = next(f for f in record["facts"] if f["id"] == "tx.duty_to_warn")
    assert [(h["date"], h["message"]) for h in fact["history"]] == [
        ("2026-11-20", "Texas facts first published"),
        ("2026-11-26", "Texas duty to warn is mandatory after the 2027 act"),
    ]
    assert fact["values"]["rule"] == "mandatory"
    untouched = next(f for f in record["facts"] if f["id"] == "tx.privileges.sa_counselor")
    assert [h["date"] for h in untouched["history"]] == ["2026-11-20"]
