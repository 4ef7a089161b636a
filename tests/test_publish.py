"""Publication: the lock, the atomic swap, and the output folders a build must refuse to touch."""

import os
import shutil
import subprocess

import pytest

from ecmguide.core.errors import InputError
from ecmguide.pipeline import publish
from ecmguide.pipeline.build import build

pytestmark = pytest.mark.slow


@pytest.fixture
def small(project_factory):
    return project_factory(copy_editions=("us",))


def test_site_symlink_is_refused_and_its_target_kept(small, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me")
    site = small.root / "site"
    site.symlink_to(victim)
    with pytest.raises(InputError) as exc:
        build(small, with_pdf=False)
    assert str(exc.value).startswith(f"{site}: is a symbolic link (to {victim}); a build replaces this folder whole")
    assert (victim / "precious.txt").read_text() == "keep me" and site.is_symlink()


def test_site_mount_point_is_refused(small, monkeypatch):
    site = small.root / "site"
    site.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: str(p) == str(site) or real(p))
    with pytest.raises(InputError, match="is a mount point"):
        build(small, with_pdf=False)


def test_without_atomic_exchange_a_rebuild_is_refused_before_it_starts(small, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(small, out=out, with_pdf=False)  # first publication: a plain rename, atomic
    before = sorted(p.name for p in out.iterdir())
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    with pytest.raises(InputError, match="cannot swap folders atomically"):
        build(small, out=out, with_pdf=False, force=True)
    assert sorted(p.name for p in out.iterdir()) == before
    assert not list(tmp_path.glob(".site.*staging*")) and not list(tmp_path.glob(".exchange-probe-*"))


def test_a_failed_swap_leaves_the_old_site(small, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(small, out=out, with_pdf=False)
    (out / "marker").write_text("old")
    monkeypatch.setattr(publish, "can_exchange", lambda folder: True)
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    with pytest.raises(InputError, match="could not swap the new site into place"):
        build(small, out=out, with_pdf=False, force=True)
    assert (out / "marker").read_text() == "old" and not list(tmp_path.glob(".site.staging-*"))


def test_stale_lock_of_a_dead_build_is_cleared_with_a_note(small, tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "site"
    (tmp_path / ".site.lock").write_text(f"{dead.pid}\n")
    summary = build(small, out=out, with_pdf=False)
    assert (
        f"{tmp_path}/.site.lock: warning: cleared a stale lock left by build pid {dead.pid}, which stopped "
        "without releasing it" in [str(w) for w in summary.warnings]
    )
    assert (tmp_path / ".site.lock").read_text() == ""


def test_lock_held_by_a_live_build_is_reported(tmp_path):
    target = tmp_path / "site"
    held = publish.Lock(target)
    try:
        with pytest.raises(InputError, match=rf"another build \(pid {os.getpid()}\) is writing this folder"):
            publish.Lock(target)
    finally:
        held.release()
    publish.Lock(target).release()


def test_lock_file_symlink_is_refused_and_not_truncated(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / ".site.lock").symlink_to(victim)
    with pytest.raises(InputError, match="is a symbolic link; delete it"):
        publish.Lock(tmp_path / "site")
    assert victim.read_text() == "keep me"


def test_symlink_planted_in_a_published_edition_is_not_followed(small, tmp_path):
    out = tmp_path / "site"
    build(small, out=out, with_pdf=False)
    (out / "us" / "leak").symlink_to("/etc")
    with pytest.raises(InputError, match="is a symbolic link inside the published site"):
        build(small, out=out, with_pdf=False)  # us is unchanged, so its files would be reused


@pytest.mark.parametrize(
    "where",
    [
        "jurisdictions/ca-x",
        "overlays/tx.yml",
        "jurisdictions/ca-x/page.md",
        "docs/page.md",
        "docs/disciplines",
        "maintainers/page.md",
    ],
)
def test_symlinks_where_the_build_reads_pages_and_data_are_refused(project_factory, tmp_path, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.md").write_text("# Secret\n\nfrom outside the repository\n")
    (outside / "tx.yml").write_text("code: tx\nname: Texas\nkind: state\n")
    project = project_factory(
        editions={"ca-x": 'code: ca-x\noverlays: [us, ca]\nextra_pages:\n  - title: "P"\n    file: page.md\n'}
    )
    link = project.root / where
    if where != "jurisdictions/ca-x":
        (project.jurisdictions_dir / "ca-x").mkdir()
        (project.jurisdictions_dir / "ca-x" / "page.md").write_text("# P\n")
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(outside / link.name if link.suffix else outside)
    problems = [str(p) for p in project.validate()]
    top = where.split("/")[0]
    assert (
        f"{where}: is a symbolic link (to {outside / link.name if link.suffix else outside}); links are not allowed "
        f"in {top}/; replace it with the real file or folder" in problems
    )
    with pytest.raises(InputError, match="is a symbolic link"):
        build(project, out=tmp_path / "site", with_pdf=False, only=["ca-x"])
    assert not (tmp_path / "site").exists()
