"""Every published edition builds strictly (site only; the PDFs are covered for us/ca/example)."""

import pytest

from ecmguide.editions.project import Project
from ecmguide.pipeline.build import build

from conftest import REPO, TODAY

pytestmark = pytest.mark.slow

EXPECTED = {"us", "dc", "pr", "gu", "vi", "as", "mp"} | set(
    "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok "
    "or pa ri sc sd tn tx ut vt va wa wv wi wy".split()
)


def test_every_jurisdiction_has_an_overlay_and_an_edition():
    project = Project(REPO, TODAY)
    assert EXPECTED <= set(project.edition_codes())
    assert EXPECTED <= set(project.overlay_codes())
    assert len(EXPECTED) == 57


def test_all_editions_build_strictly(tmp_path):
    out = tmp_path / "site"
    summary = build(Project(REPO, TODAY), out=out, with_pdf=False, jobs=2)
    assert set(summary.built) >= EXPECTED
    glance = {"en": "at a glance", "es": "de un vistazo"}  # the guide in Spanish (<code>-es) titles it in Spanish
    project = Project(REPO, TODAY)
    for code in summary.built:
        page = (out / code / "jurisdiction-facts" / "index.html").read_text(encoding="utf-8")
        assert "{{" not in page and glance[project.edition(code).lang] in page, code
    hub = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{code}/"' in hub for code in EXPECTED)
