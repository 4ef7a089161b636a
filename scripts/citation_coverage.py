"""Print how many overlay facts get an official-text link from their citation, and which do not.

Usage: python scripts/citation_coverage.py [overlays-dir]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecmguide.citecoverage import coverage, report  # noqa: E402

if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "overlays"
    sys.stdout.write(report(coverage(folder)))
