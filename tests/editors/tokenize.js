// Tokenizes .moat files with the VS Code extension's grammar and prints, as JSON, each file's
// tokens: [{file, error, stoppedEarly, endDepth, lines: [[[column, text, [scopes...]], ...], ...]}]
// (columns count UTF-16 code units from 1, as VS Code's do).
// tests/editors/test_vscode_grammar.py reads it.
//     node tokenize.js MODULES_DIR FILE...
"use strict";

const fs = require("fs");
const path = require("path");
const { loadGrammar, lines } = require(path.join(__dirname, "..", "..", "editors", "vscode", "tools", "textmate.js"));

const TIME_LIMIT_MS = 5000;  // per line; a line that takes longer is a runaway pattern

async function main() {
  const [modulesDir, ...files] = process.argv.slice(2);
  const { grammar, INITIAL } = await loadGrammar(modulesDir);
  const out = files.map((file) => {
    const result = { file, error: null, stoppedEarly: false, endDepth: 0, lines: [] };
    try {
      let stack = INITIAL;
      for (const line of lines(fs.readFileSync(file, "utf8"))) {
        const r = grammar.tokenizeLine(line, stack, TIME_LIMIT_MS);
        if (r.stoppedEarly) result.stoppedEarly = true;
        result.lines.push(r.tokens.map((t) => [t.startIndex + 1, line.slice(t.startIndex, t.endIndex), t.scopes]));
        stack = r.ruleStack;
      }
      result.endDepth = stack.depth;
    } catch (err) {
      result.error = String(err && err.stack || err);
    }
    return result;
  });
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
});
