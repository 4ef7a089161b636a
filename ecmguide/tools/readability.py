"""make readability: how easy the survivor explainers are to read, measured honestly with textstat.

Only the running sentences count (survivor.running_sentences): headings, blanks, contacts, numbers and the
notice are left out, and names are one ordinary word. English must be at Flesch-Kincaid grade 6 or lower;
Spanish at Fernandez-Huerta 70 or higher, computed with textstat's syllable count corrected by its measured
error on a passage counted by hand (ecmguide/data/spanish-syllables.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.outputs import survivor

MAX_GRADE_EN = 6.0
MIN_FERNANDEZ_HUERTA_ES = 70.0
HAND_COUNTED = Path(__file__).resolve().parents[1] / "data" / "spanish-syllables.yml"
_WORD = re.compile(r"[^\W\d_]+")


def _textstat(lang: str):
    import textstat

    textstat.set_lang(lang)
    return textstat


@dataclass(frozen=True)
class SyllableCheck:
    hand: int
    textstat: int

    @property
    def ratio(self) -> float:  # multiply textstat's count by this to get the hand count
        return self.hand / self.textstat

    @property
    def error(self) -> float:  # textstat's relative error, negative for an undercount
        return (self.textstat - self.hand) / self.hand


def spanish_syllable_check() -> SyllableCheck:
    data = yaml.safe_load(HAND_COUNTED.read_text(encoding="utf-8"))
    ts = _textstat("es")
    hand = counted = 0
    for item in data["sentences"]:
        words = _WORD.findall(item["text"])
        if len(words) != len(item["syllables"]):
            raise ValueError(
                f"{HAND_COUNTED.name}: {item['text']!r} has {len(words)} words but {len(item['syllables'])} counts"
            )
        hand += sum(item["syllables"])
        counted += sum(ts.syllable_count(w) for w in words)
    return SyllableCheck(hand, counted)


def score(text: str, lang: str, check: SyllableCheck | None = None) -> float:
    """Flesch-Kincaid grade (en), or Fernandez-Huerta with corrected syllables (es)."""
    ts = _textstat(lang)
    if lang == "en":
        return ts.flesch_kincaid_grade(text)
    words = _WORD.findall(text)
    sentences = max(1, len(re.findall(r"[.!?]+", text)))
    syllables = sum(ts.syllable_count(w) for w in words) * (check or spanish_syllable_check()).ratio
    return 206.84 - 60 * syllables / len(words) - 102 * sentences / len(words)


def passes(value: float, lang: str) -> bool:
    return value <= MAX_GRADE_EN if lang == "en" else value >= MIN_FERNANDEZ_HUERTA_ES


def explainer_text(edition: Edition, lang: str) -> str:
    return " ".join(s for d in schema.DISCIPLINES for s in survivor.running_sentences(edition, d, lang))


def report(editions: list[Edition]) -> tuple[str, bool]:
    """(the table make readability prints, whether every explainer meets its target)."""
    check = spanish_syllable_check()
    lines = [
        f"Spanish syllables: textstat counts {check.textstat}, by hand {check.hand} "
        f"(error {100 * check.error:+.1f}%); Spanish scores use the hand-count ratio {check.ratio:.3f}.",
        f"Targets: English Flesch-Kincaid grade <= {MAX_GRADE_EN:g}; Spanish Fernandez-Huerta >= "
        f"{MIN_FERNANDEZ_HUERTA_ES:g} (textstat's own Spanish score shown for comparison).",
        "",
        f"{'edition':<12}{'en grade':>10}{'es F-H':>10}{'es F-H (textstat)':>20}  result",
    ]
    ok = True
    for e in editions:
        en, es = explainer_text(e, "en"), explainer_text(e, "es")
        grade, fh = score(en, "en"), score(es, "es", check)
        raw = _textstat("es").fernandez_huerta(es)
        good = passes(grade, "en") and passes(fh, "es")
        ok &= good
        lines.append(f"{e.code:<12}{grade:>10.1f}{fh:>10.1f}{raw:>20.1f}  {'ok' if good else 'OVER THE LIMIT'}")
    return "\n".join(lines), ok
