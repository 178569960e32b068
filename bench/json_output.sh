#!/usr/bin/env bash
# Times the large machine outputs (issue 16): `moat check` as text and as JSON, and
# `moat build --formats json,sarif`, on generated models. Each row is the median of RUNS whole-process
# runs, with the largest peak RSS of those runs and the load average when it ran (other work on
# the machine changes the figures; say so with them). Figures go into docs/performance.md.
# Usage: [RUNS=5] [MODELS=DIR] bench/json_output.sh [BUILD_DIR] [SIZES...]
#        (default: build 3000 100000)
# The models come from gen_moat.py (GEN_MOAT, default /work/shared/bench/gen_moat.py: the shape
# the issue's figures used); without it the script says so and stops (nothing else needs it).
set -euo pipefail
build=${1:-build}
shift || true
sizes=("${@:-3000 100000}")
runs=${RUNS:-5}
gen=${GEN_MOAT:-/work/shared/bench/gen_moat.py}
if [[ ! -f $gen ]]; then
  echo "json_output.sh: $gen not found (set GEN_MOAT to gen_moat.py)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# Runs `moat ARGS` RUNS times; prints the median wall and CPU (user + system) times, the largest
# peak RSS and the load average (on a shared machine the CPU time is the steadier figure).
row() {
  local label=$1
  shift
  local walls=() cpus=() peak=0 wall user sys kib
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$build/moat" "$@" >/dev/null 2>&1 || true
    read -r wall user sys kib < "$work/time"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    ((kib > peak)) && peak=$kib
  done
  printf '%-30s wall %6.3f s  cpu %6.3f s  peak %5d MB  load %s\n' "$label" \
    "$(median "${walls[@]}")" "$(median "${cpus[@]}")" $((peak / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

for n in ${sizes[@]}; do
  # MODELS=DIR: reuse DIR/genN.moat made before (generating 100,000 elements takes minutes).
  if [[ -n ${MODELS:-} && -f $MODELS/gen$n.moat ]]; then
    cp "$MODELS/gen$n.moat" "$work/model$n.moat"
  else
    python3 "$gen" "$n" > "$work/model$n.moat"
  fi
  row "check text $n" check --today 2026-06-01 "$work/model$n.moat"
  row "check --format json $n" check --format json --today 2026-06-01 "$work/model$n.moat"
  row "build --formats json,sarif $n" build --formats json,sarif --today 2026-06-01 \
    -o "$work/out" "$work/model$n.moat"
done
