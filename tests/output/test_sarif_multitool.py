#!/usr/bin/env python3
"""Validates `moat build --formats sarif` for the samples, test models and shared examples with Microsoft's SARIF
Multitool (`sarif-multitool validate`, installed by scripts/setup.sh into .tools/node) and
against the SARIF 2.1.0 JSON schema the Multitool ships. Passes with "skip: sarif-multitool not
installed" when the tool is absent.

    python3 tests/output/test_sarif_multitool.py --moat build/moat --root .

The Multitool writes its findings as a SARIF log (-o FILE) and exits 0 even when it finds
errors, so the test reads that log. A result without `level` is a warning. Two quirks of version
5.7.0 shape the test: a file it cannot deserialize (an unknown `level`, say) yields an empty log,
so the schema check runs beside it, and every file gets a canary copy with a known defect that
must be reported; and several files in one invocation may yield an empty log, so each file is
validated on its own.

The one warning allowed is SARIF2017 (no region) on a location whose URI ends in '/': a
directory named by an element's `code` attribute has no lines.
"""
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402
from build_outputs import build_all, build_annotated  # noqa: E402

TOOL_DIR = os.path.join(".tools", "node", "node_modules")


def tool():
    return os.path.join(lib.ROOT, TOOL_DIR, ".bin", "sarif-multitool")


def sarif_schema():
    """The schema beside the platform's Multitool binary (sarif-multitool-linux, -darwin, ...)."""
    found = sorted(glob.glob(os.path.join(lib.ROOT, TOOL_DIR, "@microsoft", "sarif-multitool-*", "sarif-2.1.0.json")))
    if not found:
        raise AssertionError("the SARIF schema is not beside sarif-multitool")
    return found[0]


def validate(path, out):
    """The Multitool's findings on `path`: [(level, rule id, JSON pointer-ish argument)]."""
    proc = subprocess.run([tool(), "validate", path, "-o", out, "--log", "ForceOverwrite"],
                          capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        raise AssertionError(f"sarif-multitool exited {proc.returncode}: {proc.stdout}{proc.stderr}")
    with open(out, encoding="utf-8-sig") as f:
        log = json.load(f)
    run = log["runs"][0]
    for inv in run.get("invocations", []):
        if not inv.get("executionSuccessful", True):
            raise AssertionError(f"sarif-multitool failed on {path}: {inv}")
    return [(r.get("level", "warning"), r["ruleId"], (r["message"].get("arguments") or [""])[0])
            for r in run.get("results", [])]


def location_at(log, pointer):
    """The object at a Multitool path such as runs[0].results[3].locations[1].physicalLocation."""
    node = log
    for part in pointer.replace("]", "").split("."):
        name, _, index = part.partition("[")
        node = node[name]
        if index:
            node = node[int(index)]
    return node


def write_canary(path):
    """A copy of `path` with one more result, whose region starts on line 0 (an error)."""
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    log["runs"][0]["results"].append({
        "message": {"text": "Canary."},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "canary.moat"},
                                            "region": {"startLine": 0}}}]})
    canary = path + ".canary.sarif"
    with open(canary, "w", encoding="utf-8") as f:
        json.dump(log, f, indent=2)
    return canary


class SarifMultitoolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        # The samples, test models and shared examples; not the golden cases (about 0.5 s each).
        cls.built = build_all("sarif", cls.tmp.name, golden=False)
        cls.built.append(build_annotated("sarif", cls.tmp.name))
        jobs = []
        for _, path in cls.built:
            jobs.append(path)
            jobs.append(write_canary(path))
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
            found = pool.map(lambda p: validate(p, p + ".validation.sarif"), jobs)
        cls.findings = dict(zip(jobs, found))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_schema(self):
        import jsonschema
        with open(sarif_schema(), encoding="utf-8") as f:
            schema = json.load(f)
        validator = jsonschema.validators.validator_for(schema)(schema)
        for model, path in self.built:
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                with open(path, encoding="utf-8") as f:
                    log = json.load(f)
                problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
                self.assertEqual(problems, [])

    def test_multitool_finds_no_errors(self):
        self.assertGreaterEqual(len(self.built), 2)
        for model, path in self.built:
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                findings = self.findings[path]
                with open(path, encoding="utf-8") as f:
                    log = json.load(f)
                errors = [f for f in findings if f[0] == "error"]
                self.assertEqual(errors, [])
                unexpected = []
                for level, rule, where in findings:
                    if level == "note":
                        print(f"note: {os.path.basename(path)}: {rule} {where}")
                        continue
                    uri = location_at(log, where)["artifactLocation"]["uri"] if rule == "SARIF2017" else ""
                    if not uri.endswith("/"):
                        unexpected.append((level, rule, where))
                self.assertEqual(unexpected, [])
                print(f"{os.path.relpath(model, lib.ROOT)}: 0 errors, {len(findings)} directory-location warnings")

    def test_a_multi_hop_result_with_code_flows_is_validated(self):
        """tests/models/stored-webhooks.moat raises a threat over several hops: its result carries
        codeFlows with one location per hop, and the logs above validate with it."""
        flowed = []
        for model, path in self.built:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
            flowed += [(model, r) for r in log["runs"][0]["results"] if r.get("codeFlows")]
        self.assertTrue(flowed, "no built model produced a SARIF result with codeFlows")
        model, result = next((m, r) for m, r in flowed if m.endswith("stored-webhooks.moat"))
        hops = result["codeFlows"][0]["threadFlows"][0]["locations"]
        self.assertEqual(result["ruleId"], "stored_request_forgery")
        self.assertEqual(len(hops), 4, hops)  # customer → app → events → worker

    def test_multitool_reads_our_files(self):
        """A canary copy of each file with a region starting on line 0 must be reported."""
        for model, path in self.built:
            with self.subTest(model=os.path.relpath(model, lib.ROOT)):
                findings = self.findings[path + ".canary.sarif"]
                self.assertIn("JSON1008", [rule for level, rule, _ in findings if level == "error"])


def multitool_installed():
    if not os.path.exists(tool()):
        print("skip: sarif-multitool not installed")
        return 0
    return None


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0], before=multitool_installed))
