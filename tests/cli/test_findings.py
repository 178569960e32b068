#!/usr/bin/env python3
"""Findings grouped by root cause and severity by risk (issue 11, items 9 and 10): the JSON
`findings`, the text top list and its filters, `moat explain`, SARIF and the report.

    python3 tests/cli/test_findings.py --moat build/moat --root .
"""
import glob
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

# The golden case's model: three callers of one plain-text store, a two-way flow, a hygiene rule.
MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden",
                     "ok_findings.moat")
TODAY = "2026-06-01"
run = lib.run


def check_json():
    code, out, err = run("check", "--format", "json", "--today", TODAY, MODEL)
    assert code == 0, err
    return json.loads(out)["models"][0]


class JsonFindings(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        self.doc = check_json()
        self.findings = {f["id"]: f for f in self.doc["findings"]}
        self.threats = {t["id"]: t for t in self.doc["threats"]}

    def test_one_weakness_on_one_backend_is_one_finding(self):
        f = self.findings["db.cleartext"]
        self.assertEqual(f["element"], "db")
        self.assertEqual(f["weakness"], "cleartext")
        self.assertEqual(len(f["threats"]), 6, f["threats"])
        self.assertEqual(f["rules"], ["cleartext_read", "cleartext_write"])
        self.assertEqual(f["categories"], ["information_disclosure", "tampering"])
        self.assertEqual(f["status"], "open")
        for t in f["threats"]:
            self.assertEqual(self.threats[t]["finding"], "db.cleartext")

    def test_both_halves_of_a_two_way_flow_are_one_finding_closed_with_them(self):
        f = self.findings["cache.cleartext"]
        self.assertEqual(len(f["threats"]), 4, f["threats"])
        self.assertEqual(f["status"], "mitigated")

    def test_a_finding_has_its_most_severe_members_severity(self):
        f = self.findings["db.cleartext"]
        members = [self.threats[t]["severity"] for t in f["threats"]]
        order = ["info", "low", "medium", "high", "critical"]
        self.assertEqual(f["severity"], max(members, key=order.index))

    def test_secret_data_from_the_unauthenticated_internet_is_critical(self):
        t = self.threats["api.open_door"]
        self.assertEqual(t["severity"], "critical")
        self.assertEqual(t["rule_severity"], "high")

    def test_fixed_severity_is_kept_as_written(self):
        self.assertEqual(self.threats["db.no_backup"]["severity"], "medium")

    def test_nothing_at_stake_and_no_outside_caller_lowers_a_rule(self):
        # Admin handles only public data and nobody outside calls it.
        t = self.threats["admin.no_scanning"]
        self.assertEqual(t["rule_severity"], "high")
        self.assertEqual(t["severity"], "low")

    def test_open_findings_come_first_hygiene_last(self):
        order = [f["id"] for f in self.doc["findings"]]
        self.assertEqual(order[0], "api.open_door")
        open_ = [f for f in self.doc["findings"] if f["status"] == "open"]
        hygiene = [i for i, f in enumerate(open_) if f["hygiene"]]
        specific = [i for i, f in enumerate(open_) if not f["hygiene"]]
        self.assertTrue(hygiene and specific)
        self.assertLess(max(specific), min(hygiene))
        self.assertEqual(self.doc["findings"][-1]["status"], "mitigated")


class TextTopList(lib.TempDirTest):
    def text(self, *extra):
        code, out, err = run("check", "--today", TODAY, MODEL, *extra)
        self.assertEqual(code, 0, err)
        return out

    def test_the_top_list_leads_with_findings_and_their_members(self):
        out = self.text()
        self.assertIn("top open findings:", out)
        lines = out.splitlines()
        first = lines.index("top open findings:") + 1
        self.assertTrue(lines[first].split()[:2] == ["critical", "api.open_door"], lines[first])
        self.assertIn("6 threats: ", out)
        self.assertIn("[hygiene]", out)

    def entries(self, out):
        """(severity, finding id, hygiene) of each finding in the top list."""
        found = []
        for line in out.split("top open findings:\n")[1].splitlines():
            m = re.match(r"^  (info|low|medium|high|critical) +(\S+)  ", line)
            if m:
                found.append((m.group(1), m.group(2), "[hygiene]" in line))
        return found

    def test_min_severity_leaves_out_lower_findings(self):
        out = self.text("--min-severity", "high")
        listed = self.entries(out)
        self.assertTrue(listed)
        self.assertTrue(all(sev in ("high", "critical") for sev, _, _ in listed), listed)
        self.assertIn("not listed: --min-severity high", out)

    def test_hygiene_hide_and_only(self):
        hidden = self.entries(self.text("--hygiene", "hide"))
        self.assertTrue(hidden and not any(h for _, _, h in hidden), hidden)
        only = self.entries(self.text("--hygiene", "only"))
        self.assertTrue(only and all(h for _, _, h in only), only)

    def test_an_unknown_min_severity_is_a_usage_error(self):
        code, _, _ = run("check", "--min-severity", "severe", MODEL)
        self.assertEqual(code, 2)


class Explain(lib.TempDirTest):
    def test_explain_shows_how_the_severity_was_derived(self):
        code, out, err = run("explain", "--today", TODAY, MODEL, "api.open_door")
        self.assertEqual(code, 0, err)
        self.assertIn("severity: critical (by risk)", out)
        self.assertIn("impact severe: data 'card'", out)
        self.assertIn("likelihood very likely", out)
        self.assertIn("matrix cell: severe impact x very likely -> critical", out)
        self.assertIn("rule severity high", out)
        self.assertIn("finding api.open_door", out)

    def test_explain_names_a_fixed_severity_and_the_finding_members(self):
        code, out, err = run("explain", "--today", TODAY, MODEL, "db.no_backup")
        self.assertEqual(code, 0, err)
        self.assertIn("the rule's severity as written", out)
        code, out, err = run("explain", "--today", TODAY, MODEL, "api_to_db__write_card.cleartext_read")
        self.assertEqual(code, 0, err)
        self.assertIn("finding db.cleartext", out)
        self.assertIn("6 threats:", out)


class Outputs(lib.TempDirTest):
    def test_sarif_results_and_the_report_carry_findings(self):
        code, _, err = run("build", MODEL, "-o", self.dir, "--formats", "sarif,markdown",
                           "--today", TODAY)
        self.assertEqual(code, 0, err)
        sarif = json.load(open(glob.glob(os.path.join(self.dir, "*.sarif"))[0], encoding="utf-8"))
        results = sarif["runs"][0]["results"]
        by_threat = {r["properties"]["threatId"]: r for r in results}
        self.assertEqual(by_threat["api_to_db__write_card.cleartext_read"]["properties"]["finding"],
                         "db.cleartext")
        self.assertEqual(by_threat["api.open_door"]["level"], "error")
        report = open(glob.glob(os.path.join(self.dir, "*.md"))[0], encoding="utf-8").read()
        self.assertIn("## Findings", report)
        self.assertLess(report.index("## Findings"), report.index("## Threat register"))
        self.assertIn("db.cleartext", report)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
