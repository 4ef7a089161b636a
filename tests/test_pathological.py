"""Local pages built to make a Markdown parser slow: each validates or is refused within its CPU budget, and an
edition made of the worst of them builds or is refused within its own (the parser is linear: localrender.py)."""

import multiprocessing
import signal
import string
import time

import pytest

from ecmguide.editions import budgets, localpages

pytestmark = pytest.mark.slow
PAGE_SECONDS = 10  # CPU seconds one page may take to validate
EDITION_SECONDS = 30
SIZE = budgets.MAX_PAGE_BYTES - 64  # at the page-size limit, leaving room for the title


def pages() -> dict[str, str]:
    p = string.punctuation
    out = {f"single {a!r}": a * SIZE for a in p}
    out.update({f"pair {a + b!r}": (a + b) * (SIZE // 2) for a in p for b in p})
    out["nested brackets"] = "[" * (SIZE // 2) + "]" * (SIZE // 2)
    out["nested quotes"] = "> " * (SIZE // 2)
    out["nested lists"] = "".join("  " * i + "- x\n" for i in range(200))[:SIZE]
    out["emphasis delimiters"] = "*a_**b__" * (SIZE // 8)
    return {name: "# P\n\n" + text[:SIZE] for name, text in out.items()}


class OverBudget(Exception):
    pass


def _raise(signum, frame):
    raise OverBudget


def _validate(item: tuple[str, str]) -> tuple[str, str]:
    """'ok' or 'refused' within PAGE_SECONDS of CPU time, else 'over budget' (a CPU timer, not a stopwatch)."""
    name, text = item
    signal.signal(signal.SIGVTALRM, _raise)
    signal.setitimer(signal.ITIMER_VIRTUAL, PAGE_SECONDS)
    try:
        return name, "refused" if localpages.check_page(text, "p.md") else "ok"
    except OverBudget:
        return name, "over budget"
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)


def test_every_pathological_page_validates_or_is_refused_within_its_budget():
    items = sorted(pages().items())
    assert len(items) == 32 + 32 * 32 + 4
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = dict(pool.map(_validate, items, chunksize=16))
    assert [name for name, result in results.items() if result == "over budget"] == []
    assert all(len(text.encode()) <= budgets.MAX_PAGE_BYTES for _, text in items)


def test_an_edition_of_the_worst_pages_builds_or_is_refused_within_its_budget(project_factory, tmp_path):
    from ecmguide.core.errors import InputError
    from ecmguide.pipeline.build import build

    worst = {"brackets": "[" * SIZE, "pairs": "[(" * (SIZE // 2), "quotes": "> " * (SIZE // 2)}
    listing = "".join(f'  - {{title: "{n}", file: {n}.md}}\n' for n in worst)
    project = project_factory(editions={"ca-x": f"code: ca-x\noverlays: [us, ca]\nextra_pages:\n{listing}"})
    folder = project.jurisdictions_dir / "ca-x"
    folder.mkdir()
    for name, text in worst.items():
        (folder / f"{name}.md").write_text(f"# {name}\n\n{text}\n")
    started = time.process_time()
    try:
        build(project, out=tmp_path / "site", only=["ca-x"], jobs=2)
        outcome = "built"
    except InputError as exc:
        outcome = str(exc)
    assert outcome == "built" or outcome.startswith("jurisdictions/ca-x/"), outcome
    # the builder's own CPU time (parsing happens in its workers, whose peak memory is capped too)
    assert time.process_time() - started < EDITION_SECONDS
