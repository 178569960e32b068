#!/usr/bin/env python3
"""The `moat serve` page in a real browser: the Debian chromium driven by puppeteer-core.

    python3 tests/output/test_serve_browser.py --moat build/moat --root . [--artifacts DIR]

The workshop: `moat serve` of a copy of samples/clinic-booking.moat; the page shows the diagram
with every element; a save on disk reaches the page within 2 s without a reload; a click on an
element opens its panel listing its threats; the boundary filter shows the server's view of one
boundary and the severity filter dims the elements without such an open threat; a syntax error shows the banner while the last
diagram stays; mending it takes the banner away. The hostile-strings model: clicking every node
and arrow, every Explain button and every tab opens no dialog, logs no console error (a CSP
violation is one) and runs no script. A screenshot of the workshop page is kept in DIR (default:
tests/artifacts beside the moat binary) as serve-workshop.png. Passes with "skip: ..." when node,
puppeteer-core or chromium is absent, as the Mermaid test does.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from test_mermaid_render import CHROMIUM, artifacts_argument, browser_tools_missing, node_modules  # noqa: E402

ARTIFACTS = None


def serve(model, *args, cwd=None):
    """Starts `moat serve` on any free port; returns the process and the page's URL."""
    proc = subprocess.Popen([lib.MOAT, "serve", "--port", "0", "--today", "2026-01-01", *args, model],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=cwd)
    m = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline())
    if not m:
        proc.kill()
        raise AssertionError("moat serve printed no URL")
    return proc, m.group(1)


def stop(proc):
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    proc.stdout.close()
    return proc.returncode


def drive(config):
    r = subprocess.run(["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve_browser.js"),
                        node_modules(), CHROMIUM, json.dumps(config)], capture_output=True, text=True, timeout=240)
    if r.returncode != 0:
        raise AssertionError(f"serve_browser.js exited {r.returncode}: {r.stderr}")
    out = json.loads(r.stdout)
    if "error" in out:
        raise AssertionError(f"serve_browser.js: {out['error']}")
    return out


class Workshop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="moat-serve-")
        model = os.path.join(cls.tmp.name, "clinic-booking.moat")
        shutil.copy(os.path.join(lib.ROOT, "samples", "clinic-booking.moat"), model)
        # Served from its folder, as a user would: the page names the file as given.
        proc, url = serve("clinic-booking.moat", "--root", os.path.join(lib.ROOT, "samples", "clinic-booking"),
                          cwd=cls.tmp.name)
        try:
            state = json.loads(lib_get(url + "api/state"))
            doc = state["page"]["document"]
            cls.drawn = sorted(e["id"] for e in doc["elements"] if e["kind"] not in ("boundary", "data"))
            by_element = {}
            for t in doc["threats"]:
                by_element.setdefault(t["element"], []).append(t["title"])
            kinds = {e["id"]: e["kind"] for e in doc["elements"]}
            cls.element = max((e for e in by_element if kinds.get(e) == "process"), key=lambda e: len(by_element[e]))
            cls.titles = by_element[cls.element]
            cls.boundary = next(e["id"] for e in doc["elements"] if e["kind"] == "boundary")
            cls.inside = {e["id"] for e in doc["elements"]
                          if e["boundary"] == cls.boundary and e["id"] in cls.drawn}
            # Elements without an open threat of high severity or above are dimmed by that filter.
            severities = state["page"]["severities"]
            high = severities.index("high")
            hot = {t["element"] for t in doc["threats"]
                   if t["status"] == "open" and severities.index(t["severity"]) >= high}
            cls.cold = sorted(set(cls.drawn) - hot)
            screenshot = os.path.join(ARTIFACTS, "serve-workshop.png") if ARTIFACTS else None
            cls.out = drive({"scenario": "workshop", "url": url, "model": model, "element": cls.element,
                             "boundary": cls.boundary, "severity": high, "screenshot": screenshot})
        finally:
            cls.exit = stop(proc)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_diagram_shows_every_element(self):
        self.assertEqual(self.out["title"], "Clinic booking")
        self.assertEqual(sorted(self.out["nodes"]), self.drawn)

    def test_a_save_updates_the_page_within_two_seconds_without_reload(self):
        self.assertIn("auditor", self.out["nodes_after_save"])
        self.assertLess(self.out["update_ms"], 2000)
        self.assertTrue(self.out["same_document"])
        self.assertIn("1 new element", self.out["since"])

    def test_click_opens_the_panel_with_its_threats(self):
        self.assertTrue(self.out["selected_marked"])
        for title in self.titles:
            self.assertIn(title, self.out["panel"])
        for heading in ("Attributes (", "STRIDE", f"Threats ({len(self.titles)})"):
            self.assertIn(heading, self.out["panel"])

    def test_filters_by_boundary_and_severity(self):
        self.assertLessEqual(self.inside, set(self.out["boundary_nodes"]))
        self.assertLess(len(self.out["boundary_nodes"]), len(self.out["nodes_after_save"]))
        self.assertEqual(sorted(set(self.out["dimmed"]) - {"auditor"}), self.cold)
        self.assertTrue(self.cold)

    def test_a_syntax_error_shows_the_banner_and_keeps_the_diagram(self):
        self.assertIn("error", self.out["banner"])
        self.assertRegex(self.out["banner"], r"clinic-booking\.moat:\d+:\d+")
        self.assertEqual(self.out["nodes_during_error"], self.out["nodes_after_save"])
        self.assertTrue(self.out["panel_during_error"])
        self.assertEqual(sorted(self.out["nodes_mended"]), self.drawn)
        self.assertTrue(self.out["same_document_at_end"])

    def test_no_error_in_the_browser_and_a_clean_stop(self):
        self.assertEqual(self.out["dialogs"], [])
        self.assertEqual(self.out["console_errors"], [])
        self.assertEqual(self.out["page_errors"], [])
        self.assertEqual(self.out["requests_failed"], [])
        self.assertEqual(self.exit, 0)


class Hostile(unittest.TestCase):
    def test_hostile_strings_render_inert(self):
        model = os.path.join(lib.ROOT, "tests", "models", "hostile-strings.moat")
        proc, url = serve(model)
        try:
            out = drive({"scenario": "hostile", "url": url})
        finally:
            stop(proc)
        self.assertGreater(len(out["nodes"]), 2)
        self.assertIn("<script>", out["title"])  # shown as text
        self.assertEqual(out["dialogs"], [])
        self.assertEqual(out["console_errors"], [])
        self.assertEqual(out["page_errors"], [])
        self.assertEqual(out["problems"], [])


def lib_get(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")


def tools_present():
    if browser_tools_missing({"puppeteer-core": "package.json"}):
        return 0
    global ARTIFACTS
    if ARTIFACTS is None:
        ARTIFACTS = os.path.join(os.path.dirname(lib.MOAT), "tests", "artifacts")
    os.makedirs(ARTIFACTS, exist_ok=True)
    return None


if __name__ == "__main__":
    ARTIFACTS = artifacts_argument()
    sys.exit(lib.main(__doc__.splitlines()[0], before=tools_present))
