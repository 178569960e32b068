#!/usr/bin/env python3
"""What moat says must be exactly true (issue 11): a target covers what it names and says so,
a two-way flow is one thing to mitigate, missing evidence is no evidence, a rename is not a
change, and every threat id can be written in a model.

    python3 tests/cli/test_exact.py --moat build/moat --root .
"""
import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-11-23"
run = lib.run


def model_doc(out):
    """The one model's document in the output of `moat check --format json` (format 2)."""
    return json.loads(out)["models"][0]


class Model:
    """A model written into a temporary folder that is also the repository root; `files` are
    created there with two lines each."""

    def __init__(self, text, files=()):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        self.path = lib.write_file(os.path.join(self.root, "m.moat"), text)
        for name in files:
            lib.write_file(os.path.join(self.root, name), "line 1\nline 2\n")

    def check(self, *extra):
        code, out, err = run("check", "--format", "json", "--today", TODAY, "--root", self.root,
                             *extra, self.path)
        assert code == 0, err
        return model_doc(out)

    def threat(self, doc, tid):
        return next(t for t in doc["threats"] if t["id"] == tid)

    def close(self):
        self.tmp.cleanup()


def kinds(doc, kind):
    return [d for d in doc["diagnostics"] if d["kind"] == kind]


# A worker with a URL-fetch guard: the guard is written against the whole category, which also
# holds the unrelated "secrets in config files" threat.
WORKER = """model "Worker" { version = "1" }
use soc2
process worker "Worker"
store cache "Cache"
flow fill: worker -> cache "Fill" { protocol = tls }
rule ssrf "Server-side request forgery" {
  applies = process, category = information_disclosure, severity = high, when = true, controls = [CC6.1]
}
rule config_secrets "Secrets in config files" {
  applies = process, category = information_disclosure, severity = high, when = true, controls = [CC6.1]
}
rule flow_exhaustion "The store can be filled up" {
  applies = flow, category = denial_of_service, severity = medium, when = true
}
rule flow_sniffing "Traffic can be read" {
  applies = flow, category = information_disclosure, severity = medium, when = true
}
mitigation url_guard "Outbound URL allowlist" {
  mitigates = [worker.information_disclosure]
  status    = implemented
  evidence  = ["src/fetch.ts:1"]
  controls  = [CC6.1]
}
mitigation tls_only "TLS on every connection" {
  mitigates = [fill]
  status    = implemented
}
accept worker.ssrf { reason = "Only internal URLs", owner = "sec" }
"""


