// The report's style sheet: system fonts (nothing is fetched), status colours that survive
// printing, and print rules for PDF (A4, a page per major section, the worksheet landscape,
// table headers repeated and rows never split).
#include "backends/html_render.hpp"

namespace moat {

const char* report_css() {
  return R"css(:root {
  --ink: #1e2433; --muted: #5f6b7a; --line: #d9dee5; --soft: #f4f6f9; --accent: #1f4e8c;
  --good-bg: #e3f4e8; --good: #17603a; --warn-bg: #fdf1d6; --warn: #8a5a00;
  --bad-bg: #fbe3e1; --bad: #a1251b; --info-bg: #e4edf9; --info: #1f4e8c; --mute-bg: #eef0f3;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; max-width: 1180px; padding: 40px 48px 64px; color: var(--ink); background: #fff;
  font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
h1, h2, h3 { line-height: 1.25; color: #14203a; }
h1 { font-size: 32px; margin: 4px 0 20px; letter-spacing: -0.01em; }
h2 { font-size: 22px; margin: 48px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 26px 0 8px; }
p { margin: 8px 0; max-width: 78em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code {
  font: 12px/1.4 "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  background: var(--soft); border-radius: 3px; padding: 0 3px; overflow-wrap: break-word;
}
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 13px; }
.note.warn { color: var(--warn); background: var(--warn-bg); padding: 8px 12px; border-radius: 4px; }
.empty { color: var(--muted); font-style: italic; }
.cover { padding: 28px 0 8px; border-bottom: 1px solid var(--line); }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 12px; font-weight: 600; color: var(--accent); margin: 0; }
.toc { margin: 28px 0 0; padding: 16px 24px; background: var(--soft); border-radius: 6px; }
.toc h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 16px; }
.toc ol { margin: 0; padding-left: 22px; columns: 2; column-gap: 48px; }
.toc li { padding: 2px 0; break-inside: avoid; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
thead th { background: #e9edf3; color: #2a3447; font-weight: 600; font-size: 12px; border-bottom: 2px solid #c5ccd6; overflow-wrap: normal; }
table:not(.worksheet) thead th { white-space: nowrap; }
tbody tr:nth-child(even) > td { background: #fafbfc; }
table.kv { width: auto; min-width: 60%; }
table.kv th { width: 170px; color: var(--muted); font-weight: 600; background: none; white-space: nowrap; }
tr:target > td, tr:target > th { background: #fff8d5 !important; }
tr.tone-muted > td { color: var(--muted); }
tr.tone-bad > td { background: #fff6f5; }
.badge {
  display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 11.5px; font-weight: 600;
  line-height: 18px; white-space: nowrap; background: var(--mute-bg); color: #3d4756; margin: 1px 0;
}
.badge.tone-good { background: var(--good-bg); color: var(--good); }
.badge.tone-warn { background: var(--warn-bg); color: var(--warn); }
.badge.tone-bad { background: var(--bad-bg); color: var(--bad); }
.badge.tone-info { background: var(--info-bg); color: var(--info); }
.badge.tone-muted { background: var(--mute-bg); color: var(--muted); }
ul.tree { list-style: none; padding-left: 0; }
ul.tree ul { list-style: none; padding-left: 22px; border-left: 2px solid var(--line); margin-left: 6px; }
ul.tree li { padding: 4px 0 4px 8px; }
figure.diagram { margin: 12px 0; padding: 12px; border: 1px solid var(--line); border-radius: 6px; text-align: center; overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; }
table.worksheet { table-layout: fixed; }
table.worksheet th:first-child, table.worksheet td:first-child { width: 16%; }
table.worksheet td { font-size: 12px; }
table.worksheet td.tone-muted { background: repeating-linear-gradient(135deg, #f3f4f6, #f3f4f6 6px, #eceef1 6px, #eceef1 12px); color: #8a94a3; text-align: center; }
table.register, table.matrix, table.by-category { table-layout: fixed; }
table.register th:nth-child(1) { width: 24%; } table.register th:nth-child(2) { width: 8%; }
table.register th:nth-child(3) { width: 11%; } table.register th:nth-child(4) { width: 20%; }
table.register th:nth-child(5) { width: 7%; } table.register th:nth-child(6) { width: 14%; }
table.matrix th:nth-child(1) { width: 8%; } table.matrix th:nth-child(2) { width: 22%; }
table.matrix th:nth-child(3) { width: 11%; } table.matrix th:nth-child(4) { width: 19%; }
table.matrix th:nth-child(5) { width: 18%; } table.matrix th:nth-child(6) { width: 11%; }
table.by-category th:nth-child(1) { width: 33%; } table.by-category th:nth-child(2) { width: 15%; }
table.by-category th:nth-child(3) { width: 9%; } table.by-category th:nth-child(4) { width: 10%; }
pre.excerpt { margin: 6px 0 14px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
pre.excerpt span.ln { display: inline-block; min-width: 3em; margin-right: 8px; color: var(--muted); text-align: right; user-select: none; }
table.actions { table-layout: fixed; }
table.actions th:nth-child(1) { width: 44%; } table.actions th:nth-child(2) { width: 19%; }
table.actions th:nth-child(3) { width: 15%; } table.actions th:nth-child(4) { width: 12%; }
.nowrap { white-space: nowrap; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  table { font-size: 9pt; }
  code { font-size: 8.5pt; }
  .cover { padding-top: 30mm; }
  main > section { break-before: page; }
  body.landscape .cover { padding-top: 0; }
  body.landscape main > section:first-child { break-before: auto; }
  section.wide { page: wide; }
  h2 { margin-top: 0; }
  h2, h3 { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap, figure.diagram { overflow: visible; }
  figure.diagram { border: 0; padding: 0; }
  figure.diagram svg { width: 100%; height: auto; max-height: 165mm; }
  tbody tr:nth-child(even) > td { background: #fafbfc; }
  a { color: inherit; }
}
)css";
}

}  // namespace moat
