"""The guide is restated in the project's own words: no running-prose sentence of twelve or more words
is copied from the source guide. The repository keeps only salted hashes of the source's sentences
(tests/data/seed-prose.json, written by scripts/seed_hashes.py), so nothing outside it is read."""

import json
from pathlib import Path

from conftest import REPO
from scripts.seed_hashes import digest, prose

SEED = json.loads((Path(__file__).parent / "data" / "seed-prose.json").read_text(encoding="utf-8"))


def copied_sentences(docs: Path, known=frozenset(SEED["sha256"])) -> dict[str, str]:
    return {
        s: page.name
        for page in sorted(docs.rglob("*.md"))
        for s in prose(page.read_text(encoding="utf-8"))
        if digest(SEED["salt"], s) in known
    }


def test_hashes_cover_the_source():
    assert len(SEED["sha256"]) > 50 and len(SEED["salt"]) >= 32


def test_pages_are_not_copied_from_the_source():
    assert copied_sentences(REPO / "docs") == {}


def test_a_copied_sentence_is_found(tmp_path):
    """The check is live: a page holding a sentence whose salted hash is known is caught, a list item is not."""
    sentence = "Partners share information only as the law and the survivor's written consent allow, and no further."
    known = frozenset(SEED["sha256"]) | {digest(SEED["salt"], prose(sentence).pop())}
    (tmp_path / "page.md").write_text(f"# Title\n\nA short intro.\n\n{sentence}\n", encoding="utf-8")
    assert list(copied_sentences(tmp_path, known).values()) == ["page.md"]
    (tmp_path / "page.md").write_text(f"- {sentence}\n", encoding="utf-8")
    assert copied_sentences(tmp_path, known) == {}
