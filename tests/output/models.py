"""The models the output tests run on: the samples, the test models, the golden cases and, when
this checkout sits beside them, the shared examples. Paths are absolute, sorted and unique."""
import glob
import os
import subprocess
import sys

TODAY = "2026-11-23"


def all_models(root, golden=True):
    root = os.path.abspath(root)
    patterns = [
        os.path.join(root, "samples", "*.moat"),
        os.path.join(root, "tests", "models", "*.moat"),
        os.path.join(root, "..", "shared", "examples", "*.moat"),
        os.path.join(root, "..", "shared", "examples", "saas-soc2", "before.moat"),
        os.path.join(root, "..", "shared", "examples", "saas-soc2", "after.moat"),
    ]
    if golden:
        patterns.append(os.path.join(root, "tests", "golden", "*.moat"))
    found = set()
    for pattern in patterns:
        found.update(os.path.normpath(p) for p in glob.glob(pattern))
    return sorted(found)


def wall_models(root, folder, sizes=(40,)):
    """The samples, then bench/wall_model.py's model of each size written into `folder` as
    wall-N.moat (the shape of issue 18's workshop model): the wall diagrams' test models."""
    root = os.path.abspath(root)
    found = sorted(glob.glob(os.path.join(root, "samples", "*.moat")))
    for n in sizes:
        path = os.path.join(folder, f"wall-{n}.moat")
        subprocess.run([sys.executable, os.path.join(root, "bench", "wall_model.py"), str(n), "-o",
                        path], check=True)
        found.append(path)
    return found
