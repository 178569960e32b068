#!/usr/bin/env python3
"""Checks `moat build --formats csv` (the risk register, docs/csv.md) for every model that
compiles: a UTF-8 byte-order mark, CRLF records, the documented header, one row per threat in
the JSON document's order and values, and no cell a spreadsheet would run as a formula.

    python3 tests/output/test_csv_register.py --moat build/moat --root .

Only the Python standard library is used.
"""
import csv
import io
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from build_outputs import build_all, check_json  # noqa: E402

HEADER = ["threat_id", "rule", "title", "category", "severity", "status", "element", "element_kind",
          "controls", "mitigations", "mitigation_status", "owner", "acceptance_expires", "cwe",
          "advice", "file", "line", "dismissed_as", "dismissal_reason", "finding", "supports",
          "scanner_evidence"]


def threats(model):
    return check_json(model)["models"][0]["threats"]


def records(raw):
    """The records of `raw` (bytes after the BOM), split only at CRLF outside quotes."""
    text = raw.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


class CsvRegisterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.built = build_all("csv", cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_registers(self):
        self.assertGreater(len(self.built), 2)
        for model, path in self.built:
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                with open(path, "rb") as f:
                    raw = f.read()
                self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
                self.assertTrue(raw.endswith(b"\r\n"))
                rows = records(raw[3:])
                self.assertEqual(rows[0], HEADER)
                expected = threats(model)
                self.assertEqual(len(rows) - 1, len(expected))
                for row, t in zip(rows[1:], expected):
                    self.assertEqual(len(row), len(HEADER))
                    cells = dict(zip(HEADER, row))
                    self.assertEqual(cells["threat_id"], t["id"])
                    self.assertEqual(cells["status"], t["status"])
                    self.assertEqual(cells["controls"], ";".join(t["controls"]))
                    # Controlling attributes (claims) first, then the mitigations' ids.
                    claimed = [
                        "attribute " + c["target"] for c in t["covered_by"] if c["kind"] == "attribute"
                    ]
                    self.assertEqual(cells["supports"], ";".join(t["supports"]))
                    self.assertEqual(cells["mitigations"], ";".join(claimed + t["mitigations"]))
                    self.assertEqual(cells["line"], str(t["line"]))
                    self.assertEqual(cells["finding"], t["finding"])
                    self.assertEqual(cells["cwe"], f"CWE-{t['cwe']}" if t["cwe"] else "")
                    dismissal = t["dismissal"] or {"as": "", "reason": ""}
                    self.assertEqual(cells["dismissed_as"], dismissal["as"])
                    self.assertEqual(cells["dismissal_reason"], dismissal["reason"])
                    for cell in row:
                        self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell)
                # No bare LF: every line break outside a quoted field is CRLF.
                outside = raw.split(b'"')[::2]
                for part in outside:
                    self.assertNotIn(b"\n", part.replace(b"\r\n", b""))

    def test_hostile_cells_are_neutralised(self):
        hostile = [p for m, p in self.built if m.endswith("hostile-strings.moat")]
        self.assertEqual(len(hostile), 1)
        with open(hostile[0], "rb") as f:
            rows = records(f.read()[3:])
        owners = [dict(zip(HEADER, r))["owner"] for r in rows[1:]]
        self.assertIn("'+owner", owners)
        self.assertIn("<i>team</i>", owners)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
