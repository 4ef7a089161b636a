"""Maintainers only: record salted hashes of the source guide's running prose for the no-copy test.

    python scripts/seed_hashes.py <path of the source guide, ecm-confidentiality-guide.md>

writes tests/data/seed-prose.json. The repository keeps no copy of the seed: tests compare the guide's
own sentences against these hashes (tests/test_restated.py), so a clone with nothing beside it can
run them. Re-run only when the seed itself changes.
"""

import hashlib
import json
import re
import secrets
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed-prose.json"
MIN_WORDS = 12


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def prose(text: str) -> set[str]:
    """Normalised running-prose sentences of twelve or more words (titles, lists, tables and links left out)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not re.match(r"\s*([#|>-]|\*\s|\d+\.)", ln)]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`]", lambda m: m.group(1) or " ", "\n".join(lines))
    return {
        norm(s) for s in re.split(r"(?<=[.!?])\s+|\n", text) if len(norm(s).split()) >= MIN_WORDS and "http" not in s
    }


def digest(salt: str, sentence: str) -> str:
    return hashlib.sha256(f"{salt}\0{sentence}".encode()).hexdigest()


def main(seed: str) -> None:
    salt = secrets.token_hex(16)
    hashes = sorted(digest(salt, s) for s in prose(Path(seed).read_text(encoding="utf-8")))
    OUT.write_text(
        json.dumps({"salt": salt, "min_words": MIN_WORDS, "sha256": hashes}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(hashes)} sentences")


if __name__ == "__main__":
    main(sys.argv[1])
