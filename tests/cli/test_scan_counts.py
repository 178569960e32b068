#!/usr/bin/env python3
"""What scanner evidence counts for (docs/evidence.md, "What counts as a scan"): only a fresh,
successful run with an end time shows a scan; a scan supports a SOC 2 criterion and never meets
it alone; `scanned(TYPE)` holds only where a scan covered the element's code; a result lands on
the most specific element; scanner rule ids that slug alike keep apart; a threat cites at most 50
results; `moat diff` matches results that moved and reads declared scans.

    python3 tests/cli/test_scan_counts.py --moat build/moat --root .
"""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-12-06"
FRESH = "2026-12-05T10:00:00Z"


def result(rule, uri, line, level="warning", message=None):
    return {"ruleId": rule, "level": level, "message": {"text": message or "found " + rule},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                "region": {"startLine": line}}}]}


def run_of(tool, results=(), ended=FRESH, ok=True, artifacts=(), invocations=True):
    run = {"tool": {"driver": {"name": tool}}, "results": list(results)}
    if invocations:
        run["invocations"] = [{"executionSuccessful": ok, **({"endTimeUtc": ended} if ended else {})}]
    if artifacts:
        run["artifacts"] = [{"location": {"uri": a}, "contents": {"text": "not kept"}}
                            for a in artifacts]
    return run


def log(*runs):
    return json.dumps({"version": "2.1.0", "runs": list(runs)})


SHOP = """
model "Shop" { quiet_locations = true }
USES
SCANS
actor user "User"
boundary aws "AWS" {
  code = ["services/"]
  process web "Storefront" { code = ["services/web/"], web = true }
  process api "API" { code = ["services/api/"] }
  process twin "API twin" { code = ["services/api/"] }
}
flow user -> web "Shop" { protocol = https }
flow web -> api "Order" { protocol = https }
EXTRA
"""

SCANNED_RULE = """
rule dep_scanned "Dependencies scanned" {
  applies = process
  category = tampering
  severity = info
  when = scanned(dependency)
}
"""


