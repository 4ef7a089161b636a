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

from conftest import REPO, TODAY
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
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ecmguide",
            "--root",
            str(project.root),
            "build",
            "--force",
            "--out",
            str(out),
            "-j",
            "2",
        ],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
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


def tagged(tag: str) -> set[int]:
    """Processes whose environment carries the tag: the builder, its fork server and their workers."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"ECMGUIDE_KILL_TAG={tag}".encode() in (entry / "environ").read_bytes().split(b"\0"):
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def test_sigkill_of_the_builder_leaves_no_process(project_factory, tmp_path):
    """SIGKILL cannot be caught, so nothing in the builder cleans up: the fork server must die by itself
    (its parent-death signal) and take the workers with it (theirs)."""
    project = project_factory()
    tag = f"{os.getpid()}-{time.monotonic_ns()}"
    builder = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ecmguide",
            "--root",
            str(project.root),
            "--today",
            TODAY.isoformat(),
            "build",
            "-j",
            "2",
            "--out",
            str(tmp_path / "site"),
        ],
        cwd=REPO,
        env={**os.environ, "ECMGUIDE_KILL_TAG": tag},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    others: set[int] = set()
    while time.monotonic() < deadline and builder.poll() is None:
        others = tagged(tag) - {builder.pid}
        if len(others) >= 2:  # the fork server and at least one worker
            break
        time.sleep(0.1)
    assert len(others) >= 2, "the build never started its workers"
    builder.kill()
    builder.wait(timeout=30)
    deadline = time.monotonic() + 15
    while tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert tagged(tag) == set(), f"processes outlived the builder: {sorted(tagged(tag))}"


def test_the_fork_servers_guard_kills_it_when_its_builder_dies(tmp_path):
    """The mechanism under the test above, alone: a process started like the fork server (python -c, with
    multiprocessing.forkserver loaded and the builder's pid in its environment) dies when its builder is
    SIGKILLed; without forkguard it would sleep on."""
    child = "import multiprocessing.forkserver, ecmguide.pipeline.forkguard, time; time.sleep(60)"
    parent = (
        "import os, subprocess, sys, time\n"
        f"env = dict(os.environ, ECMGUIDE_BUILDER_PID=str(os.getpid()), ECMGUIDE_KILL_TAG={str(tmp_path)!r})\n"
        f"p = subprocess.Popen([sys.executable, '-c', {child!r}], env=env)\n"
        "print(p.pid, flush=True)\ntime.sleep(60)\n"
    )
    builder = subprocess.Popen([sys.executable, "-c", parent], cwd=REPO, stdout=subprocess.PIPE, text=True)
    server = int(builder.stdout.readline())
    time.sleep(1.5)  # the child has imported the guard
    assert tagged(str(tmp_path)) == {server}
    builder.kill()
    builder.wait(timeout=30)
    deadline = time.monotonic() + 10
    while tagged(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tagged(str(tmp_path)) == set()


def test_workers_run_under_the_address_space_budget():
    import resource

    from ecmguide.editions import budgets

    pool = workers.new_pool(1)
    try:
        limit = pool.submit(resource.getrlimit, resource.RLIMIT_AS).result(timeout=120)
        cpu = pool.submit(resource.getrlimit, resource.RLIMIT_CPU).result(timeout=120)
    finally:
        workers.stop_pool(pool)
    assert limit == (budgets.MAX_WORKER_ADDRESS_SPACE, budgets.MAX_WORKER_ADDRESS_SPACE)
    assert cpu[0] == budgets.MAX_WORKER_CPU_SECONDS
