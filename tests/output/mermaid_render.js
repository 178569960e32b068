// Renders Mermaid files with the real Mermaid library in headless Chromium, as GitHub does:
// the library's default configuration (only startOnLoad off, since we call render ourselves).
//
//   node mermaid_render.js NODE_MODULES CHROMIUM [--screenshot PNG] FILE.mmd...
//
// Prints one JSON array, an object per file: {file, ok, error, svg_chars, problems}. `problems`
// lists what must never happen: the library's own error diagrams (text too long, syntax
// error), a dialog opened by a script, <script> elements, on* attributes or javascript: links
// in the inserted SVG. With --screenshot, the first file's rendering is saved as PNG.
"use strict";
const fs = require("fs");
const path = require("path");
const { launch, run } = require("./chromium");

async function renderOne(page, text, index) {
  return page.evaluate(async (source, i) => {
    const out = document.getElementById("out");
    out.innerHTML = "";
    try {
      const { svg, bindFunctions } = await window.mermaid.render("diagram" + i, source);
      out.innerHTML = svg;
      if (bindFunctions) bindFunctions(out);
      // Give anything the SVG might start (an image's onerror, say) time to run.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const problems = [];
      for (const bad of ["Maximum text size in diagram exceeded", "Syntax error in text"]) {
        if (svg.includes(bad)) problems.push("error diagram: " + bad);
      }
      if (out.querySelector("script")) problems.push("a <script> element");
      for (const el of out.querySelectorAll("*")) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) problems.push("attribute " + a.name + " on <" + el.tagName + ">");
          if (/^\s*javascript:/i.test(a.value)) problems.push("javascript: in " + a.name);
        }
      }
      if (window.__moat_ran) problems.push("a script from the model ran");
      return { ok: true, svg_chars: svg.length, problems };
    } catch (e) {
      return { ok: false, error: String((e && e.message) || e) };
    }
  }, text, index);
}

async function main() {
  const args = process.argv.slice(2);
  const [nodeModules, chromium] = args.splice(0, 2);
  let screenshot = null;
  if (args[0] === "--screenshot") screenshot = args.splice(0, 2)[1];
  const browser = await launch(nodeModules, chromium);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 1200 });
    const dialogs = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: path.join(nodeModules, "mermaid", "dist", "mermaid.min.js") });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
    const results = [];
    for (let i = 0; i < args.length; ++i) {
      const before = dialogs.length;
      const r = await renderOne(page, fs.readFileSync(args[i], "utf8"), i);
      if (dialogs.length > before) (r.problems = r.problems || []).push("a dialog opened: " + dialogs[before]);
      results.push({ file: args[i], ...r });
      if (i === 0 && screenshot && r.ok) {
        const svg = await page.$("#out svg");
        await svg.screenshot({ path: screenshot });
      }
    }
    process.stdout.write(JSON.stringify(results) + "\n");
  } finally {
    await browser.close();
  }
}

run(main);
