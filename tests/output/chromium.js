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
