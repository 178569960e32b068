#!/usr/bin/env bash
# Generates synthetic models of 1k, 10k and 100k elements (about 3 flows per element) and runs
# the benchmark on them. Usage: bench/run.sh [BUILD_DIR]. Figures go into docs/performance.md.
set -euo pipefail
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 1000 10000 100000; do
  "$build/generate_model" "$n" -o "$out/model-$((n / 1000))k.moat"
done
"$build/moat_bench" --repeat 3 "$out/model-1k.moat" "$out/model-10k.moat" "$out/model-100k.moat"
