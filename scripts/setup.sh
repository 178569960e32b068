#!/usr/bin/env bash
# Installs the Debian packages moat needs to build and test, only those missing, then the npm
# tools the tests use (into .tools/node of the checkout), only when missing.
# Safe to run repeatedly: when everything is present it does nothing.
set -euo pipefail
packages=(build-essential cmake ninja-build g++ tao-pegtl-dev libfmt-dev nlohmann-json3-dev libgraphviz-dev
          doctest-dev libcli11-dev libmimalloc-dev python3 python3-jsonschema chromium libicu72 gcovr
          clang-format neovim poppler-utils libcpp-httplib-dev fonts-liberation)
# fonts-liberation: Liberation Sans, the font the diagrams are measured in and name first
# (backends/graphviz_text.hpp); the browser tests check the text stays inside its shapes in it.
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm tools, pinned, in <repo>/.tools/node (ignored by git). The SARIF Multitool validates
# `moat build --formats sarif` output (tests/output/test_sarif_multitool.py); it is a
# self-contained .NET program that needs libicu (above). vscode-textmate and vscode-oniguruma
# tokenize every .moat file with the VS Code extension's grammar, and @vscode/vsce packages the
# extension (editors/vscode, `make vsix`). mermaid and puppeteer-core render every generated
# .mmd in the Debian chromium (tests/output/test_mermaid_render.py). Without npm these tests skip.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_dir="$repo/.tools/node"
npm_tools=("@microsoft/sarif-multitool@5.7.0" "vscode-textmate@9.4.0" "vscode-oniguruma@2.0.1"
           "@vscode/vsce@3.9.2" "mermaid@11.17.2" "puppeteer-core@24.43.1")
missing_npm=()
for t in "${npm_tools[@]}"; do
  name="${t%@*}" version="${t##*@}"
  manifest="$node_dir/node_modules/$name/package.json"
  grep -q "\"version\": *\"$version\"" "$manifest" 2>/dev/null || missing_npm+=("$t")
done
if [ ${#missing_npm[@]} -gt 0 ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing ${missing_npm[*]} into $node_dir"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund --save-exact "${missing_npm[@]}"
    # Newer npm skips the package's postinstall script, which only marks the binary executable.
    chmod u+x "$node_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true
  else
    echo "setup: npm not found; not installing ${missing_npm[*]} (its tests will skip)"
  fi
fi

# The VS Code extension's runtime dependency (vscode-languageclient, pinned with its own
# dependencies by editors/vscode/package-lock.json) in <repo>/.tools/vscode-extension, from where
# `make vsix` copies it into the package. Installed again when the lock file changes.
ext_dir="$repo/.tools/vscode-extension"
ext_lock="$repo/editors/vscode/package-lock.json"
if ! cmp -s "$ext_lock" "$ext_dir/package-lock.json" || [ ! -d "$ext_dir/node_modules/vscode-languageclient" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing the VS Code extension's dependencies into $ext_dir"
    mkdir -p "$ext_dir"
    cp "$repo/editors/vscode/package.json" "$ext_lock" "$ext_dir/"
    (cd "$ext_dir" && npm ci --omit=dev --no-audit --no-fund)
  else
    echo "setup: npm not found; not installing the VS Code extension's dependencies (make vsix needs them)"
  fi
fi
