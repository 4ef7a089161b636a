"""Hostile YAML is rejected quickly, with a line number and a clear message."""
import resource
import time

import pytest

from ecmguide import safeyaml
from ecmguide.errors import InputError


def rejected(raw: bytes) -> str:
    with pytest.raises(InputError) as exc:
        safeyaml.loads(raw, "overlays/xx.yml")
    return str(exc.value)


def test_keeps_line_numbers_of_keys():
    data, lines = safeyaml.loads(b"code: ca\nprivileges:\n  dv_advocate:\n    citation: x\n", "t")
    assert data["privileges"]["dv_advocate"]["citation"] == "x"
    assert lines[("privileges", "dv_advocate", "citation")] == 4


def test_billion_laughs_is_refused_before_expansion():
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
        for i in range(9))
    start = time.perf_counter()
    message = rejected(bomb)
    assert time.perf_counter() - start < 1
    assert "overlays/xx.yml:1:" in message and "anchors" in message


def test_large_file_is_refused_by_size_without_parsing():
    big = b"summary: '" + b"x" * (50 * 1024 * 1024) + b"'\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = rejected(big)
    assert "over the 524288-byte limit" in message
    # Refused without building a parse tree: memory grows by far less than the file's size.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024


def test_deep_nesting_is_refused():
    assert "nesting deeper than" in rejected(b"a: " + b"[" * 200 + b"]" * 200)


def test_non_utf8_names_the_line():
    assert rejected(b"code: ca\nname: \xff\xfe\n") == "overlays/xx.yml:2: not valid UTF-8 text; save the file as UTF-8"


def test_tabs_are_explained():
    message = rejected(b"privileges:\n\tdv_advocate: {}\n")
    assert "overlays/xx.yml:2:" in message and "use spaces" in message


def test_duplicate_keys_name_both_lines():
    assert rejected(b"code: ca\nname: A\ncode: tx\n") == \
        "overlays/xx.yml:3: code: duplicate key (first at line 1); keep one"


@pytest.mark.parametrize("tag", [b"!!python/object:os.system", b"!custom", b"!!binary"])
def test_unknown_tags_are_refused(tag):
    assert "unknown tag" in rejected(b"code: " + tag + b" ca\n")
