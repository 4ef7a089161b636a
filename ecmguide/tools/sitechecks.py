"""Run third-party checkers on a built site: axe-core and a privacy probe in Chromium, the Nu HTML
Checker, linkinator for links and anchors, and a PDF structure check. Each returns a count of
problems and the number of items checked, so `make check` can print one line per checker.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHECKERS = Path(__file__).resolve().parents[2] / "checkers"  # beside the package in a checkout


@dataclass
class Outcome:
    name: str
    checked: int
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.name}: {len(self.problems)} problem(s) on {self.checked} checked"


@contextlib.contextmanager
def serve(root: Path):
    """Serve a folder on 127.0.0.1 (a free port) for the browser and the link checker."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser or link checker closed the connection early; nothing to serve


def html_pages(site: Path, codes: list[str]) -> list[str]:
    """Paths (relative to the site root) of the hub's pages and every page of the given editions."""
    # The hub's own pages (coverage, compare, open data, codebook, ...): top-level folders that are not an
    # edition (an edition has its own search index) and not the hub's search folder.
    pages = [p for p in site.glob("*/index.html") if p.parent.name != "search" and not (p.parent / "search").is_dir()]
    pages.append(site / "index.html")
    for code in codes:
        pages += [p for p in (site / code).rglob("index.html") if "search" not in p.parts]
    return sorted(str(p.parent.relative_to(site)).replace(".", "") + "/" if p.parent != site else "" for p in pages)


def browser(
    site: Path,
    codes: list[str],
    shots: Path | None = None,
    pages: list[str] | None = None,
    probes: list[str] | None = None,
) -> tuple[Outcome, Outcome, Outcome, list[dict]]:
    pages = pages if pages is not None else html_pages(site, codes)
    pages = [hostile_probe(p) if p in (probes or ()) else p for p in pages]
    with tempfile.TemporaryDirectory() as tmp, serve(site) as base:
        pages_file, out_file = Path(tmp) / "pages.json", Path(tmp) / "out.json"
        pages_file.write_text(json.dumps(pages))
        cmd = ["node", str(CHECKERS / "browser-checks.mjs"), base, str(pages_file), str(out_file)]
        if shots:
            cmd.append(str(shots))
        subprocess.run(cmd, check=True, cwd=CHECKERS, timeout=1800)
        results = json.loads(out_file.read_text())
    axe = Outcome("axe-core WCAG 2.1 A/AA (Chromium)", len(results))
    privacy = Outcome("third-party requests (Chromium)", len(results))
    console = Outcome("console errors (Chromium)", len(results))
    for r in results:
        axe.problems += [
            f"{r['path']}: {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'])}" for v in r["axe"]
        ]
        privacy.problems += [f"{r['path']}: {url}" for url in r["external"]]
        console.problems += [f"{r['path']}: {msg}" for msg in r["consoleErrors"]]
        if r["status"] != 200:
            console.problems.append(f"{r['path']}: HTTP {r['status']}")
    return axe, privacy, console, results


def inert(results: list[dict]) -> Outcome:
    """What the probes of hostile pages found (see browser-checks.mjs): each finding is a problem."""
    inert = Outcome(
        "hostile pages inert: no script, no handler, text shown (Chromium)", sum(1 for r in results if r.get("probe"))
    )
    for r in results:
        p = r.get("probe")
        if p:
            if p.get("global") is not None:
                inert.problems.append(f"{r['path']}: a payload ran (window.{HOSTILE_GLOBAL} = {p['global']})")
            inert.problems += [f"{r['path']}: dialog opened: {m}" for m in p.get("dialogs", [])]
            inert.problems += [f"{r['path']}: inline handler {h}" for h in p.get("handlers", [])]
            inert.problems += [f"{r['path']}: hostile text not shown as text: {t}" for t in p.get("missing", [])]
            inert.problems += [f"{r['path']}: search does not show as text: {t}" for t in p.get("searchMissing", [])]
            inert.problems += [f"{r['path']}: {m}" for m in p.get("searchElements", [])]
    return inert


