#!/usr/bin/env python3
"""Finding targets and findings in every output (issue 11, item 9 and its done-when): a finding
id ANCHOR.WEAKNESS in `mitigates`, `accept` and `dismiss` covers exactly its members, and each
member says so in JSON, the reports, CSV, SARIF and `moat explain`; `moat explain FINDING_ID`;
`moat diff` reports findings changed, renamed through `was` and regrouped, and `--fail-on-new`
judges threats, not regrouped findings.

    python3 tests/cli/test_finding_targets.py --moat build/moat --root .
"""
import csv
import glob
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

# The golden case: a finding mitigated, one accepted, a zone's finding dismissed, a threat id
# that a finding shares, and a finding target that names nothing.
MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden",
                     "warn_finding_targets.moat")
TODAY = "2026-06-01"
run = lib.run

MEMBERS = ["api_to_db__write_card.cleartext_read", "api_to_db__write_card.cleartext_write",
           "jobs_to_db__batch.cleartext_read", "jobs_to_db__batch.cleartext_write"]


def check_json(path=MODEL):
    code, out, err = run("check", "--format", "json", "--today", TODAY, path)
    assert code == 0, err
    return json.loads(out)["models"][0]


class Targets(lib.TempDirTest):
    def read(self, pattern):
        with open(glob.glob(os.path.join(self.dir, pattern))[0], encoding="utf-8-sig") as f:
            return f.read()

    def setUp(self):
        super().setUp()
        doc = check_json()
        self.threats = {t["id"]: t for t in doc["threats"]}
        self.findings = {f["id"]: f for f in doc["findings"]}
        self.diagnostics = doc["diagnostics"]

    def test_a_mitigated_finding_covers_its_members_through_the_finding(self):
        self.assertEqual(sorted(self.findings["db.cleartext"]["threats"]), sorted(MEMBERS))
        self.assertEqual(self.findings["db.cleartext"]["status"], "mitigated")
        for t in MEMBERS:
            self.assertEqual(self.threats[t]["status"], "mitigated")
            self.assertEqual(self.threats[t]["covered_by"], [
                {"kind": "mitigation", "id": "tls_to_stores", "target": "db.cleartext",
                 "form": "finding", "status": "implemented"}])

    def test_accepted_and_dismissed_findings(self):
        self.assertEqual(self.findings["jobs.no_timeouts"]["status"], "accepted")
        self.assertEqual(len(self.findings["jobs.no_timeouts"]["threats"]), 3)
        self.assertEqual(self.findings["dc.no_audit"]["status"], "dismissed")
        for t in ["db.no_audit", "ledger.no_audit"]:
            self.assertEqual(self.threats[t]["dismissal"]["target"], "dc.no_audit")

    def test_a_threat_id_keeps_naming_the_threat(self):
        self.assertEqual(self.threats["api.exposed"]["status"], "mitigated")
        self.assertEqual(self.threats["api.exposed"]["covered_by"][0]["form"], "rule")
        self.assertEqual(self.findings["api.exposed"]["status"], "open")

    def test_finding_targets_are_not_broad_and_a_missing_one_is_reported(self):
        kinds = [d["kind"] for d in self.diagnostics]
        self.assertNotIn("BroadTarget", kinds)
        unmatched = [d for d in self.diagnostics if d["kind"] == "UnmatchedMitigation"]
        self.assertEqual(len(unmatched), 1, self.diagnostics)
        self.assertIn("no finding 'dc.cleartext'", unmatched[0]["message"])

    def test_reports_csv_and_sarif_show_the_finding_cover(self):
        code, _, err = run("build", MODEL, "-o", self.dir, "--formats", "markdown,csv,sarif,html",
                           "--today", TODAY)
        self.assertEqual(code, 0, err)
        report = self.read("*.md")
        self.assertIn("implemented TLS to every store via finding <code>db.cleartext</code>", report)
        self.assertIn("accepted via finding <code>jobs.no\\_timeouts</code>", report)
        self.assertIn("dismissed via finding <code>dc.no\\_audit</code>", report)
        html = self.read("*.report.html")
        self.assertRegex(html, r"via finding\s*</span>\s*<code>db.cleartext</code>|"
                               r"via finding <code>db.cleartext</code>")
        rows = list(csv.DictReader(self.read("*.csv").splitlines()))
        by_id = {r["threat_id"]: r for r in rows}
        self.assertIn("tls_to_stores", by_id[MEMBERS[0]]["mitigations"])
        self.assertEqual(by_id["db.no_audit"]["status"], "dismissed")
        sarif = json.loads(self.read("*.sarif"))
        results = {r["properties"]["threatId"]: r for r in sarif["runs"][0]["results"]}
        # SARIF carries open and dismissed threats: the accepted finding's members are not there,
        # the dismissed one's are suppressed, naming the finding they were dismissed through.
        self.assertNotIn("jobs_to_psp__charge.no_timeouts", results)
        suppression = results["ledger.no_audit"]["suppressions"][0]
        self.assertEqual(suppression["properties"]["dismissedThrough"], "dc.no_audit")

    def test_explain_a_member_and_the_finding(self):
        code, out, err = run("explain", "--today", TODAY, MODEL, MEMBERS[2])
        self.assertEqual(code, 0, err)
        self.assertIn("covers it through finding 'db.cleartext'", out)
        code, out, err = run("explain", "--today", TODAY, MODEL, "jobs.no_timeouts")
        self.assertEqual(code, 0, err)
        self.assertIn("finding jobs.no_timeouts (", out)
        self.assertIn("accepted through finding 'jobs.no_timeouts'", out)
        self.assertIn("3 threats", out)
        # A threat id that a finding shares explains the threat.
        code, out, err = run("explain", "--today", TODAY, MODEL, "api.exposed")
        self.assertEqual(code, 0, err)
        self.assertIn("covers it through 'api.exposed'", out)


