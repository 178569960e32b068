#!/usr/bin/env python3
"""Diagram text stays inside its shapes where a reader sees it: in a real browser.

    python3 tests/output/test_diagram_text.py --moat build/moat --root .

Graphviz sizes each shape from the width moat measures for its label (backends/graphviz_text.cpp:
Liberation Sans widths, bold included), and the SVG names that family first, so the browser
draws the text at the widths the layout reserved. Headless Chromium (puppeteer-core from
.tools, the Debian chromium) opens the whole diagram, the overview and every sheet of the
samples, of a generated 40-element model (bench/wall_model.py) and of the hostile-strings model,
and checks, with the boxes it drew (getBBox), that every node's and boundary's label lies inside its shape and the legend's text
inside the legend's box (tests/output/svg_text_fit.js). Before, Graphviz estimated Arial widths
for regular text (bold measured as regular) while Chromium drew "Helvetica,sans-Serif" in DejaVu
Sans, wider: labels and the legend ran over their boxes. The layout itself must not depend on
the fonts installed: the SVG is byte-identical with no font configured at all, and the same
whether a PNG is built beside it. A screenshot of wall-40's overview and of a sheet go to
tests/artifacts/diagram-text/ beside the moat binary. Passes with "skip: ..." without node,
puppeteer-core or chromium; fails when Liberation Sans (fonts-liberation, scripts/setup.sh) is
missing, since the browser would then draw another font.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import moat_testlib as lib  # noqa: E402
from models import wall_models  # noqa: E402
from test_mermaid_render import browser_tools_missing, node_modules, CHROMIUM  # noqa: E402

TODAY = "2026-11-23"
FAMILY = 'font-family="Arial,Liberation Sans,Arimo,Helvetica,sans-serif"'


def fit(files, screenshot=None):
    """svg_text_fit.js over `files`: {file: {texts, problems, legend}}."""
    command = ["node", os.path.join(HERE, "svg_text_fit.js"), node_modules(), CHROMIUM]
    if screenshot:
        command += ["--screenshot", screenshot]
    r = subprocess.run(command + files, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise AssertionError(f"svg_text_fit.js exited {r.returncode}: {r.stderr}")
    return {res["file"]: res for res in json.loads(r.stdout)}


class DiagramText(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(dir=lib.scratch_dir())
        cls.out = os.path.join(cls.tmp, "out")
        cls.models = wall_models(lib.ROOT, cls.tmp)
        # The hostile strings too: right-to-left text, emoji, characters the font lacks.
        hostile = os.path.join(lib.ROOT, "tests", "models", "hostile-strings.moat")
        for model in cls.models + [hostile]:
            code, _, err = lib.run("build", "--formats", "sheets,svg", "--today", TODAY, "-o",
                                   cls.out, model)
            assert code in (0, 3), err
        cls.svgs = sorted(glob.glob(os.path.join(cls.out, "*.svg")))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_font_measured_is_installed_for_the_browser(self):
        found = subprocess.run(["fc-match", "-f", "%{family}", "Liberation Sans"],
                               capture_output=True, text=True, check=False).stdout
        self.assertIn("Liberation Sans", found,
                      "fonts-liberation is not installed: run scripts/setup.sh")

    def test_the_svg_names_the_family_measured_first(self):
        for path in self.svgs:
            with open(path, encoding="utf-8") as f:
                svg = f.read()
            self.assertIn(FAMILY, svg, path)
            self.assertNotIn("Helvetica,sans-Serif", svg, path)

    def test_text_stays_inside_its_shapes_in_chromium(self):
        folder = os.path.join(os.path.dirname(lib.MOAT), "tests", "artifacts", "diagram-text")
        os.makedirs(folder, exist_ok=True)
        overview = os.path.join(self.out, "wall-40.overview.svg")
        ordered = [overview] + [p for p in self.svgs if p != overview]
        results = fit(ordered, os.path.join(folder, "wall-40.overview.png"))
        self.assertEqual(sorted(results), sorted(ordered))
        for path, res in results.items():
            with self.subTest(svg=os.path.basename(path)):
                self.assertGreater(res["texts"], 3)
                self.assertEqual(res["problems"], [])
        # Every overview carries the legend, and the check found it.
        for path in glob.glob(os.path.join(self.out, "*.overview.svg")):
            self.assertTrue(results[path]["legend"], path)
        sheet = os.path.join(self.out, "wall-40.sheet-app1.svg")
        fit([sheet], os.path.join(folder, "wall-40.sheet-app1.png"))
        self.assertGreater(os.path.getsize(os.path.join(folder, "wall-40.overview.png")), 10000)

    def test_the_layout_does_not_depend_on_the_fonts_installed(self):
        model = self.models[-1]
        conf = lib.write_file(os.path.join(self.tmp, "no-fonts.conf"),
                              '<?xml version="1.0"?><fontconfig></fontconfig>\n')
        env = dict(os.environ, FONTCONFIG_FILE=conf)
        bare = os.path.join(self.tmp, "bare")
        # With a PNG in the same build, the old binary laid the SVG out with pango and the
        # fonts it found; with none configured its SVG differed.
        code, _, err = lib.run("build", "--formats", "sheets,svg,png", "--today", TODAY, "-o",
                               bare, model, env=env)
        self.assertIn(code, (0, 3), err)
        names = sorted(n for n in os.listdir(bare) if not n.endswith(".png"))
        self.assertGreater(len(names), 5)
        for name in names:
            with open(os.path.join(bare, name), "rb") as a, \
                    open(os.path.join(self.out, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_a_png_beside_it_does_not_change_the_svg(self):
        # A PNG is laid out by pango with the installed fonts (cairo draws only pango's text);
        # the SVG built beside it keeps moat's own measure.
        both = os.path.join(self.tmp, "both")
        code, _, err = lib.run("build", "--formats", "svg,png", "--today", TODAY, "-o", both,
                               self.models[-1])
        if "PNG needs a Graphviz PNG renderer" in err:
            self.skipTest("no Graphviz PNG renderer")
        self.assertIn(code, (0, 3), err)
        self.assertGreater(os.path.getsize(os.path.join(both, "wall-40.png")), 10000)
        with open(os.path.join(both, "wall-40.svg"), "rb") as a, \
                open(os.path.join(self.out, "wall-40.svg"), "rb") as b:
            self.assertEqual(a.read(), b.read())


def tools_present():
    if browser_tools_missing({"puppeteer-core": "package.json"}):
        return 0
    return None


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0], before=tools_present))
