"""Characters that make text display differently from what it says, or break the page around it.

Overlays, manifests and local pages come from pull requests. A right-to-left override can show a
statute number reversed, a zero-width space can make two citations look the same while differing,
control characters (NUL, ESC) corrupt files and terminals, and a newline in a name breaks headings.
"""

from __future__ import annotations

import unicodedata

import regex  # Python's re and unicodedata have no Default_Ignorable_Code_Point property

# Named so a message can say what was found; the category rules below catch the rest.
NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "SOFT HYPHEN",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\x00": "NUL",
    "\x1b": "ESCAPE",
    "\x85": "NEXT LINE",
    "\r": "CARRIAGE RETURN",
    "\t": "TAB",
    "\n": "NEWLINE",
}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Default-ignorable code points render as nothing: Hangul fillers (letters), variation selectors (marks),
# tags, and the format characters above. One Unicode property covers them all, whatever their category.
IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
MAX_MARKS = 2  # combining marks in a row after one letter (NFC text rarely needs any; stacked "zalgo" text has dozens)


def unsafe_character(text: str, *, newlines: bool = False) -> tuple[int, str] | None:
    """(index, description) of the first character not allowed in published text, or None.

    Refused: control characters (category Cc; a newline only where newlines=True), format characters
    (Cf: bidi controls, zero-width characters, soft hyphens, tags), every other default-ignorable code
    point (Hangul fillers, variation selectors), line and paragraph separators, private-use and
    surrogate code points, combining marks that do not follow a letter (or more than MAX_MARKS in a
    row), and text that is not in Unicode normal form C.
    """
    marks = 0
    for i, ch in enumerate(text):
        if ch == "\n" and newlines:
            marks = 0
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs") or IGNORABLE.match(ch):
            return i, describe(ch)
        if cat.startswith("M"):
            marks += 1
            if marks > MAX_MARKS or not (i and unicodedata.category(text[i - marks]).startswith("L")):
                return i, describe(ch, stray_mark=True)
        else:
            marks = 0
    if not unicodedata.is_normalized("NFC", text):
        composed = unicodedata.normalize("NFC", text)
        i = next(
            (n for n, (a, b) in enumerate(zip(text, composed, strict=False)) if a != b), min(len(text), len(composed))
        )
        return i, (
            f"U+{ord(text[i]):04X} {unicodedata.name(text[i], '')} (text in decomposed form: a letter and a "
            "separate accent that look like one character; retype it so the accented letter is one character, "
            "Unicode normal form C)"
        )
    return None


def describe(ch: str, *, stray_mark: bool = False) -> str:
    name = NAMES.get(ch) or unicodedata.name(ch, "")
    cat = unicodedata.category(ch)
    kind = (
        "an invisible bidirectional control that can make text display differently from what it says"
        if ch in BIDI
        else "a line break"
        if ch in "\n\r\x85\u2028\u2029"
        else "a combining mark that does not follow a letter, or one mark too many on it"
        if stray_mark
        else "an invisible character"
        if cat == "Cf" or IGNORABLE.match(ch)
        else "a control character"
        if cat == "Cc"
        else "a character that cannot be shown"
    )
    return f"U+{ord(ch):04X}{' ' + name if name else ''} ({kind})"
