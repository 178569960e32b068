// The workshop page of `moat serve`. It shows what the server sends and derives nothing:
// /api/state holds the JSON document of `moat check --format json`, the diagram `moat build`
// draws (made safe to inline by the server), and the report's worksheet and SOC 2 sections as
// HTML the report's renderer escaped. Model strings reach the page only as text nodes
// (textContent), never as markup; the only markup inserted is the server's escaped fragments.
"use strict";

const STRIDE = [
  ["S", "spoofing", "Spoofing"],
  ["T", "tampering", "Tampering"],
  ["R", "repudiation", "Repudiation"],
  ["I", "information_disclosure", "Information disclosure"],
  ["D", "denial_of_service", "Denial of service"],
  ["E", "elevation_of_privilege", "Elevation of privilege"],
];
const TONE = { open: "bad", mitigated: "good", accepted: "warn", dismissed: "muted" };

const ui = {
  state: null, // the last /api/state
  version: 0,
  ticket: 0, // the latest /api/state request
  selected: null, // an element or flow id
  boundary: "", // the boundary filter: "" for the whole model
  severity: 0, // the lowest severity shown: an index into page.severities
  svg: null, // the SVG text on the canvas
  view: { scale: 1, x: 0, y: 0, fitted: false, touched: false }, // touched: panned or zoomed by hand
  diagrams: new Map(), // boundary -> {svg, error}, for the current state
  generation: 0, // counts the states shown: a diagram asked for under an older one is dropped
  diagramTicket: 0, // the latest renderDiagram call
  attributesOpen: false, // the panel's attribute list is unfolded
};

const $ = (id) => document.getElementById(id);

/// An element with text children only: `children` are strings (set as text) or nodes.
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function badge(text, tone) {
  return el("span", "badge tone-" + (tone || "muted"), text);
}

function page() {
  return ui.state && ui.state.page;
}

// ------------------------------------------------------------------ fetching and live updates
async function load() {
  // Only the latest request is shown: answers can arrive out of order. (Versions are not
  // compared: a restarted server counts from 1 again.)
  const ticket = ++ui.ticket;
  const r = await fetch("/api/state", { cache: "no-store" });
  if (!r.ok) return;
  const s = await r.json();
  if (ticket !== ui.ticket) return;
  ui.state = s;
  ui.version = s.version;
  ui.generation++;
  ui.diagrams.clear();
  render();
}

function connect() {
  const live = $("live");
  const events = new EventSource("/api/events");
  events.addEventListener("state", (e) => {
    const v = JSON.parse(e.data).version;
    if (v !== ui.version) load();
  });
  events.onopen = () => {
    live.textContent = "live";
    live.className = "live on";
    // A restarted server counts its versions from 1 again: what it serves now may be another
    // model state under the version this page already shows.
    load();
  };
  events.onerror = () => {
    live.textContent = "reconnecting";
    live.className = "live off";
    // A refused stream (503 when the page cap is reached) is not retried by the browser.
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  };
}

// ------------------------------------------------------------------ rendering a state
function render() {
  renderBanner(ui.state.diagnostics || []);
  const p = page();
  if (!p) {
    $("title").textContent = "The model has not compiled yet";
    return;
  }
  const doc = p.document;
  $("title").textContent = doc.model ? doc.model.name : doc.file;
  document.title = "moat serve — " + $("title").textContent;
  renderCounts(doc);
  renderSince(ui.state.since);
  renderFilters(p, doc);
  renderDiagram();
  renderFragment($("tab-worksheet"), p.worksheet);
  renderFragment($("tab-soc2"), p.soc2);
  renderChanges(ui.state.since);
  if (ui.selected && !findElement(ui.selected)) ui.selected = null;
  renderPanel();
}

function renderBanner(diagnostics) {
  const banner = $("banner");
  const errors = diagnostics.filter((d) => d.severity === "error");
  banner.replaceChildren();
  banner.hidden = errors.length === 0;
  if (!errors.length) return;
  banner.append(
    el("p", "", el("strong", "", `The model has ${errors.length} error${errors.length > 1 ? "s" : ""}`),
       page() ? "; showing the last version that compiled." : "."));
  for (const d of errors.slice(0, 20)) {
    const where = d.file ? `${d.file}:${d.line}:${d.column}: ` : "";
    banner.append(el("p", "diag", el("code", "", where), `error: ${d.message} [${d.kind}]`));
  }
}

function renderCounts(doc) {
  const open = doc.threats.filter((t) => t.status === "open").length;
  const nodes = doc.elements.filter((e) => e.kind !== "boundary" && e.kind !== "data").length;
  const zones = doc.elements.filter((e) => e.kind === "boundary").length;
  $("counts").textContent = `${nodes} elements in ${zones} boundaries · ${doc.flows.length} flows · ` +
    `${doc.threats.length} threats, ${open} open`;
}

