#!/usr/bin/env python3
"""CLI tests of `moat check`: exit codes, the JSON document's shape, and the shared examples.

    python3 tests/cli/test_check.py --moat build/moat --root .

Only the Python standard library is used.
"""
import json
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

OK_MODEL = """model "CLI sample" { version = "1.0" }

data token "Token" { classification = secret }

boundary cloud "Cloud" {
  trust = internal
  boundary app "App" {
    process api "API" { authn = jwt }
  }
  store db "DB" { holds = [token] }
}

actor user "User"
flow login: user -> api "Log in" { protocol = https, carries = [token] }
flow api <-> db { protocol = sql, carries = [token] }
"""

BROKEN_MODEL = """model "Broken" { version = "1.0" }

external stripe "Stripe"
process api "API"
flow stirpe -> api "Webhook"
"""

SYNTAX_ERROR_MODEL = """model "Syntax" { version = "1.0" }
process api "API" { authn jwt }
"""

WARNING_MODEL = """model "Warning" { version = "1.0" }
process worker "Worker"
flow worker -> worker "Retry"
"""

THREAT_MODEL = """model "Threat" { version = "1.0" }
process api "API"
rule no_rate_limit "No rate limit" {
  applies  = process
  category = denial_of_service
  severity = medium
  when     = not rate_limited
  fixed_severity = true     // these tests are about --fail-on, not about risk
}
"""

RULE_TESTS = """use stride
rule no_rate_limit "No rate limit" {
  applies  = process
  category = denial_of_service
  severity = medium
  when     = not rate_limited
}
test "a process without rate limiting fires no_rate_limit" {
  process api "API"
  expect no_rate_limit on api
}
"""


def run(*args, cwd=None):
    return tuple(lib.run(*args, cwd=cwd, timeout=120, errors="replace"))


class ModelFiles(lib.TempDirTest):
    """Writes the sample models into a temporary folder."""

    def setUp(self):
        super().setUp()
        self.ok = self.write("ok.moat", OK_MODEL)
        self.broken = self.write("broken.moat", BROKEN_MODEL)
        self.syntax = self.write("syntax.moat", SYNTAX_ERROR_MODEL)
        self.warning = self.write("warning.moat", WARNING_MODEL)
        self.threat = self.write("threat.moat", THREAT_MODEL)

    def check_json(self, *args):
        """The exit code and the only model document of `moat check --format json`."""
        code, top = self.check_json_all(*args)
        self.assertEqual(len(top["models"]), 1)
        return code, top["models"][0]

    def check_json_all(self, *args):
        code, out, err = run("check", "--format", "json", *args)
        try:
            top = json.loads(out)
        except json.JSONDecodeError as e:
            self.fail(f"stdout is not JSON ({e}):\n{out}\nstderr:\n{err}")
        self.assertEqual(list(top), ["format_version", "models"])
        return code, top


