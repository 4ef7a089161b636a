"""Current law: search records that name an opened official page, current_through and amended_by records,
the 12-month currency rule, and the cross-fact rules, each with a planted contradiction."""

import datetime as dt
import textwrap

import pytest
from test_validate import problems_for

from conftest import TODAY
from scripts.migrate_2026_12 import migrate_text

HEAD = "code: tx\nname: Texas\nkind: state\n"
LAW = """\
  status: in_force
  citation: "Tex. Fam. Code § 261.101"
  summary: "Every person must report."
  source_url: "https://statutes.capitol.texas.gov/Docs/FA/htm/FA.261.htm"
  checked_against: official_text
  last_reviewed: 2026-11-01
  confidence: high
"""


def errors(project_factory, body):
    return [p for p in problems_for(project_factory, HEAD + textwrap.dedent(body)) if "warning:" not in p]


def warnings(project_factory, body):
    return [p for p in problems_for(project_factory, HEAD + textwrap.dedent(body)) if "warning:" in p]


NONE_FOUND = """\
privileges:
  ht_caseworker:
    status: none_found
    searched:
      date: 2026-11-20
      sources:
{sources}
"""


def test_a_search_record_with_the_boilerplate_and_no_official_page_is_refused(project_factory):
    sources = (
        '        - "stored public pages, searched in the research passes of 2026-11-24 and 2026-11-25"\n'
        '        - "RAINN compilation, Texas page"\n'
    )
    problems = errors(project_factory, NONE_FOUND.format(sources=sources))
    assert problems[0].startswith(
        "overlays/tx.yml:9: privileges.ht_caseworker.searched.sources: names no official page that was opened"
    )  # problems come in line order
    assert problems[1].startswith(
        "overlays/tx.yml:10: privileges.ht_caseworker.searched.sources[0]: contains "
        "'stored public pages', a word for maintainers"
    )
    assert problems[2].startswith(
        "overlays/tx.yml:10: privileges.ht_caseworker.searched.sources[0]: is the research "
        "passes' boilerplate, which names no page"
    )
    assert len(problems) == 3


def test_an_unofficial_page_or_a_bare_official_address_is_not_enough(project_factory):
    sources = (
        '        - "https://law.justia.com/codes/texas/family-code/ (looked for: caseworker privilege)"\n'
        '        - "https://statutes.capitol.texas.gov/"\n'
    )
    assert [p.split(": ", 2)[1] for p in errors(project_factory, NONE_FOUND.format(sources=sources))] == [
        "privileges.ht_caseworker.searched.sources"
    ]


def test_a_search_record_naming_the_official_page_opened_and_what_was_looked_for_passes(project_factory):
    sources = (
        '        - "https://statutes.capitol.texas.gov/Docs/EV/htm/EV.5.htm (looked for: a caseworker privilege)"\n'
    )
    assert errors(project_factory, NONE_FOUND.format(sources=sources)) == []


def test_current_through_must_say_a_session_or_a_date(project_factory):
    body = (
        "duty_to_warn:\n" + LAW + "  rule: permissive\n  current_through:\n    checked_on: 2026-11-20\n"
        '    evidence: ["https://statutes.capitol.texas.gov/ (code page)"]\n'
    )
    assert errors(project_factory, body) == [
        "overlays/tx.yml:13: duty_to_warn.current_through: says neither which session nor through which date the law "
        "was checked; add session: or through:, or remove the record if later changes were not checked"
    ]


@pytest.mark.parametrize("days,warned", [(365, False), (366, True)])
def test_a_high_fact_checked_only_through_an_old_date_is_warned(project_factory, days, warned):
    through = TODAY - dt.timedelta(days=days)
    body = (
        "duty_to_warn:\n" + LAW + f'  rule: permissive\n  current_through:\n    session: "89th Legislature"\n'
        f'    through: {through}\n    checked_on: {TODAY}\n    evidence: ["https://capitol.texas.gov/ (index)"]\n'
    )
    found = [w for w in warnings(project_factory, body) if "current_through.through" in w]
    assert bool(found) == warned, found  # over 365 days before today: a warning


