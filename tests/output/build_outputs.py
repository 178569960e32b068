"""Runs moat for the output tests: `moat build` of one format for every model that compiles, and
`moat check --format json`. The binary and the repository are moat_testlib's MOAT and ROOT."""
import json
import os

import moat_testlib as lib
from models import TODAY, all_models


def model_root(model):
    """The --root a model is built with: the repository for its own models, else its folder."""
    inside = os.path.commonpath([lib.ROOT, model]) == lib.ROOT
    return lib.ROOT if inside else os.path.dirname(model)


def build(model, fmt, out, extra=()):
    """Builds `model` into `out`; returns the written file, or None when the model has errors."""
    r = lib.run("build", "--formats", fmt, "--today", TODAY, "-o", out, "--root", model_root(model),
                *extra, model, cwd=lib.ROOT, errors="replace")
    if r.returncode == 1:
        return None
    if r.returncode != 0:
        raise AssertionError(f"moat build {model} exited {r.returncode}: {r.stderr}")
    stem = os.path.splitext(os.path.basename(model))[0]
    return os.path.join(out, f"{stem}.{fmt}")


def build_all(fmt, out, golden=True):
    """(model, file) for every model that compiles, each into its own folder under `out`."""
    built = []
    for i, model in enumerate(all_models(lib.ROOT, golden)):
        folder = os.path.join(out, str(i))
        os.makedirs(folder)
        path = build(model, fmt, folder)
        if path:
            built.append((model, path))
    return built


def check_json(*args):
    """The object (`format_version` and `models`) of `moat check --format json ARGS...` as of
    TODAY, run in the repository; an exit code other than 0, 1 or 3 is a failure."""
    r = lib.run("check", "--format", "json", "--today", TODAY, *args, cwd=lib.ROOT, errors="replace")
    if r.returncode not in (0, 1, 3):
        raise AssertionError(f"moat check exited {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)


ANNOTATED_MODEL = """model "Annotated" { version = "1.0" }
rule no_tls "No TLS" { applies = process, category = information_disclosure, severity = low, when = true }
process api "API" { code = ["src/service.py:2", "src/"] }
mitigation tls "TLS everywhere" { mitigates = [api], status = planned, evidence = ["src/service.py"] }
"""

ANNOTATED_SOURCE = "// @moat mitigation tls\n# @moat element api\n-- @moat threat api.no_tls\n"


def build_annotated(fmt, out):
    """(model, file) for a model whose code carries @moat annotations, built with --scan. The
    model and its code are written under `out`, so no annotation lives in the repository."""
    repo = os.path.join(out, "annotated")
    model = lib.write_file(os.path.join(repo, "annotated.moat"), ANNOTATED_MODEL)
    lib.write_file(os.path.join(repo, "src", "service.py"), ANNOTATED_SOURCE)
    folder = os.path.join(out, "annotated-out")
    os.makedirs(folder)
    return model, build(model, fmt, folder, extra=("--scan",))
