"""Runs `moat build` for the output tests: one format, every model that compiles."""
import os
import subprocess

from models import TODAY, all_models


def model_root(root, model):
    """The --root a model is built with: the repository for its own models, else its folder."""
    root = os.path.abspath(root)
    inside = os.path.commonpath([root, model]) == root
    return root if inside else os.path.dirname(model)


def build(moat, root, model, fmt, out, extra=()):
    """Builds `model` into `out`; returns the written file, or None when the model has errors."""
    proc = subprocess.run([moat, "build", "--formats", fmt, "--today", TODAY, "-o", out,
                           "--root", model_root(root, model), *extra, model],
                          cwd=root, capture_output=True, text=True, errors="replace")
    if proc.returncode == 1:
        return None
    if proc.returncode != 0:
        raise AssertionError(f"moat build {model} exited {proc.returncode}: {proc.stderr}")
    stem = os.path.splitext(os.path.basename(model))[0]
    return os.path.join(out, f"{stem}.{fmt}")


def build_all(moat, root, fmt, out, golden=True):
    """(model, file) for every model that compiles, each into its own folder under `out`."""
    built = []
    for i, model in enumerate(all_models(root, golden)):
        folder = os.path.join(out, str(i))
        os.makedirs(folder)
        path = build(moat, root, model, fmt, folder)
        if path:
            built.append((model, path))
    return built


ANNOTATED_MODEL = """model "Annotated" { version = "1.0" }
rule no_tls "No TLS" { applies = process, category = information_disclosure, severity = low, when = true }
process api "API" { code = ["src/service.py:2", "src/"] }
mitigation tls "TLS everywhere" { mitigates = [api], status = planned, evidence = ["src/service.py"] }
"""

ANNOTATED_SOURCE = "// @moat mitigation tls\n# @moat element api\n-- @moat threat api.no_tls\n"


def build_annotated(moat, root, fmt, out):
    """(model, file) for a model whose code carries @moat annotations, built with --scan. The
    model and its code are written under `out`, so no annotation lives in the repository."""
    repo = os.path.join(out, "annotated")
    os.makedirs(os.path.join(repo, "src"))
    model = os.path.join(repo, "annotated.moat")
    with open(model, "w", encoding="utf-8") as f:
        f.write(ANNOTATED_MODEL)
    with open(os.path.join(repo, "src", "service.py"), "w", encoding="utf-8") as f:
        f.write(ANNOTATED_SOURCE)
    folder = os.path.join(out, "annotated-out")
    os.makedirs(folder)
    return model, build(moat, root, model, fmt, folder, extra=("--scan",))
