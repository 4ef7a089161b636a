"""QC rounds blind by construction, against fixture repositories with crafted histories."""

import subprocess

import pytest
import yaml

from ecmguide.core.errors import InputError
from ecmguide.review import qcround

ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "PATH": "/usr/bin:/bin",
}


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=ENV).stdout


@pytest.fixture
def repo(project_factory):
    """us and ca committed: the snapshot every round below codes."""
    project = project_factory()
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "overlays", "jurisdictions")
    git(project.root, "commit", "-q", "-m", "snapshot")
    return project


def start(project, commit=True):
    snapshot = git(project.root, "rev-parse", "HEAD").strip()
    qcround.new_round(project.root, "r1", ["ca", "us"], snapshot, 1, 24, project.today)  # every cell of ca and us
    if commit:
        git(project.root, "add", "research")
        git(project.root, "commit", "-q", "-m", "QC round r1")
    return qcround.load_round(project.root, "r1")


def blind_coding(project, rnd, flip=("ca", "address_confidentiality", "trafficking_victims_qualify")):
    """A second coding that agrees with the snapshot everywhere but one planted value."""
    first = qcround.first_coding(project.root, rnd)
    entries = []
    for (code, topic), a in sorted(first.items()):
        entry = {"code": code, "topic": topic, "checked_against": "official_text", "read": ["https://example.gov/x"]}
        entry.update({k: a[k] for k in qcround.compared_fields(topic) if k in a})
        if (code, topic) == flip[:2]:
            entry[flip[2]] = not a[flip[2]]
        entries.append(entry)
    path = project.root / rnd.folder / "coding-2" / "batch-1.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(entries, sort_keys=False))
    return path


def resolve(project, rnd):
    path = project.root / rnd.folder / "resolution" / "batch-1.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(
            [
                {
                    "code": "ca",
                    "topic": "address_confidentiality",
                    "field": "trafficking_victims_qualify",
                    "resolution": "first coding kept",
                }
            ]
        )
    )
    return path


def commit(project, message):
    git(project.root, "add", "-A", "research")
    git(project.root, "commit", "-q", "-m", message)


def test_the_seed_is_the_snapshot_and_the_sample_cannot_be_picked(repo):
    rnd = start(repo)
    assert rnd.seed == int(rnd.snapshot[:8], 16) and len(rnd.batches["batch-1"]) == 24
    path = repo.root / rnd.folder / "round.yml"
    data = yaml.safe_load(path.read_text())
    data["batches"]["batch-1"] = data["batches"]["batch-1"][:23] + [["ca", "privileges.physician"]] * 1
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError, match="are not the draw of the round's seed"):
        qcround.load_round(repo.root, "r1")


def test_a_planted_address_program_divergence_is_reported_before_and_after_resolution(repo):
    rnd = start(repo)
    blind_coding(repo, rnd)
    commit(repo, "second coding, blind")
    before = qcround.report(repo.root, "r1")
    assert (
        "diverged: ca address_confidentiality trafficking_victims_qualify: first True, second False (unresolved)"
        in before
    )
    line = next(l for l in before.splitlines() if l.startswith("trafficking_victims_qualify"))
    assert line.split()[1:4] == ["1", "1", "100.0%"]
    resolve(repo, rnd)
    commit(repo, "resolution")
    after = qcround.report(repo.root, "r1")
    assert "(unresolved)" not in after
    overall = next(l for l in after.splitlines() if l.startswith("all fields, after resolution"))
    assert overall.split()[5:7] == ["0", "0.0%"]  # n, then diverged and divergence
    assert "Second coder read the page the first coding cites: 0 of 24 cells" in after


def test_the_first_coding_is_the_snapshot_even_after_the_overlays_change(repo):
    rnd = start(repo)
    path = repo.overlays_dir / "ca.yml"
    path.write_text(path.read_text().replace("trafficking_victims_qualify: true", "trafficking_victims_qualify: false"))
    git(repo.root, "commit", "-q", "-am", "ca changed after the snapshot")
    blind_coding(repo, rnd)  # flips the snapshot's value, whatever the overlay says now
    commit(repo, "second coding")
    assert "first True, second False" in qcround.report(repo.root, "r1")


def test_a_coding_committed_with_its_round_file_is_refused(repo):
    rnd = start(repo, commit=False)
    blind_coding(repo, rnd)
    commit(repo, "round and coding together")
    with pytest.raises(InputError, match="was committed with or before .*round.yml"):
        qcround.report(repo.root, "r1")


def test_a_resolution_committed_with_its_coding_is_refused(repo):
    rnd = start(repo)
    blind_coding(repo, rnd)
    resolve(repo, rnd)
    commit(repo, "coding and resolution together")
    with pytest.raises(InputError, match="resolution/batch-1.yml was committed with or before its coding"):
        qcround.report(repo.root, "r1")


def test_a_squashed_history_is_refused(repo):
    rnd = start(repo, commit=False)
    blind_coding(repo, rnd)
    resolve(repo, rnd)
    commit(repo, "Squash merge of the QC branch")
    with pytest.raises(InputError) as exc:
        qcround.report(repo.root, "r1")
    assert "a squashed merge puts them in one commit" in str(exc.value) and "resolution" in str(exc.value)


def test_a_shallow_clone_is_refused(repo, tmp_path):
    rnd = start(repo)
    blind_coding(repo, rnd)
    commit(repo, "second coding")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True, env=ENV)
    with pytest.raises(InputError, match="shallow clone"):
        qcround.report(clone, "r1")


def test_the_worksheet_asks_without_answering(repo):
    rnd = start(repo)
    sheet = qcround.worksheet(repo.root, rnd, "batch-1")
    assert "topic: address_confidentiality" in sheet and "trafficking_victims_qualify:    # one of True, False" in sheet
    ca = repo.overlay("ca")
    for fact in ca.facts.values():  # no recorded answer and no source leaks into the questions
        if fact.has_law:
            assert fact.citation not in sheet and fact.source_url not in sheet


def test_wilson_interval():
    lo, hi = qcround.wilson(0, 46)
    assert lo == 0.0 and round(hi, 3) == 0.077
    lo, hi = qcround.wilson(5, 100)
    assert (round(lo, 3), round(hi, 3)) == (0.022, 0.112)


def test_the_hub_shows_the_latest_round_from_the_same_figures(repo):
    from ecmguide.outputs.hub import hub_site

    assert "No double-coding round whose order the repository's history proves" in hub_site.qc_md(repo.root)
    rnd = start(repo)
    blind_coding(repo, rnd)
    commit(repo, "second coding")
    line = qcround.latest_summary(repo.root)
    assert line.startswith(f"Latest double-coding round r1 ({repo.today}): 1 of ") and "95% interval" in line
    assert line in hub_site.qc_md(repo.root)
