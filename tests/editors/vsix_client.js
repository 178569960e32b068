// Runs the client of an unpacked .vsix (EXT = its extension/ folder) outside VS Code:
// 1. loads extension.js with a stand-in for the `vscode` module (only VS Code provides the real
//    one), so `vscode-languageclient/node` must resolve from the package's own node_modules,
//    and prints the command it would start for the setting moat.path = MOAT;
// 2. with the package's vscode-jsonrpc (the library vscode-languageclient speaks through),
//    starts `MOAT lsp`, opens MODEL (a file with an error) and prints the diagnostics the
//    server publishes, then shuts the server down.
// Prints one JSON object: {serverOptions, activate, diagnostics, exitCode}.
//     node vsix_client.js EXT MOAT MODEL
"use strict";

const fs = require("fs");
const path = require("path");
const Module = require("module");
const { spawn } = require("child_process");

const [ext, moat, model] = process.argv.slice(2);

/** A `vscode` module whose every member is a callable, constructible stand-in. */
function fakeVscode(settings) {
  const handler = {
    get: (target, key) => (key in target ? target[key] : new Proxy(function () {}, handler)),
    apply: () => new Proxy(function () {}, handler),
    construct: () => new Proxy(function () {}, handler),
  };
  const config = (section) => ({ get: (key, fallback) => (section === "moat" && key in settings ? settings[key] : fallback) });
  return new Proxy({ workspace: { getConfiguration: config } }, handler);
}

function loadExtension(settings) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: fakeVscode(settings) };
  return require(path.join(ext, "extension.js"));
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

async function diagnosticsOf(file) {
  const rpc = require(require.resolve("vscode-jsonrpc/node", { paths: [ext] }));
  const server = spawn(moat, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
                                                 new rpc.StreamMessageWriter(server.stdin));
  const uri = "file://" + path.resolve(file);
  const published = new Promise((resolve) => {
    connection.onNotification("textDocument/publishDiagnostics", (params) => {
      if (params.uri === uri && params.diagnostics.length > 0) resolve(params.diagnostics);
    });
  });
  connection.listen();
  const folder = "file://" + path.dirname(path.resolve(file));
  await withTimeout(connection.sendRequest("initialize", { processId: process.pid, rootUri: folder, capabilities: {} }), 30000, "initialize");
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "moat", version: 1, text: fs.readFileSync(file, "utf8") },
  });
  const diagnostics = await withTimeout(published, 30000, "publishDiagnostics");
  await withTimeout(connection.sendRequest("shutdown"), 30000, "shutdown");
  await connection.sendNotification("exit");
  const exitCode = await withTimeout(exited, 30000, "exit");
  connection.dispose();
  return { diagnostics, exitCode };
}

async function main() {
  const extension = loadExtension({ path: moat });
  const result = {
    serverOptions: extension.serverOptions(),
    activate: typeof extension.activate,
    ...(await diagnosticsOf(model)),
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
});
