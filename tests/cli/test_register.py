#!/usr/bin/env python3
"""The register of record (issue 11, items 6 and 7) through the CLI: expert-written `threat`
declarations and `dismiss` declarations in every output a user reads — the terminal, JSON,
SARIF, the CSV register, the Markdown report, the worksheet, `moat explain` and `moat diff`.

    python3 tests/cli/test_register.py --moat build/moat --root .
"""
import csv
import io
import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-06-01"

MODEL = """model "Register" { version = "1" }
use soc2
process billing "Billing"
store ledger "Ledger"
rule no_audit "No audit trail" {
  applies = process, category = repudiation, severity = high, controls = [CC7.2], when = true,
  fixed_severity = true
}
threat refund_replay "Refund requests can be replayed" {
  on = billing, category = tampering, severity = high, controls = [CC6.1], cwe = 294
  description = "A captured refund call can be sent again."
}
threat ledger_scrape "Ledger exports leak card data" {
  on = ledger, category = information_disclosure, severity = medium
}
"""

DECISIONS = """
mitigation idempotency "Idempotency keys" { mitigates = [billing.refund_replay], status = implemented }
dismiss billing.no_audit {
  reason = "Billing keeps no state; the ledger audits every write."
  by     = "security-review"
  as     = not_applicable
}
dismiss ledger.ledger_scrape { reason = "Tokens only", by = "sec", as = false_positive }
"""


def run(*args, cwd=None):
    return lib.run(*args, cwd=cwd, timeout=120)