class TargetsCoverWhatTheyName(unittest.TestCase):
    def setUp(self):
        self.m = Model(WORKER, files=["src/fetch.ts"])

    def tearDown(self):
        self.m.close()

    def test_each_threat_says_which_target_covers_it(self):
        doc = self.m.check()
        secrets = self.m.threat(doc, "worker.config_secrets")
        self.assertEqual(secrets["covered_by"], [
            {"kind": "mitigation", "id": "url_guard", "target": "worker.information_disclosure",
             "form": "category", "status": "implemented"}])
        ssrf = self.m.threat(doc, "worker.ssrf")
        self.assertEqual([(c["kind"], c["target"]) for c in ssrf["covered_by"]],
                         [("mitigation", "worker.information_disclosure"), ("acceptance", "worker.ssrf")])
        self.assertEqual(ssrf["covered_by"][1]["id"], None)
        self.assertEqual(ssrf["covered_by"][1]["status"], "active")
        self.assertEqual(self.m.threat(doc, "fill.flow_exhaustion")["covered_by"][0]["target"], "fill")
        self.assertEqual(self.m.threat(doc, "fill.flow_sniffing")["covered_by"][0]["id"], "tls_only")

    def test_a_target_covering_several_rules_is_a_warning_that_lists_them(self):
        doc = self.m.check()
        broad = kinds(doc, "BroadTarget")
        self.assertEqual(len(broad), 2, broad)
        by_target = {d["message"].split("'")[1]: d for d in broad}
        guard = by_target["worker.information_disclosure"]
        self.assertEqual(guard["severity"], "warning")
        self.assertIn("mitigation 'url_guard'", guard["message"])
        self.assertIn("worker.ssrf, worker.config_secrets", guard["message"])
        self.assertIn("worker.ssrf, worker.config_secrets", guard["notes"][0]["message"])
        self.assertIn("fill.flow_exhaustion, fill.flow_sniffing", by_target["fill"]["message"])
        # A rule target names one rule: never broad.
        self.assertFalse([d for d in broad if "worker.ssrf'" in d["message"]])

    def test_a_category_acceptance_of_several_rules_is_broad_too(self):
        text = WORKER.replace("accept worker.ssrf", "accept worker.information_disclosure")
        m = Model(text, files=["src/fetch.ts"])
        try:
            doc = m.check()
            msgs = [d["message"] for d in kinds(doc, "BroadTarget")]
            self.assertIn("the acceptance of 'worker.information_disclosure' covers the threats of 2 "
                          "rules: worker.ssrf, worker.config_secrets", msgs)
        finally:
            m.close()

    def test_explain_names_the_target(self):
        code, out, err = run("explain", "--today", TODAY, self.m.path, "worker.config_secrets")
        self.assertEqual(code, 0, err)
        self.assertIn("mitigation url_guard (implemented): covers it through "
                      "'worker.information_disclosure'", out)
        self.assertIn("also covers worker.ssrf", out)
        code, out, err = run("explain", "--today", TODAY, self.m.path, "worker.ssrf")
        self.assertIn("accept worker.ssrf (owner sec): covers it through 'worker.ssrf'", out)

    def test_the_reports_name_the_target_per_threat(self):
        out = os.path.join(self.m.root, "out")
        code, _, err = run("build", "--today", TODAY, "--root", self.m.root, "--formats", "markdown",
                           "-o", out, self.m.path)
        self.assertEqual(code, 0, err)
        with open(os.path.join(out, "m.report.md"), encoding="utf-8") as f:
            report = f.read().replace("\\_", "_")  # Markdown escapes '_'
        rows = {line.split("</code>")[0].split("<code>")[-1]: line for line in report.splitlines()
                if "url_guard" in line}
        self.assertIn("via <code>worker.information_disclosure</code>", rows["worker.config_secrets"])
        self.assertIn("via <code>worker.information_disclosure</code>", rows["worker.ssrf"])
        self.assertIn("accepted via <code>worker.ssrf</code>", rows["worker.ssrf"])


TWO_WAY = """model "Two-way" { version = "1" }
process api "API"
store db "DB"
flow sync: api <-> db "Sync" { protocol = http }
rule cleartext "Clear-text traffic" {
  applies = flow, category = information_disclosure, severity = medium, when = not encrypted
}
rule from_store "Data read from a store" {
  applies = flow, category = tampering, severity = low, when = source.type == store
}
mitigation tls "TLS" { mitigates = [sync.cleartext], status = implemented }
accept sync.tampering { reason = "Checksummed rows", owner = "data" }
"""


