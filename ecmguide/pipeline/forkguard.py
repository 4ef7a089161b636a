"""Imported first by the fork server (workers.PRELOAD): the fork server dies with the builder that started it.

Workers already die with the fork server (PR_SET_PDEATHSIG in workers._init_worker). The fork server is
started by the builder's main thread (workers.new_pool), and Linux sends the parent-death signal when that
thread ends, so a SIGKILLed builder takes the fork server, and with it every worker, down at once: no
process is left holding files, memory or a half-written staging folder.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

BUILDER = "ECMGUIDE_BUILDER_PID"  # set by workers.context() in the builder, inherited by the fork server
PR_SET_PDEATHSIG = 1


def in_fork_server(builder: str) -> bool:
    """The fork server is `python -c 'from multiprocessing.forkserver import main; ...'`, started by the builder."""
    return (
        sys.argv[:1] == ["-c"]
        and "multiprocessing.forkserver" in sys.modules
        and builder.isdigit()
        and int(builder) != os.getpid()
    )


def guard() -> None:
    builder = os.environ.get(BUILDER, "")
    if not in_fork_server(builder):
        return  # imported by a builder, a test or a tool: nothing to arm
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != int(builder):  # the builder died before the signal was armed
        os._exit(1)


guard()
