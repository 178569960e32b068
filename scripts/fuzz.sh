#!/usr/bin/env bash
# Fuzzes the moat front end with libFuzzer (docs/testing.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 s for each of the targets below
#
# Configures a clang build with -DMOAT_FUZZ=ON in build-fuzz (or $MOAT_FUZZ_BUILD), replays the
# inputs kept in tests/fuzz/regressions/, then runs each target for SECONDS with the seed corpus
# (tests/fuzz/corpus_NAME for a target fuzz_NAME with an input format of its own, else
# tests/fuzz/corpus) and the dictionary. New interesting inputs go to BUILD/fuzz-corpus/TARGET
# (the seeds in the repository are only read); crash, timeout, leak and out-of-memory inputs go to
# tests/fuzz/crashes/TARGET-*. A crash does not end the time: the target restarts, up to
# $MOAT_FUZZ_RESTARTS times. Exits 1 when any input was kept in crashes/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build=${MOAT_FUZZ_BUILD:-$root/build-fuzz}
restarts=${MOAT_FUZZ_RESTARTS:-10}
crashes=$root/tests/fuzz/crashes
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_parser fuzz_pipeline fuzz_rules)
  [ -f "$root/compiler/formatter.hpp" ] && targets+=(fuzz_fmt)
fi

cxx=${CXX:-clang++}
if ! command -v "$cxx" >/dev/null ||
   ! "$cxx" -print-file-name=libclang_rt.fuzzer-x86_64.a | grep -q /; then
  echo "fuzz: needs clang with libFuzzer: apt-get install clang libclang-rt-14-dev" >&2
  exit 2
fi

CXX=$cxx cmake --no-warn-unused-cli -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOAT_FUZZ=ON >/dev/null
ninja -C "$build" "${targets[@]}"

mkdir -p "$crashes"
found_before=$(find "$crashes" -type f ! -name '.gitignore' | wc -l)
for target in "${targets[@]}"; do
  bin=$build/$target
  work=$build/fuzz-corpus/$target
  mkdir -p "$work"
  seeds=$root/tests/fuzz/corpus_${target#fuzz_}
  [ -d "$seeds" ] || seeds=$root/tests/fuzz/corpus
  dict=$root/tests/fuzz/${target#fuzz_}.dict
  [ -f "$dict" ] || dict=$root/tests/fuzz/moat.dict
  # Every kept regression must still pass before new time is spent.
  if compgen -G "$root/tests/fuzz/regressions/*" >/dev/null; then
    echo "== $target: replaying tests/fuzz/regressions"
    "$bin" -runs=1 "$root"/tests/fuzz/regressions/* >"$work.replay.log" 2>&1 || {
      echo "$target: a kept regression fails again; see $work.replay.log" >&2
      exit 1
    }
  fi
  echo "== $target: fuzzing for $seconds s"
  start=$(date +%s)
  runs=0
  while :; do
    left=$((seconds - ($(date +%s) - start)))
    [ "$left" -gt 0 ] && [ "$runs" -le "$restarts" ] || break
    runs=$((runs + 1))
    "$bin" "$work" "$seeds" -dict="$dict" \
      -max_total_time="$left" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$crashes/$target-" 2>&1 |
      grep -E '^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit)' || true
  done
  echo "== $target: $(($(date +%s) - start)) s, corpus $(find "$work" -type f | wc -l) new inputs"
done

found=$(find "$crashes" -type f ! -name '.gitignore' | wc -l)
if [ "$found" -gt "$found_before" ]; then
  echo "fuzz: $((found - found_before)) new input(s) in tests/fuzz/crashes: minimise each with" >&2
  echo "  $build/TARGET -minimize_crash=1 -runs=10000 -exact_artifact_path=OUT INPUT" >&2
  exit 1
fi
