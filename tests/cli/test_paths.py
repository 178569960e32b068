#!/usr/bin/env python3
"""`moat paths` (issue 12, item 2; docs/cli.md): the shortest attack paths from less trusted
nodes to confidential and secret data, through a forwarding hop, with the open threats on each
hop; the blast radius of credential holders; `--to` and `--from` filters and their errors; and the
SARIF `codeFlows` of a threat found over several hops.

    python3 tests/cli/test_paths.py --moat build/moat --root .
"""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

# A user reaches the web app through a CDN that forwards requests; the web app writes records to
# a database a worker reads, and receives a secret report from the worker; the web app's
# credentials open the database and the vault.
MODEL = """model "Paths" { version = "1" }
use stride
data rec "Records" { classification = confidential }
data report "Fraud report" { classification = secret }
data key "DB password" { classification = secret, credentials = true }
actor user "User"
boundary edge "Edge" { trust = partner
  process cdn "CDN" { forwards = true }
}
boundary prod "Prod" { trust = internal
  process web "Web" { authn = password, validates_input = true }
  process worker "Worker"
  store db "DB" { kind = database, holds = [rec] }
  store vault "Vault" { kind = secret_store, holds = [key] }
}
flow user -> cdn "Use" { carries = [rec], protocol = https, authn = password }
flow cdn -> web "Use" { carries = [rec], protocol = https, authn = password }
flow web -> db "Write" { carries = [rec], protocol = sql, encrypted = true, authn = password }
flow db -> worker "Read" { carries = [rec], protocol = sql, encrypted = true, authn = password }
flow worker -> web "Report" { carries = [report], protocol = grpc, encrypted = true, authn = mtls }
flow vault -> web "Creds" { carries = [key], protocol = https, authn = mtls }
"""


class PathsTest(lib.TempDirTest):
    def model(self):
        path = os.path.join(self.dir, "paths.moat")
        with open(path, "w", encoding="utf-8") as f:
            f.write(MODEL)
        return path

    def test_paths_through_a_forwarder_with_the_threats_on_each_hop(self):
        code, out, err = lib.run("paths", self.model())
        self.assertEqual(code, 0, err)
        self.assertIn("1. report (secret) at web: 2 hops", out)
        self.assertIn("   user → cdn → web\n", out)
        # The hop behind the forwarder is reached from the internet: its threats are listed.
        self.assertIn("     web.password_only_sign_in [high]", out)
        self.assertIn("3. rec (confidential) at cdn: 1 hop", out)  # the first node it reaches
        self.assertIn("  web opens 2 (secret data at stake): db, vault", out)

    def test_to_keeps_one_asset_and_from_names_an_origin(self):
        model = self.model()
        code, out, err = lib.run("paths", model, "--to", "rec")
        self.assertEqual(code, 0, err)
        self.assertIn("to rec: 1\n", out)
        self.assertNotIn("report (secret)", out)
        code, out, err = lib.run("paths", model, "--from", "cdn", "--to", "report")
        self.assertEqual(code, 0, err)
        self.assertIn("   cdn → web\n", out)
        self.assertNotIn("user →", out)

    def test_json_lists_the_same_paths_and_validates(self):
        model = self.model()
        code, out, err = lib.run("paths", model, "--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual((doc["format_version"], doc["from"], doc["to"]), ("1", {"trust": "untrusted"}, None))
        first = doc["paths"][0]
        self.assertEqual((first["rank"], first["asset"], first["classification"], first["holder"]),
                         (1, "report", "secret", "web"))
        self.assertEqual((first["nodes"], first["hops"], first["text"]), (["user", "cdn", "web"], 2, "user → cdn → web"))
        self.assertEqual(len(first["flows"]), 2)
        self.assertIn({"id": "web.password_only_sign_in", "rule": "password_only_sign_in", "element": "web",
                       "severity": "high", "title": "People from a less trusted zone sign in with a password alone"},
                      first["threats"])
        self.assertEqual(first["worst_severity"], "high")
        _, text, _ = lib.run("paths", model)
        self.assertIn(f"Attack paths from trust untrusted and below to confidential and secret data: {len(doc['paths'])}\n", text)
        self.assertIn({"holder": "web", "opens": ["db", "vault"], "classification": "secret"}, doc["blast_radius"])
        self.validate(doc)  # last: without python3-jsonschema it skips, and nothing above is lost

    def test_json_with_from_an_element_and_to_has_no_blast_radius(self):
        code, out, err = lib.run("paths", self.model(), "--from", "cdn", "--to", "report", "--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual((doc["from"], doc["to"], doc["blast_radius"]), ({"element": "cdn"}, "report", []))
        self.assertEqual([p["nodes"] for p in doc["paths"]], [["cdn", "web"]])
        self.validate(doc)

    def validate(self, doc):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("python3-jsonschema is not installed")
        with open(os.path.join(lib.ROOT, "docs", "paths.schema.json"), encoding="utf-8") as f:
            jsonschema.validate(doc, json.load(f))

    def test_an_unknown_origin_is_an_error(self):
        code, out, err = lib.run("paths", self.model(), "--from", "nosuch")
        self.assertEqual(code, 2)
        self.assertIn("--from 'nosuch' is neither a trust level nor a node", err)
        self.assertEqual(out, "")

    def test_a_threat_found_over_several_hops_has_a_code_flow_per_hop(self):
        out_dir = os.path.join(self.dir, "out")
        code, _, err = lib.run("build", self.model(), "-o", out_dir, "--formats", "sarif")
        self.assertEqual(code, 0, err)
        with open(os.path.join(out_dir, "paths.sarif"), encoding="utf-8") as f:
            results = json.load(f)["runs"][0]["results"]
        flowed = [r for r in results if r["ruleId"] == "unscanned_dependencies"
                  and "codeFlows" in r]
        self.assertEqual(len(flowed), 1)
        flow = flowed[0]["codeFlows"][0]
        self.assertEqual(flow["message"]["text"], "via user → cdn → web")
        hops = [loc["location"]["message"]["text"] for loc in flow["threadFlows"][0]["locations"]]
        self.assertEqual(hops, ["actor 'User' (user)", "process 'CDN' (cdn)", "process 'Web' (web)"])


if __name__ == "__main__":
    lib.main()
