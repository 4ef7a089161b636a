"""Broken overlays and manifests: each problem is one line naming file, line and field."""

import textwrap

import pytest

from ecmguide.core.errors import errors_only

GOOD_FACT = """\
    citation: "Tex. Fam. Code § 261.101"
    summary: "Every person must report."
    source_url: "https://statutes.capitol.texas.gov/"
    checked_against: official_text
    last_reviewed: 2026-11-01
    confidence: high
"""


def overlay(body: str, code="tx") -> str:
    return f"code: {code}\nname: Texas\nkind: state\n" + textwrap.dedent(body)


def problems_for(project_factory, text: str, filename="tx"):
    project = project_factory(overlays={filename: text}, copy_overlays=(), copy_editions=())
    return [str(p) for p in project.validate([project.overlays_dir / f"{filename}.yml"])]


CASES = [
    (
        "missing citation",
        'mandated_reporting:\n  child:\n    summary: "x"\n    source_url: "https://a.gov/"\n    last_reviewed: 2026-11-01\n    confidence: high\n',
        "overlays/tx.yml:5: mandated_reporting.child.citation: required; add the statute, rule or case as a lawyer cites it",
    ),
    (
        "unknown key with suggestion",
        'duty_to_warn:\n  citaton: "x"\n',
        'overlays/tx.yml:5: duty_to_warn.citaton: unknown field; did you mean "citation"?',
    ),
    (
        "unknown slot with suggestion",
        "privileges:\n  dv_advocat: {status: unknown}\n",
        'overlays/tx.yml:5: privileges.dv_advocat: unknown field; did you mean "dv_advocate"?',
    ),
    (
        "wrong type",
        "duty_to_warn:\n  citation: 261\n",
        'overlays/tx.yml:5: duty_to_warn.citation: expected text, got a number; put the value in double quotes, e.g. "261"',
    ),
    (
        "invalid date",
        "victims_rights:\n  last_reviewed: 2026-13-45\n",
        "overlays/tx.yml:5: victims_rights.last_reviewed: '2026-13-45' is not a valid date; write YYYY-MM-DD, e.g. 2026-11-25",
    ),
    (
        "future review date",
        "victims_rights:\n  last_reviewed: 2027-01-01\n",
        "overlays/tx.yml:5: victims_rights.last_reviewed: 2027-01-01 is in the future; use the date you checked the source",
    ),
    (
        "non-http source",
        'victims_rights:\n  source_url: "javascript:alert(1)"\n',
        "overlays/tx.yml:5: victims_rights.source_url: 'javascript:alert(1)' is not a web address; use a full http:// or https:// URL of the page you read",
    ),
    (
        "bad enum",
        "duty_to_warn:\n  rule: mandatroy\n",
        "overlays/tx.yml:5: duty_to_warn.rule: 'mandatroy' is not allowed; did you mean \"mandatory\"? use one of: mandatory, permissive, none",
    ),
    (
        "federal block outside us",
        "federal:\n  brady: {status: unknown}\n",
        "overlays/tx.yml:4: federal: federal authorities belong only in the federal overlay (overlays/us.yml)",
    ),
]


@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_each_problem_is_one_precise_line(project_factory, name, body, expected):
    assert expected in problems_for(project_factory, overlay(body))


def test_yaml_syntax_error_has_line_and_column(project_factory):
    found = problems_for(project_factory, overlay('victims_rights:\n  citation: "unclosed\n'))
    assert found == ["overlays/tx.yml:6: YAML syntax error at column 1: found unexpected end of stream"]


def test_duplicate_key(project_factory):
    found = problems_for(
        project_factory, overlay("victims_rights: {status: unknown}\nvictims_rights: {status: unknown}\n")
    )
    assert found == ["overlays/tx.yml:5: victims_rights: duplicate key (first at line 4); keep one"]


def test_filename_must_match_code(project_factory):
    found = problems_for(project_factory, overlay("", code="ok"), filename="tx")
    assert found == ['overlays/tx.yml:1: code: is "ok" but the file is tx.yml; rename the file or fix the code']


def test_manifest_naming_missing_overlay(project_factory):
    project = project_factory(
        editions={"tx": "code: tx\noverlays: [us, tx]\n"}, copy_overlays=("us",), copy_editions=()
    )
    found = [str(p) for p in project.validate([project.jurisdictions_dir / "tx.yml"])]
    assert found == [
        'jurisdictions/tx.yml:2: overlays[1]: names overlay "tx" but overlays/tx.yml does not exist; '
        "create it from overlays/_template.yml or fix the code"
    ]


def test_stale_and_unrated_facts_are_warnings_only(project_factory):
    body = (
        'duty_to_warn:\n  citation: "Tex. Health & Safety Code § 611.004"\n  summary: "y"\n  source_url: "https://a.gov/"\n'
        "  checked_against: secondary\n  last_reviewed: 2024-06-01\n  rule: permissive\n"
    )
    project = project_factory(overlays={"tx": overlay(body)}, copy_overlays=(), copy_editions=())
    problems = project.validate([project.overlays_dir / "tx.yml"])
    assert [str(p) for p in problems] == [
        "overlays/tx.yml:4: warning: duty_to_warn: no confidence level; add confidence: high, medium or low",
        "overlays/tx.yml:9: warning: duty_to_warn.last_reviewed: reviewed 2024-06-01, over 12 months ago; check the source again",
    ]
    assert errors_only(problems) == []


