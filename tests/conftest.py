"""Shared fixtures: small complete projects in temporary folders, and one real build of us/ca/example."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from ecmguide.editions.project import Project

REPO = Path(__file__).resolve().parent.parent


def _newest_recorded_date() -> dt.date:
    """The newest day any overlay records a review, search or check: tests run on or after it, so facts
    reviewed by later research never read as reviewed in the future."""
    import re

    days = [
        dt.date.fromisoformat(d)
        for path in (REPO / "overlays").glob("*.yml")
        for d in re.findall(
            r"^\s*(?:- )?(?:last_reviewed|date|checked_on):\s*\"?(\d{4}-\d{2}-\d{2})",
            path.read_text(encoding="utf-8"),
            re.M,
        )
    ]
    return max(days, default=dt.date(2026, 11, 30))


TODAY = max(dt.date(2026, 11, 30), _newest_recorded_date())
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_project(
    tmp: Path,
    overlays: dict[str, str] | None = None,
    editions: dict[str, str] | None = None,
    copy_overlays=("us", "ca"),
    copy_editions=("us", "ca"),
    docs: dict[str, str] | None = None,
) -> Project:
    """A complete small project: the real code and theme (linked), copies of the pages, plus chosen or given overlays."""
    root = tmp / "project"
    (root / "overlays").mkdir(parents=True)
    (root / "jurisdictions").mkdir()
    for name in ("ecmguide", "macros.py", "mkdocs.yml"):
        (root / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "maintainers", root / "maintainers")  # copies: links are refused where pages are read
    shutil.copytree(REPO / "docs", root / "docs")
    for rel, text in (docs or {}).items():
        (root / "docs" / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    for code in copy_overlays:
        shutil.copy(REPO / "overlays" / f"{code}.yml", root / "overlays" / f"{code}.yml")
    for code in copy_editions:
        shutil.copy(REPO / "jurisdictions" / f"{code}.yml", root / "jurisdictions" / f"{code}.yml")
    for code, text in (overlays or {}).items():
        (root / "overlays" / f"{code}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    for code, text in (editions or {}).items():
        (root / "jurisdictions" / f"{code}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return Project(root, TODAY)


@pytest.fixture
def project_factory(tmp_path):
    return lambda **kw: make_project(tmp_path, **kw)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One real build (sites and PDFs) of us, ca, tx and the example local edition, shared by many tests."""
    from ecmguide.pipeline.build import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(Project(REPO, TODAY), only=["us", "ca", "ca-example", "tx"], out=out, jobs=2)
    return out


def text_of(html_path: Path) -> str:
    """Visible text of a built page, tags removed and whitespace folded."""
    import html
    import re

    raw = html_path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def add_fixture_edition(project: Project, fixture: str) -> Project:
    """Copy a fixture edition (tests/fixtures/<fixture>/<code>.yml and <code>/) into a project."""
    from ecmguide.tools.sitechecks import add_fixture

    add_fixture(project.root, FIXTURES / fixture)
    return Project(project.root, project.today)


class BuildInFastTest(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _fast_tests_start_no_build(request, monkeypatch):
    """`make test-fast` runs the tests not marked slow; none of them may build a site, start workers or render a PDF."""
    if request.node.get_closest_marker("slow"):
        return

    def refuse(*args, **kwargs):
        raise BuildInFastTest(f"{request.node.nodeid} starts a build (site, workers or PDF): mark it @pytest.mark.slow")

    import mkdocs.commands.build
    import weasyprint

    from ecmguide.pipeline import workers

    monkeypatch.setattr(mkdocs.commands.build, "build", refuse)
    monkeypatch.setattr(workers, "new_pool", refuse)
    monkeypatch.setattr(weasyprint.HTML, "render", refuse)
