"""make check: build us, ca, the example edition and the hostile fixture edition, then run the real checkers.

The hostile edition (tests/fixtures/hostile-inert) holds attacks that pass validation by design; its
pages are loaded in Chromium with probes: no payload may run, nothing may load from another host,
and the hostile text must show as text in the page, in search results and in the search index.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecmguide.editions.project import Project  # noqa: E402
from ecmguide.pipeline.build import build  # noqa: E402
from ecmguide.tools import sitechecks  # noqa: E402

# The pull-request path (make pr-check) sets CHECK_EDITIONS=tx,tx-houston to check only the editions a data
# change touches, CHECK_OUT=site to build them where the workflow picks up their PDFs, and CHECK_HOSTILE=0:
# the hostile fixture tests code, which such a change does not touch. By default: us, ca, the example, and
# Puerto Rico in both languages (its Spanish edition, pr-es, is the one whose pages are in Spanish).
CODES = [c for c in os.environ.get("CHECK_EDITIONS", "us,ca,ca-example,pr,pr-es").split(",") if c]
# The hostile fixture copies the checked editions' manifests; a language edition (pr-es) has none of its own.
MANIFESTS = [c for c in CODES if (ROOT / "jurisdictions" / f"{c}.yml").is_file()]
OUT = os.environ.get("CHECK_OUT", "")
WITH_HOSTILE = os.environ.get("CHECK_HOSTILE", "1") != "0"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile-inert"


def main() -> int:
    project = Project()
    with tempfile.TemporaryDirectory(prefix="ecm-check-") as tmp:
        site = Path(OUT).resolve() if OUT else Path(tmp) / "site"
        build(project, only=CODES, out=site)
        hostile = []
        if WITH_HOSTILE:  # from a throwaway copy of the project; the editions above are kept
            fixture_root, hostile = sitechecks.fixture_project(ROOT, HOSTILE, Path(tmp), editions=MANIFESTS)
            build(Project(fixture_root, project.today), only=hostile, out=site)
        codes = CODES + hostile
        probes = [p for p in sitechecks.html_pages(site, hostile) if "/local/" in p]
        axe, privacy, console, results = sitechecks.browser(
            site, codes, shots=project.root / ".build" / "screenshots", probes=probes
        )
        link_outcome, external = sitechecks.links(site, codes)
        outcomes = [
            axe,
            sitechecks.vnu(site, codes),
            link_outcome,
            privacy,
            console,
            sitechecks.inert(results),
            *[sitechecks.search_index(site, code) for code in hostile],
            sitechecks.pdfs(site, codes),
        ]
    failed = False
    for o in outcomes:
        for p in o.problems[:50]:
            print(f"  {o.name}: {p}")
        print(o.line())
        failed |= bool(o.problems)
    print(f"External links listed, not fetched: {len(external)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
