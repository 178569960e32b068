#!/usr/bin/env python3
"""Scanner results in the analysis (docs/evidence.md): the rule language's `scan_results()` and
`scanned()`, the threats the `stride.evidence` rules raise (one per element and scanner rule,
listing every location), their ids as mitigation and acceptance targets, suppressed results,
no duplicate of a contradicted claim, SOC 2 status from results and declared scans, and the
outputs that carry them (JSON, CSV, SARIF, Markdown, worksheet). A secret's value reaches none.

    python3 tests/cli/test_scan_threats.py --moat build/moat --root .
"""
import csv
import hashlib
import io
import json
import re
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

SECRET = "AKIAQQSECRETVALUE77"
TODAY = "2026-12-06"


def result(rule, uri, line, level=None, **extra):
    r = {"ruleId": rule, "message": {"text": extra.pop("message", "found " + rule)},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                             "region": {"startLine": line}}}]}
    if level:
        r["level"] = level
    r.update(extra)
    return r


def sarif(tool, results, rules=(), ended=None, artifacts=()):
    run = {"tool": {"driver": {"name": tool, "rules": list(rules)}}, "results": results}
    if ended:
        run["invocations"] = [{"executionSuccessful": True, "endTimeUtc": ended}]
    if artifacts:
        run["artifacts"] = [{"location": {"uri": a}} for a in artifacts]
    return json.dumps({"version": "2.1.0", "runs": [run]})


def sk(rule_id):
    """The scanner rule id as the last part of a threat id (docs/evidence.md): kept when it is
    already a name, else its slug and 6 hex digits of its SHA-256."""
    key = re.sub(r"[^a-z0-9]+", "_", rule_id.lower()).strip("_") or "unnamed"
    if not key[0].isalpha():
        key = "r_" + key
    return key if key == rule_id else key + "_" + hashlib.sha256(rule_id.encode()).hexdigest()[:6]


def leak(line):
    snippet = {"snippet": {"text": "key = '" + SECRET + "'"}}
    r = result("aws-access-token", "services/api/settings.py", line,
               message="AWS key " + SECRET, properties={"match": SECRET})
    r["locations"][0]["physicalLocation"]["region"].update(snippet)
    return r


GITLEAKS = sarif("gitleaks", [leak(7), leak(12)], ended="2026-12-05T10:00:00Z")
TRIVY = sarif("Trivy", [
    result("CVE-2021-23337", "services/web/package-lock.json", 9, "error"),
    result("CVE-2020-8203", "services/web/package-lock.json", 9, "warning"),
    result("CVE-2019-0001", "services/api/requirements.txt", 3, "warning",
           suppressions=[{"kind": "external", "justification": "not reachable: test only"}]),
], rules=[{"id": "CVE-2021-23337", "properties": {"security-severity": "9.8"}}],
   ended="2026-12-05T10:00:00Z")
CHECKOV = sarif("checkov", [
    result("CKV_AWS_16", "infra/db.tf", 12, "error"),
    result("CKV_AWS_23", "infra/db.tf", 3, "warning"),
], ended="2026-12-05T10:00:00Z")
SEMGREP = sarif("Semgrep OSS", [
    result("python.sqli", "services/api/app.py", 20, "error"),
    result("python.leak", "services/api/app.py", 30, "warning"),
], rules=[{"id": "python.sqli", "properties": {"tags": ["CWE-89: SQL Injection"]}},
          {"id": "python.leak", "properties": {"tags": ["CWE-200: Exposure"]}}],
   ended="2026-12-05T10:00:00Z", artifacts=["services/web/server.js", "services/api/app.py"])