class ExitCodes(ModelFiles):
    def test_ok_model_exits_0(self):
        code, _, err = run("check", self.ok)
        self.assertEqual(code, 0, err)
        self.assertIn("0 errors", err)

    def test_warnings_alone_exit_0(self):
        code, _, err = run("check", self.warning)
        self.assertEqual(code, 0, err)
        self.assertIn("[SelfFlow]", err)

    def test_model_errors_exit_1(self):
        code, _, err = run("check", self.broken)
        self.assertEqual(code, 1)
        self.assertIn("error: unknown element 'stirpe' [UnknownElement]", err)
        self.assertIn("note: did you mean 'stripe'?", err)

    def test_syntax_errors_exit_1(self):
        code, _, err = run("check", self.syntax)
        self.assertEqual(code, 1)
        self.assertIn("[SyntaxError]", err)

    def test_quiet_prints_diagnostics_and_the_summary_line(self):
        code, out, err = run("check", "-q", self.broken)
        self.assertEqual(code, 1)
        self.assertIn("[UnknownElement]", err)
        self.assertEqual(out, "")

    def test_missing_file_exits_2(self):
        code, _, err = run("check", os.path.join(self.dir, "no_such_file.moat"))
        self.assertEqual(code, 2)
        self.assertIn("cannot read", err)
        self.assertIn("no_such_file.moat", err)

    def test_directory_exits_2(self):
        code, _, err = run("check", self.dir)
        self.assertEqual(code, 2)
        self.assertIn("is a directory", err)

    @unittest.skipIf(hasattr(os, "geteuid") and os.geteuid() == 0, "root can read any file")
    def test_unreadable_file_exits_2(self):
        path = self.write("secret.moat", OK_MODEL)
        os.chmod(path, 0)
        try:
            code, _, err = run("check", path)
        finally:
            os.chmod(path, 0o644)
        self.assertEqual(code, 2)
        self.assertIn("cannot read", err)

    def test_bad_usage_exits_2(self):
        for args in ([], ["check"], ["check", "--format", "xml", self.ok], ["check", "--no-such-flag", self.ok],
                     ["no-such-command"], ["check", "--today", "2026-13-01", self.ok]):
            with self.subTest(args=args):
                code, _, _ = run(*args)
                self.assertEqual(code, 2)

    def test_unreadable_file_wins_over_model_errors(self):
        code, _, _ = run("check", self.broken, os.path.join(self.dir, "missing.moat"))
        self.assertEqual(code, 2)
        code, _, _ = run("check", os.path.join(self.dir, "missing.moat"), self.broken)
        self.assertEqual(code, 2)

    def test_one_broken_model_among_several_exits_1(self):
        code, _, err = run("check", self.ok, self.broken, self.warning)
        self.assertEqual(code, 1)
        # Every file is still checked and summarised.
        for path in (self.ok, self.broken, self.warning):
            self.assertIn(path + ":", err)

    def test_fail_on_exits_3_for_open_threats_at_or_above(self):
        code, _, err = run("check", "--fail-on", "medium", self.threat)
        self.assertEqual(code, 3, err)
        code, _, err = run("check", "--fail-on", "high", self.threat)
        self.assertEqual(code, 0, err)
        code, _, err = run("check", self.threat)
        self.assertEqual(code, 0, err)

    @unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
    def test_output_that_cannot_be_written_exits_2(self):
        # A full disk must not pass for success with the JSON cut short.
        import subprocess
        for args in (["check", "--format", "json", self.ok], ["rules", self.ok], ["--version"],
                     ["check", "--help"]):
            with self.subTest(args=args), open("/dev/full", "w") as full:
                proc = subprocess.run([lib.MOAT, *args], stdout=full, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL, timeout=120)
                err = proc.stderr.decode("utf-8", "replace")
                self.assertEqual(proc.returncode, 2, err)
                self.assertIn("moat: error: cannot write to standard output", err)

    def test_version(self):
        code, out, _ = run("--version")
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("moat "), out)

    def test_output_is_deterministic(self):
        first = run("check", "--format", "json", self.ok)
        second = run("check", "--format", "json", self.ok)
        self.assertEqual(first, second)


