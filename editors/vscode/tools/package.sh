#!/usr/bin/env bash
# Packages the VS Code extension into a .vsix with @vscode/vsce, offline: the tools and the
# client's dependency (vscode-languageclient) come from the .tools folder scripts/setup.sh fills.
#     bash editors/vscode/tools/package.sh OUT.vsix
# The extension's files are staged in a temporary folder with a copy of the locked node_modules,
# so that vsce packs the dependency (it lists production dependencies with `npm list`).
set -euo pipefail
out="${1:?usage: package.sh OUT.vsix}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ext="$repo/editors/vscode"
vsce="$repo/.tools/node/node_modules/.bin/vsce"
deps="$repo/.tools/vscode-extension"
if [ ! -x "$vsce" ] || [ ! -d "$deps/node_modules/vscode-languageclient" ]; then
  echo "package.sh: @vscode/vsce or the extension's dependencies are missing: run scripts/setup.sh (make setup)" >&2
  exit 2
fi
if ! cmp -s "$ext/package-lock.json" "$deps/package-lock.json"; then
  echo "package.sh: editors/vscode/package-lock.json changed since set-up: run scripts/setup.sh again" >&2
  exit 2
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$ext/package.json" "$ext/package-lock.json" "$ext/extension.js" "$ext/language-configuration.json" \
      "$ext/README.md" "$ext/CHANGELOG.md" "$ext/.vscodeignore" "$ext/syntaxes" "$ext/images" "$stage/"
cp -R "$deps/node_modules" "$stage/node_modules"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
# No repository or licence file is published with the extension yet; relative links in the
# README stay as they are.
(cd "$stage" && "$vsce" package --allow-missing-repository --skip-license \
   --no-rewrite-relative-links --out "$out")