def test_amended_by_is_a_list_of_acts_newest_first(project_factory):
    body = (
        "duty_to_warn:\n" + LAW + '  rule: permissive\n  amended_by:\n    - act: "Acts 2025, 89th Leg., ch. 1"\n'
        '      effective: 2025-09-01\n      effect: amended\n      sections: "Fam. Code § 261.101"\n'
        '    - {act: "Acts 2019, 86th Leg., ch. 2", effect: renumbered}\n'
    )
    assert errors(project_factory, body) == []


def test_an_act_with_an_unknown_effect_is_refused(project_factory):
    body = (
        "duty_to_warn:\n" + LAW + '  rule: permissive\n  amended_by:\n    - act: "Acts 2025, 89th Leg., ch. 1"\n'
        '      effective: 2025-09-01\n      effect: amended\n      sections: "Fam. Code § 261.101"\n'
        '    - {act: "Acts 2019, 86th Leg., ch. 2", effect: rewritten}\n'
    )
    assert errors(project_factory, body) == [
        "overlays/tx.yml:18: duty_to_warn.amended_by[1].effect: 'rewritten' is "
        "not allowed; use one of: enacted, amended, renumbered, repealed"
    ]


def test_the_migration_turns_each_amended_by_string_into_a_one_act_list():
    before = 'x:\n  amended_by: "Stats. 2012, ch. 149 (SB 1134)"\n  limits: "keep"\n    amended_by: "A \\"q\\""\n'
    after, count = migrate_text(before)
    assert count == 2
    assert after == (
        'x:\n  amended_by:\n    - act: "Stats. 2012, ch. 149 (SB 1134)"\n  limits: "keep"\n'
        '    amended_by:\n      - act: "A \\"q\\""\n'
    )
    assert migrate_text(after) == (after, 0)


# ---------------------------------------------------------------- cross-fact rules, each planted once


def test_rule_record_names_a_section(project_factory):
    body = 'duty_to_warn:\n  status: unknown\n  reviewer_note: "Gov. Code § 420.071 may cover this; not read."\n'
    found = warnings(project_factory, body)
    assert found == [
        "overlays/tx.yml:4: warning: duty_to_warn: is unknown, but its own record names § 420.071; read "
        "it on the official site and record what it says [record-names-a-section]"
    ]


def test_rule_caseworker_privilege_beside_an_any_crime_privilege(project_factory):
    body = (
        "privileges:\n  sa_counselor:\n"
        + textwrap.indent(LAW, "  ").replace(
            "Every person must report.",
            "Communications with a crime victim counselor are privileged for victims of any crime.",
        )
        + "  ht_caseworker: {status: unknown}\n"
    )
    found = [w for w in warnings(project_factory, body) if "caseworker-privilege" in w]
    assert found == [
        "overlays/tx.yml:13: warning: privileges.ht_caseworker: is unknown, but privileges.sa_counselor "
        "(overlays/tx.yml:5) covers victims of any crime, which reaches trafficking victims (the field "
        "reference's rule): record it here [caseworker-privilege-beside-any-crime-privilege]"
    ]


def test_rule_universal_duty_with_attorneys_unresearched(project_factory):
    body = (
        "mandated_reporting:\n  child:\n" + textwrap.indent(LAW, "  ") + "    universal: true\n"
        "    clergy_report: required\n  attorneys: {status: unknown}\n"
    )
    found = [w for w in warnings(project_factory, body) if "universal-duty" in w]
    assert found == [
        "overlays/tx.yml:5: warning: mandated_reporting.child: says every person must report, but "
        "mandated_reporting.attorneys is not yet researched: an attorney is a person; record whether "
        "privilege limits the duty [universal-duty-attorneys-unresearched]"
    ]


