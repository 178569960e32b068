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
import difflib
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

MODEL = "tests/models/hostile-strings.moat"
GOLDEN = "tests/golden_outputs"
FORMATS = {"dot": "dot", "mermaid": "mmd", "markdown": "report.md", "worksheet": "worksheet.html",
           "sarif": "sarif", "csv": "csv", "json": "json"}
TODAY = "2026-01-01"


def outputs():
    """{file name: bytes} of every golden output, made now."""
    made = {}
    with tempfile.TemporaryDirectory() as out:
        r = lib.run("build", "--today", TODAY, "--root", ".", "-o", out, "--formats", ",".join(FORMATS),
                    MODEL, cwd=lib.ROOT, binary=True)
        if r.returncode != 0:
            raise SystemExit(f"moat build exited {r.returncode}:\n{r.stderr.decode(errors='replace')}")
        for ext in FORMATS.values():
            with open(os.path.join(out, f"hostile-strings.{ext}"), "rb") as f:
                made[f"hostile-strings.{ext}"] = f.read()
    check = lib.run("check", "--today", TODAY, "--root", ".", MODEL, cwd=lib.ROOT, binary=True)
    made["hostile-strings.check.txt"] = f"exit: {check.returncode}\n".encode() + check.stderr + check.stdout
    return made


def main():
    opts = lib.parse_args(__doc__.splitlines()[0], known_only=False, add_arguments=lambda p: p.add_argument(
        "--update", action="store_true", help="rewrite the golden files"))
    made = outputs()
    checks = lib.Checks("hostile-strings golden outputs")
    for name, data in sorted(made.items()):
        path = os.path.join(lib.ROOT, GOLDEN, name)
        if opts.update:
            lib.write_file(path, data)
            continue
        with open(path, "rb") as f:
            expected = f.read()
        if not checks.check(data == expected, f"{name} differs from {GOLDEN}/{name}"):
            diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                        data.decode(errors="replace").splitlines(),
                                        f"golden/{name}", f"now/{name}", lineterm="", n=1)
            print("\n".join(list(diff)[:60]))
    if opts.update:
        print(f"{len(made)} outputs updated")
        return 0
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