class TwoWayFlowIsOneThing(unittest.TestCase):
    def setUp(self):
        self.m = Model(TWO_WAY)

    def tearDown(self):
        self.m.close()

    def test_a_target_naming_the_flow_covers_both_directions(self):
        doc = self.m.check()
        self.assertEqual(self.m.threat(doc, "sync.cleartext")["status"], "mitigated")
        back = self.m.threat(doc, "sync-reverse.cleartext")
        self.assertEqual(back["status"], "mitigated")
        self.assertEqual([c["target"] for c in back["covered_by"]], ["sync.cleartext"])
        # The tampering rule fires on the reverse direction only: the acceptance still covers it.
        self.assertEqual(self.m.threat(doc, "sync-reverse.from_store")["status"], "accepted")
        self.assertEqual(kinds(doc, "UnmatchedAcceptance"), [])
        # One rule in both directions is one rule, not a broad target.
        self.assertEqual(kinds(doc, "BroadTarget"), [])

    def test_the_diagram_draws_one_edge_with_two_arrowheads(self):
        out = os.path.join(self.m.root, "out")
        code, _, err = run("build", "--today", TODAY, "--root", self.m.root, "--formats",
                           "dot,mermaid", "-o", out, self.m.path)
        self.assertEqual(code, 0, err)
        with open(os.path.join(out, "m.dot"), encoding="utf-8") as f:
            dot = f.read()
        edges = [line for line in dot.splitlines() if " -> " in line]
        self.assertEqual(len(edges), 1, dot)
        self.assertIn("api -> db", edges[0])
        self.assertIn("dir=both", dot)
        with open(os.path.join(out, "m.mmd"), encoding="utf-8") as f:
            mermaid = f.read()
        arrows = [line for line in mermaid.splitlines() if "|" in line and "n_api" in line]
        self.assertEqual(len(arrows), 1, mermaid)
        self.assertIn("n_api <-->|", arrows[0])
        self.assertIn("1. Sync", arrows[0])


EVIDENCED = """model "Evidence" { version = "1" }
use soc2
process api "API"
rule no_authn "Callers are not authenticated" {
  applies = process, category = spoofing, severity = medium, when = true, controls = [CC6.1]
}
mitigation authn "Single sign-on" {
  mitigates = [api.no_authn]
  controls  = [CC6.1]
  status    = implemented
  evidence  = [EVIDENCE]
}
"""


class MissingEvidenceIsNoEvidence(unittest.TestCase):
    def status(self, evidence, files=()):
        m = Model(EVIDENCED.replace("EVIDENCE", evidence), files=files)
        try:
            doc = m.check()
            cc61 = next(c for c in doc["controls"] if c["id"] == "CC6.1")
            return cc61["status"], cc61["reason"], m.threat(doc, "api.no_authn")["status"]
        finally:
            m.close()

    def test_existing_evidence_passes(self):
        self.assertEqual(self.status('"src/sso.ts:2"', files=["src/sso.ts"])[0], "passing")

    def test_a_missing_file_is_a_claim_not_evidence(self):
        status, reason, threat = self.status('"src/sso.ts:2"')
        self.assertEqual(status, "warning")
        self.assertIn("src/sso.ts:2", reason)
        self.assertIn("does not exist", reason)
        self.assertEqual(threat, "mitigated")  # still implemented: the threat is closed

    def test_a_line_past_the_end_is_a_claim_not_evidence(self):
        status, reason, _ = self.status('"src/sso.ts:40"', files=["src/sso.ts"])
        self.assertEqual(status, "warning")
        self.assertIn("src/sso.ts:40", reason)

    def test_one_real_location_is_enough(self):
        status, reason, _ = self.status('"src/sso.ts:40", "src/sso.ts:1"', files=["src/sso.ts"])
        self.assertEqual(status, "passing")


RENAME_BEFORE = """model "Rename" { version = "1" }
actor user "User"
process api "API"
store db "DB"
flow call: user -> api "Call" { protocol = http }
flow sync: api <-> db "Sync" { protocol = http }
rule no_authn "Callers are not authenticated" {
  applies = process, category = spoofing, severity = high, when = true, fixed_severity = true
}
rule cleartext "Clear-text traffic" {
  applies = flow, category = information_disclosure, severity = high, when = not encrypted,
  fixed_severity = true
}
"""

RENAME_AFTER = RENAME_BEFORE.replace(
    'process api "API"', 'process gw "Gateway" { was = [api] }').replace(
    'flow call: user -> api', 'flow request: user -> gw').replace(
    '"Call" { protocol = http }', '"Call" { protocol = http, was = [call] }').replace(
    'flow sync: api <-> db "Sync" { protocol = http }',
    'flow replicate: gw <-> db "Sync" { protocol = http, was = [sync] }')


