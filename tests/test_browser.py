"""The hub and editions in a real headless Chromium, at desktop (1280 px) and phone (390 px) widths."""
import pytest

from ecmguide.tools import sitechecks

pytestmark = pytest.mark.slow
# One page of every type, with the jurisdiction name a reader must see on the first screen.
PAGES = [
    {"path": "", "expect": None}, {"path": "coverage/", "expect": None}, {"path": "compare/", "expect": None},
    {"path": "open-data/", "expect": None}, {"path": "codebook/", "expect": None}, {"path": "review/", "expect": None},
    {"path": "maintainers/keeping-the-law-current/", "expect": None},
    {"path": "ca/", "expect": "California"}, {"path": "ca/definitions/", "expect": "California"},
    {"path": "ca/disciplines/advocates/", "expect": "California"},
    {"path": "ca/basics/before-you-share/", "expect": "California"},
    {"path": "ca/jurisdiction-facts/", "expect": "California"}, {"path": "ca/downloads/", "expect": "California"},
    {"path": "ca/what-changed/", "expect": "California"}, {"path": "ca/references/", "expect": "California"},
    {"path": "ca-example/", "expect": "California"}, {"path": "ca-example/local/local-resources/", "expect": "California"},
    {"path": "us/", "expect": "the United States (federal law)"},
]


@pytest.fixture(scope="module")
def browsed(built_site, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    axe, privacy, console, results = sitechecks.browser(built_site, [], shots=shots, pages=PAGES)
    return axe, privacy, console, results, shots


def test_pages_load_without_console_errors(browsed):
    _, _, console, results, _ = browsed
    assert [r["path"] for r in results] == [p["path"] for p in PAGES]
    assert console.problems == []


def test_no_request_leaves_the_local_server(browsed):
    assert browsed[1].problems == []


def test_no_axe_violations_on_sampled_pages(browsed):
    assert browsed[0].problems == []


def test_no_page_scrolls_sideways_at_phone_or_desktop_width(browsed):
    results, shots = browsed[3], browsed[4]
    for r in results:
        for name in r["screenshots"]:
            assert (shots / name).stat().st_size > 5000  # a real rendered image, not a blank
        assert r["layout"]["phone"]["overflow"] <= 0 and r["layout"]["desktop"]["overflow"] <= 0, r["path"]


def test_the_jurisdiction_is_named_on_the_first_screen_at_both_widths(browsed):
    for r, page in zip(browsed[3], PAGES, strict=True):
        if page["expect"]:
            assert r["layout"]["phone"]["visible"] and r["layout"]["desktop"]["visible"], r["path"]


def test_compare_page_picker_keeps_its_choice_in_the_address(built_site):
    import json
    import subprocess
    import tempfile
    from pathlib import Path
    script = """
import { chromium } from "playwright-core";
const [url] = process.argv.slice(2);
const browser = await chromium.launch({executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]});
const page = await browser.newPage({viewport: {width: 390, height: 844}});
await page.goto(url + "compare/?j=ca&t=duty_to_warn", {waitUntil: "networkidle"});
const shown = await page.evaluate(() => ({
  form: !document.querySelector(".compare-picker").hidden,
  topics: [...document.querySelectorAll(".compare-topic")].filter(s => s.offsetParent !== null).map(s => s.dataset.topic),
  rows: [...document.querySelectorAll("tr[data-j]")].filter(t => t.offsetParent !== null).map(t => t.dataset.j),
  checked: [...document.querySelectorAll(".compare-picker input:checked")].map(b => b.value)}));
await page.check("input[name=t][value=address_confidentiality]");
await page.click("button[type=submit]");
shown.address = page.url();
console.log(JSON.stringify(shown));
await browser.close();
"""
    with sitechecks.serve(built_site) as base, tempfile.TemporaryDirectory() as tmp:
        path = Path(sitechecks.CHECKERS) / f"compare-probe-{Path(tmp).name}.mjs"
        path.write_text(script)
        try:
            done = subprocess.run(["node", str(path), base], capture_output=True, text=True, cwd=sitechecks.CHECKERS,
                                  timeout=120)
        finally:
            path.unlink()
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["form"] and shown["topics"] == ["duty_to_warn"] and shown["rows"] == ["ca"]
    assert sorted(shown["checked"]) == ["ca", "duty_to_warn"]
    assert shown["address"].endswith("/compare/?j=ca&t=duty_to_warn,address_confidentiality")