class JsonShape(ModelFiles):
    DIAGNOSTIC_KEYS = {"severity", "kind", "message", "file", "line", "column"}

    def test_document_keys(self):
        code, top = self.check_json_all(self.ok)
        self.assertEqual(code, 0)
        self.assertEqual(top["format_version"], "2")
        doc = top["models"][0]
        for key in ("file", "ok", "diagnostics", "elements", "flows"):
            self.assertIn(key, doc)
        self.assertNotIn("format_version", doc)
        self.assertEqual(doc["file"], self.ok)
        self.assertIs(doc["ok"], True)
        self.assertEqual(doc["diagnostics"], [])

    def test_elements(self):
        _, doc = self.check_json(self.ok)
        elements = {e["id"]: e for e in doc["elements"]}
        for e in doc["elements"]:
            self.assertTrue({"id", "kind", "name", "boundary"} <= set(e), e)
        self.assertEqual(set(elements), {"token", "cloud", "app", "api", "db", "user"})
        self.assertEqual(elements["api"], {**elements["api"], "kind": "process", "name": "API", "boundary": "app"})
        self.assertEqual(elements["app"]["kind"], "boundary")
        self.assertEqual(elements["app"]["boundary"], "cloud")
        self.assertIsNone(elements["cloud"]["boundary"])
        self.assertIsNone(elements["user"]["boundary"])  # outside every boundary
        self.assertIsNone(elements["token"]["boundary"])  # data sits in no boundary
        self.assertEqual(elements["token"]["kind"], "data")

    def test_flows(self):
        _, doc = self.check_json(self.ok)
        for f in doc["flows"]:
            self.assertTrue({"id", "source", "target", "crosses"} <= set(f), f)
            self.assertIsInstance(f["crosses"], list)
        flows = {f["id"]: f for f in doc["flows"]}
        self.assertEqual(set(flows), {"login", "api_to_db", "api_to_db-reverse"})
        self.assertEqual(flows["login"]["source"], "user")
        self.assertEqual(flows["login"]["target"], "api")
        self.assertEqual(flows["login"]["crosses"], ["cloud", "app"])
        self.assertEqual(flows["api_to_db"]["crosses"], ["app"])
        self.assertEqual(flows["api_to_db-reverse"]["source"], "db")

    def test_diagnostics(self):
        code, doc = self.check_json(self.broken)
        self.assertEqual(code, 1)
        self.assertIs(doc["ok"], False)
        self.assertEqual(doc["elements"], [])
        self.assertEqual(doc["flows"], [])
        self.assertEqual(len(doc["diagnostics"]), 1)
        d = doc["diagnostics"][0]
        self.assertTrue(self.DIAGNOSTIC_KEYS <= set(d), d)
        self.assertEqual(d["severity"], "error")
        self.assertEqual(d["kind"], "UnknownElement")
        self.assertEqual(d["message"], "unknown element 'stirpe'")
        self.assertEqual(d["file"], self.broken)
        self.assertEqual((d["line"], d["column"]), (5, 6))
        self.assertEqual(d.get("suggestion"), "stripe")

    def test_warning_diagnostic(self):
        code, doc = self.check_json(self.warning)
        self.assertEqual(code, 0)
        self.assertIs(doc["ok"], True)
        kinds = [(d["severity"], d["kind"]) for d in doc["diagnostics"]]
        self.assertEqual(kinds, [("warning", "SelfFlow")])

    def test_json_goes_to_stdout_only(self):
        code, out, err = run("check", "--format", "json", self.broken)
        self.assertEqual(code, 1)
        self.assertEqual(err, "")
        json.loads(out)

    def test_one_shape_for_any_number_of_files(self):
        code, top = self.check_json_all(self.ok, self.broken)
        self.assertEqual(code, 1)
        self.assertEqual([d["file"] for d in top["models"]], [self.ok, self.broken])
        self.assertEqual([d["ok"] for d in top["models"]], [True, False])
        _, one = self.check_json_all(self.ok)
        self.assertEqual(one["models"], top["models"][:1])

    def test_unreadable_files_give_no_model(self):
        code, top = self.check_json_all(os.path.join(self.dir, "nope.moat"))
        self.assertEqual(code, 2)
        self.assertEqual(top["models"], [])


