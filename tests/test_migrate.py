"""The one-off 2026-11 migration: notes become private, checked_against is added, high needs official text."""

import textwrap

from scripts.migrate_2026_11 import Report, migrate_text

BEFORE = textwrap.dedent("""\
    code: tx
    name: Texas
    kind: state
    privileges:
      sa_counselor:
        status: "in_force"
        citation: "Tex. Gov't Code § 420.071"
        summary: "Communications are confidential."
        source_url: "https://texas.public.law/statutes/x"
        last_reviewed: 2026-11-25
        confidence: "high"
        note: "Seen by earlier research."
      ht_caseworker:
        status: "unknown"
        note: "No Texas privilege specific to human-trafficking caseworkers was found."
      attorney_client:
        status: "in_force"
        citation: "Tex. R. Evid. 503"
        summary: "Privileged."
        source_url: "https://statutes.capitol.texas.gov/Docs/x.htm"
        last_reviewed: 2026-11-25
        confidence: "high"
    duty_to_warn: {status: unknown, note: "Not checked."}
""")


def test_migration_moves_notes_marks_sources_and_downgrades_high_without_official_text():
    report = Report()
    after = migrate_text(BEFORE, "tx", report)
    lines = after.splitlines()
    # the secondary page loses "high"; the official one keeps it
    sa = lines[lines.index("  sa_counselor:") : lines.index("  ht_caseworker:")]
    assert "    checked_against: secondary" in sa and "    confidence: medium" in sa
    assert '    reviewer_note: "Seen by earlier research."' in sa and not any(l.startswith("    note:") for l in sa)
    atty = lines[lines.index("  attorney_client:") :]
    assert "    checked_against: official_text" in atty and '    confidence: "high"' in atty
    # a note saying nothing was found becomes none_found, with what was searched and when
    ht = lines[lines.index("  ht_caseworker:") : lines.index("  attorney_client:")]
    assert ht[1] == "    status: none_found" and "      date: 2026-11-25" in ht
    assert 'duty_to_warn: {status: unknown, reviewer_note: "Not checked."}' in lines
    assert report.downgraded == ["tx privileges.sa_counselor"] and report.none_found == ["tx privileges.ht_caseworker"]


def test_migrated_text_validates_but_for_the_later_search_record_rule(project_factory):
    """The 2026-11 output was valid then; since 2026-12 a none_found record must also name an official page that
    was opened (tests/test_currentlaw.py), which that migration could not know, nor the later list of words for maintainers (ecmguide/data/banned-words.yml): those are the only errors left."""
    project = project_factory(overlays={"tx": migrate_text(BEFORE, "tx", Report())}, copy_overlays=(), copy_editions=())
    errors = [p for p in project.validate([project.overlays_dir / "tx.yml"]) if p.severity == "error"]
    assert [p.field for p in errors] == [
        "privileges.ht_caseworker.searched.sources",  # no official page
        "privileges.ht_caseworker.searched.sources[0]",  # maintainers' words
        "privileges.ht_caseworker.searched.sources[0]",
    ]  # the boilerplate
    assert "a word for maintainers" in errors[1].message and "boilerplate" in errors[2].message
