"""Worker processes: they never hold the publication lock, and a signal stops the whole build."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecmguide.pipeline import publish, workers
from ecmguide.pipeline.build import build

from conftest import REPO
from procfds import open_files

pytestmark = pytest.mark.slow


def test_workers_do_not_inherit_the_lock(tmp_path):
    lock = publish.Lock(tmp_path / "site")
    try:
        assert str(lock.path) in open_files()  # the builder holds it
        pool = workers.new_pool(1)
        try:
            opened = pool.submit(open_files).result(timeout=120)
        finally:
            pool.shutdown()
    finally:
        lock.release()
    assert str(lock.path) not in opened


def session_processes(sid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":  # field 6 of stat: the session id
                out.append(int(entry.name))
    return out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_signal_stops_workers_and_releases_the_lock(project_factory, tmp_path, signum):
    project = project_factory(copy_editions=("us",))
    out = tmp_path / "site"
    build(project, out=out, with_pdf=False)
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "ecmguide", "--root", str(project.root), "build", "--force",
                             "--out", str(out), "-j", "2"], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.parent.glob(".site.staging-*/us/downloads")):
        time.sleep(0.05)
    assert list(out.parent.glob(".site.staging-*/us/downloads")), "build never reached PDF rendering"
    assert len(session_processes(proc.pid)) >= 3  # the builder, the fork server and its workers
    os.kill(proc.pid, signum)  # the builder only, as a service manager or a closed terminal would
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "site/ is unchanged" in output, output
    deadline = time.time() + 10
    while time.time() < deadline and session_processes(proc.pid):
        time.sleep(0.1)
    assert session_processes(proc.pid) == [], "workers outlived the build"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert not list(out.parent.glob(".site.staging-*"))
    publish.Lock(out).release()  # free at once: no orphan holds it


def test_work_beside_the_workers_fails_the_build_with_its_own_error(project_factory, tmp_path, monkeypatch):
    """The hub is built in a thread while workers build editions: its failure must not be lost."""
    from ecmguide.pipeline import build as build_module
    project = project_factory(copy_editions=("us",))
    out = tmp_path / "site"

    def broken_hub(*args, **kwargs):
        raise RuntimeError("hub exploded")
    monkeypatch.setattr(build_module, "build_hub", broken_hub)
    with pytest.raises(RuntimeError, match="hub exploded"):
        build(project, out=out, with_pdf=False)
    assert not out.exists() and not list(tmp_path.glob(".site.staging-*"))