class FirstHour(ModelFiles):
    """What a new user reads: why CI failed, which side of a diff warns, a quiet `moat test`."""

    def test_fail_on_says_which_threats_crossed_the_threshold(self):
        code, out, err = run("check", "-q", "--fail-on", "medium", self.threat)
        self.assertEqual(code, 3, err)
        self.assertTrue(err.endswith(
            "moat: --fail-on medium: 1 open threat at or above medium:\n"
            f"  medium   api.no_rate_limit  {self.threat}:2\n"), err)
        code, out, err = run("check", "--format", "json", "--fail-on", "low", self.threat)
        self.assertEqual(code, 3)
        self.assertIn("moat: --fail-on low: 1 open threat at or above low:", err)
        json.loads(out)  # standard output stays one JSON object
        code, _, err = run("check", "-q", "--fail-on", "high", self.threat)
        self.assertEqual(code, 0)
        self.assertNotIn("--fail-on", err)

    def test_diff_says_which_side_each_diagnostic_comes_from(self):
        code, out, err = run("diff", self.warning, self.threat)
        self.assertEqual(code, 0, err)
        lines = err.splitlines()
        self.assertEqual(lines[0], f"old: {self.warning}:3:13: warning: flow 'worker_to_worker__retry' "
                                   "starts and ends at 'worker' [SelfFlow]")
        self.assertTrue(all(line.startswith("old: ") for line in lines), err)
        code, _, err = run("diff", self.ok, self.warning)
        self.assertTrue(err.startswith("new: ") and "[SelfFlow]" in err, err)
        code, _, err = run("diff", self.ok, os.path.join(self.dir, "missing.moat"))
        self.assertEqual(code, 2)
        self.assertTrue(err.startswith("new: moat: error: cannot read"), err)

    def test_rule_tests_print_one_coverage_line_unless_asked(self):
        path = self.write("rules.moat", RULE_TESTS)
        code, out, err = run("test", path)
        self.assertEqual(code, 0, out + err)
        self.assertNotIn("rules with no test", out)
        coverage = [line for line in out.splitlines() if line.startswith("rule coverage:")]
        self.assertEqual(len(coverage), 1, out)
        self.assertRegex(coverage[0], r"^rule coverage: 0 of \d+ rules tested both ways \(\d+ without "
                                      r"a firing test, \d+ without a non-firing test; --list-untested "
                                      r"names them\)$")
        self.assertLess(max(len(line) for line in out.splitlines()), 200)
        code, out, _ = run("test", "--list-untested", path)
        self.assertEqual(code, 0)
        self.assertIn("rules with no test that shows them not firing: ", out)
        self.assertNotIn("--list-untested names them", out)
        code, out, _ = run("test", "--require-coverage", path)
        self.assertEqual(code, 1)
        self.assertIn("rules with no test that shows them not firing: ", out)


class JsonOutputDoc(lib.TempDirTest):
    """The examples of docs/json-output.md are what moat prints."""

    def example(self, text, model_intro, json_intro):
        model = re.search(re.escape(model_intro) + r"\n\n```text\n(.*?)```\n", text, re.S).group(1)
        start = text.index(json_intro)
        shown = re.search(r"```json\n(.*?)```\n", text[start:], re.S).group(1)
        return model, json.loads(shown)

    def test_examples(self):
        with open(os.path.join(lib.ROOT, "docs", "json-output.md"), encoding="utf-8") as f:
            text = f.read()
        for name, model_intro, json_intro in (
                ("typo.moat", "Example (`typo.moat`):", "Example (`typo.moat`):"),
                ("shop.moat", "`shop.moat`:", "`moat check --format json shop.moat`")):
            with self.subTest(example=name):
                model, shown = self.example(text, model_intro, json_intro)
                self.write(name, model)
                _, out, _ = run("check", "--format", "json", name, cwd=self.dir)
                self.assertEqual(json.loads(out), shown)


class SharedExamples(unittest.TestCase):
    def test_shared_examples_compile(self):
        examples = os.path.normpath(os.path.join(lib.ROOT, "..", "shared", "examples"))
        if not os.path.isdir(examples):
            print(f"note: {examples} does not exist; skipping the shared examples", file=sys.stderr)
            return
        for rel in ("arcata-cloud.moat", os.path.join("saas-soc2", "before.moat"),
                    os.path.join("saas-soc2", "after.moat")):
            path = os.path.join(examples, rel)
            with self.subTest(model=rel):
                if not os.path.exists(path):
                    print(f"note: {path} does not exist; skipping it", file=sys.stderr)
                    continue
                code, _, err = run("check", path)
                self.assertEqual(code, 0, err)
                self.assertIn("0 errors", err)
                code, doc = self._json(path)
                self.assertEqual(code, 0)
                self.assertIs(doc["ok"], True)
                self.assertFalse([d for d in doc["diagnostics"] if d["severity"] == "error"])

    def _json(self, path):
        code, out, err = run("check", "--format", "json", path)
        return code, json.loads(out)["models"][0]


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
