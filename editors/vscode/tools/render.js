// Renders a .moat file as HTML, tokenized by the extension's grammar and coloured by the token
// colours of VS Code's "Dark Modern" theme (dark-theme.json), for the README's screenshot:
//     node render.js MODULES_DIR FILE.moat OUT.html
// then   chromium --headless --screenshot=OUT.png --window-size=W,H file://OUT.html
"use strict";

const fs = require("fs");
const path = require("path");
const { loadGrammar, lines } = require("./textmate.js");

const FONT_STYLE = { 1: "font-style:italic", 2: "font-weight:bold", 4: "text-decoration:underline" };

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One line as <span>s: tokenizeLine2 packs each token's colour index and font style. */
function renderLine(grammar, colors, line, stack) {
  const r = grammar.tokenizeLine2(line, stack);
  let html = "";
  for (let i = 0; i < r.tokens.length; i += 2) {
    const start = r.tokens[i];
    const end = i + 2 < r.tokens.length ? r.tokens[i + 2] : line.length;
    const meta = r.tokens[i + 1];
    const color = colors[(meta >>> 15) & 0x1ff];
    const font = (meta >>> 11) & 0xf;
    const styles = [`color:${color}`, ...Object.keys(FONT_STYLE).filter((b) => font & b).map((b) => FONT_STYLE[b])];
    html += `<span style="${styles.join(";")}">${escapeHtml(line.slice(start, end))}</span>`;
  }
  return { html, stack: r.ruleStack };
}

async function main() {
  const [modulesDir, file, out] = process.argv.slice(2);
  const theme = JSON.parse(fs.readFileSync(path.join(__dirname, "dark-theme.json"), "utf8"));
  const { grammar, registry, INITIAL } = await loadGrammar(modulesDir, { settings: theme.tokenColors });
  const colors = registry.getColorMap();
  let stack = INITIAL;
  const rows = lines(fs.readFileSync(file, "utf8")).map((line, i) => {
    const r = renderLine(grammar, colors, line, stack);
    stack = r.stack;
    return `<div class="row"><span class="n">${i + 1}</span>${r.html || " "}</div>`;
  });
  const title = escapeHtml(path.basename(file));
  fs.writeFileSync(out, `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title><style>
body { margin: 0; background: ${theme.colors["editor.background"]}; }
.tab { font: 13px sans-serif; color: #ffffff; background: ${theme.colors["editor.background"]};
       padding: 8px 16px; border-bottom: 1px solid #2b2b2b; }
pre { margin: 0; padding: 8px 0; font: 14px/20px "DejaVu Sans Mono", monospace; color: ${theme.colors["editor.foreground"]}; }
.n { display: inline-block; width: 3em; padding-right: 1.5em; text-align: right; color: #6e7681; }
</style></head><body><div class="tab">${title}</div><pre>${rows.join("")}</pre></body></html>
`);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
});
