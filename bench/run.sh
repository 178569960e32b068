#!/usr/bin/env bash
# Generates synthetic models of 1k, 10k and 100k elements (about 3 flows per element), runs the
# benchmark on them, then times every output format and `moat build` of the 1k and 10k models.
# Usage: bench/run.sh [BUILD_DIR]. Figures go into docs/performance.md.
set -euo pipefail
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 1000 10000 100000; do
  "$build/generate_model" "$n" -o "$out/model-$((n / 1000))k.moat"
done
"$build/moat_bench" --repeat 3 "$out/model-1k.moat" "$out/model-10k.moat" "$out/model-100k.moat"

# Every output format of the 1k and 10k models, each on its own, then `moat build` of all of
# them as a user runs it (all cores, one shared layout, files written and flushed).
"$build/moat_bench" --repeat 1 --backends "$out/model-1k.moat" "$out/model-10k.moat" | sed -n '/each format alone/,$p'
for m in 1k 10k; do
  for run in 1 2 3; do
    rm -rf "$out/build-$m"
    /usr/bin/time -f "moat build model-$m.moat (all formats), run $run: %e s wall, %U s user, %S s sys, %M KiB peak" \
      "$build/moat" build "$out/model-$m.moat" --root "$out" -o "$out/build-$m" 2>&1 >/dev/null | grep '^moat build'
  done
done

# Scanner results attached to a 10,000-element model (100,000 results).
bash "$(dirname "$0")/evidence.sh" "$build"
