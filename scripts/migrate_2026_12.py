"""One-off: the 2026-12 schema change (run once; kept for the record, like migrate_2026_11.py).

What it does, file by file, keeping every other byte of each overlay:
- `amended_by: "<text>"` (one string) becomes a list of acts, `amended_by: [{act: "<text>"}]`, written as a
  block list under the field. The text stays whole: where it names two acts, a person splits it.
New fields (`current_through`, `summary_es`, `report`, `apply`) need no migration: they start empty.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AMENDED = re.compile(r'^(?P<indent>[ ]+)amended_by: (?P<value>"(?:[^"\\]|\\.)*")[ ]*$', re.M)


def migrate_text(text: str) -> tuple[str, int]:
    """The overlay with every amended_by string turned into a one-act list, and how many were turned."""

    def one(m: re.Match) -> str:
        indent = m.group("indent")
        return f"{indent}amended_by:\n{indent}  - act: {m.group('value')}"

    return AMENDED.subn(one, text)


def migrate(root: Path) -> int:
    total = 0
    for path in sorted((root / "overlays").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        new, count = migrate_text(text)
        if count:
            path.write_text(new, encoding="utf-8")
            total += count
            print(f"{path.relative_to(root)}: {count} amended_by")
    return total


if __name__ == "__main__":
    print(f"{migrate(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)} amended_by string(s) became lists")
