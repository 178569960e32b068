#!/usr/bin/env bash
# Makes the README's screenshot, images/highlighting.png: tools/sample.moat tokenized by the
# extension's grammar (vscode-textmate), coloured by dark-theme.json, rendered by headless Chromium.
# VS Code itself is not needed.     bash editors/vscode/tools/screenshot.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node "$here/render.js" "$repo/.tools/node/node_modules" "$here/sample.moat" "$tmp/sample.html"
rows=$(wc -l < "$here/sample.moat")
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1000,$((rows * 20 + 58)) --screenshot="$here/../images/highlighting.png" \
  "file://$tmp/sample.html" 2>/dev/null
echo "wrote editors/vscode/images/highlighting.png"
