"""`make diff` change report and the out-of-date notice a change in meaning puts on "What changed" and Downloads
(the page itself: test_whatchanged.py)."""

import subprocess

import pytest

from ecmguide.core.errors import InputError
from ecmguide.pipeline.build import build
from ecmguide.review.report import change_report

from conftest import REPO, text_of


def git(root, *args):
    subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_AUTHOR_DATE": "2026-11-20T00:00:00Z",
            "GIT_COMMITTER_DATE": "2026-11-20T00:00:00Z",
            "PATH": "/usr/bin:/bin",
        },
    )


FIXTURES = REPO / "tests" / "fixtures" / "report"


@pytest.fixture
def repo_project(project_factory):
    """A small project (federal and Texas layers) committed once, as the base of a pull request."""
    project = project_factory(
        overlays={c: (FIXTURES / f"{c}.yml").read_text() for c in ("us", "tx")},
        editions={"us": "code: us\noverlays: [us]\n", "tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=(),
        copy_editions=(),
    )
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "overlays", "jurisdictions")
    git(project.root, "commit", "-q", "-m", "first")
    return project


def edit(project, code, old, new):
    path = project.overlays_dir / f"{code}.yml"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_one_changed_summary_word_is_shown_word_by_word_with_a_missed_review_date_warned(repo_project):
    edit(repo_project, "tx", "if there is a probability", "if there is a substantial probability")
    report = change_report(repo_project, "HEAD")
    assert (
        report
        == """\
## Change report against `HEAD`

1 fact(s) changed, 1 warning(s). Information, not legal advice: check each change against the official text before approving.

### `Texas`: Duty to warn or protect (changed)

Fact `tx.duty_to_warn` in `overlays/tx.yml:12`

> **Warning:** the fact's text changed but `last\\_reviewed` did not: set it to the day you checked the source

- Summary, what changed (old and new, with the words around each change):
  - old: `… enforcement personnel if there is a probability of imminent …`
    new: `… enforcement personnel if there is a substantial probability of imminent …`

- Edition `tx`: pages `tx/jurisdiction-facts/`, `tx/disciplines/healthcare/`, `tx/definitions/`, `tx/what-changed/`; PDFs `tx-guide.pdf`, `tx-healthcare.pdf`
"""
    )


def test_a_citation_change_shows_both_citations_with_their_official_links(repo_project):
    edit(repo_project, "tx", "Tex. Health & Safety Code § 611.004", "Tex. Health & Safety Code § 611.0045")
    edit(
        repo_project,
        "tx",
        "  last_reviewed: 2026-11-20\n  confidence: medium",
        "  last_reviewed: 2026-11-25\n  confidence: medium",
    )
    report = change_report(repo_project, "HEAD")
    assert (
        "- Citation before: `Tex. Health & Safety Code § 611.004` (official text: "
        "<https://statutes.capitol.texas.gov/Docs/HS/htm/HS.611.htm#611.004>)"
    ) in report
    assert (
        "- Citation after: `Tex. Health & Safety Code § 611.0045` (official text: "
        "<https://statutes.capitol.texas.gov/Docs/HS/htm/HS.611.htm#611.0045>)"
    ) in report
    assert "| `last_reviewed` | `2026-11-20` | `2026-11-25` |" in report
    assert "Warning" not in report and "&amp;" not in report and "&#39;" not in report


def test_an_unchanged_citation_is_not_reported(repo_project):
    edit(
        repo_project,
        "tx",
        "  last_reviewed: 2026-11-20\n  confidence: medium",
        "  last_reviewed: 2026-11-25\n  confidence: medium",
    )
    report = change_report(repo_project, "HEAD")
    assert "Citation before" not in report and "Citation after" not in report and "→" not in report
    rows = [line for line in report.splitlines() if line.startswith("| `")]
    assert rows == ["| `last_reviewed` | `2026-11-20` | `2026-11-25` |"]


