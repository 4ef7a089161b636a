// Loads pages in Debian's Chromium (headless) through playwright-core and reports, per page:
// axe-core WCAG 2.1 A/AA violations, console errors, and every request to a host other than the
// local server (blocked and counted). Optionally saves screenshots at desktop and phone widths.
// A page given as {path, probe: {global, texts, search}} holds hostile content: every element of its
// article is sent mouse, focus, load and error events, then the script checks that the global the
// payloads would set is unset, no dialog opened, no element carries an on* attribute, the hostile
// texts are shown as text, and a site search for probe.search shows them as text too.
// Usage: node browser-checks.mjs <base-url> <pages.json> <out.json> [screenshot-dir]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, pagesFile, outFile, shotDir] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(pagesFile, "utf8"));
const local = new URL(base).host;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"],
});
const results = [];
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
for (const item of pages) {
  const path = typeof item === "string" ? item : item.path;
  const probe = typeof item === "string" ? null : item.probe;
  const expect = typeof item === "string" ? null : item.expect;  // text that must be visible in the first screen
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  const external = [];
  const consoleErrors = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol.startsWith("http") && url.host !== local) { external.push(url.href); return route.abort(); }
    if (!url.protocol.startsWith("http") && url.protocol !== "data:" && url.protocol !== "blob:") { external.push(url.href); return route.abort(); }
    return route.continue();
  });
  page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  const entry = { path, status: response ? response.status() : 0, axe, consoleErrors, external };
  if (shotDir) {
    mkdirSync(shotDir, { recursive: true });
    const name = path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "hub";
    for (const [label, size] of Object.entries(viewports)) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${shotDir}/${name}-${label}.png`, fullPage: false });
    }
    entry.screenshots = Object.keys(viewports).map((l) => `${name}-${l}.png`);
    // Phone layout must not scroll sideways.
    entry.phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }
  // At each width: does the page itself scroll sideways, and is the expected text on the first screen?
  entry.layout = {};
  for (const [label, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    entry.layout[label] = await page.evaluate((expect) => {
      const overflow = document.documentElement.scrollWidth - window.innerWidth;
      let visible = null;
      if (expect) {
        visible = false;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          if (!node.nodeValue.includes(expect)) continue;
          const el = node.parentElement;
          const style = window.getComputedStyle(el);
          const r = el.getBoundingClientRect();
          if (style.visibility !== "hidden" && style.display !== "none" && r.width > 0 && r.height > 0
              && r.top >= 0 && r.top < window.innerHeight && r.left < window.innerWidth && r.right > 0) { visible = true; break; }
        }
      }
      return { overflow, visible };
    }, expect);
  }
  let probed = null;
  if (probe) {
    probed = await page.evaluate(async (probe) => {
      const article = document.querySelector("article");
      for (const el of article.querySelectorAll("*")) {
        for (const type of ["mouseover", "mouseenter", "focus", "focusin", "load", "error", "animationstart"]) {
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
      await new Promise((r) => setTimeout(r, 300));
      const handlers = [];
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) if (a.name.startsWith("on")) handlers.push(`${el.tagName.toLowerCase()}[${a.name}]`);
      }
      const shown = article.innerText;
      return { global: window[probe.global] === undefined ? null : String(window[probe.global]), handlers,
               missing: probe.texts.filter((t) => !shown.includes(t)) };
    }, probe);
    if (probe.search) {
      await page.setViewportSize(viewports.desktop);
      await page.evaluate(() => { const t = document.getElementById("__search"); if (t && !t.checked) t.click(); });
      await page.waitForTimeout(1000);  // the search worker loads the index
      await page.focus("input.md-search__input");
      await page.keyboard.type(probe.search, { delay: 20 });
      await page.waitForSelector(".md-search-result__item", { timeout: 15000 }).catch(() => {});
      await page.waitForTimeout(500);
      const results = await page.evaluate(() => {
        const list = document.querySelector(".md-search-result");
        return { text: list ? list.innerText : "", html: list ? list.innerHTML : "" };
      });
      probed.searchMissing = probe.searchTexts.filter((t) => !results.text.includes(t));
      probed.searchText = results.text.slice(0, 500);
      probed.searchElements = /<(img|script|iframe)\b/i.test(results.html) ? ["search results contain markup from the page"] : [];
      probed.global = probed.global ?? await page.evaluate((g) => (window[g] === undefined ? null : String(window[g])), probe.global);
    }
    probed.dialogs = dialogs;
  }
  entry.probe = probed;
  results.push(entry);
  await context.close();
}
await browser.close();
writeFileSync(outFile, JSON.stringify(results, null, 1));
