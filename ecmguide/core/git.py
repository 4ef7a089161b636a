"""The one place the package runs git: read-only questions about the checkout's history.

Every caller treats a missing git, a shallow clone or an unknown revision as "no answer" (None),
never as an error: history is extra information, and a build without it still publishes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace")


def show(root: Path, rev: str, path: str) -> bytes | None:
    """The bytes of a file at a revision, or None when git or the revision cannot give them."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), "show", f"{rev}:{path}"], capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