def vnu(site: Path, codes: list[str]) -> Outcome:
    files = [site / p / "index.html" for p in html_pages(site, codes)]
    jar = CHECKERS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(
        ["java", "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    out = Outcome("Nu HTML Checker (vnu.jar)", len(files))
    out.problems = [
        f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    return out


def links(site: Path, codes: list[str]) -> tuple[Outcome, list[str]]:
    """linkinator over the served site: internal links and #anchors must resolve; external ones are listed only."""
    with serve(site) as base:
        done = subprocess.run(
            [
                "node",
                str(CHECKERS / "node_modules" / "linkinator" / "build" / "src" / "cli.js"),
                base,
                "--recurse",
                "--check-fragments",
                "--format",
                "json",
                "--skip",
                r"^(?!http://127\.0\.0\.1)",
                "--concurrency",
                "20",
            ],
            capture_output=True,
            text=True,
            cwd=CHECKERS,
            timeout=1800,
        )
    report = json.loads(done.stdout)
    checked = [l for l in report["links"] if l["state"] != "SKIPPED"]
    external = sorted(
        {
            m
            for p in html_pages(site, codes)
            for m in re.findall(r'href="(https?://[^"]+)"', (site / p / "index.html").read_text(encoding="utf-8"))
        }
    )
    out = Outcome("linkinator internal links and anchors", len(checked))
    out.problems = [
        f"{l.get('parent', '?')} -> {l['url']} ({l['status']})" for l in report["links"] if l["state"] == "BROKEN"
    ]
    return out, external


def pdfs(site: Path, codes: list[str]) -> Outcome:
    from pypdf import PdfReader

    files = [p for code in codes for p in sorted((site / code / "downloads").glob("*.pdf"))]
    out = Outcome("PDF tags, language, title, fonts, outline (pypdf)", len(files))
    for f in files:
        r = PdfReader(f)
        root = r.trailer["/Root"]
        missing = [k for k in ("/StructTreeRoot", "/Lang", "/Outlines") if k not in root]
        if not (r.metadata and r.metadata.title):
            missing.append("title")
        for page in r.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                if not any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(f"embedded font {font.get('/BaseFont')}")
        out.problems += [f"{f.name}: missing {m}" for m in sorted(set(missing))]
    return out


def add_fixture(root: Path, fixture: Path) -> list[str]:
    """Copy a fixture edition (<fixture>/<code>.yml and <fixture>/<code>/) into a project; returns its codes."""
    import shutil

    codes = []
    for item in sorted(fixture.iterdir()):
        if item.suffix == ".yml":
            shutil.copy(item, root / "jurisdictions" / item.name)
            codes.append(item.stem)
        elif item.is_dir():
            shutil.copytree(item, root / "jurisdictions" / item.name)
    return codes


def fixture_project(
    repo: Path, fixture: Path, tmp: Path, overlays=None, editions=("us", "ca", "ca-example")
) -> tuple[Path, list[str]]:
    """A throwaway project: the repository's code linked, its pages, some overlays and editions copied
    (a copy, not a link: links are refused where the build reads pages and data), plus a fixture edition."""
    import shutil

    root = tmp / "fixture-project"
    (root / "overlays").mkdir(parents=True)
    (root / "jurisdictions").mkdir()
    for name in ("ecmguide", "macros.py", "mkdocs.yml"):
        (root / name).symlink_to(repo / name)
    for name in ("docs", "maintainers"):  # copies: the build refuses links where it reads pages and data
        if (repo / name).is_dir():
            shutil.copytree(repo / name, root / name)
    if overlays is None:  # every overlay, so any edition being checked keeps its layers
        overlays = sorted(p.stem for p in (repo / "overlays").glob("*.yml") if not p.name.startswith("_"))
    for code in overlays:
        shutil.copy(repo / "overlays" / f"{code}.yml", root / "overlays" / f"{code}.yml")
    for code in editions:
        shutil.copy(repo / "jurisdictions" / f"{code}.yml", root / "jurisdictions" / f"{code}.yml")
        if (repo / "jurisdictions" / code).is_dir():
            shutil.copytree(repo / "jurisdictions" / code, root / "jurisdictions" / code)
    return root, add_fixture(root, fixture)


HOSTILE_GLOBAL = "ecmPwned"  # every payload of tests/fixtures/hostile-inert sets it if it ever runs
HOSTILE_TEXTS = ["<script>window.ecmPwned=2</script>", "<img src=x onerror=window.ecmPwned=4> heading"]


def hostile_probe(path: str) -> dict:
    return {
        "path": path,
        "probe": {
            "global": HOSTILE_GLOBAL,
            "texts": HOSTILE_TEXTS,
            "search": "Markup",
            "searchTexts": ["<script>window.ecmPwned=2</script>"],
        },
    }


def search_index(site: Path, code: str) -> Outcome:
    """The hostile edition's search index holds its hostile text escaped, never as markup."""
    docs = json.loads((site / code / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    out = Outcome("search index holds hostile text as text", len(docs))
    text = json.dumps([d for d in docs if d["location"].startswith("local/")])
    if "&lt;script&gt;window.ecmPwned=2&lt;/script&gt;" not in text:
        out.problems.append(f"{code}: hostile text missing from the search index (escaped)")
    for bad in ("<script", "<img", ' onerror="', "javascript:"):
        if bad in text:
            out.problems.append(f"{code}: search index holds {bad!r}")
    return out
