#!/usr/bin/env bash
# Installs the Debian packages moat needs to build and test, only those missing.
# Safe to run repeatedly: when everything is present it does nothing.
set -euo pipefail
packages=(build-essential cmake ninja-build g++ tao-pegtl-dev libfmt-dev nlohmann-json3-dev libgraphviz-dev
          doctest-dev libcli11-dev python3 python3-jsonschema chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