class ScanCountsTest(lib.TempDirTest):
    def model(self, scans="", extra="", uses="use stride\nuse soc2", name="shop.moat"):
        return self.write(name, SHOP.replace("USES", uses).replace("SCANS", scans)
                          .replace("EXTRA", extra))

    def doc(self, *args, **kw):
        code, out, err = lib.run("check", self.model(**kw), "--root", self.dir, "--today", TODAY,
                                 "--format", "json", *args)
        self.assertIn(code, (0, 1), err)
        return json.loads(out)["models"][0]

    def controls(self, **kw):
        return {c["id"]: c for c in self.doc(**kw)["controls"]}

    def threats(self, *args, **kw):
        return {t["id"]: t for t in self.doc(*args, **kw)["threats"]}

    # 1. SOC 2: a scan supports a criterion only when its log shows a fresh, successful run that
    # covered the model's code; and it never meets the criterion on its own.
    def test_a_log_that_shows_no_scan_supports_nothing(self):
        scan = 'scan secrets "Gitleaks" { path = "reports/gitleaks.sarif", kind = secrets MAXAGE }'
        cases = [
            ("runs empty", log(), "", "its log has no run"),
            ("failed", log(run_of("gitleaks", ok=False, artifacts=["services/web/a.py"])), "",
             "no run of its log records a successful invocation with an end time"),
            ("no invocations", log(run_of("gitleaks", invocations=False,
                                          artifacts=["services/web/a.py"])), "",
             "no run of its log records a successful invocation with an end time"),
            ("no end time", log(run_of("gitleaks", ended=None, artifacts=["services/web/a.py"])),
             "", "no run of its log records a successful invocation with an end time"),
            ("future", log(run_of("gitleaks", ended="2027-01-01T00:00:00Z",
                                  artifacts=["services/web/a.py"])), ", max_age = 7d",
             "its log ends 2027-01-01, after 2026-12-06"),
            ("old, no max_age", log(run_of("gitleaks", ended="2026-10-01T00:00:00Z",
                                           artifacts=["services/web/a.py"])), "",
             "its log ended 2026-10-01, 66 days before 2026-12-06 (no max_age: 30d)"),
            ("covers nothing", log(run_of("gitleaks", artifacts=["scripts/x.py"])), "",
             "its log shows no file under any element's code"),
        ]
        for what, text, max_age, why in cases:
            self.write("reports/gitleaks.sarif", text)
            cc61 = self.controls(scans=scan.replace("MAXAGE", max_age), uses="use soc2")["CC6.1"]
            self.assertEqual(cc61["scanner_evidence"]["scans"], [], what)
            self.assertEqual(cc61["readiness"], "not_assessed", what)
            self.assertIn("not counted as evidence: scan 'secrets' (Gitleaks): " + why,
                          cc61["reason"], what)

    def test_a_clean_scan_supports_and_does_not_meet(self):
        self.write("reports/gitleaks.sarif",
                   log(run_of("gitleaks", artifacts=["services/web/a.py", "services/api/b.py"])))
        self.write("reports/semgrep.sarif", log(run_of("Semgrep", artifacts=["services/web/a.py"])))
        scans = ('scan secrets "Gitleaks" { path = "reports/gitleaks.sarif", kind = secrets, '
                 'max_age = 7d }\n'
                 'scan code "Semgrep" { path = "reports/semgrep.sarif", kind = sast }')
        controls = self.controls(scans=scans, uses="use soc2")
        for cid, scan in [("CC6.1", "secrets"), ("CC8.1", "code")]:
            c = controls[cid]
            self.assertEqual(c["scanner_evidence"]["scans"], [scan], cid)
            self.assertEqual(c["readiness"], "not_assessed", cid)
        self.assertIn("supported by evidence from scan 'secrets' (Gitleaks), covering aws, web, "
                      "api, twin", controls["CC6.1"]["reason"])
        self.assertIn("supported by evidence from scan 'code' (Semgrep), covering aws, web "
                      "(not api, twin)", controls["CC8.1"]["reason"])

    # 2. scanned(TYPE): only where a fresh, successful scan of that type covered the code.
    def test_scanned_only_where_the_scan_covered_the_code(self):
        self.write("reports/trivy.sarif", log(run_of("Trivy", [
            result("CVE-2021-23337", "services/web/package-lock.json", 9, "error")])))
        ids = set(self.threats("--evidence", os.path.join(self.dir, "reports/trivy.sarif"),
                               extra=SCANNED_RULE))
        self.assertIn("web.dep_scanned", ids)
        self.assertNotIn("api.dep_scanned", ids)
        self.assertNotIn("web.unscanned_dependencies", ids)
        # A declared clean scan covers what its artifacts list: the API's lock file.
        self.write("reports/deps.sarif",
                   log(run_of("Trivy", artifacts=["services/api/requirements.txt"])))
        scans = 'scan deps "Trivy" { path = "reports/deps.sarif", kind = dependency }'
        ids = set(self.threats(scans=scans, extra=SCANNED_RULE))
        self.assertEqual(sorted(i for i in ids if i.endswith("dep_scanned")),
                         ["api.dep_scanned", "twin.dep_scanned"])
        self.assertIn("web.unscanned_dependencies", ids)

    def test_an_old_evidence_log_scans_nothing(self):
        self.write("reports/trivy.sarif", log(run_of("Trivy", [
            result("CVE-2021-23337", "services/web/package-lock.json", 9, "error")],
            ended="2026-09-01T00:00:00Z")))
        threats = self.threats("--evidence", os.path.join(self.dir, "reports/trivy.sarif"),
                               extra=SCANNED_RULE)
        self.assertNotIn("web.dep_scanned", threats)
        self.assertIn("web.unscanned_dependencies", threats)
        # Its results are still read: a finding is a finding.
        self.assertTrue(any(i.startswith("web.vulnerable_dependency.") for i in threats))

    # 3. Ids: rule ids that slug alike are apart; a clean one is kept.
    def test_rule_ids_that_slug_alike_are_two_threats(self):
        self.write("reports/checkov.sarif", log(run_of("checkov", [
            result("CKV_AWS_999", "services/web/main.tf", 3),
            result("ckv-aws-999", "services/web/main.tf", 4),
            result("ckv_aws_999", "services/web/main.tf", 5)])))
        evidence = ("--evidence", os.path.join(self.dir, "reports/checkov.sarif"))
        ids = sorted(i for i in self.threats(*evidence) if ".scanned_misconfiguration." in i)
        self.assertEqual(len(ids), 3, ids)
        self.assertIn("web.scanned_misconfiguration.ckv_aws_999", ids)
        hashed = [i for i in ids if i != "web.scanned_misconfiguration.ckv_aws_999"]
        for i in hashed:
            self.assertRegex(i, r"^web\.scanned_misconfiguration\.ckv_aws_999_[0-9a-f]{6}$")
        accept = 'accept %s { reason = "r", owner = "o" }' % hashed[0]
        status = {i: t["status"] for i, t in self.threats(*evidence, extra=accept).items()}
        self.assertEqual(status[hashed[0]], "accepted")
        self.assertEqual(status[hashed[1]], "open")
        self.assertEqual(status["web.scanned_misconfiguration.ckv_aws_999"], "open")

    # 4. A result lands on the most specific element(s), a boundary only when nothing inside does.
    def test_a_result_lands_on_the_most_specific_elements(self):
        self.write("reports/semgrep.sarif", log(run_of("Semgrep", [
            result("python_sqli", "services/api/app.py", 3),
            result("python_eval", "services/other.py", 4),
            result("python_exec", "scripts/x.py", 5)])))
        doc = self.doc("--evidence", os.path.join(self.dir, "reports/semgrep.sarif"))
        ids = sorted(t["id"] for t in doc["threats"] if "scan_results" in t)
        self.assertEqual(ids, ["api.scanned_code_weakness.python_sqli",
                               "aws.scanned_code_weakness.python_eval",
                               "twin.scanned_code_weakness.python_sqli"])
        scans = doc["scan_results"]
        self.assertEqual(len(scans["outside_model"]), 1)
        self.assertEqual(sorted(e["element"] for e in scans["elements"]), ["api", "aws", "twin"])

    # 6. A threat cites at most 50 results, and counts the rest.
    def test_citations_are_capped(self):
        self.write("reports/semgrep.sarif", log(run_of("Semgrep", [
            result("python_sqli", "services/web/app.py", line) for line in range(1, 61)])))
        evidence = ("--evidence", os.path.join(self.dir, "reports/semgrep.sarif"))
        threat = self.threats(*evidence)["web.scanned_code_weakness.python_sqli"]
        self.assertEqual(len(threat["scan_results"]), 50)
        self.assertEqual(threat["scan_result_count"], 60)
        out = os.path.join(self.dir, "out")
        code, _, err = lib.run("build", self.model(), "--root", self.dir, "--today", TODAY,
                               "-o", out, *evidence)
        self.assertEqual(code, 0, err)
        with open(os.path.join(out, "shop.report.md"), encoding="utf-8") as f:
            self.assertIn("and 10 more results", f.read())
        with open(os.path.join(out, "shop.sarif"), encoding="utf-8") as f:
            [res] = [r for r in json.load(f)["runs"][0]["results"]
                     if r["properties"]["threatId"] == "web.scanned_code_weakness.python_sqli"]
        self.assertEqual(len(res["relatedLocations"]), 50)
        self.assertIn("Scanner evidence: and 10 more results.", res["message"]["text"])

    # 7. moat diff: a result that moved is the same result; declared scans are read.
    def test_diff_matches_moved_results_and_reads_declared_scans(self):
        old = self.write("old.sarif", log(run_of("Semgrep", [
            result("python_sqli", "services/web/app.py", 7, "error", "formatted SQL")])))
        new = self.write("new.sarif", log(run_of("Semgrep", [
            result("python_sqli", "services/web/app.py", 10, "error", "formatted SQL")])))
        model = self.model()
        code, out, err = lib.run("diff", model, model, "--today", TODAY, "--old-evidence", old,
                                 "--evidence", new)
        self.assertEqual(code, 0, err)
        self.assertNotIn("scanner results:", out)
        # Without --evidence, each side reads the logs its model declares.
        self.write("gone.sarif", log(run_of("Semgrep", [])))
        before = self.model(name="before.moat",
                            scans='scan code "Semgrep" { path = "old.sarif", kind = sast }')
        after = self.model(name="after.moat",
                           scans='scan code "Semgrep" { path = "gone.sarif", kind = sast }')
        code, out, err = lib.run("diff", before, after, "--today", TODAY)
        self.assertEqual(code, 0, err)
        self.assertIn("scanner results: Semgrep: 1 code weakness fixed", out)

    def test_diff_against_a_git_revision_reads_no_declared_logs(self):
        # The CI recipe (docs/ci.md): `moat diff origin/BASE:model model`. The revision's side
        # has no logs, so reading them on the work tree's side only showed every open result as
        # new, and --fail-on-new failed an unchanged model.
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        self.write("sg.sarif", log(run_of("Semgrep", [
            result("python_sqli", "services/web/app.py", 7, "error", "formatted SQL")])))
        model = self.model(scans='scan code "Semgrep" { path = "sg.sarif", kind = sast }')
        git = lambda *a: subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                                        cwd=self.dir, check=True, capture_output=True)
        git("init", "-q")
        git("add", ".")
        git("commit", "-qm", "model and log")
        code, out, err = lib.run("diff", "--today", TODAY, "--fail-on-new", "high",
                                 "HEAD:shop.moat", "shop.moat", cwd=self.dir)
        self.assertEqual(code, 0, out + err)
        self.assertNotIn("threats added", out)
        self.assertNotIn("scanner results:", out)


    # 8. A claim a missing or stale declared scan should back stands no more.
    def test_a_missing_dependency_scan_withdraws_the_claim(self):
        scans = 'scan deps "Trivy" { path = "reports/none.sarif", kind = dependency }'
        shop = SHOP.replace("web = true }", "web = true, dependency_scanning = true }")
        model = self.write("claims.moat", shop.replace("USES", "use stride\nuse soc2")
                           .replace("SCANS", scans).replace("EXTRA", ""))
        code, _, err = lib.run("check", model, "--root", self.dir, "--today", TODAY)
        self.assertEqual(code, 0, err)
        self.assertIn("warning: no scan backs this claim: scan 'deps' is missing "
                      "[ContradictedClaim]", err)
        code, out, err = lib.run("check", model, "--root", self.dir, "--today", TODAY,
                                 "--format", "json")
        threats = {t["id"]: t for t in json.loads(out)["models"][0]["threats"]}
        self.assertEqual(threats["web.unscanned_dependencies"]["status"], "open")
        code, _, err = lib.run("check", model, "--root", self.dir, "--today", TODAY,
                               "--strict-evidence")
        self.assertEqual(code, 1, err)
        # Without a declared scan the attribute is still the model's word.
        code, out, err = lib.run("check", self.write("plain.moat", shop.replace(
            "USES", "use stride").replace("SCANS", "").replace("EXTRA", "")), "--root", self.dir,
            "--today", TODAY, "--format", "json")
        threats = {t["id"]: t for t in json.loads(out)["models"][0]["threats"]}
        self.assertNotEqual(threats.get("web.unscanned_dependencies", {}).get("status"), "open")


if __name__ == "__main__":
    sys.exit(lib.main(__doc__))