MODEL = """
model "Shop" { quiet_locations = true }
use stride
use soc2
SCANS
actor user "User"
boundary aws "AWS" {
  process web "Storefront" { code = ["services/web/"], web = true, authn = oidc, authz = rbac }
  process api "API" { code = ["services/api/"], authn = mtls, authz = rbac, dependency_scanning = true }
  store db "Orders" { code = ["infra/db.tf"], encrypted_at_rest = true, holds = [orders] }
}
data orders "Orders" { classification = confidential }
flow user -> web "Shop" { protocol = https }
flow web -> api "Order" { protocol = https, authn = mtls }
flow api -> db "Store" { protocol = tls, carries = [orders] }
EXTRA
"""

DECLARED = """
scan secrets "Gitleaks" { path = "reports/gitleaks.sarif", kind = secrets, max_age = 7d }
scan deps "Trivy" { path = "reports/trivy.sarif", kind = dependency, max_age = 7d }
scan iac "Checkov" { path = "reports/checkov.sarif", kind = iac, max_age = 7d }
scan code "Semgrep" { path = "reports/semgrep.sarif", kind = sast }
"""


class ScanThreatsTest(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        for name, text in [("gitleaks", GITLEAKS), ("trivy", TRIVY), ("checkov", CHECKOV),
                           ("semgrep", SEMGREP)]:
            self.write(os.path.join("reports", name + ".sarif"), text)

    def model(self, extra="", scans=DECLARED):
        return self.write("shop.moat", MODEL.replace("SCANS", scans).replace("EXTRA", extra))

    def check(self, *args, extra="", scans=DECLARED, fmt="json"):
        return lib.run("check", self.model(extra, scans), "--root", self.dir, "--today", TODAY,
                       "--format", fmt, *args)

    def document(self, **kw):
        code, out, err = self.check(**kw)
        self.assertIn(code, (0, 1), err)
        return json.loads(out)["models"][0], err

    def threats(self, doc):
        return {t["id"]: t for t in doc["threats"]}

    def test_one_threat_per_element_and_scanner_rule(self):
        doc, _ = self.document()
        threats = self.threats(doc)
        results = doc["scan_results"]["results"]
        scan = {i: t for i, t in threats.items() if "scan_results" in t}
        self.assertEqual(sorted(scan), sorted([
            "api.leaked_secret." + sk("aws-access-token"),
            "api.scanned_code_weakness." + sk("python.leak"),
            "api.scanned_code_weakness." + sk("python.sqli"),
            "db.scanned_misconfiguration." + sk("CKV_AWS_23"),
            "web.vulnerable_dependency." + sk("CVE-2020-8203"),
            "web.vulnerable_dependency." + sk("CVE-2021-23337")]))
        self.assertIn("api.leaked_secret.aws_access_token_799e79", scan)
        # Both locations of the leaked key are one threat, listing both.
        leak = threats["api.leaked_secret." + sk("aws-access-token")]
        self.assertEqual([results[i]["locations"][0]["line"] for i in leak["scan_results"]],
                         [7, 12])
        self.assertEqual((leak["severity"], leak["category"], leak["status"], leak["scan_rule"]),
                         ("high", "spoofing", "open", sk("aws-access-token")))
        # Severity from security-severity, else the level; category from the CWE table.
        self.assertEqual(threats["web.vulnerable_dependency." + sk("CVE-2021-23337")]["severity"],
                         "critical")
        self.assertEqual(threats["web.vulnerable_dependency." + sk("CVE-2020-8203")]["severity"], "medium")
        self.assertEqual(threats["api.scanned_code_weakness." + sk("python.sqli")]["category"], "tampering")
        self.assertEqual(threats["api.scanned_code_weakness." + sk("python.leak")]["category"],
                         "information_disclosure")
        # A finding groups the leaked key with the rule that reads `secrets = hardcoded`.
        self.assertEqual(leak["finding"], "api.hardcoded_credentials")

    def test_suppressed_results_raise_nothing_and_stay_listed(self):
        doc, _ = self.document()
        self.assertNotIn("api.vulnerable_dependency." + sk("CVE-2019-0001"), self.threats(doc))
        [suppressed] = [r for r in doc["scan_results"]["results"] if r["suppressions"]]
        self.assertEqual(suppressed["suppressions"][0]["justification"],
                         "not reachable: test only")

    def test_a_contradicted_claim_is_not_raised_twice(self):
        doc, _ = self.document()
        threats = self.threats(doc)
        self.assertIn("evidence contradicts this claim: checkov CKV_AWS_16",
                      self.check(fmt="text").stderr)
        self.assertNotIn("db.scanned_misconfiguration." + sk("CKV_AWS_16"), threats)
        self.assertEqual(threats["db.unencrypted_sensitive_store"]["status"], "open")
        # Another Checkov rule on the same store, which tests no attribute, is raised.
        self.assertIn("db.scanned_misconfiguration." + sk("CKV_AWS_23"), threats)

    def test_targets_name_one_scanner_rule_or_all_of_them(self):
        accept = ('accept api.leaked_secret.' + sk("aws-access-token") +
                  ' { reason = "rotated", owner = "sec" }\n'
                  'accept web.vulnerable_dependency { reason = "upgrade planned", owner = "web" }\n'
                  'accept api.leaked_secret.nothing_like_it { reason = "x", owner = "sec" }\n')
        doc, _ = self.document(extra=accept)
        err = self.check(extra=accept, fmt="text").stderr
        threats = self.threats(doc)
        self.assertEqual(threats["api.leaked_secret." + sk("aws-access-token")]["status"], "accepted")
        self.assertEqual(threats["web.vulnerable_dependency." + sk("CVE-2021-23337")]["status"], "accepted")
        self.assertEqual(threats["web.vulnerable_dependency." + sk("CVE-2020-8203")]["status"], "accepted")
        self.assertIn("no open result of scanner rule 'nothing_like_it' raises 'leaked_secret' "
                      "on 'api'", err)

    def test_a_third_part_needs_a_rule_that_reads_scans(self):
        code, _, err = self.check(extra='accept api.hardcoded_credentials.x { reason = "r", owner = "o" }',
                                  fmt="text")
        self.assertEqual(code, 1, err)
        self.assertIn("only a rule with 'from_scans' takes a scanner rule", err)

    def test_rule_language_functions(self):
        rules = """
rule critical_dependency "A critical vulnerable dependency" {
  applies = process
  category = tampering
  severity = high
  when = scan_results(vulnerable_dependency, severity >= critical) > 0
}
rule sast_covered "Statically analysed" {
  applies = process
  category = tampering
  severity = info
  when = scanned(sast) and scan_results(secret) == 0
}
"""
        doc, _ = self.document(extra=rules)
        ids = set(self.threats(doc))
        self.assertIn("web.critical_dependency", ids)
        self.assertNotIn("api.critical_dependency", ids)
        self.assertIn("web.sast_covered", ids)
        self.assertNotIn("api.sast_covered", ids)  # the leaked key

    def test_bad_arguments_are_diagnosed(self):
        for when, message in [
            ("scan_results(secrets) > 0", "'scan_results' needs a kind of scanner result"),
            ("scan_results(secret, level >= high) > 0", "a severity test, as in 'severity >= high'"),
            ("scan_results(secret, severity >= urgent) > 0", "'severity' is compared with a severity"),
            ("scanned(secret)", "'scanned' needs a kind of scan"),
            ("scanned()", "'scanned' takes a kind of scan"),
            ("scan_results(secret)", "must be true or false"),
        ]:
            rule = ('rule r "R" { applies = process\n category = tampering\n severity = low\n'
                    ' when = ' + when + ' }')
            code, _, err = self.check(extra=rule, fmt="text")
            self.assertEqual(code, 1, when)
            self.assertIn(message, err, when)
        code, _, err = self.check(extra=rule.replace("scan_results(secret)",
                                                     "scan_results(secrte) > 0"), fmt="text")
        self.assertIn("did you mean 'secret'?", err)

    def test_scanned_dependencies_replace_the_attribute(self):
        doc, _ = self.document()
        ids = set(self.threats(doc))
        self.assertNotIn("web.unscanned_dependencies", ids)
        # Without evidence the rule trusts the attribute: web claims no scanning.
        doc, _ = self.document(scans="")
        self.assertEqual(self.threats(doc)["web.unscanned_dependencies"]["status"], "open")
        # A stale dependency scan counts for nothing.
        self.write("reports/trivy.sarif", sarif("Trivy", [], ended="2026-11-01T10:00:00Z"))
        doc, _ = self.document()
        self.assertEqual(self.threats(doc)["web.unscanned_dependencies"]["status"], "open")

    def test_soc2_status_from_evidence(self):
        doc, _ = self.document()
        controls = {c["id"]: c for c in doc["controls"]}
        results = doc["scan_results"]["results"]
        cc61 = controls["CC6.1"]
        self.assertEqual(cc61["readiness"], "not_met")
        self.assertIn("scanner evidence: gitleaks aws-access-token at "
                      "services/api/settings.py:7 (value redacted)", cc61["reason"])
        # The leaked key's two results, and Checkov's CKV_AWS_23 (its rule supports CC6.1).
        self.assertEqual([results[i]["rule_id"] for i in cc61["scanner_evidence"]["results"]],
                         ["aws-access-token", "aws-access-token", "CKV_AWS_23"])
        # Checkov has an open high result: its scan is not evidence.
        self.assertIn("; scan 'iac' (Checkov): it has 1 open result at high or above",
                      cc61["reason"])
        self.assertIn("Trivy CVE-2021-23337 at services/web/package-lock.json:9",
                      controls["CC7.1"]["reason"])
        # Semgrep's log is present, fresh and has an open high result (python.sqli): no evidence.
        self.assertEqual(controls["CC8.1"]["scanner_evidence"]["scans"], [])

    def test_a_clean_fresh_declared_scan_is_evidence_and_a_stale_one_is_not(self):
        # A clean log covers the lock files it lists as artifacts.
        self.write("reports/trivy.sarif", sarif("Trivy", [], ended="2026-12-05T10:00:00Z",
                                                artifacts=["services/web/package-lock.json"]))
        doc, _ = self.document()
        cc68 = {c["id"]: c for c in doc["controls"]}["CC6.8"]
        self.assertEqual(cc68["scanner_evidence"]["scans"], ["deps"])
        self.assertIn("supported by evidence from scan 'deps' (Trivy), covering web "
                      "(not api, db)", cc68["reason"])
        # Without artifacts, a clean log names no file: it covered nothing.
        self.write("reports/trivy.sarif", sarif("Trivy", [], ended="2026-12-05T10:00:00Z"))
        doc, _ = self.document()
        cc68 = {c["id"]: c for c in doc["controls"]}["CC6.8"]
        self.assertEqual(cc68["scanner_evidence"]["scans"], [])
        self.assertIn("scan 'deps' (Trivy): its log shows no file under any element's code",
                      cc68["reason"])
        self.write("reports/trivy.sarif", sarif("Trivy", [], ended="2026-11-01T10:00:00Z"))
        doc, err = self.document()
        self.assertIn("[StaleScan]", self.check(fmt="text").stderr)
        cc68 = {c["id"]: c for c in doc["controls"]}["CC6.8"]
        self.assertEqual(cc68["scanner_evidence"]["scans"], [])
        self.assertNotIn("scan 'deps'", cc68["reason"])

    def test_outputs_carry_the_results_and_never_the_secret(self):
        out = os.path.join(self.dir, "out")
        code, _, err = lib.run("build", self.model(), "--root", self.dir, "--today", TODAY,
                               "-o", out)
        self.assertEqual(code, 0, err)
        read = lambda suffix: open(os.path.join(out, "shop." + suffix), encoding="utf-8-sig").read()
        rows = list(csv.DictReader(io.StringIO(read("csv"))))
        [row] = [r for r in rows if r["threat_id"] == "api.leaked_secret." + sk("aws-access-token")]
        self.assertEqual(row["scanner_evidence"],
                         "gitleaks aws-access-token at services/api/settings.py:7 "
                         "(high; value redacted);gitleaks aws-access-token at "
                         "services/api/settings.py:12 (high; value redacted)")
        log = json.loads(read("sarif"))
        [res] = [r for r in log["runs"][0]["results"]
                 if r["properties"]["threatId"] == "web.vulnerable_dependency." + sk("CVE-2021-23337")]
        self.assertEqual(res["relatedLocations"][-1]["physicalLocation"],
                         {"artifactLocation": {"uri": "services/web/package-lock.json"},
                          "region": {"startLine": 9, "endLine": 9}})
        self.assertIn("Scanner evidence [Trivy CVE-2021-23337 at services/web/package-lock.json:9]",
                      res["message"]["text"])
        report = read("report.md").replace("\\", "")
        self.assertIn("Scanner evidence:", report)
        self.assertIn("Trivy CVE-2021-23337 at services/web/package-lock.json:9 (critical)", report)
        self.assertIn("Scanner evidence:", read("worksheet.html"))
        texts = [err] + [open(os.path.join(out, f), encoding="utf-8", errors="replace").read()
                         for f in os.listdir(out) if os.path.isfile(os.path.join(out, f))]
        texts.append(self.check(fmt="text").stderr + self.check(fmt="text").stdout)
        texts.append(self.check().stdout)
        for text in texts:
            self.assertNotIn(SECRET, text)

    def test_explain_says_it_reads_no_results(self):
        code, _, err = lib.run("explain", "--today", TODAY, self.model(),
                               "api.leaked_secret." + sk("aws-access-token"))
        self.assertEqual(code, 2, err)
        self.assertIn("is a threat raised from scanner results, which 'moat explain' does not read",
                      err)

    def test_diff_counts_results_fixed_and_new_per_tool(self):
        model = self.model(scans="")
        old = [self.write("old/gitleaks.sarif", GITLEAKS.replace('"gitleaks"', '"Gitleaks"')),
               self.write("old/trivy.sarif", TRIVY)]
        critical = result("CVE-2024-0001", "services/web/package-lock.json", 20, "error",
                          properties={"security-severity": "9.1"})
        new_trivy = json.loads(TRIVY)
        new_trivy["runs"][0]["results"].append(critical)
        new = [self.write("new/gitleaks.sarif", sarif("Gitleaks", [])),
               self.write("new/trivy.sarif", json.dumps(new_trivy))]
        code, out, err = lib.run("diff", model, model, "--today", TODAY, "--old-evidence", *old,
                                 "--evidence", *new)
        self.assertEqual(code, 0, err)
        self.assertIn("scanner results: Gitleaks: 2 secrets fixed\n", out)
        self.assertIn("scanner results: Trivy: 1 new critical\n", out)
        self.assertIn("api.leaked_secret." + sk("aws-access-token"), out)
        self.assertIn("web.vulnerable_dependency." + sk("CVE-2024-0001"), out)
        code, out, err = lib.run("diff", model, model, "--today", TODAY, "--format", "json",
                                 "--old-evidence", *old, "--evidence", *new)
        self.assertEqual(code, 0, err)
        changed = json.loads(out)["scan_results_changed"]
        self.assertEqual(changed, [
            {"tool": "Gitleaks", "fixed": {"secrets": 2}, "new": {},
             "text": "Gitleaks: 2 secrets fixed"},
            {"tool": "Trivy", "fixed": {}, "new": {"critical": 1}, "text": "Trivy: 1 new critical"}])
        code, out, err = lib.run("diff", model, model, "--today", TODAY, "--format", "markdown",
                                 "--old-evidence", *old, "--evidence", *new)
        self.assertIn("**Scanner results:** Gitleaks: 2 secrets fixed; Trivy: 1 new critical\n", out)
        for text in (out, err):
            self.assertNotIn(SECRET, text)


if __name__ == "__main__":
    lib.main()