def test_today_is_injectable(project_factory):
    """The same file is fine on one day and stale a year later."""
    from ecmguide.editions.project import Project

    body = "duty_to_warn:\n" + GOOD_FACT.replace("    ", "  ") + "  rule: none\n"
    project = project_factory(overlays={"tx": overlay(body)}, copy_overlays=(), copy_editions=())
    assert project.validate([project.overlays_dir / "tx.yml"]) == []
    later = Project(project.root, project.today.replace(year=2028))
    assert "over 12 months ago" in str(later.validate([later.overlays_dir / "tx.yml"])[0])


def test_unknown_fact_may_carry_only_a_reviewer_note(project_factory):
    found = problems_for(project_factory, overlay('victims_rights:\n  status: unknown\n  citation: "x"\n'))
    assert found == [
        "overlays/tx.yml:6: victims_rights.citation: a fact with status unknown holds only a "
        "reviewer_note; set status to in_force (or not_enacted, or none_found) to record it"
    ]


def test_every_committed_overlay_and_manifest_is_valid():
    from ecmguide.editions.project import Project

    from conftest import REPO, TODAY

    problems = errors_only(Project(REPO, TODAY).validate())
    assert problems == []


def test_empty_value_is_an_error_not_a_silent_drop(project_factory):
    found = problems_for(project_factory, overlay('duty_to_warn:\n  status:\n  citation: "x"\n'))
    assert (
        "overlays/tx.yml:5: duty_to_warn.status: is empty; fill it in (status: one of in_force, not_enacted, "
        "none_found, unknown (the field reference explains each)) or delete the line" in found
    )


@pytest.mark.parametrize("value", ['"20260101"', '"2026-W48-3"'])
def test_dates_must_be_written_yyyy_mm_dd(project_factory, value):
    found = problems_for(project_factory, overlay(f"victims_rights:\n  last_reviewed: {value}\n"))
    assert any("is not a valid date; write YYYY-MM-DD" in p for p in found)


def test_trailing_newline_does_not_sneak_past_patterns():
    from ecmguide.law.valuechecks import valid_code

    assert not valid_code("ca\n") and valid_code("ca")


def test_manifest_check_reports_a_broken_overlay_it_layers(project_factory):
    project = project_factory(
        overlays={"tx": overlay("duty_to_warn:\n  rule: sometimes\n")},
        editions={"tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=("us",),
        copy_editions=(),
    )
    found = [str(p) for p in project.validate([project.jurisdictions_dir / "tx.yml"])]
    assert found == [
        'jurisdictions/tx.yml:2: overlays[1]: overlay "tx" has 6 error(s); run make validate FILE=overlays/tx.yml'
    ]


def test_examples_in_messages_come_from_the_same_file_never_another_state(project_factory):
    body = (
        "privileges:\n  sa_counselor:\n"
        + GOOD_FACT.replace("    ", "    ", 1)
        + 'mandated_reporting:\n  child:\n    summary: "x"\n    checked_against: secondary\n'
        "    last_reviewed: 2026-11-01\n    confidence: medium\n"
    )
    found = problems_for(project_factory, overlay(body))
    assert (
        "overlays/tx.yml:13: mandated_reporting.child.citation: required; add the statute, rule or case as a "
        'lawyer cites it, e.g. "Tex. Fam. Code § 261.101"'
    ) in found
    assert (
        "overlays/tx.yml:13: mandated_reporting.child.source_url: required; add the URL of the page you read, e.g. "
        '"https://statutes.capitol.texas.gov/..."'
    ) in found
    assert not [p for p in found if "Cal." in p or "leginfo" in p]


def test_setup_mistakes_are_caught_with_the_fix(project_factory):
    project = project_factory(
        copy_overlays=("us", "ca"),
        copy_editions=(),
        editions={
            "ca": "code: ca\noverlays: [ca]\n",
            "ca-sf": 'code: ca-sf\noverlays: [us, ca]\nexample: true\ntask_force:\n  name: "SF task force"\n',
        },
    )
    found = [
        str(p)
        for p in project.validate([project.jurisdictions_dir / "ca.yml", project.jurisdictions_dir / "ca-sf.yml"])
        if not str(p).startswith("overlays/")
    ]
    assert found == [
        "jurisdictions/ca-sf.yml:1: warning: site_url: no site_url: the handouts will say where to find the guide in "
        "words and print no QR code; add site_url: the address where this edition is published, e.g. "
        '"https://example.org/ca-sf/"',
        "jurisdictions/ca-sf.yml:3: example: is only for the sample edition (a code ending in -example), whose contacts "
        "are placeholders; delete the line before publishing a real edition",
        "jurisdictions/ca.yml:2: overlays: has no federal layer, so the edition would lose every federal fact; list "
        "the federal overlay first: overlays: [us, ca]",
    ]
