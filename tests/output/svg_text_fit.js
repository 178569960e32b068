// Loads Graphviz SVGs in headless Chromium, as a reader opens them, and checks that the text the
// browser draws stays inside the shapes Graphviz sized for it: every node's label inside its
// shape (an ellipse's label inside the ellipse, any other's inside the shape's box), every
// boundary's label inside its frame, and the legend's text inside the legend's box. Graphviz
// sizes a shape from its own estimate of the text's width; when the browser draws the text in a
// wider font than the one estimated, the text runs over the shape (issue 18's review).
//
//   node svg_text_fit.js NODE_MODULES CHROMIUM [--screenshot PNG] FILE.svg...
//
// Prints one JSON array, an object per file: {file, texts, problems}: `texts` counts the texts
// checked, `problems` says which text runs out of which shape and by how much (in SVG points).
// With --screenshot, the first file is saved as a PNG at its own size.
"use strict";
const path = require("path");
const { launch, run } = require("./chromium");

// What a text may exceed its shape by, in points: rounding in Graphviz's coordinates (2 decimals)
// and in the browser's, nothing a reader could see.
const kSlack = 0.6;

function check() {
  const slack = window.__slack;
  const problems = [];
  let texts = 0;
  const box = (el) => el.getBBox();
  const describe = (g) => {
    const t = g.querySelector(":scope > title");
    return (g.getAttribute("class") || "") + " " + (t ? t.textContent : g.id);
  };
  // How far the box `b` reaches out of the box `outer` (0: inside).
  const over = (b, outer) =>
    Math.max(outer.x - b.x, b.x + b.width - (outer.x + outer.width), outer.y - b.y,
             b.y + b.height - (outer.y + outer.height), 0);
  // How far the corners of `b` reach out of the ellipse `e`, along its x radius.
  const overEllipse = (b, e) => {
    const cx = +e.getAttribute("cx"), cy = +e.getAttribute("cy");
    const rx = +e.getAttribute("rx"), ry = +e.getAttribute("ry");
    let worst = 0;
    for (const x of [b.x, b.x + b.width]) {
      for (const y of [b.y, b.y + b.height]) {
        const d = Math.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2);
        worst = Math.max(worst, (d - 1) * rx);
      }
    }
    return worst;
  };
  const report = (what, text, by) => {
    if (by > slack) problems.push(`${what}: "${text.textContent}" runs ${by.toFixed(1)} pt out`);
  };
  // Nodes and boundaries: the first drawn shape is the one sized for the label (the inner one
  // of an actor's double frame, the front face of a collapsed box).
  for (const g of document.querySelectorAll("g.node, g.cluster")) {
    const shape = g.querySelector(":scope > polygon, :scope > ellipse, :scope > path");
    if (!shape) continue;
    for (const text of g.querySelectorAll(":scope > text")) {
      ++texts;
      const b = box(text);
      report(describe(g), text, shape.tagName === "ellipse" ? overEllipse(b, shape) : over(b, box(shape)));
    }
  }
  // The legend: a table framed in #bbbbbb in the graph's label; its text follows its frame.
  const graph = document.querySelector("g.graph");
  let legend = null;
  for (const el of graph.children) {
    if (el.tagName === "polygon" && el.getAttribute("stroke") === "#bbbbbb") legend = el;
    else if (legend && el.tagName === "text") {
      ++texts;
      report("legend", el, over(box(el), box(legend)));
    }
  }
  return { texts, problems, legend: legend !== null };
}

async function main() {
  const args = process.argv.slice(2);
  const [nodeModules, chromium] = args.splice(0, 2);
  let screenshot = null;
  if (args[0] === "--screenshot") screenshot = args.splice(0, 2)[1];
  const browser = await launch(nodeModules, chromium);
  try {
    const page = await browser.newPage();
    const results = [];
    for (let i = 0; i < args.length; ++i) {
      await page.goto("file://" + path.resolve(args[i]));
      await page.evaluate((s) => { window.__slack = s; }, kSlack);
      const r = await page.evaluate(check);
      results.push({ file: args[i], ...r });
      if (i === 0 && screenshot) {
        // The drawing's size on the page in CSS pixels (its width and height are in points).
        const size = await page.evaluate(() => {
          const r = document.documentElement.getBoundingClientRect();
          return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
        });
        await page.setViewport({ width: Math.min(size.width, 4000), height: Math.min(size.height, 4000) });
        await page.screenshot({ path: screenshot });
      }
    }
    process.stdout.write(JSON.stringify(results) + "\n");
  } finally {
    await browser.close();
  }
}

run(main);
