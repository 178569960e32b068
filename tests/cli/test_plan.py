#!/usr/bin/env python3
"""The remediation plan (issue 14, item 4): `moat plan` and the reports' "Remediation plan" on
the SaaS baseline (tests/examples/saas-soc2/before.moat) with four planned mitigations: evidence
windows first (longest first), then value per day of effort, as docs/soc2.md defines; then the
open threats no planned mitigation covers, most severe first.

    python3 tests/cli/test_plan.py --moat build/moat --root .
"""
import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

PLANNED = """
mitigation rbac_plan "Role checks on every route" {
  mitigates = [api.missing_authorization], status = planned, effort = 2d, owner = "api-team"
}
mitigation encrypt "Encrypt the database at rest" {
  mitigates = [db.unencrypted_sensitive_store], status = planned, effort = 4h, evidence_window = 30d
}
mitigation backups "Daily backups" {
  mitigates = [db.store_not_backed_up], status = in_progress, effort = 1d, evidence_window = 90d
}
mitigation gates "Required review on main" {
  mitigates = [ci.unreviewed_deploys], status = planned, effort = 1w
}
"""
EXPECTED = [
    "   1. backups  effort 1d, evidence window 90d (audit from 2027-02-21); closes 1 open threat; "
    "unblocks CC7.5; value 13, 13.0 per day",
    "   2. encrypt  effort 4h, evidence window 30d (audit from 2026-12-23); closes 1 open threat; "
    "unblocks C1.1; value 13, 78.0 per day",
    "   3. rbac_plan  effort 2d; closes 1 open threat; value 4, 2.0 per day; owner api-team",
    "   4. gates  effort 7d; closes 1 open threat; value 2, 0.3 per day",
]


class Plan(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        src = os.path.join(lib.ROOT, "tests", "examples", "saas-soc2")
        for name in ("before.moat", "common.moat"):
            shutil.copy(os.path.join(src, name), os.path.join(self.dir, name))
        with open(os.path.join(self.dir, "before.moat"), "a", encoding="utf-8") as f:
            f.write(PLANNED)

    def test_the_terminal_plan_in_the_documented_order(self):
        r = lib.run("plan", "before.moat", "--today", "2026-11-23", "--quiet-locations", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "plan: 4 planned mitigations (evidence windows first, then value "
                                   "per day of effort)")
        self.assertEqual(lines[1:5], EXPECTED)
        self.assertRegex(lines[5], r"^open threats no planned mitigation covers: \d+$")
        uncovered = [l.split()[1] for l in lines[6:]]
        self.assertEqual(uncovered[:3], ["api.sql_injection", "api.unlogged_sensitive_processing",
                                         "api.unvalidated_input"])  # high first, then by id
        self.assertNotIn("api.missing_authorization", uncovered)  # rbac_plan covers it

    def test_the_report_section(self):
        out = os.path.join(self.dir, "out")
        r = lib.run("build", "before.moat", "--today", "2026-11-23", "--formats", "markdown", "-o", out,
                    cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "before.report.md"), encoding="utf-8") as f:
            md = f.read().split("## Remediation plan", 1)[1]
        order = re.findall(r"^\| <a id=\"plan-(\w+)\"></a>(\d+) \|", md, re.M)
        self.assertEqual(order, [("backups", "1"), ("encrypt", "2"), ("rbac_plan", "3"), ("gates", "4")])
        self.assertIn("90d<br>audit from 2027-02-21", md)
        self.assertIn("Open threats no planned mitigation covers", md)

    def test_the_json_plan_validates_against_the_schema(self):
        import jsonschema
        r = lib.run("check", "--format", "json", "--today", "2026-11-23", "before.moat", cwd=self.dir)
        doc = json.loads(r.stdout)
        with open(os.path.join(lib.ROOT, "docs", "moat.schema.json"), encoding="utf-8") as f:
            jsonschema.validate(doc, json.load(f))
        plan = doc["models"][0]["plan"]
        self.assertEqual([i["mitigation"] for i in plan["items"]], ["backups", "encrypt", "rbac_plan", "gates"])
        self.assertEqual(plan["items"][0]["earliest_audit"], "2027-02-21")
        self.assertEqual(plan["items"][1]["unblocks"], ["C1.1"])
        self.assertEqual(plan["items"][2]["closes"], ["api.missing_authorization"])
        self.assertEqual(plan["uncovered"][0], "api.sql_injection")

    def test_a_model_with_errors(self):
        self.write("bad.moat", 'model "x"\nflow a -> b "x"\n')
        r = lib.run("plan", "bad.moat", cwd=self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