class RenameIsNotAChange(lib.TempDirTest):
    def diff(self, before, after, *extra):
        old = self.write("before.moat", before)
        new = self.write("after.moat", after)
        return run("diff", "--today", TODAY, *extra, old, new)

    def test_a_pure_rename_adds_and_removes_nothing(self):
        code, out, err = self.diff(RENAME_BEFORE, RENAME_AFTER, "--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["threats_added"], [])
        self.assertEqual(doc["threats_removed"], [])
        renamed = {t["previous_id"]: t["id"] for t in doc["threats_renamed"]}
        self.assertEqual(renamed, {"api.no_authn": "gw.no_authn", "call.cleartext": "request.cleartext",
                                   "sync.cleartext": "replicate.cleartext",
                                   "sync-reverse.cleartext": "replicate-reverse.cleartext"})
        self.assertEqual(doc["elements_added"], [])
        self.assertEqual(doc["elements_removed"], [])
        self.assertEqual(doc["elements_renamed"], [{"before": "process api", "after": "process gw"}])
        self.assertEqual(doc["flows_added"], [])
        self.assertEqual(doc["flows_removed"], [])
        self.assertIn({"before": "sync-reverse", "after": "replicate-reverse"}, doc["flows_renamed"])

    def test_fail_on_new_ignores_a_rename(self):
        code, _, err = self.diff(RENAME_BEFORE, RENAME_AFTER, "--fail-on-new", "high")
        self.assertEqual(code, 0, err)
        # A renamed threat that is reopened is a change, and fails like one.
        mitigated = RENAME_BEFORE + 'mitigation m "M" { mitigates = [api.no_authn], status = implemented }\n'
        code, out, _ = self.diff(mitigated, RENAME_AFTER, "--fail-on-new", "high")
        self.assertEqual(code, 3, out)

    def test_flows_without_a_name_follow_their_endpoint_renamed(self):
        # A flow without a name takes its id from its endpoints: renaming `api` renames
        # `user_to_api__call`; its threats are renamed with it, never added and removed.
        before = RENAME_BEFORE.replace("flow call: user -> api", "flow user -> api").replace(
            "flow sync: api <-> db", "flow api <-> db")
        after = before.replace('process api "API"', 'process gw "Gateway" { was = [api] }').replace(
            "flow user -> api", "flow user -> gw").replace("flow api <-> db", "flow gw <-> db")
        code, out, err = self.diff(before, after, "--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["threats_added"], [])
        self.assertEqual(doc["threats_removed"], [])
        renamed = {t["previous_id"]: t["id"] for t in doc["threats_renamed"]}
        self.assertEqual(renamed["user_to_api__call.cleartext"], "user_to_gw__call.cleartext")
        self.assertEqual(renamed["api_to_db__sync.cleartext"], "gw_to_db__sync.cleartext")
        self.assertEqual(len(renamed), 4, renamed)
        self.assertEqual(doc["flows_added"], [])
        self.assertEqual(doc["flows_removed"], [])
        self.assertIn({"before": "user_to_api__call", "after": "user_to_gw__call"}, doc["flows_renamed"])
        code, _, err = self.diff(before, after, "--fail-on-new", "high")
        self.assertEqual(code, 0, err)

    def test_text_and_markdown_say_renamed(self):
        code, out, _ = self.diff(RENAME_BEFORE, RENAME_AFTER)
        self.assertEqual(code, 0)
        self.assertIn("threats renamed (4):", out)
        self.assertIn("api.no_authn -> gw.no_authn", out)
        self.assertIn("elements renamed: process api -> process gw", out)
        self.assertNotIn("threats added", out)
        code, out, _ = self.diff(RENAME_BEFORE, RENAME_AFTER, "--format", "markdown")
        self.assertIn("### Threats renamed (4)", out)
        self.assertIn("`api.no_authn` → `gw.no_authn`", out)


DERIVED = """model "Derived" { version = "1" }
actor u "User"
process gw "Gateway"
store s "Store"
flow u -> gw "Req"
flow u -> gw "Req"
flow gw <-> s "Read / write"
flow gw -> s
"""


class EveryThreatIdCanBeWritten(lib.TempDirTest):
    def check(self, text, *extra):
        path = self.write("m.moat", text)
        code, out, err = run("check", "--format", "json", "--today", TODAY, *extra, path)
        return code, model_doc(out) if out.strip() else None, err

    def test_derived_flow_ids_are_identifiers(self):
        code, doc, err = self.check(DERIVED)
        self.assertEqual(code, 0, err)
        self.assertEqual([f["id"] for f in doc["flows"]],
                         ["u_to_gw__req", "u_to_gw__req_2", "gw_to_s__read_write",
                          "gw_to_s__read_write-reverse", "gw_to_s"])

    def test_every_threat_id_of_the_examples_can_be_mitigated(self):
        for name in ("arcata-cloud.moat", os.path.join("saas-soc2", "before.moat")):
            with self.subTest(model=name):
                folder = os.path.join(lib.ROOT, "tests", "examples")
                path = os.path.join(folder, name)
                code, out, err = run("check", "--format", "json", "--today", TODAY, path)
                ids = [t["id"] for t in model_doc(out)["threats"]]
                if name == "arcata-cloud.moat":  # threats on flows with derived ids among them
                    self.assertTrue(any("_to_" in i for i in ids), ids)
                # The model and the files it imports, copied, with one mitigation naming them all.
                for other in os.listdir(os.path.dirname(path)):
                    if other.endswith(".moat"):
                        with open(os.path.join(os.path.dirname(path), other), encoding="utf-8") as f:
                            self.write(other, f.read())
                with open(path, encoding="utf-8") as f:
                    copy = self.write(os.path.basename(path), f.read() +
                                      "mitigation all \"All\" { mitigates = [%s], status = implemented }\n"
                                      % ", ".join(ids))
                code, out, err = run("check", "--format", "json", "--today", TODAY, copy)
                self.assertEqual(code, 0, err)
                doc = model_doc(out)
                self.assertEqual([t["id"] for t in doc["threats"] if t["status"] == "open"], [])
                self.assertEqual([d["message"] for d in doc["diagnostics"]
                                  if d["kind"] == "UnmatchedMitigation" and "'all'" in d["message"]], [])

    def test_the_old_derived_form_suggests_naming_the_flow(self):
        text = DERIVED + 'mitigation m "M" { mitigates = [gw-to-s--read-write] }\n'
        code, doc, err = self.check(text)
        self.assertEqual(code, 1)
        syntax = [d for d in doc["diagnostics"] if d["kind"] == "SyntaxError"]
        self.assertEqual(len(syntax), 1, doc["diagnostics"])
        notes = " ".join(n["message"] for n in syntax[0]["notes"])
        self.assertIn("gw_to_s__read_write", notes)
        self.assertIn("flow NAME: gw -> s", notes)

    def test_an_unknown_derived_id_suggests_the_real_one_and_naming_the_flow(self):
        for written, proposed in (("gw-to-s", "gw_to_s"), ("u_to_gw__rq", "u_to_gw__req")):
            with self.subTest(written=written):
                code, doc, err = self.check(DERIVED + 'mitigation m "M" { mitigates = [%s] }\n' % written)
                self.assertEqual(code, 1)
                unknown = [d for d in doc["diagnostics"] if d["kind"] == "UnknownElement"]
                self.assertEqual(len(unknown), 1, doc["diagnostics"])
                self.assertEqual(unknown[0].get("suggestion"), proposed)
                notes = " ".join(n["message"] for n in unknown[0]["notes"])
                self.assertIn("flow NAME: " + written.replace("-", "_").split("_to_")[0] + " -> ", notes)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
