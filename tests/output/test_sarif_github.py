#!/usr/bin/env python3
"""Checks `moat build --formats sarif` against what GitHub code scanning requires and uses
(docs/sarif.md), for every model that compiles: required fields, limits, relative URIs that
name real files, stable fingerprints, one result per open threat, deterministic bytes.

    python3 tests/output/test_sarif_github.py --moat build/moat --root .

Only the Python standard library is used.
"""
import json
import os
import re
import sys
import tempfile
import unittest
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from build_outputs import build, build_all, build_annotated, check_json, model_root  # noqa: E402
from models import TODAY  # noqa: E402

LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SCORES = {"critical": "9.5", "high": "7.5", "medium": "5.0", "low": "2.5", "info": "0.5"}
LINK = re.compile(r"(?<!\\)\[(?:[^\]\\]|\\.)*\]\((\d+)\)")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def reported_threats(model):
    """The threats SARIF reports: the open ones, and the dismissed ones (as suppressed results)."""
    return {t["id"]: t for t in check_json(model)["models"][0]["threats"]
            if t["status"] in ("open", "dismissed")}


class SarifGithubTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.built = build_all("sarif", cls.tmp.name)
        cls.built.append(build_annotated("sarif", cls.tmp.name))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def each(self):
        self.assertGreater(len(self.built), 2)
        return [(model, load(path)) for model, path in self.built]

    def test_log_and_driver(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                self.assertEqual(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json")
                self.assertEqual(log["version"], "2.1.0")
                self.assertEqual(len(log["runs"]), 1)
                run = log["runs"][0]
                driver = run["tool"]["driver"]
                self.assertEqual(driver["name"], "moat")
                self.assertEqual(driver["semanticVersion"], "0.1.0")
                self.assertTrue(driver["informationUri"].startswith("https://"))
                self.assertIn("results", run)
                self.assertRegex(run["automationDetails"]["id"], r"^moat/.+/$")

    def test_rules(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                rules = log["runs"][0]["tool"]["driver"]["rules"]
                self.assertEqual(len({r["id"] for r in rules}), len(rules))
                for r in rules:
                    if "name" in r:
                            self.assertRegex(r["name"], r"^[A-Z][A-Za-z0-9]*$")
                            self.assertNotEqual(r["name"].lower(), r["id"].lower())
                    for key in ("shortDescription", "fullDescription"):
                        self.assertTrue(0 < len(r[key]["text"]) <= 1024)
                    self.assertTrue(r["help"]["text"])
                    self.assertTrue(r["help"]["markdown"])
                    props = r["properties"]
                    self.assertEqual(r["defaultConfiguration"]["level"], LEVELS[props["severity"]])
                    self.assertEqual(props["security-severity"], SCORES[props["severity"]])
                    self.assertTrue(0.0 < float(props["security-severity"]) <= 10.0)
                    self.assertEqual(props["precision"], "high")
                    tags = props["tags"]
                    self.assertLessEqual(len(tags), 10)
                    self.assertEqual(tags[:2], ["security", "stride/" + props["stride"].replace("_", "-")])
                    if props["cwe"] is not None:
                        self.assertEqual(tags[-1], f"external/cwe/cwe-{props['cwe']}")

    def test_results_are_the_open_and_dismissed_threats(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                results = log["runs"][0]["results"]
                expected = reported_threats(model)
                self.assertEqual(sorted(r["properties"]["threatId"] for r in results), sorted(expected))
                rules = log["runs"][0]["tool"]["driver"]["rules"]
                for r in results:
                    rule = rules[r["ruleIndex"]]
                    self.assertEqual(rule["id"], r["ruleId"])
                    # The result's level is the threat's own severity (by risk), not the rule's.
                    self.assertEqual(r["level"], LEVELS[r["properties"]["severity"]])
                    threat = expected[r["properties"]["threatId"]]
                    self.assertEqual(r["properties"]["status"], threat["status"])
                    # A dismissed threat is suppressed externally, with the reason; an open one not.
                    if threat["status"] == "dismissed":
                        self.assertEqual([s["kind"] for s in r["suppressions"]], ["external"])
                        self.assertIn(threat["dismissal"]["reason"], r["suppressions"][0]["justification"])
                    else:
                        self.assertNotIn("suppressions", r)
                    self.assertEqual(r["properties"]["soc2"], threat["controls"])
                    self.assertEqual(r["properties"]["element"], threat["element"])

    def test_messages(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                for r in log["runs"][0]["results"]:
                    text = r["message"]["text"]
                    self.assertTrue(text.endswith("."), text)
                    self.assertIsNone(re.search(r"[\x00-\x1f\x7f]", text), text)
                    ids = {loc["id"] for loc in r.get("relatedLocations", [])}
                    self.assertEqual(len(ids), len(r.get("relatedLocations", [])))
                    for target in LINK.findall(text):
                        self.assertIn(int(target), ids, text)

    def check_uri(self, uri, root):
        self.assertNotIn("\\", uri)
        self.assertNotRegex(uri, r"^[A-Za-z][A-Za-z0-9+.-]*:")
        self.assertFalse(uri.startswith("/"), uri)
        self.assertFalse(uri.startswith("../"), uri)
        self.assertEqual(urllib.parse.quote(urllib.parse.unquote(uri), safe="/!$&'()*+,;=@~"), uri)

    def test_locations(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                root = model_root(model)
                for r in log["runs"][0]["results"]:
                    locations = r["locations"]
                    self.assertTrue(1 <= len(locations) <= 10)
                    first = locations[0]["physicalLocation"]
                    uri = first["artifactLocation"]["uri"]
                    self.check_uri(uri, root)
                    self.assertTrue(uri.endswith(".moat"))
                    self.assertTrue(os.path.isfile(os.path.join(root, urllib.parse.unquote(uri))), uri)
                    region = first["region"]
                    for key in ("startLine", "startColumn", "endLine", "endColumn"):
                        self.assertGreaterEqual(region[key], 1)
                    for loc in locations[1:] + r.get("relatedLocations", []):
                        self.check_uri(loc["physicalLocation"]["artifactLocation"]["uri"], root)

    def test_fingerprints(self):
        for model, log in self.each():
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                seen = set()
                for r in log["runs"][0]["results"]:
                    fp = r["partialFingerprints"]
                    self.assertRegex(fp["primaryLocationLineHash"], r"^[0-9a-f]{16}:1$")
                    self.assertEqual(fp["moatThreatId/v1"], r["properties"]["threatId"])
                    self.assertNotIn(fp["primaryLocationLineHash"], seen)
                    seen.add(fp["primaryLocationLineHash"])

    def test_deterministic_whatever_the_path_spelling(self):
        model = os.path.join(lib.ROOT, "samples", "clinic-booking.moat")
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            first = build(model, "sarif", a)
            r = lib.run("build", "--formats", "sarif", "--today", TODAY, "-o", b, "--root", ".",
                        "samples/clinic-booking.moat", cwd=lib.ROOT, errors="replace")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(first, "rb") as f1, open(os.path.join(b, "clinic-booking.sarif"), "rb") as f2:
                self.assertEqual(f1.read(), f2.read())

    def test_annotations_are_located(self):
        path = [p for m, p in self.built if m.endswith("annotated.moat")][0]
        result = load(path)["runs"][0]["results"][0]
        uris = [(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"].get("region", {}).get("startLine"))
                for loc in result["locations"]]
        self.assertEqual(uris, [("annotated.moat", 3), ("src/service.py", 3), ("src/service.py", 2), ("src/", None),
                                ("src/service.py", 2)])
        self.assertIn("startColumn", result["locations"][1]["physicalLocation"]["region"])
        related = [(loc["id"], loc["physicalLocation"]["artifactLocation"]["uri"]) for loc in result["relatedLocations"]]
        self.assertEqual(related, [(1, "annotated.moat"), (2, "src/service.py"), (3, "src/service.py")])

    def test_hostile_strings_survive(self):
        hostile = [p for m, p in self.built if m.endswith("hostile-strings.moat")]
        self.assertEqual(len(hostile), 1)
        log = load(hostile[0])
        texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
        self.assertTrue(any("\\[x\\]" in t for t in texts), texts)
        self.assertTrue(any("<img src=x onerror=alert(1)>" in t for t in texts), texts)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
