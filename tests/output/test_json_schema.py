#!/usr/bin/env python3
"""Validates the JSON document of `moat check --format json` (and of `moat build --formats json`)
against docs/moat.schema.json, for every sample, test model, golden case and shared example.

    python3 tests/output/test_json_schema.py --moat build/moat --root .

Needs the Python standard library and jsonschema (Debian: python3-jsonschema).
"""
import copy
import glob
import json
import os
import sys
import tempfile
import unittest

import jsonschema

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from build_outputs import check_json  # noqa: E402
from models import TODAY, all_models  # noqa: E402


def load_schema():
    with open(os.path.join(lib.ROOT, "docs", "moat.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


class JsonSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.validator = load_schema()
        cls.models = all_models(lib.ROOT)

    def test_every_model_validates(self):
        self.assertGreater(len(self.models), 2)
        for model in self.models:
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                top = check_json(model)
                self.assertEqual(errors(self.validator, top), [])
                self.assertEqual(len(top["models"]), 1)

    def test_several_files_give_the_same_shape(self):
        top = check_json(*self.models)
        self.assertEqual(errors(self.validator, top), [])
        self.assertEqual([d["file"] for d in top["models"]], self.models)

    def test_the_shapes_that_matter_occur(self):
        """The models exercise both branches of the schema: compiled and failing documents,
        threats with and without acceptances, notes with and without a location."""
        docs = check_json(*self.models)["models"]
        self.assertTrue(any(d["ok"] for d in docs))
        self.assertTrue(any(not d["ok"] for d in docs))
        threats = [t for d in docs for t in d["threats"]]
        self.assertTrue(any(t["acceptance"] is not None for t in threats))
        self.assertTrue(any(t["cwe"] is None for t in threats))
        notes = [n for d in docs for diag in d["diagnostics"] for n in diag["notes"]]
        self.assertTrue(any(n["file"] is not None for n in notes))
        self.assertTrue(any(d.get("suggestion") for doc in docs for d in doc["diagnostics"]))

    def test_scanned_annotations_validate(self):
        golden = os.path.join(lib.ROOT, "tests", "golden")
        top = check_json("--scan", "--root", os.path.join(golden, "inputs", "annotated"),
                         os.path.join(golden, "warn_unknown_annotation.moat"))
        self.assertEqual(errors(self.validator, top), [])
        doc = top["models"][0]
        self.assertTrue(any(t["annotations"] for t in doc["threats"]))
        self.assertTrue(any(c["evidence"] for c in doc["controls"]) or not doc["controls"])

    def test_scan_results_validate(self):
        evidence = os.path.join(lib.ROOT, "tests", "evidence")
        logs = sorted(glob.glob(os.path.join(evidence, "samples", "*", "*.sarif")))
        logs += [os.path.join(evidence, "made", name)
                 for name in ("unknown-tool.sarif", "trivy-secrets.sarif", "hostile.sarif")]
        top = check_json("--evidence", *logs, "--root", evidence,
                         os.path.join(evidence, "evidence.moat"))
        self.assertEqual(errors(self.validator, top), [])
        scans = top["models"][0]["scan_results"]
        self.assertGreater(len(scans["results"]), 100)
        self.assertTrue(any(r["redacted"] for r in scans["results"]))
        self.assertTrue(scans["outside_model"])

    def test_build_writes_the_same_valid_document(self):
        model = os.path.join(lib.ROOT, "samples", "clinic-booking.moat")
        with tempfile.TemporaryDirectory() as out:
            r = lib.run("build", "--formats", "json", "--today", TODAY, "-o", out, model, cwd=lib.ROOT,
                        errors="replace")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "clinic-booking.json"), encoding="utf-8") as f:
                doc = json.load(f)
        self.assertEqual(errors(self.validator, doc), [])

    def test_schema_catches_drift(self):
        doc = check_json(os.path.join(lib.ROOT, "samples", "clinic-booking.moat"))
        model = lambda d: d["models"][0]
        for mutate in (lambda d: d.__setitem__("extra", 1),
                       lambda d: model(d).__setitem__("extra", 1),
                       lambda d: model(d)["threats"][0].__setitem__("new_field", "x"),
                       lambda d: model(d)["threats"][0].pop("rule"),
                       lambda d: model(d)["controls"][0].__setitem__("status", "green"),
                       lambda d: d.__setitem__("format_version", "1"),
                       lambda d: model(d).__setitem__("format_version", "2"),
                       lambda d: model(d)["model"].pop("description"),
                       lambda d: model(d).__setitem__("model", None)):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertNotEqual(errors(self.validator, broken), [])


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