function renderSince(since) {
  $("since").textContent = since ? `Since ${since.label}: ${since.summary}` : "";
}

function renderFilters(p, doc) {
  const select = $("boundary");
  const boundaries = doc.elements.filter((e) => e.kind === "boundary").map((e) => e.id);
  if (boundaries.join("\n") !== select.dataset.ids) {
    select.dataset.ids = boundaries.join("\n");
    select.replaceChildren(el("option", "", "all"));
    select.firstChild.value = "";
    for (const id of boundaries) {
      const o = el("option", "", doc.elements.find((e) => e.id === id).name);
      o.value = id;
      select.append(o);
    }
    if (!boundaries.includes(ui.boundary)) ui.boundary = "";
    select.value = ui.boundary;
  }
  const sev = $("severity");
  if (!sev.options.length) {
    p.severities.forEach((name, i) => {
      const o = el("option", "", i === 0 ? "all" : `${name} and above`);
      o.value = String(i);
      sev.append(o);
    });
  }
}

/// Replaces a tab's server-rendered fragment when it changed, keeping its scroll position.
function renderFragment(tab, html) {
  if (tab.dataset.html === html) return;
  const top = tab.scrollTop;
  tab.dataset.html = html;
  tab.innerHTML = html; // escaped by the report's renderer on the server
  tab.scrollTop = top;
}

function renderChanges(since) {
  const tab = $("tab-changes");
  tab.replaceChildren(el("h2", "", "Changes"));
  if (!since) return tab.append(el("p", "empty", "The session has no baseline yet."));
  tab.append(el("p", "", `Since ${since.label}: `, el("strong", "", since.summary)));
  const d = since.diff;
  const lists = [
    ["Threats whose status changed", d.threats_changed, (t) => `${t.id}: ${t.before} → ${t.after}`],
    ["New threats", d.threats_added, (t) => `${t.id} (${t.severity}, ${t.after})`],
    ["Threats gone", d.threats_removed, (t) => `${t.id} (was ${t.before})`],
    ["SOC 2 criteria whose status changed", d.controls,
     (c) => `${c.id}: ${c.before_readiness} → ${c.after_readiness}`],
    ["New elements", d.elements_added, (x) => x],
    ["Elements removed", d.elements_removed, (x) => x],
    ["New flows", d.flows_added, (x) => x],
    ["Flows removed", d.flows_removed, (x) => x],
  ];
  for (const [title, items, line] of lists) {
    if (!items || !items.length) continue;
    tab.append(el("h3", "", title), el("ul", "", ...items.map((i) => el("li", "", line(i)))));
  }
}

// ------------------------------------------------------------------ the diagram
/// The diagram of `boundary` for the state shown, or null when a newer state arrived while it was
/// being fetched (it is not kept: the cache holds the current state's diagrams only).
async function diagramFor(boundary) {
  if (!boundary) return page().diagram;
  const key = boundary;
  if (!ui.diagrams.has(key)) {
    const generation = ui.generation;
    const r = await fetch("/api/diagram?boundary=" + encodeURIComponent(boundary), { cache: "no-store" });
    const d = r.ok ? await r.json() : { svg: null, error: "the server refused" };
    if (generation !== ui.generation) return null;
    ui.diagrams.set(key, d);
  }
  return ui.diagrams.get(key);
}

async function renderDiagram() {
  // Only the latest call draws: a slow boundary view must not land over a newer view or state.
  const ticket = ++ui.diagramTicket;
  const d = await diagramFor(ui.boundary);
  if (!d || ticket !== ui.diagramTicket) return;
  const note = $("diagram-note");
  note.hidden = !d.error;
  note.textContent = d.error ? "The diagram could not be drawn: " + d.error : "";
  if (!d.svg || d.svg === ui.svg) return applyDiagramMarks();
  ui.svg = d.svg;
  $("canvas").innerHTML = d.svg; // checked by the server as the report checks it: drawing only
  for (const g of $("canvas").querySelectorAll("g.node, g.edge, g.cluster")) {
    const title = g.querySelector("title");
    const t = title ? title.textContent : "";
    if (g.classList.contains("edge")) g.dataset.edge = t;
    else if (g.classList.contains("cluster")) g.dataset.id = t.replace(/^cluster_/, "");
    else if (!t.startsWith("@")) g.dataset.id = t;
  }
  if (!ui.view.fitted) fit();
  applyDiagramMarks();
}

