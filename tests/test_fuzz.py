"""Property test: random overlay documents never crash the validator.

Every input is either accepted or rejected with one-line messages that name the file and a line.
"""

import datetime as dt
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecmguide.core.errors import InputError
from ecmguide.law import schema
from ecmguide.law.overlays import parse_overlay

TODAY = dt.date(2026, 11, 25)
KEYS = sorted(
    {f.name for f in schema.FACT_FIELDS + schema.OVERLAY_TOP}
    | {s.path.split(".")[-1] for s in schema.SLOTS}
    | {f.name for s in schema.SLOTS for f in s.extra}
    | set(schema.SECTIONS)
    | {"federal", "brady", "zzz"}
)
LINE = re.compile(r"^overlays/xx\.yml:\d+: [^\n]+$")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(
        ["in_force", "unknown", "https://a.gov/", "javascript:x", "2026-13-01", "{{ 7*7 }}", "<script>", "xx", "state"]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=40,
)


def check(raw: bytes) -> None:
    try:
        parse_overlay(raw, "overlays/xx.yml", "xx", TODAY)
    except InputError as exc:
        assert exc.problems
        for line in str(exc).splitlines():
            assert LINE.match(line), line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_structures_are_accepted_or_rejected_cleanly(doc):
    check(yaml.safe_dump(doc, allow_unicode=True).encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_are_rejected_cleanly(raw):
    check(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?\x00\x85") + ["code: xx\n", "  ", "é"]), max_size=40))
def test_yaml_punctuation_soup_is_rejected_cleanly(parts):
    check("".join(parts).encode())