def test_pr_check_fails_the_12_month_rule_only_for_a_fact_the_pull_request_changed(project_factory):
    """A stale high fact left alone passes; the same fact changed by the pull request fails."""
    import subprocess

    from ecmguide.editions.project import Project
    from ecmguide.review.currency import stale_changed_facts

    old = (TODAY - dt.timedelta(days=400)).isoformat()
    stale = (
        "duty_to_warn:\n" + LAW + f'  rule: permissive\n  current_through:\n    session: "88th Legislature"\n'
        f'    through: {old}\n    checked_on: {old}\n    evidence: ["https://capitol.texas.gov/ (index)"]\n'
        "victims_rights:\n" + LAW.replace("confidence: high", "confidence: medium") + "  constitutional: true\n"
    )
    project = project_factory(overlays={"tx": HEAD + stale}, copy_overlays=("us",), copy_editions=("us",))
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "overlays"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-C", str(project.root), *args], check=True, capture_output=True, env=env)
    path = project.overlays_dir / "tx.yml"
    path.write_text(path.read_text().replace("  constitutional: true", "  constitutional: false"))  # another fact
    assert stale_changed_facts(Project(project.root, TODAY), "HEAD") == []
    path.write_text(path.read_text().replace("Every person must report.", "Every adult must report.", 1))
    problems = [str(p) for p in stale_changed_facts(Project(project.root, TODAY), "HEAD")]
    assert problems == [
        f"overlays/tx.yml:4: duty_to_warn: is high confidence and changed here, but its law was "
        f"checked for later acts only through {old}; check the session laws of the last 12 months "
        "and record current_through, or lower the confidence"
    ]


def test_fact_boxes_say_which_acts_changed_the_law_and_how_far_later_changes_were_checked():
    from ecmguide.law.model import Fact
    from ecmguide.outputs.render import _details

    base = dict(slot="duty_to_warn", status="in_force", citation="x", summary="y")
    checked = Fact(
        **base,
        amended_by=(
            (
                ("act", "Acts 2025, ch. 1"),
                ("effect", "amended"),
                ("effective", dt.date(2025, 9, 1)),
                ("sections", "§ 1"),
            ),
        ),
        current_through=(
            ("checked_on", dt.date(2026, 12, 1)),
            ("session", "89th Legislature"),
            ("through", dt.date(2025, 6, 22)),
        ),
    )
    lines = [str(line) for line in _details(checked)]
    assert lines == [
        'Amended by: Acts 2025, ch. 1 (§ 1), effective <time datetime="2025-09-01">2025-09-01</time>',
        'Later changes to the law: checked on <time datetime="2026-12-01">2026-12-01</time>, through '
        '89th Legislature; acts to <time datetime="2025-06-22">2025-06-22</time>',
    ]
    assert [str(line) for line in _details(Fact(**base))] == ["Later changes to the law: not checked"]


def test_a_fact_box_flags_a_changed_official_page_and_a_check_older_than_the_edition_by_a_year():
    import dataclasses

    from ecmguide.law.model import Edition, Fact
    from ecmguide.outputs.render import review_state

    fact = Fact(
        slot="duty_to_warn",
        status="in_force",
        citation="x",
        summary="y",
        checked_against="official_text",
        last_reviewed=dt.date(2025, 11, 30),
        layer="tx",
    )
    edition = Edition(
        code="tx",
        title="T",
        jurisdiction="Texas",
        layers=(),
        facts={},
        federal={},
        file="x",
        edition_date=dt.date(2026, 11, 30),
    )
    assert "fact-flag" not in str(review_state(fact, edition))  # 365 days: not yet old
    old = dataclasses.replace(
        edition, edition_date=dt.date(2026, 12, 1), page_changed={"tx.duty_to_warn": "2026-11-02"}
    )
    text = str(review_state(fact, old))
    assert "Checked more than 12 months before this edition's date" in text
    assert 'The official page changed on <time datetime="2026-11-02">2026-11-02</time>, after this check' in text
