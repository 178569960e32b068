#!/usr/bin/env python3
"""Renders every Mermaid file moat writes with the real Mermaid library in headless Chromium.

    python3 tests/output/test_mermaid_render.py --moat build/moat --root . [--artifacts DIR]

The `mermaid` and `puppeteer-core` npm packages (pinned, installed by scripts/setup.sh into
.tools/node) drive the Debian `chromium`; nothing is downloaded here. Mermaid runs with its
default configuration, the one GitHub renders with: at most 500 arrows and 50,000 characters
of text, securityLevel "strict". The models are the samples, the test models (the hostile
strings among them) and models of 300 and 2,000 elements from the project's generate_model,
plus two shapes from bench/diagram_shapes.py that only fit after arrows are left out. Each
must render without an error, within the limits, and the hostile strings must run no script.
Passes with "skip: ..." when node, the npm packages or chromium are absent. With --artifacts,
the rendering of the 2,000-element model is saved there as mermaid-2000.png to look at.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from models import TODAY, all_models  # noqa: E402
from build_outputs import model_root  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
MAX_ARROWS = 500
MAX_TEXT = 50_000
ARTIFACTS = None


def node_modules():
    return os.path.join(lib.ROOT, ".tools", "node", "node_modules")


def build_mmd(model, out):
    """`moat build --formats mermaid` of `model` into `out`: the .mmd file, or None on errors."""
    r = lib.run("build", "--formats", "mermaid", "--today", TODAY, "-o", out, "--root", model_root(model),
                model, cwd=lib.ROOT, errors="replace")
    if r.returncode == 1:
        return None
    if r.returncode != 0:
        raise AssertionError(f"moat build {model} exited {r.returncode}: {r.stderr}")
    return os.path.join(out, os.path.splitext(os.path.basename(model))[0] + ".mmd")


def generated(tmp):
    """Large models: generate_model (beside the moat binary) and bench/diagram_shapes.py."""
    made = []
    for n in (2000, 300):  # the 2,000-element one first: it is the one photographed
        path = os.path.join(tmp, f"generated-{n}.moat")
        subprocess.run([os.path.join(os.path.dirname(lib.MOAT), "generate_model"), str(n), "-o", path],
                       check=True)
        made.append(path)
    for shape in ("wide", "flat"):
        path = os.path.join(tmp, f"shape-{shape}.moat")
        subprocess.run([sys.executable, os.path.join(lib.ROOT, "bench", "diagram_shapes.py"), shape, "2000",
                        "-o", path], check=True)
        made.append(path)
    return made


def arrows(text):
    """Mermaid link statements: each arrow line of moat's flowcharts holds one `-->|`-like link."""
    return sum(1 for line in text.splitlines() if any(a in line for a in ("-->|", "==>|", "<-->|")))


class MermaidRenderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        models = generated(cls.tmp.name) + all_models(lib.ROOT, golden=False)
        cls.files = []
        for i, model in enumerate(models):
            folder = os.path.join(cls.tmp.name, str(i))
            os.makedirs(folder)
            path = build_mmd(model, folder)
            if path:
                cls.files.append((model, path))
        command = ["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "mermaid_render.js"),
                   node_modules(), CHROMIUM]
        if ARTIFACTS:
            os.makedirs(ARTIFACTS, exist_ok=True)
            command += ["--screenshot", os.path.join(ARTIFACTS, "mermaid-2000.png")]
        r = subprocess.run(command + [p for _, p in cls.files], capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise AssertionError(f"mermaid_render.js exited {r.returncode}: {r.stderr}")
        cls.results = {res["file"]: res for res in json.loads(r.stdout)}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_covers_the_models_asked_for(self):
        names = [os.path.basename(m) for m, _ in self.files]
        for wanted in ("generated-300.moat", "generated-2000.moat", "hostile-strings.moat",
                       "clinic-booking.moat"):
            self.assertIn(wanted, names)

    def test_within_mermaid_limits(self):
        for model, path in self.files:
            with self.subTest(model=os.path.basename(model)):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                self.assertLessEqual(len(text), MAX_TEXT)
                self.assertLessEqual(arrows(text), MAX_ARROWS)

    def test_large_models_say_what_was_left_out(self):
        for model, path in self.files:
            if not os.path.basename(model).startswith(("generated-2000", "shape-")):
                continue
            with self.subTest(model=os.path.basename(model)):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                self.assertTrue(text.startswith("---\ntitle: "), text[:200])
                title = text.splitlines()[1]
                self.assertTrue("collapsed" in title or "left out" in title or "one box" in title, title)

    def test_renders_without_error_or_script(self):
        self.assertEqual(len(self.results), len(self.files))
        for model, path in self.files:
            with self.subTest(model=os.path.basename(model)):
                res = self.results[path]
                self.assertTrue(res["ok"], res.get("error"))
                self.assertEqual(res["problems"], [])
                self.assertGreater(res["svg_chars"], 1000)


def browser_tools_missing(packages):
    """What a test in headless Chromium lacks: node, chromium, and of `packages` (npm package
    name -> a file it installs, relative to its folder) those not in the tools folder. Prints
    the skip line when something is missing; returns the list."""
    missing = [what for what, there in (
        ("node", shutil.which("node")),
        ("chromium", os.path.exists(CHROMIUM)),
        *((name, os.path.exists(os.path.join(node_modules(), name, marker)))
          for name, marker in packages.items()),
    ) if not there]
    if missing:
        print(f"skip: {', '.join(missing)} not installed (scripts/setup.sh installs them)")
    return missing


def artifacts_argument():
    """`--artifacts DIR` taken out of sys.argv: DIR as an absolute path, or None."""
    if "--artifacts" not in sys.argv:
        return None
    at = sys.argv.index("--artifacts")
    folder = os.path.abspath(sys.argv[at + 1])
    del sys.argv[at:at + 2]
    return folder


def tools_present():
    if browser_tools_missing({"mermaid": os.path.join("dist", "mermaid.min.js"),
                              "puppeteer-core": "package.json"}):
        return 0
    return None


if __name__ == "__main__":
    ARTIFACTS = artifacts_argument()
    sys.exit(lib.main(__doc__.splitlines()[0], before=tools_present))
