"""The GitHub workflows: schema-valid, audited, least privilege, and only the trusted half posts comments."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def load(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_every_workflow_passes_the_github_workflow_schema():
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_offline():
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(REPO / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def permissions(data: dict) -> list[dict]:
    return [data.get("permissions") or {}] + [job.get("permissions") or {} for job in data["jobs"].values()]


def test_the_pull_request_workflow_has_no_write_permission_and_no_secrets():
    data = load("pull-request.yml")
    assert list(data["on"]) == ["pull_request"]
    for block in permissions(data):
        assert all(value in ("read", "none") for value in block.values()), block
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text()
    assert "secrets." not in text and "github.token" not in text and "GITHUB_TOKEN" not in text


def job_permissions(data: dict, job: dict) -> dict:
    """A job's own permissions block, or the workflow's when it has none (GitHub's rule)."""
    return job["permissions"] if "permissions" in job else (data.get("permissions") or {})


RUNS_CODE = re.compile(r"\bmake\b|\bpython3?\b|\bpip\b|\bnpm\b|\bnode\b|\bpytest\b")


def test_no_job_holding_a_write_token_runs_make_or_python():
    """A write token never sits in a job that runs the project's code: code runs in read-only jobs, and the
    job that writes (comments, commits, issues, deploys) only moves their output. Static check: nothing here
    can run on GitHub."""
    checked = 0
    for wf in WORKFLOWS:
        data = load(wf.name)
        for name, job in data["jobs"].items():
            perms = job_permissions(data, job)
            if "write" not in perms.values() and perms != "write-all":
                continue
            checked += 1
            for step in job.get("steps", []):
                assert not RUNS_CODE.search(step.get("run", "")), f"{wf.name}: job {name} holds {perms} and runs code"
                assert "setup-python" not in step.get("uses", "") and "setup-node" not in step.get("uses", ""), (
                    f"{wf.name}: job {name} holds {perms} and sets up a runtime"
                )
    assert checked >= 5  # post, commit, issue and two deploys: the check is not vacuous


def test_the_change_report_is_written_by_the_base_branch_from_the_pull_requests_data():
    commenting = [
        wf.name for wf in WORKFLOWS if re.search(r"issues/\S*/comments|gh pr comment|createComment", wf.read_text())
    ]
    assert commenting == ["change-report-comment.yml"]
    data = load("change-report-comment.yml")
    assert list(data["on"]) == ["workflow_run"] and data["on"]["workflow_run"]["workflows"] == ["pull request"]
    assert data["permissions"] == {}
    jobs = data["jobs"]
    assert job_permissions(data, jobs["fetch"]) == {"actions": "read"}
    assert job_permissions(data, jobs["report"]) == {}
    assert job_permissions(data, jobs["post"]) == {"pull-requests": "write"}
    checkout = next(s for s in jobs["report"]["steps"] if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"  # the base's code
    report_run = "\n".join(s.get("run", "") for s in jobs["report"]["steps"])
    assert "make validate" in report_run and "make diff BASE=HEAD" in report_run
    assert 'cp -r "${PR_DATA}/overlays" "${PR_DATA}/jurisdictions" .' in report_run  # data only
    post_run = "\n".join(s.get("run", "") for s in jobs["post"]["steps"])
    assert '[ "${actual}" != "${HEAD_SHA}" ]' in post_run  # the PR number is checked against the run's head commit
    assert "do not pass the validation of the base branch" in post_run  # the fixed message for invalid data
    pr = load("pull-request.yml")
    uploads = [
        s["with"]["name"] for job in pr["jobs"].values() for s in job["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert "pr-data" in uploads and "change-report" not in uploads  # the pull request's code writes no report


def test_actions_are_pinned_to_full_commit_shas():
    for wf in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+)", wf.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}", ref), f"{wf.name}: {ref}"


def test_workflows_call_existing_make_targets():
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for wf in WORKFLOWS:
        for cmd in re.findall(r"\bmake ([a-z][\w-]*)", wf.read_text()):
            assert cmd in targets, f"{wf.name}: make {cmd} is not a Makefile target"


def test_pages_builds_shards_planned_from_the_edition_list_then_merges_and_deploys():
    data = load("pages.yml")
    jobs = data["jobs"]
    assert any("make plan SHARDS=auto" in s.get("run", "") for s in jobs["plan"]["steps"])
    assert jobs["plan"]["outputs"]["shards"] == "${{ steps.plan.outputs.shards }}"
    assert jobs["shard"]["strategy"]["matrix"] == {"shard": "${{ fromJSON(needs.plan.outputs.shards) }}"}
    shard_steps = jobs["shard"]["steps"]
    assert any('make build SHARD="${SHARD}/${COUNT}"' in s.get("run", "") for s in shard_steps)
    upload = next(s for s in shard_steps if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["include-hidden-files"] is True  # .build-state.json says what the shard built
    assert jobs["merge"]["needs"] == ["plan", "shard"] and any(
        s.get("run") == "make merge" for s in jobs["merge"]["steps"]
    )
    assert jobs["deploy"]["needs"] == "merge"
    assert [b for b in permissions(data) if "write" in b.values()] == [{"pages": "write", "id-token": "write"}]
