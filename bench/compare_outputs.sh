#!/usr/bin/env bash
# Compares the machine outputs of two moat binaries on every model of the repository and on
# generated models: `check --format json`, `build --formats json,sarif` (with the scanner evidence
# the tests use where a model has some) and `diff --format json`. Used when a change must keep
# these outputs byte-identical (the streaming JSON writer, issue 16).
#   bench/compare_outputs.sh OLD_MOAT NEW_MOAT [SIZES...]
# SIZES: generated model sizes (default 3000 10000), from /work/shared/bench/gen_moat.py when it
# exists, else skipped. Prints each difference; exits 1 when there is one.
set -u
old=$1 new=$2
shift 2
sizes=("${@:-3000 10000}")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
today=(--today 2026-06-01)

# Runs `moat ARGS` with both binaries from DIR and compares stdout, exit code and built files.
compare() {
  local dir=$1 label=$2
  shift 2
  rm -rf "$work/old" "$work/new"
  mkdir -p "$work/old" "$work/new"
  local a b
  a=$(cd "$dir" && "$old" "${@//@OUT@/$work/old}" 2>/dev/null > "$work/old/stdout"; echo $?)
  b=$(cd "$dir" && "$new" "${@//@OUT@/$work/new}" 2>/dev/null > "$work/new/stdout"; echo $?)
  if [[ $a != "$b" ]] || ! diff -rq "$work/old" "$work/new" >/dev/null; then
    echo "DIFFERS: $label: exit $a vs $b"
    diff -rq "$work/old" "$work/new"
    failed=1
  fi
  count=$((count + 1))
}

count=0
models=()
while IFS= read -r f; do models+=("$f"); done < <(
  cd "$root" && ls samples/*.moat tests/models/*.moat tests/golden/*.moat tests/examples/*.moat \
    tests/evidence/*.moat tests/golden_outputs/*.moat 2>/dev/null)
for m in "${models[@]}"; do
  dir=$root/$(dirname "$m")
  base=$(basename "$m")
  extra=()
  args_file=$root/${m%.moat}.args
  [[ -f $args_file ]] && read -r -a extra < "$args_file"
  compare "$dir" "check json $m" check --format json "${today[@]}" "${extra[@]}" "$base"
  compare "$dir" "build json,sarif $m" build --formats json,sarif "${today[@]}" -o @OUT@ "$base"
  compare "$dir" "diff json $m" diff --format json "${today[@]}" "$base" "$base"
done

# Scanner evidence, as the tests attach it.
ev=$root/tests/evidence
logs=("$ev"/samples/*/*.sarif)
compare "$ev" "check json evidence.moat --evidence" check --format json "${today[@]}" --root "$ev" \
  --evidence "${logs[@]}" evidence.moat
compare "$ev" "build json,sarif,evidence evidence.moat --evidence" build \
  --formats json,sarif,evidence "${today[@]}" --root "$ev" --evidence "${logs[@]}" -o @OUT@ evidence.moat
demo=$root/samples/evidence-demo
compare "$root/samples" "check json evidence-demo --evidence" check --format json "${today[@]}" \
  --root "$demo" --evidence "$demo"/reports/*.sarif evidence-demo.moat
compare "$root/samples" "build json,sarif evidence-demo --evidence" build --formats json,sarif \
  "${today[@]}" --root "$demo" --evidence "$demo"/reports/*.sarif -o @OUT@ evidence-demo.moat
compare "$root/samples" "diff json clinic -> evidence-demo" diff --format json "${today[@]}" \
  clinic-booking.moat evidence-demo.moat

gen=/work/shared/bench/gen_moat.py
if [[ -f $gen ]]; then
  for n in ${sizes[@]}; do
    python3 "$gen" "$n" > "$work/gen$n.moat"
    compare "$work" "check json gen $n" check --format json "${today[@]}" "gen$n.moat"
    compare "$work" "build json,sarif gen $n" build --formats json,sarif "${today[@]}" -o @OUT@ \
      "gen$n.moat"
  done
fi
echo "$count comparisons, $([[ $failed == 0 ]] && echo all identical || echo some differ)"
exit $failed
