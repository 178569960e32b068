#!/usr/bin/env python3
"""Runs one golden case: `moat check <case>.moat` and compares with `<case>.expected`.

The command runs with the case's folder as working directory and the case given by its bare
file name, so paths in diagnostics are stable (`fail_x.moat:12:9: ...`). The expected file's
first line is `exit: N`; the rest is the combined stderr and stdout. `<case>.args`, when present,
holds extra command-line arguments on one line.

Cases named `fail_*` must exit non-zero, all others zero.

    run_golden.py --moat build/moat tests/golden/fail_x.moat            # check
    run_golden.py --moat build/moat --update tests/golden/fail_x.moat   # rewrite the expectation
    MOAT_UPDATE_GOLDENS=1 run_golden.py ...                             # same as --update
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys


def run_case(moat, case_path):
    folder = os.path.dirname(os.path.abspath(case_path))
    name = os.path.basename(case_path)
    args = []
    args_file = os.path.splitext(os.path.abspath(case_path))[0] + ".args"
    if os.path.exists(args_file):
        with open(args_file, encoding="utf-8") as f:
            args = shlex.split(f.readline())
    proc = subprocess.run(
        [os.path.abspath(moat), "check", name] + args,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    # stderr first (diagnostics and summary), then stdout (JSON documents).
    output = proc.stderr + proc.stdout
    text = output.decode("utf-8", errors="backslashreplace")
    return proc.returncode, f"exit: {proc.returncode}\n" + text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moat", required=True, help="path to the moat binary")
    parser.add_argument("--update", "--update-goldens", action="store_true",
                        help="rewrite the .expected file instead of comparing")
    parser.add_argument("cases", nargs="+", help="golden case files (*.moat)")
    opts = parser.parse_args()
    update = opts.update or os.environ.get("MOAT_UPDATE_GOLDENS") == "1"

    failed = 0
    for case in opts.cases:
        code, actual = run_case(opts.moat, case)
        name = os.path.basename(case)
        expected_path = os.path.splitext(case)[0] + ".expected"

        must_fail = name.startswith("fail_")
        if must_fail and code == 0:
            print(f"{name}: a fail_ case must exit non-zero, but moat exited 0")
            failed += 1
        elif not must_fail and code != 0:
            print(f"{name}: expected exit 0, but moat exited {code}")
            failed += 1
        if code < 0 or code > 3:
            print(f"{name}: moat exited with {code} (crash or signal?)")
            failed += 1

        if update:
            with open(expected_path, "w", encoding="utf-8", newline="\n") as f:
                f.write(actual)
            print(f"updated {expected_path}")
            continue
        if not os.path.exists(expected_path):
            print(f"{name}: missing {expected_path} (run with --update to create it)")
            print(actual)
            failed += 1
            continue
        with open(expected_path, encoding="utf-8", newline="") as f:
            expected = f.read()
        if expected != actual:
            diff = difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile=expected_path, tofile=f"{name} (actual)")
            sys.stdout.writelines(diff)
            print()
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
