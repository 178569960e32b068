// The side panel of the workshop page (app.js holds the rest): the selected element or flow with
// its STRIDE cells, its threats (advice, SOC 2 criteria, covers, code, the explain trace on
// demand) and its attributes. Like app.js it puts model strings into the page as text only.
"use strict";

function findElement(id) {
  const doc = page().document;
  return doc.elements.find((e) => e.id === id) || doc.flows.find((f) => f.id === id);
}

function select(id) {
  ui.selected = id;
  applyDiagramMarks();
  renderPanel();
}

function renderPanel() {
  const panel = $("panel"), body = $("panel-body");
  const item = ui.selected && page() ? findElement(ui.selected) : null;
  const changed = panel.hidden === !!item;
  panel.hidden = !item;
  // The panel narrows the diagram: fit it again, unless the user placed it by hand.
  if (changed && !ui.view.touched) fit();
  if (!item) return;
  const p = page(), doc = p.document, extra = p.elements[item.id] || { attributes: [], stride: "" };
  const threats = doc.threats.filter((t) => t.element === item.id);
  const shown = threats.filter((t) => p.severities.indexOf(t.severity) >= ui.severity);
  const isFlow = "source" in item;
  body.replaceChildren(
    el("h2", "", item.name || item.id),
    el("p", "muted", el("code", "", item.id), " · ", isFlow ? "flow" : item.kind,
       item.boundary ? ` · in ${item.boundary}` : ""));
  if (isFlow) body.append(el("p", "", `${item.source} → ${item.target}`,
                             item.crosses.length ? ` · crosses ${item.crosses.join(", ")}` : ""));
  const code = extra.attributes.find(([name]) => name === "code");
  if (code) body.append(el("p", "", "Code: ", el("code", "", code[1])));
  body.append(el("h3", "", "STRIDE"), strideCells(shown, extra.stride));
  body.append(el("h3", "", `Threats (${shown.length}${shown.length < threats.length ? " shown of " + threats.length : ""})`));
  if (!shown.length) body.append(el("p", "empty", "none"));
  for (const t of shown) body.append(threatBlock(t));
  if (item.kind === "boundary") {
    const inside = doc.elements.filter((e) => e.boundary === item.id);
    body.append(el("h3", "", "Inside"), el("ul", "", ...inside.map((e) => el("li", "", linkTo(e.id, e.name)))));
  }
  const details = el("details", "", el("summary", "", `Attributes (${extra.attributes.length})`),
                     attributesTable(extra.attributes));
  details.open = ui.attributesOpen;
  details.addEventListener("toggle", () => (ui.attributesOpen = details.open));
  body.append(details);
}

function linkTo(id, text) {
  const a = el("a", "", text);
  a.href = "#";
  a.addEventListener("click", (e) => {
    e.preventDefault();
    select(id);
  });
  return a;
}

function attributesTable(attributes) {
  if (!attributes.length) return el("p", "empty", "none set");
  const t = el("table", "kv");
  for (const [name, value] of attributes) t.append(el("tr", "", el("th", "", name), el("td", "", el("code", "", value))));
  return t;
}

/// One line per STRIDE category: the threats found with their status, "none found", or "n/a"
/// when STRIDE-per-element does not apply the category to the element's kind (the server says
/// which apply).
function strideCells(threats, applies) {
  const grid = el("div", "stride");
  for (const [letter, name, title] of STRIDE) {
    const found = threats.filter((t) => t.category === name);
    const cell = el("div", "");
    if (found.length) {
      for (const t of found) cell.append(badge(t.status, TONE[t.status]), " ", t.title, el("br"));
    } else {
      cell.append(el("span", "muted", applies.includes(letter) ? "none found" : "n/a"));
    }
    const cat = el("div", "cat", letter);
    cat.title = title;
    grid.append(cat, cell);
  }
  return grid;
}

function threatBlock(t) {
  const box = el("div", "threat");
  box.append(el("p", "", el("strong", "", t.title), " ", badge(t.severity, t.severity === "high" || t.severity === "critical" ? "bad" : "warn"),
                " ", badge(t.status, TONE[t.status])));
  box.append(el("p", "muted", el("code", "", t.id), t.cwe ? ` · CWE-${t.cwe}` : ""));
  if (t.advice) box.append(el("p", "", t.advice));
  const criteria = t.controls.concat(t.supports);
  if (criteria.length) box.append(el("p", "", "SOC 2: ", criteria.join(", ")));
  for (const c of t.covered_by) box.append(el("p", "muted", `${c.kind} ${c.id || c.target} (${c.status})`));
  if (t.acceptance) box.append(el("p", "muted", `accepted by ${t.acceptance.owner}: ${t.acceptance.reason}`));
  if (t.annotations.length) box.append(el("p", "muted", "Code: ", t.annotations.join(", ")));
  if (t.file) box.append(el("p", "muted", `Declared at ${t.file}:${t.line}`));
  const button = el("button", "", "Explain");
  button.type = "button";
  const out = el("pre", "");
  out.hidden = true;
  button.addEventListener("click", async () => {
    const r = await fetch("/api/explain?threat=" + encodeURIComponent(t.id), { cache: "no-store" });
    out.textContent = await r.text();
    out.hidden = false;
  });
  box.append(button, out);
  return box;
}

