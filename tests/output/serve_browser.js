// Drives the `moat serve` page in the Debian chromium with puppeteer-core (nothing downloaded).
//
//   node serve_browser.js NODE_MODULES CHROMIUM CONFIG_JSON
//
// CONFIG_JSON: {"scenario": "workshop" | "hostile", "url", "model", "element", "screenshot"}.
// "workshop" loads the page, edits the model file on disk and waits for the page to follow
// without a reload, clicks an element, takes a screenshot, breaks the model and mends it again.
// "hostile" clicks everything on the page of the hostile-strings model. Prints one JSON object
// with what it saw; tests/output/test_serve_browser.py judges it.
"use strict";
const fs = require("fs");
const { launch } = require("./chromium");

const NODES = "#canvas g.node[data-id]";

async function nodeIds(page) {
  return page.$$eval(NODES, (gs) => gs.map((g) => g.dataset.id));
}

async function workshop(page, cfg, out) {
  const original = fs.readFileSync(cfg.model, "utf8");
  out.nodes = await nodeIds(page);
  out.title = await page.$eval("#title", (e) => e.textContent);
  await page.evaluate(() => (window.__sameDocument = true));
  // A save on disk: a new element appears without a reload.
  const start = Date.now();
  fs.writeFileSync(cfg.model, original + '\nexternal auditor "Auditor"\n');
  await page.waitForSelector(`${NODES.replace("[data-id]", "")}[data-id="auditor"]`, { timeout: 10000 });
  out.update_ms = Date.now() - start;
  out.nodes_after_save = await nodeIds(page);
  out.same_document = await page.evaluate(() => window.__sameDocument === true);
  out.since = await page.$eval("#since", (e) => e.textContent);
  // Click an element: its panel lists its threats.
  await page.click(`g.node[data-id="${cfg.element}"]`);
  await page.waitForSelector("#panel:not([hidden])", { timeout: 5000 });
  out.panel = await page.$eval("#panel", (e) => e.innerText);
  out.selected_marked = await page.$eval(`g.node[data-id="${cfg.element}"]`, (g) => g.classList.contains("selected"));
  if (cfg.screenshot) await page.screenshot({ path: cfg.screenshot });
  // The filters: one boundary's view (the server lays it out), then open threats of a severity.
  await page.select("#boundary", cfg.boundary);
  await page.waitForFunction(() => document.querySelector("#canvas svg").textContent.includes("view: boundary"),
                             { timeout: 10000 });
  out.boundary_nodes = await nodeIds(page);
  await page.select("#boundary", "");
  await page.waitForFunction(() => !document.querySelector("#canvas svg").textContent.includes("view: boundary"),
                             { timeout: 10000 });
  await page.select("#severity", String(cfg.severity));
  out.dimmed = await page.$$eval("#canvas g.node.dim[data-id]", (gs) => gs.map((g) => g.dataset.id));
  await page.select("#severity", "0");
  // A syntax error: the banner shows it, the last diagram stays, the selection too.
  fs.writeFileSync(cfg.model, original + '\nexternal auditor "Auditor"\nflow auditor -> \n');
  await page.waitForSelector("#banner:not([hidden])", { timeout: 10000 });
  out.banner = await page.$eval("#banner", (e) => e.innerText);
  out.nodes_during_error = await nodeIds(page);
  out.panel_during_error = await page.$eval("#panel", (e) => !e.hidden);
  // Mended: the banner goes.
  fs.writeFileSync(cfg.model, original);
  await page.waitForSelector("#banner[hidden]", { timeout: 10000 });
  out.nodes_mended = await nodeIds(page);
  out.same_document_at_end = await page.evaluate(() => window.__sameDocument === true);
}

async function hostile(page, cfg, out) {
  out.nodes = await nodeIds(page);
  // Every node and arrow, clicked as the page receives it (some arrows of a tight layout sit
  // under a label, where a mouse could not reach them), and every Explain button it then shows.
  const count = await page.$$eval("#canvas g.node[data-id], #canvas g.edge", (gs) => gs.length);
  out.clicked = 0;
  for (let i = 0; i < count; ++i) {
    await page.evaluate((n) => {
      const g = document.querySelectorAll("#canvas g.node[data-id], #canvas g.edge")[n];
      g.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }, i);
    for (const b of await page.$$("#panel .threat button")) await b.evaluate((e) => e.click());
    out.clicked += 1;
  }
  out.panel = await page.$eval("#panel-body", (e) => e.innerText);
  for (const tab of ["worksheet", "soc2", "changes", "diagram"]) await page.click(`#tabs button[data-tab="${tab}"]`);
  await page.click("#presenter");
  await new Promise((r) => setTimeout(r, 500));
  out.problems = await page.evaluate(() => {
    const found = [];
    if (window.__moat_ran) found.push("a script from the model ran");
    if (document.querySelectorAll("script").length !== 2) found.push("a <script> element was added");
    for (const e of document.querySelectorAll("*")) {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name)) found.push(`attribute ${a.name} on <${e.tagName}>`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`javascript: in ${a.name}`);
      }
    }
    return found;
  });
  out.title = await page.$eval("#title", (e) => e.textContent);
}

async function main() {
  const [nodeModules, chromium, config] = process.argv.slice(2);
  const cfg = JSON.parse(config);
  const browser = await launch(nodeModules, chromium);
  const out = { dialogs: [], console_errors: [], page_errors: [], requests_failed: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 860 });
    page.on("dialog", async (d) => {
      out.dialogs.push(d.message());
      await d.dismiss();
    });
    page.on("console", (m) => {
      if (m.type() === "error") out.console_errors.push(m.text());
    });
    page.on("pageerror", (e) => out.page_errors.push(String(e)));
    page.on("requestfailed", (r) => {
      if (!r.url().endsWith("/api/events")) out.requests_failed.push(r.url());
    });
    await page.goto(cfg.url, { waitUntil: "load" });
    await page.waitForSelector(NODES, { timeout: 15000 });
    if (cfg.scenario === "workshop") await workshop(page, cfg, out);
    else await hostile(page, cfg, out);
  } catch (e) {
    out.error = String((e && e.stack) || e);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

main();
