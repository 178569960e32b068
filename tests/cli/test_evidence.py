#!/usr/bin/env python3
"""CLI tests of `--evidence` (docs/evidence.md): every sample SARIF log is read, results land on
the elements whose code they are in, the summary line, the JSON `scan_results`, the report's
"Scanner evidence" section, bad logs, and that a secret's value never reaches any output.

    python3 tests/cli/test_evidence.py --moat build/moat --root .

Only the Python standard library is used.
"""
import glob
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

# What the secret scanners' samples hold that must never be copied: matched values, snippets,
# and the git provenance Gitleaks records (author, e-mail, commit message).
SECRETS = [
    "test-rule has detected secret", "johndoe@gmail.com", "John Doe", "opps", "0000000000000000",
    "AKIAZZTESTSECRETVALUE1", "ghp_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
]


def evidence_dir():
    return os.path.join(lib.ROOT, "tests", "evidence")


def sarif_samples():
    return sorted(glob.glob(os.path.join(evidence_dir(), "samples", "*", "*.sarif")))


def check(*args, fmt="text"):
    d = evidence_dir()
    return lib.run("check", os.path.join(d, "evidence.moat"), "--root", d, "--today",
                   "2026-11-23", "--format", fmt, *args)


class EvidenceTest(lib.TempDirTest):
    def test_every_sample_is_read(self):
        code, _, err = check("--evidence", *sarif_samples())
        self.assertEqual(code, 0, err)
        self.assertIn("evidence: 111 results from 5 tools, 29 outside the model\n", err)

    def test_a_quoted_glob_is_expanded_once_per_file(self):
        pattern = os.path.join(evidence_dir(), "samples", "*", "*.sarif")
        code, _, err = check("--evidence", pattern, "--evidence", sarif_samples()[0])
        self.assertEqual(code, 0, err)
        self.assertIn("evidence: 111 results from 5 tools", err)

    def test_no_evidence_no_line_and_no_json_member(self):
        code, out, err = check(fmt="json")
        self.assertEqual(code, 0, err)
        self.assertNotIn("scan_results", json.loads(out)["models"][0])
        self.assertNotIn("evidence:", check().stderr)

    def test_json_scan_results(self):
        made = os.path.join(evidence_dir(), "made", "unknown-tool.sarif")
        code, out, err = check("--evidence", made, fmt="json")
        self.assertEqual(code, 0, err)
        scans = json.loads(out)["models"][0]["scan_results"]
        self.assertEqual(scans["files"], [made])
        self.assertEqual(scans["tools"], [{"name": "acme-scan", "results": 4}])
        first = scans["results"][0]
        self.assertEqual((first["rule_id"], first["kind"], first["severity"], first["category"]),
                         ("ACME-SQL", "other", "critical", "tampering"))
        self.assertEqual(first["locations"], [{"path": "routes/search.ts", "line": 23}])
        self.assertEqual(first["cwes"], [89])
        self.assertEqual(scans["elements"], [{"element": "api", "results": [0]}])
        self.assertEqual([o["result"] for o in scans["outside_model"]], [1, 2, 3])
        self.assertEqual(scans["outside_model"][2]["note"], "the result has no location in a file")
        self.assertEqual(scans["results"][2]["baseline_state"], "new")

    def test_report_section(self):
        made = os.path.join(evidence_dir(), "made", "unknown-tool.sarif")
        d = evidence_dir()
        code, _, err = lib.run("build", os.path.join(d, "evidence.moat"), "--root", d, "-o",
                               self.dir, "--formats", "markdown", "--evidence", made)
        self.assertEqual(code, 0, err)
        self.assertIn("evidence: 4 results from 1 tool, 3 outside the model", err)
        with open(os.path.join(self.dir, "evidence.report.md"), encoding="utf-8") as f:
            md = f.read()
        section = md.split("## Scanner evidence", 1)[1]
        self.assertIn("4 results from 1 tool in 1 SARIF file; 3 outside the model", section)
        self.assertIn("ACME-SQL", section)
        self.assertIn("routes/search.ts:23", section)
        self.assertIn("Outside the model", section)

    def test_not_json_is_reported_at_its_line_and_column(self):
        bad = os.path.join(evidence_dir(), "made", "not-json.sarif")
        code, _, err = check("--evidence", bad)
        self.assertEqual(code, 1, err)
        self.assertRegex(err, re.escape(bad) + r":3:\d+: error: '.*not-json.sarif' is not JSON: ")
        self.assertIn("[BadEvidence]", err)

    def test_a_broken_log_shows_where_not_what(self):
        # A secret scanner's log cut short while CI wrote it stops inside the snippet, and a
        # glob can pick up a file that is not JSON at all (a .env): the diagnostic's excerpt
        # showed the line, and with it the key. It shows the line's shape only now.
        cut = self.write("cut.sarif", '{"version": "2.1.0", "runs": [{"tool": {"driver": '
                         '{"name": "gitleaks"}}, "results": [{"ruleId": "aws-access-token", '
                         '"locations": [{"physicalLocation": {"artifactLocation": {"uri": '
                         '"a.py"}, "region": {"startLine": 1, "snippet": {"text": '
                         '"aws_key = AKIAQQTRUNCATEDLOG01')
        env = self.write("dot.env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYTRUNC\n")
        for fmt in ("json", "text"):
            code, out, err = check("--evidence", cut, env, fmt=fmt)
            self.assertEqual(code, 1, err)
            for value in ("AKIAQQTRUNCATEDLOG01", "wJalrXUtnFEMIK7MDENGbPxRfiCYTRUNC",
                          "AWS_SECRET_ACCESS_KEY", "aws_key"):
                self.assertNotIn(value, out + err)
        self.assertIn("cut.sarif:1:268: error: '%s' is not JSON: syntax error while parsing "
                      "value - invalid string: missing closing quote [BadEvidence]" % cut, err)
        self.assertIn("dot.env:1:1: error: '%s' is not JSON" % env, err)
        # Where it stopped is still shown: the line's punctuation, and a caret under the place.
        self.assertIn('": *, "*******": {"****": "******* * ********************\n', err)
        self.assertIn(" 1 | " + "*" * len("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYTRUNC")
                      + "\n   | ^\n", err)

    def test_not_sarif_names_a_json_pointer(self):
        made = os.path.join(evidence_dir(), "made")
        code, _, err = check("--evidence", os.path.join(made, "bad-level.sarif"),
                             os.path.join(made, "wrong-version.sarif"))
        self.assertEqual(code, 1, err)
        self.assertIn("is not a SARIF 2.1.0 log: at '/runs/0/results/1/level': expected one of "
                      "none, note, warning, error [BadEvidence]", err)
        self.assertIn("at '/version': expected \"2.1.0\"", err)

    def test_a_missing_file_and_an_empty_glob_are_errors(self):
        code, _, err = check("--evidence", os.path.join(self.dir, "none.sarif"),
                             os.path.join(self.dir, "*.sarif"))
        self.assertEqual(code, 1, err)
        self.assertIn("cannot read --evidence file", err)
        self.assertIn("no file matches --evidence", err)

    def test_a_secret_never_travels(self):
        d = evidence_dir()
        secret_logs = [os.path.join(d, "samples", "gitleaks", "gitleaks-sarif-simple.sarif"),
                       os.path.join(d, "made", "trivy-secrets.sarif")]
        outputs = []
        for fmt in ("text", "json"):
            code, out, err = check("--evidence", *secret_logs, fmt=fmt)
            self.assertEqual(code, 0, err)
            outputs += [out, err]
        # Trivy's JSON report (not SARIF) holds the same values: the error names none of them.
        code, out, err = check("--evidence", os.path.join(d, "samples", "trivy", "trivy-secrets.json"))
        self.assertEqual(code, 1, err)
        outputs += [out, err]
        code, out, err = lib.run("build", os.path.join(d, "evidence.moat"), "--root", d, "-o",
                                 self.dir, "--evidence", *secret_logs)
        self.assertEqual(code, 0, err)
        outputs += [out, err]
        written = sorted(os.listdir(self.dir))
        self.assertGreater(len(written), 5)
        for name in written:
            with open(os.path.join(self.dir, name), "rb") as f:
                outputs.append(f.read().decode("utf-8", "replace"))
        for text in outputs:
            for secret in SECRETS:
                self.assertNotIn(secret, text)
            # Gitleaks' snippet is the words "a secret", which moat's own rule texts also use.
            self.assertNotIn('"a secret"', text)
            self.assertNotIn(">a secret<", text)
            self.assertNotIn("| a secret", text)
        with open(os.path.join(self.dir, "evidence.report.md"), encoding="utf-8") as f:
            report = f.read()
        self.assertIn("deploy.sh:3", report)
        self.assertIn("aws-access-key-id", report)
        self.assertIn("secret: text redacted", report)


    def test_a_model_row_cannot_narrow_a_secret_row(self):
        # A model row that replaces the standard library's secret_tools row (same id) keeps
        # `kind = secret` but names other tools: Gitleaks' result would be `other`, its message
        # and provenance unredacted in every output. The row is an error at its `tools`, the
        # standard row stays, and nothing shows the values.
        d = evidence_dir()
        with open(os.path.join(d, "evidence.moat"), encoding="utf-8") as f:
            base = f.read()
        narrowed = ('classify secret_tools "Only TruffleHog finds secrets here" {\n'
                    '  tools = ["trufflehog*"]\n  kind = secret\n}\n')
        model = self.write("narrowed.moat", base + narrowed)
        line = (base + narrowed).count("\n", 0, (base + narrowed).index('tools = ["truff')) + 1
        log = os.path.join(d, "samples", "gitleaks", "gitleaks-sarif-simple.sarif")
        outputs = []
        for fmt in ("text", "json"):
            code, out, err = lib.run("check", model, "--root", d, "--today", "2026-11-23",
                                     "--format", fmt, "--evidence", log)
            self.assertEqual(code, 1, out + err)
            outputs += [out, err]
        self.assertIn("narrowed.moat:%d:11: error: classify row 'secret_tools' replaces a row "
                      "that makes results secrets but leaves 'gitleaks*' out of 'tools'" % line,
                      outputs[1])
        self.assertIn("[SecretReclassified]", outputs[1])
        self.assertIn("^", outputs[1])
        built = os.path.join(self.dir, "out")
        code, out, err = lib.run("build", model, "--root", d, "-o", built, "--formats",
                                 "json,sarif,html,markdown,csv,worksheet", "--evidence", log)
        self.assertEqual(code, 1, out + err)
        outputs += [out, err]
        for name in sorted(os.listdir(built)) if os.path.isdir(built) else []:
            with open(os.path.join(built, name), "rb") as f:
                outputs.append(f.read().decode("utf-8", "replace"))
        for text in outputs:
            for secret in SECRETS:
                self.assertNotIn(secret, text)
        # Widening is allowed: every pattern of the standard row kept, one more added.
        with open(os.path.join(lib.ROOT, "stdlib", "evidence.moat"), encoding="utf-8") as f:
            stdlib = f.read()
        start = stdlib.index("classify secret_tools")
        row = stdlib[start:stdlib.index("\n}\n", start) + 3]
        wider = row.replace('"betterleaks*"]', '"betterleaks*", "acme-leaks*"]')
        self.assertNotEqual(wider, row)
        code, out, err = lib.run("check", self.write("wider.moat", base + wider), "--root", d,
                                 "--today", "2026-11-23", "--format", "json", "--evidence", log)
        self.assertEqual(code, 0, err)
        found = json.loads(out)["models"][0]["scan_results"]["results"]
        self.assertEqual([(r["kind"], r["redacted"]) for r in found], [("secret", True)])

    def outputs_of_one_secret(self, path):
        """Everything `check` (text and JSON) and `build` (every format) write for the log at
        `path`, whose one result must be read as a redacted secret."""
        outputs = []
        for fmt in ("text", "json"):
            code, out, err = check("--evidence", path, fmt=fmt)
            self.assertEqual(code, 0, err)
            outputs += [out, err]
        found = json.loads(outputs[2])["models"][0]["scan_results"]["results"]
        self.assertEqual([(r["kind"], r["redacted"]) for r in found], [("secret", True)])
        built = os.path.join(self.dir, "out")
        code, out, err = lib.run("build", os.path.join(evidence_dir(), "evidence.moat"), "--root",
                                 evidence_dir(), "-o", built, "--evidence", path)
        self.assertEqual(code, 0, err)
        outputs += [out, err]
        written = sorted(os.listdir(built))
        for ext in (".json", ".report.md", ".report.html", ".sarif", ".csv"):
            self.assertTrue(any(name.endswith(ext) for name in written), (ext, written))
        for name in written:
            with open(os.path.join(built, name), "rb") as f:
                outputs.append(f.read().decode("utf-8", "replace"))
        return outputs

    def test_a_secret_in_every_other_field_never_travels(self):
        # The places a secret scanner (or its wrapper) can put the matched value besides the
        # message and snippet: the result's other properties, message arguments and markdown,
        # related locations, code flows, the context region, the invocation's command line and
        # notifications (kept for their level only), the artifacts' contents.
        value = "ghp_EVERYWHEREx0123456789abcdefABCDEF"
        says = {"text": "found " + value, "markdown": "`" + value + "`", "arguments": [value]}
        where = {"physicalLocation": {"artifactLocation": {"uri": "auth.py"},
                                      "region": {"startLine": 2, "snippet": {"text": value}},
                                      "contextRegion": {"snippet": {"text": value}}},
                 "message": says}
        log = {"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "gitleaks", "rules": [{"id": "github-pat"}]}},
            "invocations": [{"executionSuccessful": True, "commandLine": "gitleaks --x " + value,
                             "toolExecutionNotifications": [{"level": "warning",
                                                             "message": says}]}],
            "artifacts": [{"location": {"uri": "auth.py"}, "contents": {"text": value}}],
            "results": [{"ruleId": "github-pat", "message": says, "locations": [where],
                         "relatedLocations": [where], "codeFlows": [{"message": says}],
                         "fingerprints": {"v": value}, "partialFingerprints": {"v": value},
                         "properties": {"tags": ["t"], "match": value, "secret": value}}]}]}
        outputs = self.outputs_of_one_secret(self.write("everywhere.sarif", json.dumps(log)))
        for text in outputs:
            self.assertNotIn("EVERYWHERE", text)

    def test_a_suppressed_secret_keeps_no_text_of_its_own(self):
        # A suppression's justification and kind, the baseline state and the result's own CWE
        # tags are strings the log writes: on a secret, any of them can carry the value.
        value = "AKIASUPPRESSEDx0123456789"
        log = {"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "gitleaks", "rules": [{"id": "aws-access-token"}]}},
            "results": [{"ruleId": "aws-access-token", "message": {"text": "key " + value},
                         "baselineState": "new " + value,
                         "suppressions": [{"kind": "k" + value, "justification": "j " + value}],
                         "properties": {"tags": ["CWE-987654"]},
                         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "auth.py"},
                                                             "region": {"startLine": 2}}}]}]}]}
        outputs = self.outputs_of_one_secret(self.write("suppressed.sarif", json.dumps(log)))
        for text in outputs:
            self.assertNotIn("SUPPRESSED", text)
            self.assertNotIn("987654", text)
        found = json.loads(outputs[2])["models"][0]["scan_results"]["results"]
        self.assertEqual(len(found[0]["suppressions"]), 1)  # still suppressed, without its words

    def test_a_secret_only_the_rule_id_names_never_travels(self):
        # A Semgrep-shaped result without CWE tags: only its rule id says it found a key, and
        # its message quotes the key. The table's rule-id row makes it a secret, so no output
        # (text, JSON, and every `build` format) shows the message.
        fake_key = "AKIAFAKEKEYNOTREAL77"
        log = {"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "Semgrep OSS", "rules": [
                {"id": "python.aws.hardcoded-aws-access-key", "name": "hardcoded-aws-access-key"}]}},
            "results": [{"ruleId": "python.aws.hardcoded-aws-access-key", "level": "error",
                         "message": {"text": "AWS key " + fake_key + " is in the source"},
                         "locations": [{"physicalLocation": {
                             "artifactLocation": {"uri": "auth.py"}, "region": {"startLine": 2}}}]}]}]}
        outputs = self.outputs_of_one_secret(self.write("semgrep-key.sarif", json.dumps(log)))
        for text in outputs:
            self.assertNotIn(fake_key, text)
        self.assertTrue(any("hardcoded-aws-access-key" in text for text in outputs))

    def test_declared_scans_in_json_and_read_once(self):
        d = evidence_dir()
        model = os.path.join(self.dir, "m.moat")
        sample = os.path.join(d, "samples", "trivy", "trivy-alpine-310.sarif")
        with open(model, "w", encoding="utf-8") as f:
            f.write('model "Scans" { quiet_locations = true }\n'
                    f'scan deps "Trivy" {{ path = "{os.path.relpath(sample, self.dir)}", '
                    'kind = dependency }\n'
                    'scan gone "Gitleaks" { path = "nothing.sarif", kind = secrets, max_age = 1d }\n')
        code, out, err = lib.run("check", model, "--root", "/", "--format", "json",
                                 "--evidence", sample)
        self.assertEqual(code, 0, err)
        scans = json.loads(out)["models"][0]["scan_results"]
        self.assertEqual([(s["id"], s["kind"], s["state"], s["max_age"]) for s in scans["scans"]],
                         [("deps", "dependency", "present", None),
                          ("gone", "secrets", "missing", "1d")])
        self.assertEqual(len(scans["files"]), 1)  # the declared log, not read again
        self.assertIsNotNone(scans["scans"][0]["ended"])  # the file's modification day
        self.assertEqual(scans["contradictions"], [])


    def test_a_declared_log_may_not_lead_out_of_the_root_through_a_link(self):
        # A pull request can commit a link and a `scan` naming it: moat must not read (and quote
        # in a BadEvidence excerpt) the file it points to, nor block on a FIFO.
        repo = os.path.join(self.dir, "repo")
        os.makedirs(os.path.join(repo, "ev"))
        outside = os.path.join(self.dir, "credentials")
        with open(outside, "w", encoding="utf-8") as f:
            f.write("aws_secret_access_key = OUTSIDE-SECRET-VALUE\n")
        os.symlink(outside, os.path.join(repo, "ev", "x.sarif"))
        os.mkfifo(os.path.join(repo, "ev", "pipe.sarif"))
        model = os.path.join(repo, "m.moat")
        with open(model, "w", encoding="utf-8") as f:
            f.write('model "Links" {}\n'
                    'scan s "Link" { path = "ev/x.sarif", kind = iac }\n'
                    'scan p "Pipe" { path = "ev/pipe.sarif", kind = iac }\n')
        code, out, err = lib.run("check", model, "--root", repo)
        self.assertEqual(code, 1, err)
        self.assertIn("leads outside the repository root", err)
        self.assertIn("is not a regular file", err)
        self.assertIn("[LocationOutsideRoot]", err)
        self.assertNotIn("OUTSIDE-SECRET-VALUE", out + err)

    def test_a_listener_without_tls_and_a_public_bucket_contradict_the_model(self):
        model = os.path.join(self.dir, "m.moat")
        with open(model, "w", encoding="utf-8") as f:
            f.write('model "Claims" { quiet_locations = true }\nuse stride\n'
                    'data records "Records" { classification = confidential }\n'
                    'actor user "User"\n'
                    'boundary cloud "Cloud" {\n'
                    '  process lb "Load balancer" { code = ["lb.tf"], forwards = true }\n'
                    '  store bucket "Bucket" { code = ["buckets.tf"], holds = [records] }\n'
                    '}\n'
                    'flow user -> lb "Browse" { protocol = https, carries = [records] }\n')
        sarif = os.path.join(evidence_dir(), "made", "checkov-tls-public.sarif")
        code, out, err = lib.run("check", model, "--root", self.dir, "--format", "json",
                                 "--evidence", sarif)
        self.assertEqual(code, 0, err)
        doc = json.loads(out)["models"][0]
        found = {(c["element"], c["attribute"], c["claimed"], c["shows"])
                 for c in doc["scan_results"]["contradictions"]}
        # The flow into the load balancer claims TLS by its protocol; the bucket's public
        # access was left to its default (no warning for it, but the evidence still counts).
        self.assertEqual(found, {("user_to_lb__browse", "encrypted", True, False),
                                 ("bucket", "public_access", False, True)})
        [warning] = [d for d in doc["diagnostics"] if d["kind"] == "ContradictedClaim"]
        self.assertEqual(warning["message"],
                         "evidence contradicts this claim: Checkov CKV_AWS_2 at lb.tf:3")
        status = {t["id"]: t["status"] for t in doc["threats"]}
        self.assertEqual(status.get("bucket.public_store_exposure"), "open")


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
