// The moat extension's client: starts `moat lsp` (the binary named by the `moat.path` setting,
// `moat` on the PATH by default) over stdio for every .moat file, and restarts it when that
// setting changes. Everything else (diagnostics, hover, definition, references, outline,
// formatting) is the server's: see docs/editors.md.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client = null;

/** The command that starts the server, from the settings. */
function serverOptions() {
  const configured = vscode.workspace.getConfiguration("moat").get("path", "moat");
  const command = (configured || "").trim() || "moat";
  return { command, args: ["lsp"], transport: TransportKind.stdio };
}

function clientOptions() {
  return {
    documentSelector: [{ scheme: "file", language: "moat" }, { scheme: "untitled", language: "moat" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.moat") },
  };
}

async function start() {
  const options = serverOptions();
  client = new LanguageClient("moat", "moat", options, clientOptions());
  try {
    await client.start();
  } catch (err) {
    client = null;
    const message = `moat: could not start \`${options.command} lsp\` (${err.message || err}). ` +
      "Install moat or set `moat.path` to the binary.";
    const choice = await vscode.window.showErrorMessage(message, "Open settings");
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "moat.path");
    }
  }
}

async function stop() {
  const running = client;
  client = null;
  if (running) await running.stop();
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("moat.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("moat.path")) restart();
    }),
    { dispose: () => { stop(); } },
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverOptions };
