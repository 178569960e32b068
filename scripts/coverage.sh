#!/usr/bin/env bash
# Line and branch coverage of compiler/ and analyzer/ from the whole CTest suite.
#   scripts/coverage.sh [build-dir]      (default: build-cov in the checkout)
# Needs gcovr (Debian package `gcovr`). Prints a per-folder table, totals and the least-covered
# files; writes HTML to <build-dir>/coverage/index.html and JSON to <build-dir>/coverage/.
# Exits non-zero if configuring, building or any test fails (the report is still written after
# test failures, but its figures then describe a failing suite).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(realpath -m "${1:-$repo/build-cov}")"
out="$build/coverage"
command -v gcovr >/dev/null || { echo "coverage: gcovr not found (apt-get install gcovr)" >&2; exit 2; }
start=$SECONDS

# Instrumented gcc build at -O0, so lines and branches map to the source as written. moat parses
# and renders on several threads: atomic counter updates keep the counts exact (without them
# gcov can report negative branch counts, which gcovr refuses).
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_FLAGS="--coverage -O0 -g -fprofile-update=atomic" -DCMAKE_EXE_LINKER_FLAGS="--coverage"
cmake --build "$build"

# Counters accumulate across runs (and doctest's test discovery runs the unit-test binary at
# build time), so start from zero right before the suite.
find "$build" -name '*.gcda' -delete
status=0
ctest --test-dir "$build" -j2 --output-on-failure || status=$?

# Only compiler/ and analyzer/ sources and headers: this drops tests, the generated stdlib
# source in the build dir, grammar/, and PEGTL/fmt/std template code in system headers (and
# CMake's compiler probe, which --coverage also instruments).
# Branches on exception paths the compiler adds (throw/unwind) are not counted.
mkdir -p "$out"
cd "$repo"
gcovr --root "$repo" --object-directory "$build" --exclude-directories "$build/CMakeFiles/[0-9]" \
  --filter 'compiler/' --filter 'analyzer/' \
  --exclude-throw-branches --exclude-unreachable-branches \
  --json-summary "$out/summary.json" --json-summary-pretty --html-details "$out/index.html"

# Per-folder table, totals and the ten least-covered files (by line %), from gcovr's summary.
python3 - "$out/summary.json" <<'EOF'
import json, sys
files = json.load(open(sys.argv[1]))["files"]
def pct(c, t): return f"{100.0 * c / t:6.1f}%" if t else "     -"
def row(name, fs):
    lc, lt = sum(f["line_covered"] for f in fs), sum(f["line_total"] for f in fs)
    bc, bt = sum(f["branch_covered"] for f in fs), sum(f["branch_total"] for f in fs)
    print(f"{name:<34} {pct(lc, lt)} {lc:>6}/{lt:<6} {pct(bc, bt)} {bc:>6}/{bt:<6}")
print(f"{'folder':<34} {'lines':>21} {'branches':>21}")
for d in ("compiler", "analyzer"):
    row(d + "/", [f for f in files if f["filename"].startswith(d + "/")])
row("total", files)
print("\nleast-covered files (by line %):")
for f in sorted(files, key=lambda f: (f["line_percent"], -f["line_total"]))[:10]:
    row(f["filename"], [f])
EOF
echo "coverage: HTML in $out/index.html; took $((SECONDS - start)) s"
[ "$status" -eq 0 ] || echo "coverage: ctest failed (exit $status)" >&2
exit "$status"
