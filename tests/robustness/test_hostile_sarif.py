#!/usr/bin/env python3
"""Hostile SARIF: strings from a scanner's log (tool and rule names, rule ids, messages, paths,
suppression justifications) carry terminal escapes, HTML, Markdown and spreadsheet formulas.
None of it may act in any output: no raw escape byte on the terminal or in a file, no live tag
in the HTML or Markdown report, and JSON that parses back to the same text.

    python3 tests/robustness/test_hostile_sarif.py --moat build/moat --root .

Only the Python standard library is used.
"""
import hashlib
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

LIVE_MARKUP = ["<script", "<img", "<iframe", "<svg onload", "<b>scanner</b>", "href=\"javascript:"]
LIVE_MARKDOWN = [re.compile(r"(?<!\\)\]\(javascript:"), "<b>"]


class HostileSarifTest(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        d = os.path.join(lib.ROOT, "tests", "evidence")
        self.args = [os.path.join(d, "evidence.moat"), "--root", d, "--today", "2026-11-23",
                     "--evidence", os.path.join(d, "made", "hostile.sarif")]

    def assert_no_control_bytes(self, text, where):
        for c in ("\x1b", "\x07", "\x9b"):
            self.assertFalse(c in text, f"{where}: {c!r}")

    def test_terminal_and_json(self):
        code, out, err = lib.run("check", *self.args)
        self.assertEqual(code, 0, err)
        self.assert_no_control_bytes(out + err, "check")
        self.assertIn("evidence: 2 results from 1 tool, 2 outside the model", err)
        code, out, err = lib.run("check", "--format", "json", *self.args)
        self.assertEqual(code, 0, err)
        self.assert_no_control_bytes(out + err, "check --format json")
        scans = json.loads(out)["models"][0]["scan_results"]
        self.assertEqual(scans["tools"][0]["name"], "\x1b[31mEvil\x1b[0m <b>scanner</b>")
        self.assertEqual(scans["results"][0]["rule_id"], "<script>alert(1)</script>")

    def test_reports(self):
        code, _, err = lib.run("build", *self.args[:1], "-o", self.dir, *self.args[1:])
        self.assertEqual(code, 0, err)
        self.assert_no_control_bytes(err, "build")
        for name in sorted(os.listdir(self.dir)):
            with open(os.path.join(self.dir, name), "rb") as f:
                data = f.read()
            text = data.decode("utf-8", "replace")
            if name.endswith((".png", ".pdf")):
                continue  # binary; the PDF's text is the HTML report's (tests/report/test_pdf.py)
            self.assert_no_control_bytes(text, name)
            if name.endswith((".html", ".md")):
                for tag in LIVE_MARKUP + (LIVE_MARKDOWN if name.endswith(".md") else []):
                    found = tag.search(text) if hasattr(tag, "search") else tag in text
                    self.assertFalse(found, f"{name}: {tag}")
        with open(os.path.join(self.dir, "evidence.report.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertIn("## Scanner evidence", md)
        # The rule id is shown, escaped: not dropped.
        self.assertIn("alert(1)", md.split("## Scanner evidence", 1)[1])

    def test_threats_raised_from_hostile_results(self):
        # The same strings on results that land on an element and raise a threat
        # (api.vulnerable_dependency.cve_script_alert_1_script_2j_ and a hash): its citations in every output.
        d = os.path.join(lib.ROOT, "tests", "evidence")
        with open(os.path.join(d, "made", "hostile.sarif"), encoding="utf-8") as f:
            log = json.load(f)
        run = log["runs"][0]
        evil = "CVE-<script>alert(1)</script>\x1b[2J"
        run["tool"]["driver"]["rules"][0]["id"] = evil
        first = run["results"][0]
        first["ruleId"] = evil
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = \
            "routes/\x1b[31m<img src=x onerror=alert(7)>.ts"
        open_one = json.loads(json.dumps(first))
        del open_one["suppressions"]
        # The strings the report and JSON show besides: baseline state and fingerprints.
        open_one["baselineState"] = "<script>alert(8)</script>\x1b[31m"
        open_one["fingerprints"] = {"<b>k</b>\x1b[2J": "<img src=x onerror=alert(9)>\x07"}
        run["results"] = [first, open_one]
        hostile = self.write("hostile-on-api.sarif", json.dumps(log))
        args = [os.path.join(d, "evidence.moat"), "--root", d, "--today", "2026-11-23",
                "--evidence", hostile]
        code, out, err = lib.run("check", *args)
        self.assertEqual(code, 0, err)
        self.assert_no_control_bytes(out + err, "check")
        code, out, err = lib.run("check", "--format", "json", *args)
        threats = [t for t in json.loads(out)["models"][0]["threats"] if "scan_results" in t]
        self.assertEqual([t["id"] for t in threats],
                         ["api.vulnerable_dependency.cve_script_alert_1_script_2j_" + hashlib.sha256(evil.encode()).hexdigest()[:6]])
        outdir = os.path.join(self.dir, "out")
        code, _, err = lib.run("build", args[0], "-o", outdir, *args[1:])
        self.assertEqual(code, 0, err)
        for name in sorted(os.listdir(outdir)):
            if name.endswith((".png", ".pdf")):
                continue
            with open(os.path.join(outdir, name), "rb") as f:
                text = f.read().decode("utf-8", "replace")
            self.assert_no_control_bytes(text, name)
            if name.endswith((".html", ".md")):
                for tag in LIVE_MARKUP + ["<img src=x", "<script>alert(5)", "<script>alert(8)"]:
                    self.assertNotIn(tag, text, f"{name}: {tag}")
        code, out, err = lib.run("diff", args[0], args[0], "--today", "2026-11-23",
                                 "--evidence", hostile)
        self.assertEqual(code, 0, err)
        self.assert_no_control_bytes(out + err, "diff")
        code, out, err = lib.run("diff", args[0], args[0], "--today", "2026-11-23", "--format",
                                 "markdown", "--evidence", hostile)
        self.assert_no_control_bytes(out + err, "diff markdown")
        self.assertNotIn("<b>scanner</b>", out)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