class Register(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.before = os.path.join(cls.tmp.name, "before.moat")
        cls.after = os.path.join(cls.tmp.name, "register.moat")
        with open(cls.before, "w", encoding="utf-8") as f:
            f.write(MODEL)
        with open(cls.after, "w", encoding="utf-8") as f:
            f.write(MODEL + DECISIONS)
        cls.out = os.path.join(cls.tmp.name, "out")
        code, _, err = run("build", "--today", TODAY, "--formats", "json,sarif,csv,markdown,worksheet",
                           "-o", cls.out, cls.after)
        assert code == 0, err

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def read(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8-sig") as f:
            return f.read()

    def threats(self):
        return {t["id"]: t for t in json.loads(self.read("register.json"))["models"][0]["threats"]}

    def test_terminal_counts_dismissed_threats(self):
        code, out, err = run("check", "--today", TODAY, self.after)
        self.assertEqual(code, 0, err)
        self.assertIn("threats: 3 (0 open, 1 mitigated, 0 accepted, 2 dismissed)", out + err)

    def test_json_threat_status_expert_flag_and_dismissal_record(self):
        t = self.threats()
        self.assertEqual(sorted(t), ["billing.no_audit", "billing.refund_replay", "ledger.ledger_scrape"])
        self.assertTrue(t["billing.refund_replay"]["expert"])
        self.assertFalse(t["billing.no_audit"]["expert"])
        self.assertEqual(t["billing.refund_replay"]["status"], "mitigated")
        self.assertEqual(t["billing.refund_replay"]["cwe"], 294)
        self.assertEqual(t["billing.refund_replay"]["controls"], ["CC6.1"])
        d = t["billing.no_audit"]
        self.assertEqual(d["status"], "dismissed")
        self.assertIsNone(d["acceptance"])
        self.assertEqual(d["dismissal"], {"target": "billing.no_audit", "as": "not_applicable",
                                          "by": "security-review", "ticket": None,
                                          "reason": "Billing keeps no state; the ledger audits every write."})
        self.assertEqual(d["covered_by"], [{"kind": "dismissal", "id": None, "target": "billing.no_audit",
                                            "form": "rule", "status": "not_applicable"}])
        self.assertIsNone(t["billing.refund_replay"]["dismissal"])

    def test_dismissed_threats_do_not_fail_their_criterion(self):
        doc = json.loads(self.read("register.json"))["models"][0]
        cc72 = [c for c in doc["controls"] if c["id"] == "CC7.2"][0]
        self.assertNotEqual(cc72["status"], "failing")
        code, out, _ = run("check", "--format", "json", "--today", TODAY, self.before)
        before = [c for c in json.loads(out)["models"][0]["controls"] if c["id"] == "CC7.2"][0]
        self.assertEqual(before["status"], "failing")

    def test_sarif_suppresses_dismissed_threats_externally(self):
        results = json.loads(self.read("register.sarif"))["runs"][0]["results"]
        by_id = {r["partialFingerprints"]["moatThreatId/v1"]: r for r in results}
        self.assertEqual(sorted(by_id), ["billing.no_audit", "ledger.ledger_scrape"])
        s = by_id["billing.no_audit"]["suppressions"]
        self.assertEqual(len(s), 1)
        self.assertEqual(s[0]["kind"], "external")
        self.assertEqual(s[0]["status"], "accepted")
        self.assertIn("Billing keeps no state", s[0]["justification"])
        self.assertIn("security-review", s[0]["justification"])
        rules = json.loads(self.read("register.sarif"))["runs"][0]["tool"]["driver"]["rules"]
        self.assertEqual(rules[by_id["ledger.ledger_scrape"]["ruleIndex"]]["id"], "ledger_scrape")

    def test_csv_register_columns(self):
        rows = {r["threat_id"]: r for r in csv.DictReader(io.StringIO(self.read("register.csv")))}
        self.assertEqual(rows["billing.no_audit"]["status"], "dismissed")
        self.assertEqual(rows["billing.no_audit"]["dismissed_as"], "not_applicable")
        self.assertEqual(rows["billing.no_audit"]["owner"], "security-review")
        self.assertEqual(rows["ledger.ledger_scrape"]["dismissed_as"], "false_positive")
        self.assertEqual(rows["billing.refund_replay"]["dismissed_as"], "")
        self.assertEqual(rows["billing.refund_replay"]["cwe"], "CWE-294")

    def test_report_lists_dismissals_in_their_own_section_not_as_accepted(self):
        md = self.read("register.report.md")
        self.assertIn("Considered and dismissed", md)
        dismissed = md.split("Considered and dismissed", 1)[1]
        self.assertIn("Billing keeps no state", dismissed)
        self.assertIn("not applicable", dismissed)
        self.assertIn("false positive", dismissed)
        accepted = md.split("Accepted risks", 1)[1].split("Considered and dismissed", 1)[0]
        self.assertNotIn("billing.no_audit", accepted)
        self.assertIn("written by hand", md)

    def test_worksheet_says_why_a_threat_was_dismissed(self):
        html = self.read("register.worksheet.html")
        self.assertIn("Dismissed by security-review as not applicable", html)

    def test_explain(self):
        code, out, err = run("explain", "--today", TODAY, self.after, "billing.no_audit")
        self.assertEqual(code, 0, err)
        self.assertIn("status: dismissed", out)
        self.assertIn("dismissed by security-review as not_applicable because Billing keeps no state", out)
        code, out, err = run("explain", "--today", TODAY, self.after, "billing.refund_replay")
        self.assertEqual(code, 0, err)
        self.assertIn("written by hand", out)
        self.assertIn("status: mitigated", out)
        self.assertIn("mitigation idempotency", out)

    def test_diff_shows_a_dismissal_as_a_status_change(self):
        code, out, err = run("diff", "--format", "json", "--today", TODAY, self.before, self.after)
        self.assertEqual(code, 0, err)
        d = json.loads(out)
        self.assertEqual(d["threats_added"], [])
        self.assertEqual(d["threats_removed"], [])
        changed = {c["id"]: (c["before"], c["after"]) for c in d["threats_changed"]}
        self.assertEqual(changed["billing.no_audit"], ("open", "dismissed"))
        self.assertEqual(changed["billing.refund_replay"], ("open", "mitigated"))

    def test_diff_adds_and_removes_expert_threats(self):
        plain = os.path.join(self.tmp.name, "plain.moat")
        with open(plain, "w", encoding="utf-8") as f:
            f.write(MODEL.split("threat refund_replay")[0])
        code, out, err = run("diff", "--format", "json", "--today", TODAY, plain, self.before)
        self.assertEqual(code, 0, err)
        added = sorted(c["id"] for c in json.loads(out)["threats_added"])
        self.assertEqual(added, ["billing.refund_replay", "ledger.ledger_scrape"])


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
