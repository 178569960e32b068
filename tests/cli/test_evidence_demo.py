#!/usr/bin/env python3
"""The end-to-end evidence sample (samples/evidence-demo.moat, docs/evidence.md): its declared
scans are read with the model, and the outputs show the four things the sample is for: the
database's claimed encryption contradicted (and its threat open, citing the result), a leaked
key on the payments API, a vulnerable dependency on the storefront, and a result outside the
model. The leaked key's value and its Git provenance reach no output.

    python3 tests/cli/test_evidence_demo.py --moat build/moat --root .
"""
import glob
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

NEVER = ["AKIAIOSFODNN7EXAMPLE", "Pat Developer", "dev@shop.example", "debug payments",
         "5f3a9c1d2e4b6a8f"]


def sample():
    return os.path.join(lib.ROOT, "samples", "evidence-demo.moat")


def run(*args):
    return lib.run(args[0], sample(), "--root", os.path.join(lib.ROOT, "samples", "evidence-demo"),
                   "--today", "2026-12-06", *args[1:])


class EvidenceDemoTest(lib.TempDirTest):
    def scan_results(self):
        code, out, err = run("check", "--format", "json")
        self.assertEqual(code, 0, err)
        return json.loads(out)["models"][0]

    def test_the_four_things(self):
        model = self.scan_results()
        scans = model["scan_results"]
        self.assertEqual([s["state"] for s in scans["scans"]], ["present"] * 4)
        results = scans["results"]
        on = {e["element"]: [results[i] for i in e["results"]] for e in scans["elements"]}
        # 1. Checkov contradicts the claimed encryption; the hidden threat is open, citing it.
        [c] = scans["contradictions"]
        self.assertEqual((c["element"], c["attribute"], c["claimed"], c["shows"]),
                         ("db", "encrypted_at_rest", True, False))
        self.assertEqual(results[c["result"]]["rule_id"], "CKV_AWS_16")
        self.assertIn("db.unencrypted_sensitive_store", c["threats"])
        status = {t["id"]: t["status"] for t in model["threats"]}
        self.assertEqual(status["db.unencrypted_sensitive_store"], "open")
        # 2. The leaked key lands on the payments API, redacted.
        [leak] = on["payments"]
        self.assertEqual((leak["kind"], leak["redacted"]), ("secret", True))
        self.assertEqual(leak["locations"], [{"path": "services/payments/settings.py", "line": 7}])
        # 3. The vulnerable dependency lands on the storefront.
        [dep] = on["web"]
        self.assertEqual((dep["kind"], dep["rule_id"], dep["severity"]),
                         ("vulnerable_dependency", "CVE-2021-23337", "high"))
        # 4. The SQL-injection result in scripts/ is outside the model.
        [outside] = scans["outside_model"]
        self.assertEqual(results[outside["result"]]["locations"][0]["path"], "scripts/migrate.py")

    def test_the_leak_and_the_dependency_are_threats_that_move_soc2(self):
        model = self.scan_results()
        threats = {t["id"]: t for t in model["threats"]}
        results = model["scan_results"]["results"]
        leak = threats["payments.leaked_secret.aws_access_token_799e79"]
        dep = threats["web.vulnerable_dependency.cve_2021_23337_da7339"]
        self.assertEqual((leak["status"], leak["severity"], leak["category"]),
                         ("open", "high", "spoofing"))
        self.assertEqual((dep["status"], dep["severity"]), ("open", "high"))
        # Trivy's log records no invocation: it has not failed, and its result in the lock file
        # shows that a dependency scan looked at the storefront. So the storefront is not also
        # "without dependency scanning" (it was, beside Trivy's own finding, before).
        self.assertNotIn("web.unscanned_dependencies", threats)
        scans = {s["id"]: s for s in model["scan_results"]["scans"]}
        self.assertEqual((scans["code"]["ended"], scans["code"]["dated_by"]),
                         ("2026-12-05", "invocation"))
        for undated in ("dependencies", "secrets", "infrastructure"):
            self.assertIn(scans[undated]["dated_by"], ("commit", None))
        self.assertEqual([results[i]["rule_id"] for i in dep["scan_results"]], ["CVE-2021-23337"])
        # No threat per location, and none beside the contradicted claim's.
        scan_threats = sorted(i for i, t in threats.items() if "scan_results" in t)
        self.assertEqual(scan_threats, ["payments.leaked_secret.aws_access_token_799e79",
                                        "web.vulnerable_dependency.cve_2021_23337_da7339"])
        controls = {c["id"]: c for c in model["controls"]}
        self.assertEqual(controls["CC6.1"]["readiness"], "not_met")
        self.assertIn("gitleaks aws-access-token at services/payments/settings.py:7 "
                      "(value redacted)", controls["CC6.1"]["reason"])
        self.assertEqual(controls["CC7.1"]["readiness"], "not_met")
        self.assertIn("Trivy CVE-2021-23337 at services/web/package-lock.json:9",
                      controls["CC7.1"]["reason"])
        self.assertEqual(controls["CC8.1"]["scanner_evidence"]["scans"], ["code"])
        self.assertIn("scan 'infrastructure' (Checkov over infra/): it has 1 open result at "
                      "high", controls["CC6.1"]["reason"])
        # Semgrep's successful run supports CC8.1, met on the model's mitigations (claimed): the
        # scan is cited, it does not make the criterion evidenced.
        self.assertIn("supported by evidence from scan 'code' (Semgrep over the services), "
                      "covering web, payments (not db)", controls["CC8.1"]["reason"])
        self.assertEqual((controls["CC8.1"]["readiness"], controls["CC8.1"]["basis"]),
                         ("met", "claimed"))
        # The terminal lists them among the top open findings.
        code, out, err = run("check")
        self.assertEqual(code, 0, err)
        self.assertIn("payments.hardcoded_credentials", out)
        self.assertIn("web.vulnerable_dependency", out)

    def test_the_claim_is_a_warning_and_strict_makes_it_an_error(self):
        code, _, err = run("check")
        self.assertEqual(code, 0, err)
        self.assertIn("warning: evidence contradicts this claim: Checkov CKV_AWS_16 at "
                      "infra/db.tf:12 [ContradictedClaim]", err)
        self.assertIn("evidence: 4 results from 4 tools, 1 outside the model", err)
        code, _, err = run("check", "--strict-evidence")
        self.assertEqual(code, 1, err)
        self.assertIn("error: evidence contradicts this claim", err)

    def test_the_report_shows_all_four_and_no_secret_travels(self):
        out = os.path.join(self.dir, "out")
        code, _, err = run("build", "-o", out)
        self.assertEqual(code, 0, err)
        with open(os.path.join(out, "evidence-demo.report.md"), encoding="utf-8") as f:
            report = f.read().replace("\\", "")  # Markdown escapes: CKV\_AWS\_16
        for text in ["Claims contradicted by evidence", "Checkov CKV_AWS_16 at infra/db.tf:12",
                     "db.unencrypted_sensitive_store", "services/payments/settings.py:7",
                     "CVE-2021-23337", "Outside the model", "scripts/migrate.py:9",
                     "Declared scans"]:
            self.assertIn(text, report)
        # SARIF: the threat the evidence opened carries the result's location as a related one.
        with open(os.path.join(out, "evidence-demo.sarif"), encoding="utf-8") as f:
            log = json.load(f)
        [opened] = [r for r in log["runs"][0]["results"]
                    if r["properties"]["threatId"] == "db.unencrypted_sensitive_store"]
        self.assertIn("Scanner evidence [Checkov CKV_AWS_16 at infra/db.tf:12](1)",
                      opened["message"]["text"])
        self.assertEqual(opened["relatedLocations"][0]["physicalLocation"],
                         {"artifactLocation": {"uri": "infra/db.tf"},
                          "region": {"startLine": 12, "endLine": 12}})
        texts = [err, self.scan_results().__repr__()]
        for path in glob.glob(os.path.join(out, "*")):
            with open(path, "rb") as f:
                texts.append(f.read().decode("utf-8", "replace"))
        for text in texts:
            for value in NEVER:
                self.assertNotIn(value, text)


if __name__ == "__main__":
    lib.main()
