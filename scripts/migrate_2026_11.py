"""One-off: migrate overlays/ to the 2026-11 fact schema (see ecmguide/migrate.py for what it changes)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecmguide.migrate import migrate  # noqa: E402

if __name__ == "__main__":
    report = migrate(ROOT)
    print(f"checked_against: {report.official} official_text, {report.secondary} secondary")
    print(f"notes moved to reviewer_note: {report.notes}")
    print(f"unknown -> none_found ({len(report.none_found)}): {', '.join(report.none_found)}")
    print(f"confidence high -> medium ({len(report.downgraded)}):")
    for item in report.downgraded:
        print(f"  {item}")
