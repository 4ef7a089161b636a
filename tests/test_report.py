"""`make diff` change report and each edition's "What changed" page, from git history."""
import re
import subprocess

import pytest
import yaml

from conftest import REPO, text_of
from ecmguide.build import build
from ecmguide.errors import InputError
from ecmguide.report import change_report


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-11-20T00:00:00Z",
                        "GIT_COMMITTER_DATE": "2026-11-20T00:00:00Z", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo_project(project_factory):
    project = project_factory(copy_overlays=("us", "ca", "tx"), copy_editions=("us", "ca", "tx"))
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "overlays", "jurisdictions")
    git(project.root, "commit", "-q", "-m", "first")
    return project


def change_ca_duty_to_warn(project):
    path = project.overlays_dir / "ca.yml"
    text = path.read_text()
    new, n = re.subn(r"(duty_to_warn:\n(?:  .*\n)*?  citation: )\"[^\"]*\"", r'\1"Cal. Civ. Code § 43.92 (TEST CHANGE)"', text)
    assert n == 1
    path.write_text(new)


def test_report_lists_exactly_the_changed_fact_and_its_pages(repo_project):
    change_ca_duty_to_warn(repo_project)
    report = change_report(repo_project, "HEAD")
    assert "### California (`ca`)" in report
    assert "Texas" not in report and "United States" not in report
    facts = re.findall(r"^- \*\*(.+?)\*\* \((\w+)\)", report, re.M)
    assert facts == [("Duty to warn or protect", "changed")]
    assert "Cal. Civ. Code § 43.92 (TEST CHANGE)" in report
    assert "`citation`:" in report
    pages = re.search(r"^Pages affected: (.*)$", report, re.M).group(1)
    assert pages == ("`ca/jurisdiction-facts/` (At a glance), `ca/disciplines/healthcare/` (Healthcare professionals), "
                     "`ca/definitions/` (Key definitions), `ca/what-changed/` (What changed)")


def test_report_with_no_change_says_so(repo_project):
    assert "No legal fact changed." in change_report(repo_project, "HEAD")


def test_report_escapes_overlay_text(repo_project):
    path = repo_project.overlays_dir / "ca.yml"
    path.write_text(re.sub(r'(duty_to_warn:\n(?:  .*\n)*?  citation: )"[^"]*"', r'\1"<img src=x onerror=alert(1)> | x"',
                           path.read_text()))
    report = change_report(repo_project, "HEAD")
    assert "<img" not in report and "&lt;img src=x onerror=alert(1)&gt; \\| x" in report


def test_report_refuses_an_unknown_base(repo_project):
    with pytest.raises(InputError) as exc:
        change_report(repo_project, "no-such-branch")
    assert "'no-such-branch' is not a git revision here" in str(exc.value)


@pytest.mark.slow
def test_what_changed_page_lists_committed_fact_changes(repo_project, tmp_path):
    change_ca_duty_to_warn(repo_project)
    git(repo_project.root, "commit", "-q", "-am", "Update California duty to warn")
    out = tmp_path / "site"
    build(repo_project, out=out, with_pdf=False, only=["ca", "us"])
    ca = text_of(out / "ca" / "what-changed" / "index.html")
    assert "2026-11-20 California Duty to warn or protect changed: citation" in ca
    assert "Cal. Civ. Code § 43.92 (TEST CHANGE)" in ca
    us = text_of(out / "us" / "what-changed" / "index.html")
    assert "Duty to warn or protect" not in us


def test_github_workflows_are_valid_and_call_existing_make_targets():
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for wf in (REPO / ".github" / "workflows").glob("*.yml"):
        data = yaml.safe_load(wf.read_text())
        assert data["jobs"], wf
        for job in data["jobs"].values():
            for step in job["steps"]:
                for cmd in re.findall(r"\bmake (\w[\w-]*)", step.get("run", "")):
                    assert cmd in targets, f"{wf.name}: make {cmd} is not a Makefile target"
