#!/usr/bin/env python3
"""Wall-diagram benchmark: edge crossings and A3 fit of the diagrams `moat build` writes, read
from the coordinates Graphviz laid out (bench/svg_layout.py). For the samples and for generated
models: bench/wall_model.py at 40 and 80 elements (the shape of issue 18's model) and, when the
build has it, bench/generate_model at 40 and 80 (dense: about 3 flows per element, one boundary).
For each model: the whole diagram (STEM.svg) and, when the moat under test writes them, the
overview and the per-boundary sheets. A binary without the `sheets` format (an older moat)
gets the whole diagram only, so the same script measures before and after.
Figures go into docs/performance.md ("Wall diagrams").

usage: diagram_layout.py MOAT [--generator BUILD/generate_model] [--keep DIR]"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from svg_layout import Layout  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def models(out, generator):
    found = sorted(glob.glob(os.path.join(ROOT, "samples", "*.moat")))
    for n in (40, 80):
        path = os.path.join(out, f"wall-{n}.moat")
        subprocess.run([sys.executable, os.path.join(HERE, "wall_model.py"), str(n), "-o", path],
                       check=True)
        found.append(path)
    if generator and os.path.exists(generator):
        for n in (40, 80):
            path = os.path.join(out, f"dense-{n}.moat")
            subprocess.run([generator, str(n), "-o", path], check=True)
            found.append(path)
    return found


def build(moat, model, out):
    """Builds the diagrams; returns the SVG files written, the whole diagram first."""
    stem = os.path.splitext(os.path.basename(model))[0]
    for formats in ("svg,sheets", "svg"):
        r = subprocess.run([moat, "build", "--formats", formats, "-o", out, model],
                           capture_output=True, text=True)
        if r.returncode in (0, 3) or "unknown format" not in r.stderr:
            break
    files = [os.path.join(out, stem + ".svg")]
    files += [os.path.join(out, stem + ".overview.svg")]
    files += sorted(glob.glob(os.path.join(out, stem + ".sheet-*.svg")))
    return [f for f in files if os.path.exists(f)]


def row(model, path):
    lay = Layout(path)
    smallest, fits = lay.a3()
    name = os.path.basename(path)[len(model) + 1:]
    return (f"| {model} | {name} | {len(lay.nodes)} | {len(lay.edges)} | {lay.crossings()} | "
            f"{lay.width_pt:.0f} x {lay.height_pt:.0f} | {smallest:.1f} | {'yes' if fits else 'no'} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("moat")
    ap.add_argument("--generator", help="bench/generate_model binary (dense models)")
    ap.add_argument("--keep", help="write the diagrams here instead of a temporary folder")
    args = ap.parse_args()
    out = args.keep or tempfile.mkdtemp()
    os.makedirs(out, exist_ok=True)
    print("| model | diagram | nodes | arrows | crossings | size (pt) | smallest text on A3 (pt) "
          "| fits A3 at 9 pt |")
    print("|---|---|---|---|---|---|---|---|")
    for model in models(out, args.generator):
        stem = os.path.splitext(os.path.basename(model))[0]
        for path in build(args.moat, model, out):
            print(row(stem, path), flush=True)


if __name__ == "__main__":
    main()
