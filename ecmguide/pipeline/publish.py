"""Publication: one build at a time (a lock beside site/), and site/ replaced whole, atomically.

site/ is only ever replaced by an atomic directory exchange (Linux renameat2 RENAME_EXCHANGE): at
every instant either the old or the new site is in place, so a failed or killed build leaves the
last good site untouched. Where the file system cannot exchange directories, a build that would
replace an existing site/ is refused before it starts (a rename-aside fallback has a window with no
site/ at all, and a `site` symlink swap is not an option because site/ must never be a symlink:
a committed `site` link would send the swap, and the removal of the old tree, to its target).
A first publication, where site/ does not exist yet, is a plain rename(2), which is atomic too.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

from ecmguide.core.errors import InputError, Problem

STAGING_PREFIX = ".{}.staging-"


def _problem(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), 0, "", message)])


def check_target(target: Path) -> None:
    """Refuse an output folder that a swap and a clean-up would turn against something else."""
    if os.path.islink(target):
        raise _problem(
            target,
            f"is a symbolic link (to {os.readlink(target)}); a build replaces this folder whole "
            "and would delete what the link points to; remove the link (rm site) and build again",
        )
    if os.path.ismount(target):
        raise _problem(
            target,
            "is a mount point; a build replaces this folder whole; build into a folder inside it "
            "with --out, or unmount it",
        )
    if os.path.lexists(target) and not os.path.isdir(target):
        raise _problem(target, "exists and is not a folder; move it away and build again")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def can_exchange(folder: Path) -> bool:
    """Whether this file system swaps directories atomically (tried on two empty folders)."""
    a = Path(tempfile.mkdtemp(prefix=".exchange-probe-", dir=folder))
    b = Path(tempfile.mkdtemp(prefix=".exchange-probe-", dir=folder))
    try:
        return _exchange(a, b)
    finally:
        os.rmdir(a)
        os.rmdir(b)


def check_atomic(target: Path) -> None:
    """Refuse, before any work, a build that could not publish atomically."""
    if os.path.lexists(target) and not can_exchange(target.parent):
        raise _problem(
            target,
            "this file system cannot swap folders atomically (renameat2 RENAME_EXCHANGE), so "
            "replacing the published site could leave no site at all if the build were stopped; "
            "build into a new folder with --out and move it into place yourself",
        )


def publish(staging: Path, target: Path) -> None:
    """Put the finished staging tree in target's place; the old tree goes away only once replaced."""
    check_target(target)
    if not os.path.lexists(target):
        os.rename(staging, target)  # atomic: there is no old site to keep
        return
    if not _exchange(staging, target):
        err = ctypes.get_errno()
        raise _problem(
            target,
            f"could not swap the new site into place ({os.strerror(err) if err else 'unsupported'});"
            " the published site is unchanged",
        )
    shutil.rmtree(staging)  # now holds the old site


def link_or_copy(src: str, dst: str) -> None:
    """A hard link where src and dst share a file system (a shard's output, the cache), else a copy."""
    try:
        os.link(src, dst)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            raise
        shutil.copy2(src, dst)


def link_tree(src: Path, dst: Path) -> None:
    """Reuse an unchanged edition's files by hard link (they are never modified in place: a step that
    changes a file, such as sharedassets, writes a new file over it).

    A build never writes symbolic links, so one found here was put there by someone else; following
    it would publish whatever it points to.
    """
    for folder, dirs, files in os.walk(src):
        for name in dirs + files:
            if os.path.islink(os.path.join(folder, name)):
                raise _problem(
                    Path(folder) / name,
                    "is a symbolic link inside the published site; a build never "
                    "makes one; delete the site folder and build again",
                )
    if os.path.islink(src):
        raise _problem(src, "is a symbolic link; delete the site folder and build again")
    shutil.copytree(src, dst, copy_function=link_or_copy)


def clean_stale_staging(target: Path) -> None:
    """Remove staging folders left by killed builds (never following a link)."""
    for stale in target.parent.glob(STAGING_PREFIX.format(target.name) + "*"):
        if stale.is_symlink():
            stale.unlink()
        elif stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def new_staging(target: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX.format(target.name), dir=target.parent))


# ---------------------------------------------------------------- the lock


class Lock:
    """An exclusive flock on .<site>.lock holding the builder's pid.

    The file descriptor is close-on-exec, and workers are started by a fork server that never had it
    (see workers.py), so only this process holds the lock: when it dies, the kernel releases it. A pid
    left in an unlocked file means the last build was killed; that stale lock is cleared with a note.
    """

    def __init__(self, target: Path):
        import fcntl

        self.path = target.parent / f".{target.name}.lock"
        self.note = ""
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _problem(self.path, "is a symbolic link; delete it and build again") from None
            raise
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = self._owner()
            os.close(self.fd)
            if owner and _alive(owner):
                raise _problem(
                    self.path, f"another build (pid {owner}) is writing this folder; wait for it to finish"
                ) from None
            holders = ", ".join(map(str, _holders(self.path))) or "unknown"
            raise _problem(
                self.path,
                f"the build that took this lock (pid {owner or 'unknown'}) is no longer running but "
                f"processes it left hold the lock (pids: {holders}); stop them "
                "(kill <pid>) and build again",
            ) from None
        owner = self._owner()
        if owner and owner != os.getpid():
            self.note = (
                f"cleared a stale lock left by build pid {owner}, which stopped without releasing it"
                if not _alive(owner)
                else f"cleared a lock naming pid {owner}, which no longer holds it"
            )
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)

    def _owner(self) -> int:
        try:
            text = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip()
        except OSError:
            return 0
        return int(text) if text.isdigit() else 0

    def release(self) -> None:
        import fcntl

        if self.fd < 0:
            return
        try:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)
            self.fd = -1


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holders(path: Path) -> list[int]:
    """Processes with the lock file open (read from /proc; empty where /proc is not readable)."""
    out = []
    real = os.path.realpath(path)
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) == real:
                    out.append(int(entry.name))
                    break
        except OSError:
            continue
    return sorted(out)
