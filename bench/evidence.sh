#!/usr/bin/env bash
# Times `moat check --evidence` with 100,000 Semgrep-shaped results on a 10,000-element model
# whose elements each own a folder and a file (bench/gen_evidence.py): reading the log,
# classifying every result and attaching it to the elements whose code covers it.
# Usage: bench/evidence.sh [BUILD_DIR] [ELEMENTS] [RESULTS]. Figures go into docs/performance.md.
set -euo pipefail
build=${1:-build}
elements=${2:-10000}
results=${3:-100000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$(dirname "$0")/gen_evidence.py" "$elements" "$results" "$out"
for run in 1 2 3; do
  /usr/bin/time -f "check --evidence ($elements elements, $results results), run $run: %e s wall, %U s user, %M KiB peak" \
    "$build/moat" check --today 2026-12-06 --root "$out" --quiet-locations --evidence "$out/semgrep.sarif" \
    "$out/model.moat" 2>&1 >/dev/null | grep '^check --evidence'
done