/// Marks the selected element and dims what the severity filter hides.
function applyDiagramMarks() {
  const p = page();
  if (!p) return;
  const hot = new Set();
  for (const t of p.document.threats) {
    if (t.status === "open" && p.severities.indexOf(t.severity) >= ui.severity) hot.add(t.element);
  }
  const flows = p.document.flows;
  for (const g of $("canvas").querySelectorAll("g.node, g.edge")) {
    let ids = g.dataset.id ? [g.dataset.id] : [];
    if (g.dataset.edge) ids = flowsOfEdge(g.dataset.edge, flows).map((f) => f.id);
    g.classList.toggle("selected", ids.includes(ui.selected));
    g.classList.toggle("dim", ui.severity > 0 && !ids.some((id) => hot.has(id)));
  }
}

/// The flows an arrow "a->b" stands for: those between a and b, either way.
function flowsOfEdge(edge, flows) {
  const [a, b] = edge.split("->");
  return flows.filter((f) => (f.source === a && f.target === b) || (f.source === b && f.target === a));
}

function setTransform() {
  const v = ui.view;
  $("canvas").style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
}

function fit() {
  const svg = $("canvas").querySelector("svg");
  const port = $("viewport");
  if (!svg || !port.clientWidth) return;
  const w = svg.width.baseVal.value || 1, h = svg.height.baseVal.value || 1;
  const s = Math.min(port.clientWidth / w, port.clientHeight / h, 2) * 0.95;
  ui.view = { scale: s, x: (port.clientWidth - w * s) / 2, y: (port.clientHeight - h * s) / 2, fitted: true,
              touched: false };
  setTransform();
}

function zoom(factor, cx, cy) {
  const v = ui.view;
  const s = Math.min(Math.max(v.scale * factor, 0.05), 20);
  v.x = cx - ((cx - v.x) * s) / v.scale;
  v.y = cy - ((cy - v.y) * s) / v.scale;
  v.scale = s;
  v.touched = true;
  setTransform();
}

function setupPanZoom() {
  const port = $("viewport");
  let drag = null;
  port.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = port.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  port.addEventListener("mousedown", (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false };
    port.classList.add("dragging");
  });
  window.addEventListener("mousemove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    ui.view.x += dx;
    ui.view.y += dy;
    ui.view.touched = ui.view.touched || drag.moved;
    drag.x = e.clientX;
    drag.y = e.clientY;
    setTransform();
  });
  window.addEventListener("mouseup", () => {
    port.classList.remove("dragging");
    setTimeout(() => (drag = null), 0);
  });
  port.addEventListener("click", (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest("g.node, g.edge, g.cluster");
    if (!g) return;
    if (g.dataset.edge) {
      const flows = flowsOfEdge(g.dataset.edge, page().document.flows);
      if (flows.length) select(flows[0].id);
    } else if (g.dataset.id) {
      select(g.dataset.id);
    }
  });
  for (const b of document.querySelectorAll("#zoom button")) {
    b.addEventListener("click", () => {
      if (b.dataset.zoom === "fit") return fit();
      zoom(b.dataset.zoom === "in" ? 1.25 : 0.8, port.clientWidth / 2, port.clientHeight / 2);
    });
  }
}

// ------------------------------------------------------------------ tabs, filters, presenter
function showTab(name) {
  for (const b of document.querySelectorAll("#tabs button[data-tab]")) b.classList.toggle("on", b.dataset.tab === name);
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== "tab-" + name;
  if (name === "diagram" && !ui.view.fitted) fit();
}

function setupControls() {
  for (const b of document.querySelectorAll("#tabs button[data-tab]")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("boundary").addEventListener("change", (e) => {
    ui.boundary = e.target.value;
    ui.view.fitted = false;
    renderDiagram();
  });
  $("severity").addEventListener("change", (e) => {
    ui.severity = Number(e.target.value);
    applyDiagramMarks();
    renderPanel();
  });
  $("presenter").addEventListener("click", (e) => {
    const on = document.body.classList.toggle("presenter");
    e.target.setAttribute("aria-pressed", String(on));
  });
  $("close").addEventListener("click", () => select(null));
  // Links in the report's fragments: an element or threat opens its panel; a code location is
  // not served (the server never reads files by path).
  for (const tab of document.querySelectorAll(".tab.frag")) {
    tab.addEventListener("click", (e) => {
      const a = e.target.closest("a");
      if (!a) return;
      e.preventDefault();
      const target = (a.getAttribute("href") || "").replace(/^#/, "");
      const id = page() && page().anchors[target];
      if (id) select(id);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setupControls();
  setupPanZoom();
  load().then(connect);
});
