#!/usr/bin/env python3
"""Acceptance tests of the analyzer through the CLI: the shared examples give the threats and
control statuses their header comments state; `moat diff`, `moat explain`, `moat rules`,
`--fail-on` and `--fail-on-new` behave as documented.

    python3 tests/cli/test_analysis.py --moat build/moat --root .
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-11-23"  # before the sessions acceptance expires (2027-03-01)


def run(*args, cwd=None):
    return lib.run(*args, cwd=cwd, timeout=120)


def example_dirs():
    """The copies in tests/examples, and the originals when ../shared is there."""
    dirs = [os.path.join(lib.ROOT, "tests", "examples")]
    shared = os.path.join(lib.ROOT, "..", "shared", "examples")
    if os.path.isdir(shared):
        dirs.append(shared)
    return dirs


def analyze(path, today=TODAY, root=None):
    extra = ["--root", root] if root else []
    code, out, err = run("check", "--format", "json", "--today", today, *extra, path)
    assert code == 0, err
    return json.loads(out)["models"][0]


def with_evidence(folder, tmp, create=True):
    """Copies the models of `folder` into `tmp` with an empty file for every `evidence` location
    they name (unless `create` is false): evidence that does not exist is not evidence, and the
    examples name files of the system they describe, not of this repository."""
    for name in os.listdir(folder):
        if not name.endswith(".moat"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            f.write(text)
        for block in re.findall(r"evidence\s*=\s*\[([^\]]*)\]", text) if create else []:
            for path in re.findall(r'"([^":]+)', block):
                os.makedirs(os.path.dirname(os.path.join(tmp, path)), exist_ok=True)
                open(os.path.join(tmp, path), "w").close()
    return tmp


def threats_on(doc, element):
    return [t for t in doc["threats"] if t["element"] == element]


def control(doc, cid):
    return next(c for c in doc["controls"] if c["id"] == cid)


class ArcataCloud(unittest.TestCase):
    def test_expectations_of_the_header_comment(self):
        for d in example_dirs():
            with self.subTest(dir=d):
                doc = analyze(os.path.join(d, "arcata-cloud.moat"))
                self.assertFalse([x for x in doc["diagnostics"] if x["severity"] == "error"])
                signup = [t for t in threats_on(doc, "signup") if t["status"] == "open" and
                          t["category"] == "information_disclosure" and t["severity"] in ("high", "critical")]
                self.assertTrue(any("CC6.7" in t["controls"] for t in signup), signup)
                for t in threats_on(doc, "stripe") + threats_on(doc, "webhook"):
                    if t["category"] in ("spoofing", "tampering"):
                        self.assertNotEqual(t["status"], "open", t)
                backups = [t for t in threats_on(doc, "backups") if t["status"] == "open" and
                           t["category"] == "information_disclosure"]
                self.assertTrue(any({"CC6.1", "CC6.7"} & set(t["controls"]) for t in backups), backups)
                sessions = [t for t in threats_on(doc, "sessions") if t["category"] == "information_disclosure"]
                self.assertTrue(sessions)
                self.assertTrue(all(t["status"] == "accepted" for t in sessions), sessions)
                api_dos = [t for t in threats_on(doc, "api") if t["category"] == "denial_of_service" and t["status"] == "open"]
                self.assertTrue(api_dos)
                eop = [t for t in threats_on(doc, "admin_api") if t["category"] == "elevation_of_privilege" and
                       t["status"] == "open" and {"CC6.1", "CC6.3"} & set(t["controls"])]
                self.assertTrue(eop)
                self.assertFalse([t for t in threats_on(doc, "api") if t["category"] == "repudiation" and t["status"] == "open"])
                self.assertEqual(control(doc, "CC6.7")["status"], "failing")
                self.assertEqual(control(doc, "CC1.1")["status"], "not_assessed")

    def test_expired_acceptance_reopens_the_threat_with_a_warning(self):
        doc = analyze(os.path.join(lib.ROOT, "tests", "examples", "arcata-cloud.moat"), today="2027-03-02")
        sessions = [t for t in threats_on(doc, "sessions") if t["category"] == "information_disclosure"]
        self.assertTrue(all(t["status"] == "open" for t in sessions))
        warnings = [x for x in doc["diagnostics"] if x["kind"] == "AcceptanceExpired"]
        self.assertEqual(len(warnings), 1)
        self.assertIn("2027-03-01", warnings[0]["message"])


class SaasSoc2(unittest.TestCase):
    WATCHED = ["CC6.1", "CC6.3", "CC6.7", "CC8.1", "A1.2", "C1.2"]

    def test_before_and_after(self):
        for d in example_dirs():
            with self.subTest(dir=d), tempfile.TemporaryDirectory() as tmp:
                # The header's statuses hold where the evidence it names exists.
                root = with_evidence(os.path.join(d, "saas-soc2"), tmp)
                before = analyze(os.path.join(root, "before.moat"), root=root)
                after = analyze(os.path.join(root, "after.moat"), root=root)
                statuses = [control(before, c)["status"] for c in self.WATCHED]
                self.assertGreater(statuses.count("failing"), statuses.count("passing"), statuses)
                self.assertNotEqual(control(before, "CC6.7")["status"], "failing")
                self.assertEqual(control(before, "CC8.1")["status"], "failing")
                self.assertTrue(any(t["rule"] == "unreviewed_deploys" and t["status"] == "open" for t in before["threats"]))
                self.assertEqual(control(after, "CC8.1")["status"], "passing")
                self.assertEqual(control(after, "CC8.1")["readiness"], "met")
                # deploy_gates has evidence that exists, but a CC8.1 threat is closed by a
                # controlling attribute (a claim), so the criterion is met (claimed).
                self.assertEqual(control(after, "CC8.1")["basis"], "claimed")
                self.assertIn("deploy_gates", control(after, "CC8.1")["mitigations"])
                for c in ("CC6.1", "CC6.3"):
                    self.assertNotEqual(control(after, c)["status"], "failing")

    def test_evidence_that_does_not_exist_is_not_evidence(self):
        for d in example_dirs():
            with self.subTest(dir=d), tempfile.TemporaryDirectory() as tmp:
                root = with_evidence(os.path.join(d, "saas-soc2"), tmp, create=False)
                after = analyze(os.path.join(root, "after.moat"), root=root)
                cc81 = control(after, "CC8.1")
                self.assertEqual(cc81["status"], "warning")
                self.assertIn(".github/workflows/deploy.yml (mitigation deploy_gates)", cc81["reason"])

    def test_diff_lists_the_fixed_criteria(self):
        d = os.path.join(lib.ROOT, "tests", "examples", "saas-soc2")
        code, out, err = run("diff", "--format", "json", "--today", TODAY,
                             os.path.join(d, "before.moat"), os.path.join(d, "after.moat"))
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        fixed = {c["id"] for c in doc["controls"] if c["fixed"]}
        self.assertTrue({"CC6.1", "CC6.3", "CC8.1"} <= fixed, fixed)
        security = next(r for r in doc["readiness"] if r["category"] == "Security")
        self.assertGreater(security["after"]["passing"], security["before"]["passing"])
        code, out, _ = run("diff", "--today", TODAY, os.path.join(d, "before.moat"), os.path.join(d, "after.moat"))
        self.assertIn("criteria fixed (not met before, not now): CC6.1, CC6.3", out)
        self.assertRegex(out, r"Security\s+\d+/\d+ met -> \d+/\d+ met")
        self.assertIn("CC8.1  not met          -> met (claimed)", out)

    def test_diff_reads_git_revisions_with_their_imports(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        src = os.path.join(lib.ROOT, "tests", "examples", "saas-soc2")
        with tempfile.TemporaryDirectory() as repo:
            git = lambda *a: subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                                            cwd=repo, check=True, capture_output=True)
            git("init", "-q")
            shutil.copy(os.path.join(src, "common.moat"), repo)
            shutil.copy(os.path.join(src, "before.moat"), os.path.join(repo, "model.moat"))
            git("add", ".")
            git("commit", "-qm", "before")
            shutil.copy(os.path.join(src, "after.moat"), os.path.join(repo, "model.moat"))
            # common.moat changes in the working tree only: the revision must read its own copy.
            with open(os.path.join(repo, "common.moat"), "a") as f:
                f.write("\nthis is not valid moat\n")
            code, out, err = run("diff", "--format", "json", "--today", TODAY, "HEAD:model.moat", "HEAD:model.moat", cwd=repo)
            self.assertEqual(code, 0, err)
            self.assertEqual(json.loads(out)["threats_added"], [])
            code, _, err = run("diff", "HEAD~7:model.moat", "HEAD:model.moat", cwd=repo)
            self.assertEqual(code, 2)
            self.assertIn("HEAD~7", err)

    def test_fail_on_new(self):
        d = os.path.join(lib.ROOT, "tests", "examples", "saas-soc2")
        before, after = os.path.join(d, "before.moat"), os.path.join(d, "after.moat")
        code, _, _ = run("diff", "--fail-on-new", "high", "--today", TODAY, before, after)
        self.assertEqual(code, 0)  # the fixes add only low threats
        code, _, _ = run("diff", "--fail-on-new", "high", "--today", TODAY, after, before)
        self.assertEqual(code, 3)  # going back re-adds high ones


class Commands(unittest.TestCase):
    def test_fail_on(self):
        path = os.path.join(lib.ROOT, "tests", "examples", "arcata-cloud.moat")
        # Severity by risk: the internet reaches session data in clear text and without
        # authentication, which is critical (issue 11, item 10).
        code, _, err = run("check", "-q", "--fail-on", "critical", "--today", TODAY, path)
        self.assertEqual(code, 3)
        self.assertIn("critical signup.unencrypted_crossing", err)
        code, _, _ = run("check", "-q", "--fail-on", "high", "--today", TODAY, path)
        self.assertEqual(code, 3)

    def test_bad_today_is_a_usage_error(self):
        code, _, err = run("check", "--today", "2026-02-30", os.path.join(lib.ROOT, "samples", "clinic-booking.moat"))
        self.assertEqual(code, 2)
        self.assertIn("--today", err)

    def test_explain_shows_the_evaluated_expression(self):
        path = os.path.join(lib.ROOT, "tests", "examples", "arcata-cloud.moat")
        code, out, err = run("explain", "--today", TODAY, path, "signup.unencrypted_crossing")
        self.assertEqual(code, 0, err)
        self.assertIn("when:", out)
        self.assertIn("crosses_boundary  =>  true", out)
        self.assertIn("status: open", out)
        code, out, _ = run("explain", "--today", TODAY, path, "sessions.unencrypted_sensitive_store")
        self.assertIn("status: accepted", out)
        code, out, _ = run("explain", "--today", TODAY, path, "unencrypted_crossing", "web_to_api__api_calls")
        self.assertEqual(code, 0)
        self.assertIn("=>  false", out)
        self.assertIn("status: not raised", out)
        code, _, err = run("explain", path, "signup.unencrypted_crosing")
        self.assertEqual(code, 2)
        self.assertIn("did you mean 'unencrypted_crossing'", err)

    def test_rules_cover_stride_per_element(self):
        code, out, _ = run("rules", "--format", "json")
        self.assertEqual(code, 0)
        rules = json.loads(out)
        self.assertGreaterEqual(len(rules), 60)
        for r in rules:
            self.assertTrue(r["controls"], r["id"])
            self.assertTrue(r["advice"], r["id"])
        cells = {}
        for r in rules:
            for kind in r["applies"]:
                cells[(kind, r["category"])] = cells.get((kind, r["category"]), 0) + 1
        required = {"process": ["spoofing", "tampering", "repudiation", "information_disclosure",
                                "denial_of_service", "elevation_of_privilege"],
                    "store": ["tampering", "repudiation", "information_disclosure", "denial_of_service"],
                    "flow": ["tampering", "information_disclosure", "denial_of_service"],
                    "actor": ["spoofing", "repudiation"], "external": ["spoofing", "repudiation"]}
        for kind, cats in required.items():
            for cat in cats:
                self.assertGreaterEqual(cells.get((kind, cat), 0), 2, (kind, cat))

    def test_rules_show_when_prints_conditions(self):
        code, out, _ = run("rules", "--show-when")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        i = next(k for k, line in enumerate(lines) if line.startswith("unsigned_artifacts "))
        self.assertEqual(lines[i + 1], "    when pipeline == deploy")
        self.assertEqual(lines[i + 2], "    mitigated by signed_artifacts")
        # A condition written over several lines is printed on one.
        self.assertFalse(any(line.startswith("    when ") and "  " in line[9:] for line in lines))
        code, out, _ = run("rules")
        self.assertNotIn("    when ", out)
        code, out, _ = run("rules", "--show-when", "--format", "json")
        rule = next(r for r in json.loads(out) if r["id"] == "sign_in_bypasses_sso")
        self.assertTrue(rule["when"].startswith("(oidc in authn or saml in authn)"))
        self.assertEqual(rule["mitigated_by"], ["sso_enforced"])

    def test_explain_quotes_a_parenthesised_condition_whole(self):
        model = """use stride
model "Parens" { version = "1" }
actor user "User" { trust = untrusted }
process app "App" { web = true }
flow user -> app "Request" { protocol = https }
rule busy_web "A web process that callers reach" {
  applies = [process]
  category = tampering
  severity = low
  when = (web or sandboxed) and count(inbound) > 0
}
"""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "parens.moat")
            lib.write_file(path, model)
            code, out, err = run("explain", "--today", TODAY, path, "app.busy_web")
        self.assertEqual(code, 0, err)
        self.assertIn("  (web or sandboxed) and count(inbound) > 0  =>  true\n", out)
        self.assertIn("    (web or sandboxed)  =>  true\n", out)

if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
