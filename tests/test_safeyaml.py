"""Hostile YAML is rejected quickly, with a line number and a clear message."""

import resource
import time
from pathlib import Path

import pytest
import yaml

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


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
        for i in range(9)
    )
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
    assert (
        rejected(b"code: ca\nname: A\ncode: tx\n")
        == "overlays/xx.yml:3: code: duplicate key (first at line 1); keep one"
    )


@pytest.mark.parametrize("tag", [b"!!python/object:os.system", b"!custom", b"!!binary"])
def test_unknown_tags_are_refused(tag):
    assert "unknown tag" in rejected(b"code: " + tag + b" ca\n")


def test_libyaml_path_reads_every_overlay_exactly_as_the_careful_loader(monkeypatch):
    """The fast path must not change a value, a type or a line: compare it with the pure-Python loader."""
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    files = sorted((ROOT / "overlays").glob("*.yml")) + sorted((ROOT / "jurisdictions").glob("*.yml"))
    assert len(files) > 50
    fast = [safeyaml.load(f) for f in files]
    monkeypatch.setattr(safeyaml, "_compose_fast", lambda text: safeyaml._SLOW)
    slow = [safeyaml.load(f) for f in files]
    for f, a, b in zip(files, fast, slow, strict=True):
        assert a == b, f


def test_anchor_still_refused_with_its_line_when_libyaml_reads_first():
    with pytest.raises(InputError) as exc:
        safeyaml.loads(b"a: 1\nb: &x [1]\nc: *x\n", "t.yml")
    assert exc.value.problems[0].line == 2 and "anchors" in exc.value.problems[0].message
