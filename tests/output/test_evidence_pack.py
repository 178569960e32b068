#!/usr/bin/env python3
"""The evidence pack (`moat build --formats evidence`, docs/soc2.md "Evidence for the auditor"):
evidence.json validates against docs/evidence.schema.json; every file's hash is what `sha256sum`
says and its revision is git's HEAD, with modified and untracked files said so; every piece of
evidence in the HTML and Markdown reports shows its hash and revision; the appendix quotes the
lines cited, escaped for HTML and Markdown; no git, a FIFO, binary content and a secret flagged
by a scanner are handled; two builds are byte-identical.

    python3 tests/output/test_evidence_pack.py --moat build/moat --root .
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

try:
    import jsonschema
except ImportError:  # python3-jsonschema is installed by scripts/setup.sh
    jsonschema = None

TODAY = "2026-11-23"
FORMATS = "evidence,json,markdown,html"

MODEL = """model "Pack" { version = "1" }
use soc2
process api "API" { code = ["src/"] }
rule r "R" { applies = process, category = tampering, severity = high, controls = [CC6.1],
             when = true, fixed_severity = true }
mitigation fix "Fix" {
  mitigates = [api.r], controls = [CC6.1], status = implemented,
  evidence = [%s]
}
attest CC1.1 { status = met, owner = "ciso@example.com", reviewed = 2026-10-01,
               evidence = ["Code of conduct <signed>"] }
