"""Each edition's "What changed" page (ecmguide/outputs/site/whatchanged.py), for readers: months in collapsed
<details>, old → new for a change in meaning, "Wording only" with the parts, the commit's Reader-note trailer as
the reason, and never a commit subject or id. Built from a small repository whose history the tests write."""

import copy
import html
import re
import subprocess

import pytest

from ecmguide.outputs.answers import messages
from ecmguide.outputs.site import whatchanged
from ecmguide.review.history import fact_history

from conftest import REPO, text_of

FIXTURES = REPO / "tests" / "fixtures" / "report"
ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "PATH": "/usr/bin:/bin",
}
NOTE = "The 2026 act made warning a duty, not a choice <b>now</b> & for every professional."
SUBJECTS = (
    "Texas facts first published",
    "tx duty_to_warn rule flipped per HB 99 (subject alpha)",
    "tx duty_to_warn summary reworded (subject beta)",
    "tx sa_counselor cite moved (subject gamma)",
)


def git(root, *args, date="2026-11-20T12:00:00Z"):
    return subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
    ).stdout


def edit(project, old, new):
    path = project.overlays_dir / "tx.yml"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


@pytest.fixture
def history_project(project_factory):
    """Four commits to the Texas overlay over three months: first publication (November 2026); duty to warn made
    mandatory, with a Reader-note trailer (December 3); its summary reworded, no trailer (December 9); the
    sexual-assault privilege's main section moved, with a new review date (January 2027)."""
    project = project_factory(
        overlays={c: (FIXTURES / f"{c}.yml").read_text() for c in ("us", "tx")},
        editions={"us": "code: us\noverlays: [us]\n", "tx": "code: tx\noverlays: [us, tx]\n"},
        copy_overlays=(),
        copy_editions=(),
    )
    root = project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "overlays", "jurisdictions")
    git(root, "commit", "-q", "-m", SUBJECTS[0], date="2026-11-20T12:00:00Z")
    edit(project, "rule: permissive", "rule: mandatory")
    git(
        root,
        "commit",
        "-q",
        "-am",
        SUBJECTS[1],
        "-m",
        "The bill passed in May.",
        "-m",
        f"Reader-note: {NOTE}",
        date="2026-12-03T12:00:00Z",
    )
    edit(project, "if there is a probability", "if there is a substantial probability")
    git(root, "commit", "-q", "-am", SUBJECTS[2], date="2026-12-09T12:00:00Z")
    edit(project, "Tex. Gov't Code § 420.071", "Tex. Gov't Code § 420.072")
    edit(
        project,
        "  last_reviewed: 2026-11-20\n    confidence: high",
        "  last_reviewed: 2026-11-25\n    confidence: high",
    )
    git(root, "commit", "-q", "-am", SUBJECTS[3], date="2027-01-15T12:00:00Z")
    return project


def commit_ids(root) -> list[str]:
    return git(root, "log", "--format=%H").split()


def months(page_html: str) -> list[tuple[str, str, str]]:
    """(opening tag, summary text, body) of each <details> on the page, in page order."""
    return [
        (tag, html.unescape(re.sub(r"<[^>]+>", "", summary)), body)
        for tag, summary, body in re.findall(
            r"(<details[^>]*>)\s*<summary>(.*?)</summary>(.*?)</details>", page_html, re.S
        )
    ]


def fact_entries(body: str, anchor: str) -> list[str]:
    """The visible text of each change (<li class="change ...">) in a month's body that links the fact."""
    items = body.split('<li class="change ')[1:]
    return [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", '<li class="' + li))).strip()
        for li in items
        if f'#{anchor}"' in li
    ]


def test_history_reads_the_reader_note_trailer_and_keeps_subject_and_id(history_project):
    versions = fact_history(history_project.root, "tx")["duty_to_warn"]
    assert [v.subject for v in versions] == list(SUBJECTS[:3])
    assert [v.reader_note for v in versions] == ["", NOTE, ""]
    ids = commit_ids(history_project.root)  # newest first
    assert [v.commit for v in versions] == [c[:10] for c in reversed(ids[1:])]


def test_a_folded_note_is_read_as_one_line_and_a_note_in_the_body_is_not_a_trailer(history_project):
    root = history_project.root
    edit(history_project, "Tex. Gov't Code § 420.072", "Tex. Gov't Code § 420.073")
    git(
        root, "commit", "-q", "-am", "fold", "-m", "Reader-note: first half\n  second half", date="2027-01-20T12:00:00Z"
    )
    edit(history_project, "Tex. Gov't Code § 420.073", "Tex. Gov't Code § 420.074")
    git(
        root,
        "commit",
        "-q",
        "-am",
        "body",
        "-m",
        "Reader-note: not a trailer here",
        "-m",
        "A closing paragraph.",
        date="2027-01-21T12:00:00Z",
    )
    versions = fact_history(root, "tx")["privileges.sa_counselor"]
    assert [v.reader_note for v in versions[-2:]] == ["first half second half", ""]


