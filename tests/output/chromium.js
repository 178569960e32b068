// Headless Chromium for the browser tests: the Debian chromium driven by the pinned
// puppeteer-core from .tools (scripts/setup.sh), which downloads nothing.
"use strict";
const path = require("path");

/// Launches CHROMIUM with the puppeteer-core found in NODE_MODULES.
exports.launch = (nodeModules, chromium) =>
  require(path.join(nodeModules, "puppeteer-core")).launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });

/// Runs a browser script's async `main`: an error it throws is printed and the script exits 2,
/// which the Python side reports as the browser failing (not as a finding about the page).
exports.run = (main) =>
  main().catch((e) => {
    process.stderr.write(String((e && e.stack) || e) + "\n");
    process.exit(2);
  });
