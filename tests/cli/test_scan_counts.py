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


# The real scanners' logs (tests/evidence/samples, README there), each declared as a scan of a
# model whose one process's code is every file: what scanned(KIND) and SOC 2 support say.
REAL_MODEL = """
model "Real logs" { quiet_locations = true }
use soc2
rule covered "Scanned" { applies = process, category = tampering, severity = info, when = scanned(KIND) }
process app "App" { code = ["*"] }
scan sample "The sample" { path = "reports/sample.sarif", kind = KIND, threshold = THRESHOLD }
"""
UNDATED = ("its log has no date an auditor can check: no invocation records an endTimeUtc, and "
           "it is not in a git work tree (have the scanner record its invocations, or commit "
           "the log)")
# (sample, kind, criterion, threshold, scanned, why the scan is not counted for the criterion)
REAL_LOGS = [
    ("trivy/trivy-alpine-310.sarif", "dependency", "CC7.1", "critical", True, UNDATED),
    ("trivy/trivy-config-terraform.sarif", "iac", "CC7.1", "critical", True, UNDATED),
    ("checkov/checkov-2.1.16-terraform-aws-s3.sarif", "iac", "CC7.1", "critical", True, UNDATED),
    ("checkov/checkov-openapi-runner-results.sarif", "iac", "CC7.1", "critical", True, UNDATED),
    ("gitleaks/gitleaks-sarif-simple.sarif", "secrets", "CC6.1", "critical", True, UNDATED),
    ("gitleaks/gitleaks-baseline-empty-runs.sarif", "secrets", "CC6.1", "critical", False,
     "its log has no run"),
    ("semgrep/semgrep-dataflow-traces.sarif", "sast", "CC8.1", "critical", True, UNDATED),
    ("semgrep/semgrep-include-nosemgrep.sarif", "sast", "CC8.1", "critical", True, UNDATED),
    ("semgrep/semgrep-1.69.0-gitlab-rules.sarif", "sast", "CC8.1", "critical", True,
     "it has 34 open results at critical or above"),
    ("semgrep/semgrep-when-errors.sarif", "sast", "CC8.1", "critical", False,
     "its scan failed: /runs/0/invocations/0 reports an error (toolExecutionNotifications/0)"),
]


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
        undated = ("its log has no date an auditor can check: no invocation records an "
                   "endTimeUtc, and it is not in a git work tree (have the scanner record its "
                   "invocations, or commit the log)")
        error_note = run_of("gitleaks", artifacts=["services/web/a.py"])
        error_note["invocations"][0]["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": "skipped a binary file"}},
            {"level": "error", "message": {"text": "File not found: x.py"}}]
        cases = [
            ("runs empty", log(), "", "its log has no run"),
            ("failed", log(run_of("gitleaks", ok=False, artifacts=["services/web/a.py"])), "",
             "its scan failed: /runs/0/invocations/0 says executionSuccessful: false"),
            ("error notification", log(error_note), "",
             "its scan failed: /runs/0/invocations/0 reports an error "
             "(toolExecutionNotifications/1)"),
            ("one run of two failed", log(run_of("gitleaks", artifacts=["services/web/a.py"]),
                                          run_of("gitleaks", ok=False)), "",
             "a run of its log failed: /runs/1/invocations/0 says executionSuccessful: false"),
            ("no invocations", log(run_of("gitleaks", invocations=False,
                                          artifacts=["services/web/a.py"])), "", undated),
            ("no end time", log(run_of("gitleaks", ended=None, artifacts=["services/web/a.py"])),
             "", undated),
            ("future", log(run_of("gitleaks", ended="2027-01-01T00:00:00Z",
                                  artifacts=["services/web/a.py"])), ", max_age = 7d",
             "its log ended 2027-01-01, after 2026-12-06"),
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

    def real_log(self, sample, kind, threshold):
        """Declares `sample` as the scan of REAL_MODEL; its JSON document."""
        with open(os.path.join(lib.ROOT, "tests", "evidence", "samples", sample), "rb") as f:
            self.write("reports/sample.sarif", f.read())
        model = self.write("real.moat", REAL_MODEL.replace("KIND", kind)
                           .replace("THRESHOLD", threshold))
        code, out, err = lib.run("check", model, "--root", self.dir, "--today", TODAY,
                                 "--format", "json")
        self.assertIn(code, (0, 1), err)
        return json.loads(out)["models"][0]

    def test_what_each_real_log_counts_for(self):
        # Outside git: every log that has a run that did not fail covers its results' files,
        # and none has a date an auditor can check (none records an end time).
        for sample, kind, criterion, threshold, scanned, why in REAL_LOGS:
            doc = self.real_log(sample, kind, threshold)
            ids = {t["id"] for t in doc["threats"]}
            self.assertEqual("app.covered" in ids, scanned, sample)
            reason = {c["id"]: c for c in doc["controls"]}[criterion]["reason"]
            self.assertIn("not counted as evidence: scan 'sample' (The sample): " + why, reason,
                          sample)

    def test_each_real_log_committed_to_git(self):
        # Committed, each undated log is dated by its commit and supports its criterion; the
        # others still do not, for the same reason.
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        env = dict(os.environ, GIT_COMMITTER_DATE="2026-12-02T08:00:00Z",
                   GIT_AUTHOR_DATE="2026-12-02T08:00:00Z")
        git = lambda *a: subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                                        cwd=self.dir, check=True, capture_output=True, env=env)
        git("init", "-q")
        for sample, kind, criterion, threshold, scanned, why in REAL_LOGS:
            self.real_log(sample, kind, threshold)
            git("add", "-A")
            git("commit", "-qm", sample, "--allow-empty")
            doc = self.real_log(sample, kind, threshold)
            [scan] = doc["scan_results"]["scans"]
            control = {c["id"]: c for c in doc["controls"]}[criterion]
            self.assertEqual((scan["ended"], scan["dated_by"]), ("2026-12-02", "commit"), sample)
            if why == UNDATED:
                self.assertEqual(control["scanner_evidence"]["scans"], ["sample"], sample)
                self.assertIn("supported by evidence from scan 'sample' (The sample), covering "
                              "app", control["reason"], sample)
            else:
                self.assertEqual(control["scanner_evidence"]["scans"], [], sample)
                self.assertIn("not counted as evidence: scan 'sample' (The sample): " + why,
                              control["reason"], sample)

    def test_coverage_and_support_are_judged_apart(self):
        # A log without invocations (Trivy, Checkov, Gitleaks) has not failed: it covers what it
        # names, whatever its date. A failed run, or a log known to be stale, covers nothing.
        scans = ('scan deps "Trivy" { path = "reports/deps.sarif", kind = dependency MAXAGE }')
        cases = [
            ("no invocations", run_of("Trivy", invocations=False,
                                      artifacts=["services/web/package.json"]), "", True),
            ("no end time", run_of("Trivy", ended=None, artifacts=["services/web/package.json"]),
             "", True),
            ("fresh", run_of("Trivy", artifacts=["services/web/package.json"]), "", True),
            ("dated after today", run_of("Trivy", ended="2027-01-01T00:00:00Z",
                                         artifacts=["services/web/package.json"]), "", True),
            ("failed", run_of("Trivy", ok=False, artifacts=["services/web/package.json"]), "",
             False),
            ("known stale", run_of("Trivy", ended="2026-11-01T00:00:00Z",
                                   artifacts=["services/web/package.json"]), "", False),
            ("stale by max_age", run_of("Trivy", ended="2026-11-25T00:00:00Z",
                                        artifacts=["services/web/package.json"]),
             ", max_age = 7d", False),
        ]
        for what, run, max_age, covered in cases:
            self.write("reports/deps.sarif", log(run))
            ids = set(self.threats(scans=scans.replace("MAXAGE", max_age), extra=SCANNED_RULE))
            self.assertEqual("web.dep_scanned" in ids, covered, what)
            self.assertEqual("web.unscanned_dependencies" in ids, not covered, what)

    def test_a_committed_log_is_dated_by_its_commit(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        self.write("reports/deps.sarif", log(run_of("Trivy", invocations=False,
                                                    artifacts=["services/web/package.json"])))
        scans = 'scan deps "Trivy" { path = "reports/deps.sarif", kind = dependency }'
        self.model(scans=scans, uses="use soc2")
        env = dict(os.environ, GIT_COMMITTER_DATE="2026-12-01T12:00:00Z",
                   GIT_AUTHOR_DATE="2026-12-01T12:00:00Z")
        git = lambda *a: subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                                        cwd=self.dir, check=True, capture_output=True, env=env)

        def state(scans=scans):
            doc = self.doc(scans=scans, uses="use soc2")
            [scan] = doc["scan_results"]["scans"]
            cc71 = {c["id"]: c for c in doc["controls"]}["CC7.1"]
            return scan, cc71

        # Not committed yet: covered, but no date an auditor can check.
        git("init", "-q")
        scan, cc71 = state()
        self.assertEqual((scan["ended"], scan["dated_by"]), (None, None))
        self.assertIn("not counted as evidence: scan 'deps' (Trivy): its log has no date an "
                      "auditor can check: no invocation records an endTimeUtc, and it is not "
                      "committed to git (have the scanner record its invocations, or commit "
                      "the log)", cc71["reason"])
        # Committed and unmodified: the commit's day dates it, and it supports CC7.1.
        git("add", ".")
        git("commit", "-qm", "the scan's log")
        scan, cc71 = state()
        self.assertEqual((scan["ended"], scan["dated_by"]), ("2026-12-01", "commit"))
        self.assertEqual(cc71["scanner_evidence"]["scans"], ["deps"])
        self.assertIn("supported by evidence from scan 'deps' (Trivy), covering aws, web "
                      "(not api, twin)", cc71["reason"])
        # A file's modification time is the checkout's: it never dates a log.
        os.utime(os.path.join(self.dir, "reports/deps.sarif"), (0, 0))
        scan, cc71 = state()
        self.assertEqual(scan["ended"], "2026-12-01")
        # Five days old with max_age 3d: stale, by its commit.
        code, _, err = lib.run("check", self.model(scans=scans.replace(
            "kind = dependency", "kind = dependency, max_age = 3d"), uses="use soc2"),
            "--root", self.dir, "--today", TODAY)
        self.assertIn("scan 'deps' is stale: its log was last committed 2026-12-01, 5 days "
                      "before 2026-12-06 (max_age 3d)", err)
        # Modified in the work tree: the commit no longer dates it.
        with open(os.path.join(self.dir, "reports/deps.sarif"), "a", encoding="utf-8") as f:
            f.write("\n")
        scan, cc71 = state()
        self.assertEqual(scan["dated_by"], None)
        self.assertIn("and it differs from its last commit (have the scanner", cc71["reason"])

    def test_a_shallow_clone_or_a_link_never_dates_a_log(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        scans = 'scan deps "Trivy" { path = "reports/deps.sarif", kind = dependency, max_age = 30d }'
        self.model(scans=scans, uses="use soc2")
        self.write("reports/deps.sarif", log(run_of("Trivy", invocations=False,
                                                    artifacts=["services/web/package.json"])))

        def git(*a, day="2026-01-01", cwd=None):
            env = dict(os.environ, GIT_COMMITTER_DATE=day + "T12:00:00Z",
                       GIT_AUTHOR_DATE=day + "T12:00:00Z")
            subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                           cwd=cwd or self.dir, check=True, capture_output=True, env=env)

        def scan_in(root):
            code, out, err = lib.run("check", os.path.join(root, "shop.moat"), "--root", root,
                                     "--today", TODAY, "--format", "json")
            self.assertIn(code, (0, 1), err)
            doc = json.loads(out)["models"][0]
            [scan] = doc["scan_results"]["scans"]
            return scan, {c["id"]: c for c in doc["controls"]}["CC7.1"]["reason"]

        # The log was committed in January; an unrelated commit came yesterday.
        git("init", "-q")
        git("add", ".")
        git("commit", "-qm", "the scan's log")
        self.write("README", "later\n")
        git("add", "README")
        git("commit", "-qm", "unrelated", day="2026-12-05")
        scan, _ = scan_in(self.dir)
        self.assertEqual((scan["state"], scan["ended"]), ("stale", "2026-01-01"))
        # A shallow clone's one commit seems to add every file: it must not date the log.
        shallow = os.path.join(self.dir, "shallow")
        git("clone", "-q", "--depth", "1", "file://" + self.dir, shallow)
        scan, reason = scan_in(shallow)
        self.assertEqual((scan["ended"], scan["dated_by"]), (None, None))
        self.assertIn("its clone is shallow, so the commit that last changed it may not be "
                      "fetched", reason)
        # A committed link to a log git ignores: the link's commit does not date the log.
        self.write(".gitignore", "out/\n")
        self.write("out/deps.sarif", log(run_of("Trivy", invocations=False,
                                                artifacts=["services/web/package.json"])))
        os.remove(os.path.join(self.dir, "reports/deps.sarif"))
        os.symlink("../out/deps.sarif", os.path.join(self.dir, "reports/deps.sarif"))
        git("add", ".gitignore", "reports/deps.sarif")
        git("commit", "-qm", "link the log", day="2026-12-05")
        scan, reason = scan_in(self.dir)
        self.assertEqual((scan["ended"], scan["dated_by"]), (None, None))
        self.assertIn("it is a symbolic link, and git dates the link, not the log", reason)

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