def test_injected_image_and_terminal_escape_are_shown_inert(repo_project):
    edit(
        repo_project,
        "tx",
        "Communications between survivors",
        "![x](http://tracker.example/p.gif) \\u001b[31mRED Communications between survivors",
    )
    edit(
        repo_project,
        "tx",
        "  last_reviewed: 2026-11-20\n    confidence: high",
        "  last_reviewed: 2026-11-25\n    confidence: high",
    )
    report = change_report(repo_project, "HEAD")
    lines = report.splitlines()
    at = lines.index("- Summary, what changed (old and new, with the words around each change):")
    assert lines[at + 1 : at + 3] == [
        "  - old: `Communications between survivors …`",
        "    new: `![x](http://tracker.example/p.gif) [U+001B][31mRED Communications between survivors …`",
    ]
    assert "\x1b" not in report and outside_code_spans(report).count("![") == 0


def outside_code_spans(markdown: str) -> str:
    """The text a reader sees outside code spans, as a CommonMark parser (markdown-it-py) reads the report."""
    from markdown_it import MarkdownIt

    out = []
    for block in MarkdownIt("commonmark").enable("table").parse(markdown):
        for tok in block.children or ():
            if tok.type != "code_inline":
                out.append(tok.content)
    return " ".join(out)


HOSTILE = [
    "@octocat",
    "@github/security-team",
    "#123",
    "GH-456",
    "octo-org/octo-repo#789",
    "deadbee",
    "5163a34f0b2a8c1d9e7f6a5b4c3d2e1f0a9b8c7d",
    "https://evil.example/phish",
    "www.evil.example",
]


def test_mentions_references_hashes_and_urls_in_data_stay_in_code_spans(repo_project):
    """GitHub links @user, @org/team, #123, GH-123, owner/repo#123, 7-40 hex digits and bare URLs anywhere in a
    comment except inside code spans; a backslash does not stop it. Every one of them from the data stays inside."""
    edit(
        repo_project,
        "tx",
        "Communications between survivors",
        " ".join(HOSTILE) + " ``x` Communications between survivors",
    )
    edit(
        repo_project,
        "tx",
        "  last_reviewed: 2026-11-20\n    confidence: high",
        "  last_reviewed: 2026-11-25\n    confidence: high",
    )
    manifest = repo_project.jurisdictions_dir / "tx.yml"
    manifest.write_text(
        manifest.read_text() + 'task_force:\n  name: "@octocat task force"\n  hotlines:\n'
        '    - {label: "#123 line", number: "(512) 555-0100"}\n'
    )
    report = change_report(repo_project, "HEAD")
    visible = outside_code_spans(report)
    for token in HOSTILE + ["@octocat task force", "#123 line", "(512) 555-0100"]:
        assert token in report, token
        assert token not in visible, f"{token!r} is outside a code span"
    assert "| `task_force.hotlines[0].number` | (none) | `(512) 555-0100` |" in report
    assert "### Edition settings: `tx`" in report and "1 edition(s) changed their settings" in report


def test_a_code_span_is_fenced_longer_than_any_backtick_run_in_the_value():
    from ecmguide.review.report import md_code

    assert md_code("plain") == "`plain`"
    assert md_code("a `b` c") == "``a `b` c``"
    assert md_code("``x```y") == "```` ``x```y ````"
    assert md_code("a|b\u202ec") == "`a\\|b[U+202E]c`"
    assert md_code("  ") == "(none)"


def test_a_changed_hotline_is_reported_although_no_fact_changed(repo_project):
    manifest = repo_project.jurisdictions_dir / "tx.yml"
    manifest.write_text(manifest.read_text() + 'site_url: "https://example.org/tx/"\n')
    report = change_report(repo_project, "HEAD")
    assert "No legal fact changed" not in report
    assert "| `site_url` | (none) | `https://example.org/tx/` |" in report


def test_confidence_raised_without_the_official_text_is_warned():
    import datetime as dt
    from dataclasses import replace

    from ecmguide.law.model import Fact
    from ecmguide.review.diff import Change
    from ecmguide.review.report import warnings

    old = Fact(
        "duty_to_warn",
        "in_force",
        citation="x",
        summary="y",
        source_url="https://law.justia.com/x",
        checked_against="secondary",
        confidence="medium",
        last_reviewed=dt.date(2026, 11, 20),
    )
    raised = replace(old, confidence="high", last_reviewed=dt.date(2026, 11, 25))
    assert warnings(Change("duty_to_warn", "Duty to warn", old, raised)) == [
        "confidence went up without the official text: `checked\\_against` is not official\\_text on an official page"
    ]
    official = replace(raised, checked_against="official_text", source_url="https://statutes.capitol.texas.gov/x")
    assert warnings(Change("duty_to_warn", "Duty to warn", old, official)) == []


