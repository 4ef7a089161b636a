"""make check: build us, ca and the example edition, then run the real checkers on them."""
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecmguide import checks  # noqa: E402
from ecmguide.build import build  # noqa: E402
from ecmguide.project import Project  # noqa: E402

# CHECK_EDITIONS=tx,tx-houston checks only those (the pull-request path); by default us, ca and the example.
CODES = [c for c in os.environ.get("CHECK_EDITIONS", "us,ca,ca-example").split(",") if c]


def main() -> int:
    project = Project()
    with tempfile.TemporaryDirectory(prefix="ecm-check-") as tmp:
        site = Path(tmp) / "site"
        build(project, only=CODES, out=site)
        axe, privacy, console, _ = checks.browser(site, CODES, shots=project.root / ".build" / "screenshots")
        link_outcome, external = checks.links(site, CODES)
        outcomes = [axe, checks.vnu(site, CODES), link_outcome, privacy, console, checks.pdfs(site, CODES)]
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