"""


def git(cwd, *args):
    return subprocess.run(["git", "-C", cwd, *args], capture_output=True, text=True, check=True).stdout


def sha256sum(path):
    return subprocess.run(["sha256sum", path], capture_output=True, text=True, check=True).stdout.split()[0]


class EvidencePackTest(lib.TempDirTest):
    def build(self, root, model, *extra, text_errors="strict", env=None):
        out = os.path.join(self.dir, "out")
        shutil.rmtree(out, ignore_errors=True)
        r = lib.run("build", "--today", TODAY, "--root", root, "-o", out, "--formats", FORMATS,
                    *extra, model, timeout=120, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        stem = os.path.splitext(os.path.basename(model))[0]

        def read(ext):
            with open(os.path.join(out, f"{stem}.{ext}"), encoding="utf-8", errors=text_errors) as f:
                return f.read()
        pack = json.loads(read("evidence.json"))
        self.validate(pack)
        return pack, read("report.md"), read("report.html"), read("json")

    def validate(self, pack):
        if jsonschema is None:
            self.skipTest("python3-jsonschema is not installed")
        with open(os.path.join(lib.ROOT, "docs", "evidence.schema.json"), encoding="utf-8") as f:
            jsonschema.validate(pack, json.load(f))

    def repo(self, evidence, files):
        root = os.path.join(self.dir, "repo")
        for name, content in files.items():
            self.write(os.path.join("repo", name), content)
        self.write("repo/pack.moat", MODEL % evidence)
        return root, os.path.join(root, "pack.moat")

    def items(self, pack):
        return {item["text"]: item for item in pack["evidence"]}

    def test_sample_hashes_revision_and_report(self):
        root = os.path.join(lib.ROOT, "samples", "clinic-booking")
        model = os.path.join(lib.ROOT, "samples", "clinic-booking.moat")
        pack, md, html, doc = self.build(root, model, "--scan")
        self.assertTrue(pack["evidence"])
        inside_git = subprocess.run(["git", "-C", root, "rev-parse"], capture_output=True).returncode == 0
        head = git(root, "rev-parse", "HEAD").strip() if inside_git else None
        hashed = 0
        for item in pack["evidence"]:
            for f in item["files"]:
                self.assertEqual(f["sha256"], sha256sum(os.path.join(root, f["path"])), f["path"])
                self.assertEqual(f["revision"], head)
                if head and f["state"] == "clean":
                    self.assertEqual(git(root, "status", "--porcelain", "--", f["path"]), "")
                # Every piece of evidence in the report has its hash and revision.
                self.assertIn(f["sha256"], md)
                self.assertIn(f["sha256"], html)
                if head:
                    self.assertIn(head, md)
                    self.assertIn(head, html)
                    self.assertIn(head[:12], md.split("## Evidence appendix")[0])
                hashed += 1
        self.assertGreater(hashed, 0)
        self.assertIn("## Evidence appendix", md)
        self.assertIn('id="evidence-appendix"', html)
        # The attestation carries who and when.
        attest = self.items(pack)["attest CC1.1"]
        self.assertEqual(attest["attestation"]["who"], "ceo@clinic.example")
        self.assertIn("attested by ceo@clinic.example", md)
        # The criteria in the JSON document list the same evidence, with hashes.
        controls = {c["id"]: c for c in json.loads(doc)["models"][0]["controls"]}
        ids = {c["id"]: c["evidence"] for c in pack["criteria"]}
        for cid, c in controls.items():
            self.assertEqual([e["id"] for e in c["evidence_items"]], ids[cid])
        # Same input, same bytes.
        again, md2, _, _ = self.build(root, model, "--scan")
        self.assertEqual(again, pack)
        self.assertEqual(md2, md)

    def test_declared_scans_are_runs_with_their_results(self):
        root = os.path.join(lib.ROOT, "samples", "evidence-demo")
        pack, md, _, _ = self.build(root, os.path.join(lib.ROOT, "samples", "evidence-demo.moat"))
        scans = {i["cited_by"]["id"]: i for i in pack["evidence"] if i["kind"] == "scan"}
        self.assertEqual(sorted(scans), ["code", "dependencies", "infrastructure", "secrets"])
        for scan in scans.values():
            self.assertEqual(scan["scan"]["state"], "present")
            log = scan["files"][0]
            self.assertEqual(log["sha256"], sha256sum(os.path.join(root, log["path"])))
        self.assertIn("CC7.1", scans["secrets"]["criteria"])
        self.assertTrue(scans["secrets"]["scan"]["results"][0]["redacted"])
        # A declared scan whose results bear on no criterion is listed last, supporting none.
        self.assertEqual(scans["code"]["criteria"], [])
        self.assertEqual(pack["evidence"][-1]["cited_by"]["id"], "code")
        self.assertNotIn("AKIAIOSFODNN7EXAMPLE", json.dumps(pack) + md)

    def test_modified_and_untracked_files_say_so(self):
        if shutil.which("git") is None:
            self.skipTest("git is not installed")
        root, model = self.repo('"src/a.ts:1-2", "src/b.ts", "src/new.ts"',
                                {"src/a.ts": "one\ntwo\n", "src/b.ts": "b\n"})
        git(root, "init", "-q")
        git(root, "add", "src", "pack.moat")
        git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x")
        head = git(root, "rev-parse", "HEAD").strip()
        lib.write_file(os.path.join(root, "src/b.ts"), "changed\n")
        lib.write_file(os.path.join(root, "src/new.ts"), "new\n")
        pack, md, _, _ = self.build(root, model)
        items = self.items(pack)
        self.assertEqual(items["attest CC1.1"]["attestation"]["when"], "2026-10-01")
        self.assertIn("attested by ciso@example.com, reviewed 2026-10-01", md)
        self.assertEqual(items["src/a.ts:1-2"]["files"][0]["state"], "clean")
        self.assertEqual(items["src/a.ts:1-2"]["files"][0]["revision"], head)
        self.assertEqual(items["src/b.ts"]["files"][0]["state"], "modified")
        self.assertEqual(items["src/b.ts"]["files"][0]["sha256"], sha256sum(os.path.join(root, "src/b.ts")))
        self.assertEqual(items["src/new.ts"]["files"][0]["state"], "untracked")
        self.assertIn("modified: the working file differs", md)
        self.assertEqual(pack["revisions"], [{"repository": None, "revision": head, "why_none": None}])

    def test_git_ignores_the_callers_git_variables_and_the_repositorys_fsmonitor(self):
        if shutil.which("git") is None:
            self.skipTest("git is not installed")
        root, model = self.repo('"src/a.ts", "nested/n.ts"', {"src/a.ts": "a\n", "nested/n.ts": "n\n"})
        git(root, "init", "-q")
        git(root, "add", "src", "pack.moat")
        git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x")
        head = git(root, "rev-parse", "HEAD").strip()
        git(os.path.join(root, "nested"), "init", "-q")  # a repository of its own, untracked here
        marker = os.path.join(self.dir, "fsmonitor-ran")
        hook = self.write("fsmonitor.sh", f"#!/bin/sh\ntouch '{marker}'\n")
        os.chmod(hook, 0o755)
        git(root, "config", "core.fsmonitor", hook)
        # A pre-commit hook runs with GIT_DIR and GIT_INDEX_FILE set, relative to another folder.
        env = dict(os.environ, GIT_DIR="/nonexistent/.git", GIT_INDEX_FILE="/nonexistent/index",
                   LC_ALL="de_DE.UTF-8", LANGUAGE="de")
        pack, _, _, _ = self.build(root, model, env=env)
        self.assertFalse(os.path.exists(marker), "git ran the repository's core.fsmonitor program")
        items = self.items(pack)
        self.assertEqual(pack["revisions"], [{"repository": None, "revision": head, "why_none": None}])
        self.assertEqual(items["src/a.ts"]["files"][0]["state"], "clean")
        self.assertEqual(items["nested/n.ts"]["files"][0]["state"], "untracked")

    def test_no_git_fifo_binary_and_hostile_lines(self):
        hostile = "<script>alert(1)</script>\n```\n| pipe | ``` ````\n"
        # A right-to-left override and a C1 control would show an auditor other code.
        trojan = 'if (admin) { /* \u202e } \u2066if (x)\u2069 */ ok(); }\u0085\u200b\u2028\n'

        root, model = self.repo('"src/h.ts:1-3", "src/bin.dat", "src/fifo"',
                                {"src/h.ts": hostile + trojan, "src/bin.dat": b"\x00\x01\x02PNG"})
        os.mkfifo(os.path.join(root, "src", "fifo"))
        pack, md, html, _ = self.build(root, model)
        self.assertIsNone(pack["revisions"][0]["revision"])
        self.assertEqual(pack["revisions"][0]["why_none"], "not a git work tree")
        items = self.items(pack)
        self.assertEqual(items["src/h.ts:1-3"]["excerpts"][0]["lines"], hostile.splitlines())
        root2, model2 = self.repo('"src/t.ts"', {"src/t.ts": trojan})
        trojan_pack, trojan_md, trojan_html, _ = self.build(root2, model2)
        self.assertEqual(self.items(trojan_pack)["src/t.ts"]["excerpts"][0]["lines"],
                         ["if (admin) { /* \ufffd } \ufffdif (x)\ufffd */ ok(); }\ufffd\ufffd\ufffd"])
        for rendered in (trojan_md, trojan_html):
            self.assertFalse(set(rendered) & {"\u202e", "\u2066", "\u2069", "\u0085", "\u200b", "\u2028"})
        self.assertTrue(items["src/bin.dat"]["files"][0]["binary"])
        self.assertEqual(items["src/bin.dat"]["excerpts"], [])
        self.assertEqual(items["src/fifo"]["files"][0]["not_hashed"], "not a regular file")
        self.assertNotIn("<script>alert(1)", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        # The Markdown fence is longer than any run of backticks in the quoted lines.
        self.assertRegex(md, r"\n`````text\n\s*1 \| <script>alert\(1\)</script>\n")

    def test_secret_flagged_by_a_scanner_stays_redacted(self):
        settings = "import os\nDEBUG = False\nKEY = 'AKIAIOSFODNN7EXAMPLE'\nNAME = 'x'\n"
        sarif = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks"}}, "results": [{
            "ruleId": "aws-access-token", "message": {"text": "secret AKIAIOSFODNN7EXAMPLE"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/settings.py"},
                                                "region": {"startLine": 3}}}]}]}]}
        root, model = self.repo('"src/settings.py:1-4"', {"src/settings.py": settings,
                                                           "reports/gitleaks.sarif": json.dumps(sarif)})
        pack, md, html, _ = self.build(root, model, "--evidence", os.path.join(root, "reports/gitleaks.sarif"))
        for text in (json.dumps(pack), md, html):
            self.assertNotIn("AKIAIOSFODNN7EXAMPLE", text)
        # While a secret is reported, no file is quoted: the scanner's path and first line
        # cannot say which lines of which file hold it. The file is still hashed.
        item = self.items(pack)["src/settings.py:1-4"]
        self.assertEqual(item["excerpts"][0]["lines"],
                         ["[not quoted: a secret scanner reported findings; the file is cited by its hash]"])
        self.assertEqual(item["files"][0]["sha256"], sha256sum(os.path.join(root, "src/settings.py")))
        self.assertNotIn("DEBUG = False", md)
        scans = [i for i in pack["evidence"] if i["kind"] == "scan"]
        self.assertEqual(len(scans), 1)
        self.assertTrue(scans[0]["scan"]["results"][0]["redacted"])
        self.assertEqual(scans[0]["criteria"], ["CC6.1"])


    def test_a_file_name_that_is_not_utf8_is_replaced_not_fatal(self):
        # Folder walks reach file names as the disk has them; the JSON outputs must not throw.
        root, model = self.repo('"src/"', {"src/ok.py": "x = 1\n"})
        with open(os.path.join(root.encode(), b"src", b"bad-\xff.py"), "w") as f:
            f.write("y = 2\n")
        # The HTML and Markdown reports still carry the name's bytes as they are (not checked here).
        pack, _, _, doc = self.build(root, model, text_errors="replace")
        paths = [f["path"] for f in self.items(pack)["src/"]["files"]]
        self.assertIn("src/bad-\ufffd.py", paths)
        self.assertIn("src/ok.py", paths)

if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
