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
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_offline():
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(REPO / ".github" / "workflows")],
                          capture_output=True, text=True)
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


def test_only_the_workflow_run_workflow_comments_and_it_runs_no_pull_request_code():
    commenting = [wf.name for wf in WORKFLOWS if re.search(r"issues/\S*/comments|gh pr comment|createComment",
                                                            wf.read_text())]
    assert commenting == ["change-report-comment.yml"]
    data = load("change-report-comment.yml")
    assert list(data["on"]) == ["workflow_run"] and data["on"]["workflow_run"]["workflows"] == ["pull request"]
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    assert not any("uses" in s for s in steps), "no checkout: the pull request's code never runs here"
    assert not any(re.search(r"\bmake\b|python|\bpip\b|\bnpm\b", s.get("run", "")) for s in steps)
    run = "\n".join(s["run"] for s in steps)
    assert '[ "${actual}" != "${HEAD_SHA}" ]' in run  # the PR number is checked against the run's head commit
    writes = [b for b in permissions(data) if "write" in b.values()]
    assert writes == [{"actions": "read", "pull-requests": "write"}]


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
    assert jobs["merge"]["needs"] == ["plan", "shard"] and any(s.get("run") == "make merge" for s in jobs["merge"]["steps"])
    assert jobs["deploy"]["needs"] == "merge"
    assert [b for b in permissions(data) if "write" in b.values()] == [{"pages": "write", "id-token": "write"}]
