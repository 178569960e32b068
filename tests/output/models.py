"""The models the output tests run on: the samples, the test models, the golden cases and, when
this checkout sits beside them, the shared examples. Paths are absolute, sorted and unique."""
import glob
import os

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
