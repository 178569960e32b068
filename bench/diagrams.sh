#!/usr/bin/env bash
# Times the diagram formats that lay out (`moat build --formats svg,html`) and Mermaid on models
# whose shape stresses the diagram view: the four shapes of bench/diagram_shapes.py and, when
# this checkout sits beside ../shared, the model of ../shared/bench/gen_moat.py (the shape OWASP
# pytm and Threagile were timed on). Whole process, as a user runs it; median of RUNS (default
# 3). Also prints what each diagram's heading says it left out. Figures go into
# docs/performance.md ("Diagrams of any shape").
# Usage: bench/diagrams.sh [BUILD_DIR] [N] [RUNS]
set -euo pipefail
build=${1:-build}
n=${2:-10000}
runs=${3:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
models=()
for shape in wide deep flat giant; do
  python3 "$here/diagram_shapes.py" "$shape" "$n" -o "$out/$shape-$n.moat"
  models+=("$out/$shape-$n.moat")
done
if [ -f "$here/../../shared/bench/gen_moat.py" ]; then
  python3 "$here/../../shared/bench/gen_moat.py" "$n" >"$out/gen_moat-$n.moat"
  models+=("$out/gen_moat-$n.moat")
fi
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in "${models[@]}"; do
  name=$(basename "$m" .moat)
  for formats in svg,html mermaid; do
    times=()
    for _ in $(seq "$runs"); do
      rm -rf "$out/b"
      start=$(date +%s.%N)
      "$build/moat" build --formats "$formats" -o "$out/b" "$m" >/dev/null 2>&1 || [ $? -eq 3 ]
      times+=("$(echo "$(date +%s.%N) - $start" | bc)")
    done
    printf '%-16s %-9s median %6.2f s (runs: %s)\n' "$name" "$formats" \
      "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
  done
  grep -o 'left out to stay readable: [^;]*' "$out/b/$name.mmd" | head -1 | sed 's/^/    mermaid: /' || true
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
