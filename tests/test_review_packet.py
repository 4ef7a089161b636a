"""Attorney review: packet -> worksheet saved by a spreadsheet -> make record-review, and back into the overlay."""

import csv
import io

import pytest

from ecmguide.core.errors import InputError
from ecmguide.editions.project import Project
from ecmguide.review import packet, recordreview

from conftest import TODAY


@pytest.fixture
def tx(project_factory):
    return project_factory(copy_overlays=("us", "tx"), copy_editions=("us", "tx"))


def spreadsheet_saved(sheet: str, marks: dict[str, tuple[str, str]], encoding: str) -> bytes:
    """The worksheet as a spreadsheet saves it: a byte-order mark (UTF-8) or Windows-1252, CRLF line ends, and
    the formula guard's apostrophe kept where the spreadsheet showed it."""
    table = list(csv.DictReader(io.StringIO(sheet)))
    for row in table:
        if row["fact"] in marks:
            row["verdict"], row["note"] = marks[row["fact"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=packet.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    prefix = b"\xef\xbb\xbf" if encoding == "utf-8" else b""
    return prefix + out.getvalue().encode(encoding, errors="replace")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_returned_worksheet_records_the_rows_marked_correct_and_nothing_else(tx, encoding):
    overlay = tx.overlay("tx")
    sheet = packet.worksheet_csv(overlay)
    before = (tx.overlays_dir / "tx.yml").read_text()
    raw = spreadsheet_saved(
        sheet,
        {
            "tx.privileges.physician": ("correct", ""),
            "tx.duty_to_warn": ("needs change", "'=the 2025 session amended § 611.004"),
            "tx.privileges.sa_counselor": ("could not verify", ""),
        },
        encoding,
    )
    outcome = recordreview.record(Project(tx.root, TODAY), "tx", raw, "worksheet.csv", "attorney, Texas bar")
    assert outcome.recorded == ["tx.privileges.physician"]
    assert outcome.needs_change == [("tx.duty_to_warn", "=the 2025 session amended § 611.004")]
    assert outcome.not_verified == ["tx.privileges.sa_counselor"]
    after = (tx.overlays_dir / "tx.yml").read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    attorney_review:", f"      date: {TODAY}", '      role: "attorney, Texas bar"']
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    fact = Project(tx.root, TODAY).overlay("tx").facts["privileges.physician"]
    assert dict(fact.attorney_review) == {"date": TODAY, "role": "attorney, Texas bar"}


def test_a_row_about_a_fact_changed_since_the_packet_is_refused_by_row(tx):
    sheet = packet.worksheet_csv(tx.overlay("tx"))
    path = tx.overlays_dir / "tx.yml"
    path.write_text(
        path.read_text().replace(
            "Rule 509 applies the privilege in civil cases", "Rule 509 applies the privilege in civil cases only"
        )
    )
    raw = spreadsheet_saved(sheet, {"tx.privileges.physician": ("correct", "")}, "utf-8")
    before = path.read_text()
    with pytest.raises(InputError) as exc:
        recordreview.record(Project(tx.root, TODAY), "tx", raw, "worksheet.csv", "attorney, Texas bar")
    row = next(r for r in csv.DictReader(io.StringIO(sheet)) if r["fact"] == "tx.privileges.physician")["row"]
    assert str(exc.value).startswith(
        f"worksheet.csv:{int(row) + 1}: digest: row {row} (tx.privileges.physician): "
        "the fact changed since this packet was made"
    )
    assert path.read_text() == before


def test_a_worksheet_too_big_or_with_a_bad_verdict_or_role_is_refused(tx):
    sheet = packet.worksheet_csv(tx.overlay("tx"))
    project = Project(tx.root, TODAY)
    with pytest.raises(InputError, match="a worksheet is at most 1024 KB"):
        recordreview.record(project, "tx", b"x" * (1024 * 1024 + 1), "w.csv", "attorney, Texas bar")
    raw = spreadsheet_saved(sheet, {"tx.privileges.physician": ("maybe", "")}, "utf-8")
    with pytest.raises(InputError, match="'maybe'; write one of: correct, needs change, could not verify"):
        recordreview.record(project, "tx", raw, "w.csv", "attorney, Texas bar")
    with pytest.raises(InputError, match="is not a role"):
        recordreview.record(project, "tx", raw, "w.csv", "=cmd|' /C calc'!A0")


def test_the_packet_and_the_worksheet_hold_the_same_rows_and_no_reviewer_note(tx):
    from ecmguide.outputs.printed.packet import packet_html

    overlay = tx.overlay("tx")
    rows = packet.rows(overlay)
    html = packet_html(overlay, TODAY)
    assert rows and all(r["digest"] in html and r["fact"] in html for r in rows)
    notes = [f.reviewer_note for f in overlay.facts.values() if f.reviewer_note]
    assert notes and not any(n in html or n in packet.worksheet_csv(overlay) for n in notes)
    assert all(r["status"] != "unknown" for r in rows)