# A small model for diffs: named flows, so their threat ids do not move with their targets.
DIFF_MODEL = """model "D" { version = "1" }
boundary dc "DC" {
  trust = internal
  process api "API"
  process jobs "Jobs"
  store db "DB"
  store ledger "Ledger"
}
flow write: api -> db { protocol = sql }
flow batch: jobs -> db { protocol = sql }
rule cleartext_read "Data is readable in transit" {
  applies = flow, category = information_disclosure, severity = high
  when = not encrypted and target.type == store
  weakness = cleartext
}
DECISIONS
"""


class Diff(lib.TempDirTest):
    def side(self, name, text):
        return self.write(name, text)

    def diff(self, before, after, *extra):
        return run("diff", "--today", TODAY, *extra, before, after)

    def test_findings_change_status_when_a_finding_target_closes_them(self):
        old = self.side("old.moat", DIFF_MODEL.replace("DECISIONS", ""))
        new = self.side("new.moat", DIFF_MODEL.replace(
            "DECISIONS", 'mitigation tls "TLS" { mitigates = [db.cleartext], status = implemented }'))
        code, out, err = self.diff(old, new, "--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual([(f["id"], f["before"], f["after"]) for f in doc["findings_changed"]],
                         [("db.cleartext", "open", "mitigated")])
        self.assertEqual(doc["findings_changed"][0]["threats"],
                         ["write.cleartext_read", "batch.cleartext_read"])
        code, out, _ = self.diff(old, new)
        self.assertIn("findings that changed status (1):\n", out)
        self.assertIn("db.cleartext", out)
        self.assertLess(out.index("findings that changed"), out.index("threats that changed"))
        code, out, _ = self.diff(old, new, "--format", "markdown")
        self.assertIn("### Findings that changed status (1)", out)

    def test_a_renamed_anchor_renames_its_finding_and_is_not_new(self):
        old = self.side("old.moat", DIFF_MODEL.replace("DECISIONS", ""))
        renamed = DIFF_MODEL.replace('store db "DB"', 'store main_db "DB" { was = [db] }')
        renamed = renamed.replace("-> db", "-> main_db")
        new = self.side("new.moat", renamed.replace("DECISIONS", ""))
        code, out, err = self.diff(old, new, "--format", "json", "--fail-on-new", "info")
        self.assertEqual(code, 0, err + out)
        doc = json.loads(out)
        self.assertEqual([(f["previous_id"], f["id"]) for f in doc["findings_renamed"]],
                         [("db.cleartext", "main_db.cleartext")])
        self.assertEqual(doc["findings_added"], [])
        self.assertEqual(doc["findings_removed"], [])

    def test_fail_on_new_judges_threats_not_regrouped_findings(self):
        old = self.side("old.moat", DIFF_MODEL.replace("DECISIONS", ""))
        moved = DIFF_MODEL.replace("flow batch: jobs -> db", "flow batch: jobs -> ledger")
        new = self.side("new.moat", moved.replace("DECISIONS", ""))
        code, out, err = self.diff(old, new, "--format", "json", "--fail-on-new", "info")
        # The batch flow's threat keeps its id and status; only its finding moved to the ledger.
        self.assertEqual(code, 0, err + out)
        doc = json.loads(out)
        self.assertEqual([f["id"] for f in doc["findings_added"]], ["ledger.cleartext"])
        self.assertEqual(doc["threats_added"], [])
        # A new open threat still fails the run.
        grown = DIFF_MODEL.replace("DECISIONS", "flow extra: api -> ledger { protocol = sql }")
        new = self.side("grown.moat", grown)
        code, out, err = self.diff(old, new, "--fail-on-new", "info")
        self.assertEqual(code, 3, err + out)
        self.assertIn("findings added (1):", out)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