def test_every_string_of_the_page_comes_from_the_catalog(history_project, monkeypatch):
    """A translated catalog changes the month names, the labels and the summary: nothing is left in English."""
    catalog = copy.deepcopy(messages())
    m = catalog["what_changed"]
    m["months"] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    m.update(
        month="{month} de {year}",
        date="{day} de {month} de {year}",
        first="Primera publicación",
        meaning="Cambió el significado",
        wording="Solo la redacción: {parts}",
        note="Por qué: {note}",
        summary="{month}: {changes} ({parts})",
        changes={"one": "1 cambio", "other": "{n} cambios"},
        parts={"meaning": "{n} de significado", "first": "{n} publicados por primera vez", "wording": "redacción"},
    )
    m["parts_of_a_fact"]["summary"] = "resumen"
    m["fields"]["rule"] = "Regla"
    m["federal_layer"] = "derecho federal"
    m["when"] = "{date}, {what}"
    m["values"]["rule"] = {"mandatory": "obligatoria", "permissive": "permitida", "none": "ninguna"}
    m["out_of_date"] = {
        "title": "Las copias impresas antes del {date} están desactualizadas",
        "lead": "Ese día cambió el significado de:",
        "action": "Imprima de nuevo desde Descargas.",
    }
    monkeypatch.setattr(whatchanged, "messages", lambda: catalog)
    edition = history_project.edition("tx")
    text = re.sub(
        r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", str(whatchanged.changes_html(edition, history_project.root))))
    )
    assert "diciembre de 2026: 2 cambios (1 de significado)" in text
    assert "noviembre de 2026: 3 cambios (3 publicados por primera vez)" in text
    assert "Regla: permitida → obligatoria" in text and "Solo la redacción: resumen" in text
    assert "Primera publicación" in text and "3 de diciembre de 2026, Cambió el significado" in text
    assert "Crime Victims' Rights Act (derecho federal)" in text
    assert "Las copias impresas antes del 2027-01-15 están desactualizadas" in text
    for english in (
        "December",
        "First published",
        "Meaning changed",
        "Wording only",
        "Why:",
        "change",
        "Printed",
        "law",
        " · ",
    ):
        assert english not in text, english


@pytest.mark.slow
def test_the_built_page_shows_changes_by_month_for_readers_and_no_commit_subject_or_id(history_project, tmp_path):
    from ecmguide.pipeline.build import build

    out = tmp_path / "site"
    build(history_project, out=out, with_pdf=False, only=["tx", "us"])
    page = (out / "tx" / "what-changed" / "index.html").read_text(encoding="utf-8")
    text = text_of(out / "tx" / "what-changed" / "index.html")

    # Months, newest first, each a collapsed <details> whose summary counts its changes; nothing outside them.
    found = months(page)
    first_published = len(history_project.overlay("tx").facts) + len(history_project.overlay("us").federal)
    assert [summary for _, summary, _ in found] == [
        "January 2027 — 1 change (1 in meaning)",
        "December 2026 — 2 changes (1 in meaning)",
        f"November 2026 — {first_published} changes ({first_published} first published)",
    ]
    assert all(" open" not in tag for tag, _, _ in found)
    assert page.count('<li class="change ') == sum(body.count('<li class="change ') for _, _, body in found) == 6
    assert "<table" not in page[page.index('class="changes-by-month"') : page.index("</article>")]

    # December: the wording change (newest first), then the change in meaning with its old → new and the reason.
    december = found[1][2]
    assert fact_entries(december, "fact-duty-to-warn") == [
        "Duty to warn or protect (Texas) December 9, 2026 · Wording only: summary",
        f"Duty to warn or protect (Texas) December 3, 2026 · Meaning changed Rule: permissive → mandatory Why: {NOTE}",
    ]
    assert "&lt;b&gt;now&lt;/b&gt; &amp; for" in december and "<b>now</b>" not in page  # the note is escaped text
    assert sum(body.count("Why:") for _, _, body in found) == 1  # a commit without a Reader-note gives no reason

    # January: the main cited section moved; the new review date is named, the citation is not repeated.
    assert fact_entries(found[0][2], "fact-privileges-sa-counselor") == [
        "Sexual-assault counselor privilege (Texas) January 15, 2027 · Meaning changed Main section cited: "
        "Tex. Gov't Code § 420.071 → Tex. Gov't Code § 420.072 Also updated: review date"
    ]
    # November: every fact's first version reads "First published", and the fact's text is not repeated.
    assert fact_entries(found[2][2], "fact-duty-to-warn") == [
        "Duty to warn or protect (Texas) November 20, 2026 · First published"
    ]
    assert "A professional may disclose" not in text and "Crime victims in federal cases" not in text

    # Each fact links to itself on At a glance; its stable history anchor sits on its newest change.
    glance = (out / "tx" / "jurisdiction-facts" / "index.html").read_text(encoding="utf-8")
    for anchor in set(re.findall(r'href="\.\./jurisdiction-facts/#([^"]+)"', page)):
        assert f'id="{anchor}"' in glance, anchor
    assert re.findall(r'id="(history-[^"]+)"', page) == [
        "history-privileges-sa-counselor",
        "history-duty-to-warn",
        "history-federal-cvra",
    ]
    assert re.search(r'<li class="change change-wording" id="history-duty-to-warn">', december)

    # Never a commit subject or id, on the page or in its search entry; the old developer column is gone.
    search = (out / "tx" / "search" / "search_index.json").read_text(encoding="utf-8")
    for subject in SUBJECTS:
        assert subject not in text and subject not in search, subject
    for commit in commit_ids(history_project.root):
        for shown in (commit, commit[:10], commit[:7]):
            assert shown not in page and shown not in search, shown
    assert "commit message" not in text.lower() and "The bill passed in May" not in text

    # The federal edition lists only what reaches it.
    us = text_of(out / "us" / "what-changed" / "index.html")
    assert "Duty to warn or protect" not in us and "Crime Victims' Rights Act (federal law)" in us
