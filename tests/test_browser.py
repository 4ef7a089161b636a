"""The hub and editions in a real headless Chromium, at desktop (1280 px) and phone (390 px) widths."""

import re

import pytest

from ecmguide.tools import sitechecks

pytestmark = pytest.mark.slow
# One page of every type, with the jurisdiction name a reader must see on the first screen.
PAGES = [
    {"path": "", "expect": None},
    {"path": "coverage/", "expect": None},
    {"path": "compare/", "expect": None},
    {"path": "open-data/", "expect": None},
    {"path": "codebook/", "expect": None},
    {"path": "review/", "expect": None},
    {"path": "maintainers/keeping-the-law-current/", "expect": None},
    {"path": "ca/", "expect": "California"},
    {"path": "ca/definitions/", "expect": "California"},
    {"path": "ca/disciplines/advocates/", "expect": "California"},
    {"path": "ca/basics/before-you-share/", "expect": "California"},
    {"path": "ca/jurisdiction-facts/", "expect": "California"},
    {"path": "ca/downloads/", "expect": "California"},
    {"path": "ca/what-changed/", "expect": "California"},
    {"path": "ca/references/", "expect": "California"},
    {"path": "ca-example/", "expect": "California"},
    {"path": "ca-example/local/local-resources/", "expect": "California"},
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
            done = subprocess.run(
                ["node", str(path), base], capture_output=True, text=True, cwd=sitechecks.CHECKERS, timeout=120
            )
        finally:
            path.unlink()
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["form"] and shown["topics"] == ["duty_to_warn"] and shown["rows"] == ["ca"]
    assert sorted(shown["checked"]) == ["ca", "duty_to_warn"]
    assert shown["address"].endswith("/compare/?j=ca&t=duty_to_warn,address_confidentiality")


def _probe(built_site, script: str, *args: str) -> dict:
    """Run a playwright script in checkers/ against the served site; its last output line is JSON."""
    import json
    import subprocess
    import tempfile
    from pathlib import Path

    with sitechecks.serve(built_site) as base, tempfile.TemporaryDirectory() as tmp:
        path = Path(sitechecks.CHECKERS) / f"probe-{Path(tmp).name}.mjs"
        path.write_text(script)
        try:
            done = subprocess.run(
                ["node", str(path), base, *args], capture_output=True, text=True, cwd=sitechecks.CHECKERS, timeout=300
            )
        finally:
            path.unlink()
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_LAUNCH = """
import { chromium } from "playwright-core";
const [base, ...args] = process.argv.slice(2);
const browser = await chromium.launch({executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]});
const page = await browser.newPage({viewport: {width: 390, height: 844}});
"""
DISCIPLINES = ("advocates", "law-enforcement", "prosecutors", "healthcare", "civil-attorneys")


def test_compare_page_shows_no_table_until_a_choice_then_scrolls_to_it_on_a_phone(built_site):
    """At 390x844 the picker comes first; with nothing picked the page is short (every table at once is some
    135,000 px on a phone); pressing Show brings the picked tables onto the screen, below the sticky header."""
    shown = _probe(
        built_site,
        _LAUNCH
        + """
await page.goto(base + "compare/", {waitUntil: "networkidle"});
const visible = () => [...document.querySelectorAll(".compare-topic")].filter(s => s.offsetParent !== null)
  .map(s => s.dataset.topic);
const out = {empty: await page.evaluate(`(${visible})()`),
  height: await page.evaluate(() => document.documentElement.scrollHeight),
  pickerTop: await page.evaluate(() => document.querySelector(".compare-picker").getBoundingClientRect().top),
  prompt: await page.textContent(".compare-count")};
await page.check("input[name=j][value=tx]");
await page.check("input[name=t][value=duty_to_warn]");
await page.click("button[type=submit]");
out.picked = await page.evaluate(`(${visible})()`);
out.top = await page.evaluate(() => document.querySelector(".compare-topic:not([hidden]) h2").getBoundingClientRect().top);
out.header = await page.evaluate(() => document.querySelector(".md-header").getBoundingClientRect().bottom);
out.scrolled = await page.evaluate(() => window.scrollY);
await page.click("button.compare-all");
out.all = (await page.evaluate(`(${visible})()`)).length;
out.address = page.url();
console.log(JSON.stringify(out));
await browser.close();
""",
    )
    assert shown["empty"] == [] and "Nothing chosen yet" in shown["prompt"]
    assert shown["pickerTop"] < 844 and shown["height"] < 2 * 844, shown
    assert shown["picked"] == ["duty_to_warn"] and shown["scrolled"] > 0
    assert shown["header"] <= shown["top"] < 844 / 2, shown  # the picked table's heading, near the top of the screen
    assert shown["all"] == 12 and shown["address"].endswith("/compare/?all=1")


def test_coverage_grid_keeps_its_row_names_in_view_when_scrolled_sideways_on_a_phone(built_site):
    """At 390 px the grid scrolls inside its box; scrolled to its far right, each jurisdiction's name is still at the
    box's left edge, on an opaque background, and is what a reader sees (and taps) there, not a mark under it."""
    seen = _probe(
        built_site,
        _LAUNCH
        + """
await page.goto(base + "coverage/", {waitUntil: "networkidle"});
const out = await page.evaluate(() => {
  const box = document.querySelector("table.coverage").closest(".table-scroll");
  box.scrollIntoView({block: "center"});
  const wide = box.scrollWidth - box.clientWidth;
  box.scrollLeft = box.scrollWidth;
  const left = box.getBoundingClientRect().left;
  const rows = [...box.querySelectorAll("tbody th[scope=row]")].map(th => {
    const r = th.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {name: th.textContent, offset: Math.round(r.left - left), onTop: th.contains(hit),
            background: getComputedStyle(th).backgroundColor};
  });
  return {wide, scrolled: box.scrollLeft, rows};
});
console.log(JSON.stringify(out));
await browser.close();
""",
    )
    assert seen["wide"] > 50 and seen["scrolled"] > 50, seen  # the grid is wider than a phone, and was scrolled
    assert len(seen["rows"]) >= 3, seen  # us, ca and tx
    for row in seen["rows"]:
        assert abs(row["offset"]) <= 1 and row["onTop"], row
        assert row["background"] not in ("transparent", "rgba(0, 0, 0, 0)") and "rgba" not in row["background"], row


def test_the_edition_404_page_links_resolve_at_its_own_address_and_at_any_missing_depth(built_site):
    """A host serves an edition's 404.html for any missing address under it. Served at /tx/404.html and in place
    of /tx/no/such/page/, every link, stylesheet and script on it (and the search index) must load from the site,
    and the links must stay in the Texas edition (or go up to the list of jurisdictions)."""
    page404 = str(built_site / "tx" / "404.html")
    seen = _probe(
        built_site,
        _LAUNCH
        + """
const out = {};
for (const path of ["tx/404.html", "tx/no/such/page/"]) {
  await page.route("**/tx/no/such/page/", route => route.fulfill({status: 404, path: args[0],
    contentType: "text/html; charset=utf-8"}));
  await page.goto(base + path, {waitUntil: "networkidle"});
  const refs = await page.evaluate(() => {
    const cfg = JSON.parse(document.getElementById("__config").textContent);
    return {links: [...document.querySelectorAll("a[href]")].map(a => a.href).filter(h => !h.includes("#")),
      assets: [...document.querySelectorAll("link[href], script[src]")].map(e => e.href || e.src),
      search: new URL(cfg.base + "/search/search_index.json", location).href,
      header: getComputedStyle(document.querySelector(".md-header")).backgroundColor};
  });
  const status = {};
  for (const url of [...new Set([...refs.links, ...refs.assets, refs.search])]) {  // never ask another host
    status[url] = new URL(url).origin === new URL(base).origin ? (await page.request.get(url)).status() : "off-site";
  }
  out[path] = {links: refs.links, status, header: refs.header};
}
console.log(JSON.stringify(out));
await browser.close();
""",
        page404,
    )
    raw = (built_site / "tx" / "404.html").read_text(encoding="utf-8")  # valid HTML too, as every page is
    assert 'tabindex=""' not in raw and not re.search(r'type="checkbox"[^>]*autocomplete=', raw)
    for path, found in seen.items():
        assert found["status"] and all(code == 200 for code in found["status"].values()), (path, found["status"])
        origin = "/".join(found["links"][0].split("/")[:3])  # http://127.0.0.1:port
        assert any(link.endswith("/tx/disciplines/advocates/") for link in found["links"]), path
        assert all(link.startswith(origin + "/tx/") or link == origin + "/" for link in found["links"]), path
        assert found["header"] not in ("rgba(0, 0, 0, 0)", "transparent"), path  # the theme's stylesheet loaded


def test_short_answers_start_within_two_phone_screens_on_every_discipline_page(built_site):
    """At 390x844 a reader reaches the bottom line before scrolling past two screens (1,688 px)."""
    paths = [f"{code}/disciplines/{d}/" for code in ("tx", "ca", "ca-example") for d in DISCIPLINES]
    tops = _probe(
        built_site,
        _LAUNCH
        + """
const out = {};
for (const p of args) {
  await page.goto(base + p, {waitUntil: "networkidle"});
  out[p] = await page.evaluate(() => { const e = document.querySelector(".bottom-line");
    return e ? e.getBoundingClientRect().top + window.scrollY : null; });
}
console.log(JSON.stringify(out));
await browser.close();
""",
        *paths,
    )
    assert set(tops) == set(paths)
    late = {p: top for p, top in tops.items() if top is None or top > 1688}
    assert late == {}


def test_searching_the_texas_edition_finds_a_fact_or_discipline_page_first(built_site):
    """A reader types into the search box; the first result is where the law is, not What changed."""
    queries = ["address confidentiality", "report child abuse"]
    found = _probe(
        built_site,
        _LAUNCH
        + """
await page.goto(base + "tx/", {waitUntil: "networkidle"});
await page.click("label[for=__search]");
const out = {};
for (const q of args) {
  await page.fill("input.md-search__input", "");
  await page.type("input.md-search__input", q);
  await page.waitForFunction((q) => [...document.querySelectorAll(".md-search-result__item > a")]
    .some(a => a.href.includes("h=" + q.replaceAll(" ", "+"))), q, {timeout: 30000});
  out[q] = await page.$$eval(".md-search-result__item a", as => as.map(a => a.getAttribute("href")));
}
console.log(JSON.stringify(out));
await browser.close();
""",
        *queries,
    )
    for q in queries:
        first = found[q][0].split("?")[0]
        assert first.endswith(("/tx/jurisdiction-facts/",) + tuple(f"/tx/disciplines/{d}/" for d in DISCIPLINES)), (
            q,
            found[q][:3],
        )
        assert not any("what-changed" in href for href in found[q]), q
    # the fact itself is among the first results, as its own section
    assert any("#fact-address-confidentiality" in h for h in found["address confidentiality"][:3])
    assert any("#fact-mandated-reporting-child" in h for h in found["report child abuse"][:3])