def test_a_removed_fact_is_warned(repo_project):
    path = repo_project.overlays_dir / "tx.yml"
    text = path.read_text()
    path.write_text(
        text[: text.index("  sa_counselor:")]
        + "  sa_counselor: {status: unknown}\n"
        + text[text.index("duty_to_warn:") :]
    )
    report = change_report(repo_project, "HEAD")
    assert "### `Texas`: Sexual-assault counselor privilege (removed)" in report
    assert "> **Warning:** the fact is removed: readers will see it as not yet researched" in report


def test_report_with_no_change_says_so(repo_project):
    assert "No legal fact changed." in change_report(repo_project, "HEAD")


def test_a_long_report_is_cut_for_a_comment_with_a_link_to_the_full_one():
    from ecmguide.review.report import for_comment

    report = "## Change report\n" + "\n".join(f"- line {i}" for i in range(20000))
    comment = for_comment(report, "https://github.com/o/r/actions/runs/1", limit=2000)
    assert len(comment) <= 2000 and comment.startswith("<!-- ecm-change-report -->\n## Change report")
    assert comment.rstrip().endswith("the full report is in the artifact: <https://github.com/o/r/actions/runs/1>*")
    assert for_comment("short", "x").endswith("short")


def test_report_refuses_an_unknown_base(repo_project):
    with pytest.raises(InputError) as exc:
        change_report(repo_project, "no-such-branch")
    assert "'no-such-branch' is not a git revision here" in str(exc.value)


def site_after(project, tmp_path, old, new, message):
    """The tx and us editions built after one committed edit of the Texas overlay."""
    edit(project, "tx", old, new)
    git(project.root, "commit", "-q", "-am", message)
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False, only=["tx", "us"])
    return out


@pytest.mark.slow
def test_a_change_in_meaning_puts_an_out_of_date_notice_on_what_changed_and_downloads(repo_project, tmp_path):
    out = site_after(
        repo_project,
        tmp_path,
        "Tex. Health & Safety Code § 611.004",
        "Tex. Health & Safety Code § 611.0045",
        "Texas duty to warn: cite the current section",
    )
    notice = (
        "Printed copies from before 2026-11-20 are out of date On that day what this guide records changed in "
        "meaning for: Duty to warn or protect (Texas) Print the handouts and the guide again from Downloads."
    )
    assert notice in text_of(out / "tx" / "what-changed" / "index.html")
    assert notice in text_of(out / "tx" / "downloads" / "index.html")
    assert "out of date" not in text_of(out / "us" / "downloads" / "index.html")  # federal law did not change


@pytest.mark.slow
def test_a_change_in_wording_only_puts_no_notice(repo_project, tmp_path):
    out = site_after(
        repo_project,
        tmp_path,
        "if there is a probability",
        "if there is a substantial probability",
        "Texas duty to warn: clearer summary",
    )
    assert "out of date" not in text_of(out / "tx" / "what-changed" / "index.html")


def test_a_substantive_change_to_an_attorney_reviewed_fact_is_flagged():
    import datetime as dt
    from dataclasses import replace

    from ecmguide.law.model import Fact
    from ecmguide.review.diff import Change
    from ecmguide.review.report import warnings

    old = Fact(
        "duty_to_warn",
        "in_force",
        citation="x",
        summary="y",
        source_url="https://statutes.capitol.texas.gov/x",
        checked_against="official_text",
        confidence="high",
        last_reviewed=dt.date(2026, 11, 20),
        attorney_review=(("date", dt.date(2026, 11, 21)), ("role", "attorney, Texas bar")),
    )
    changed = replace(old, summary="z", last_reviewed=dt.date(2026, 11, 25))
    assert warnings(Change("duty_to_warn", "Duty to warn", old, changed)) == [
        "an attorney (attorney, Texas bar) reviewed this fact on 2026-11-21; that review does not cover the new text: "
        "ask for a new review, or remove `attorney\\_review`"
    ]
    assert (
        warnings(Change("duty_to_warn", "Duty to warn", old, replace(old, last_reviewed=dt.date(2026, 11, 25)))) == []
    )
