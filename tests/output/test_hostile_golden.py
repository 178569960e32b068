#!/usr/bin/env python3
"""Golden outputs of the hostile-strings model (tests/models/hostile-strings.moat): every text
format `moat build` writes, and `moat check`'s terminal output, compared byte for byte with
tests/golden_outputs/. Its names and descriptions try to break out of every format (HTML,
DOT, Markdown tables, Mermaid, CSV formulas, JSON, SARIF, terminal escapes); a change in how
any of them is escaped shows here as a diff to review.

    python3 tests/output/test_hostile_golden.py --moat build/moat --root .
    python3 tests/output/test_hostile_golden.py --moat build/moat --root . --update   # rewrite

The SVG, the PNG and the HTML report (which inlines the SVG) hold Graphviz's coordinates and are
left out: they change with the Graphviz version, and the unit and Chromium tests check them.
"""
import argparse
import difflib
import os
import subprocess
import sys
import tempfile

MODEL = "tests/models/hostile-strings.moat"
GOLDEN = "tests/golden_outputs"
FORMATS = {"dot": "dot", "mermaid": "mmd", "markdown": "report.md", "worksheet": "worksheet.html",
           "sarif": "sarif", "csv": "csv", "json": "json"}
TODAY = "2026-01-01"


def outputs(moat, root):
    """{file name: bytes} of every golden output, made now."""
    made = {}
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([moat, "build", "--today", TODAY, "--root", ".", "-o", out,
                               "--formats", ",".join(FORMATS), MODEL], cwd=root, capture_output=True)
        if proc.returncode != 0:
            raise SystemExit(f"moat build exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
        for ext in FORMATS.values():
            with open(os.path.join(out, f"hostile-strings.{ext}"), "rb") as f:
                made[f"hostile-strings.{ext}"] = f.read()
    check = subprocess.run([moat, "check", "--today", TODAY, "--root", ".", MODEL], cwd=root,
                           capture_output=True)
    made["hostile-strings.check.txt"] = f"exit: {check.returncode}\n".encode() + check.stderr + check.stdout
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moat", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    opts = parser.parse_args()
    root = os.path.abspath(opts.root)
    made = outputs(os.path.abspath(opts.moat), root)
    failed = []
    for name, data in sorted(made.items()):
        path = os.path.join(root, GOLDEN, name)
        if opts.update:
            with open(path, "wb") as f:
                f.write(data)
            continue
        with open(path, "rb") as f:
            expected = f.read()
        if data != expected:
            failed.append(name)
            diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                        data.decode(errors="replace").splitlines(),
                                        f"golden/{name}", f"now/{name}", lineterm="", n=1)
            print("\n".join(list(diff)[:60]))
    print(f"{len(made) - len(failed)} of {len(made)} outputs match" + ("" if not opts.update else " (updated)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
