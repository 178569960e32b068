// Loads the extension's grammar with vscode-textmate and vscode-oniguruma, the engine VS Code
// itself tokenizes with, from the npm tools folder scripts/setup.sh fills (.tools/node). Used by
// the grammar test (tests/editors) and by render.js (the README's screenshot).
"use strict";

const fs = require("fs");
const path = require("path");

const GRAMMAR = path.join(__dirname, "..", "syntaxes", "moat.tmLanguage.json");

/** The npm packages from `modulesDir` (…/.tools/node/node_modules). */
function requireTools(modulesDir) {
  return {
    textmate: require(path.join(modulesDir, "vscode-textmate")),
    oniguruma: require(path.join(modulesDir, "vscode-oniguruma")),
    wasm: path.join(modulesDir, "vscode-oniguruma", "release", "onig.wasm"),
  };
}

/** The moat grammar, ready to tokenize; with `theme` (a VS Code theme's tokenColors as
 * {settings: [...]}) the registry also answers colours (tokenizeLine2, getColorMap). */
async function loadGrammar(modulesDir, theme) {
  const { textmate, oniguruma, wasm } = requireTools(modulesDir);
  const bytes = fs.readFileSync(wasm);
  await oniguruma.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope) =>
      scope === "source.moat" ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null,
  });
  if (theme) registry.setTheme(theme);
  const grammar = await registry.loadGrammar("source.moat");
  return { grammar, registry, INITIAL: textmate.INITIAL };
}

/** A file's text split into lines as VS Code does (\n or \r\n; a BOM is not text). */
function lines(text) {
  return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

module.exports = { GRAMMAR, loadGrammar, lines };
