#!/usr/bin/env python3
"""`moat lsp` requests that edit, at the protocol level: prepareRename and rename of an element
id across the model's files (threat ids follow; taken names and non-identifiers refused), the
code action keeping the old id in `was`, quick fixes from "did you mean", accept/mitigation
templates for open threats, code lenses counting open threats, and range formatting of the
enclosing top-level statements (docs/editors.md)."""
import os
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
import moat_testlib as lib  # noqa: E402
from lsp_client import uri  # noqa: E402
from test_protocol import PARTS, ROOT_MODEL, LspTest, at, line_of  # noqa: E402


def offset(text, position):
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:position["line"]]) + position["character"]


def apply_edits(text, edits):
    """`text` with TextEdits applied (ASCII text), last first."""
    spans = [(offset(text, e["range"]["start"]), offset(text, e["range"]["end"]), e["newText"])
             for e in edits]
    for begin, end, new in sorted(spans, reverse=True):
        text = text[:begin] + new + text[end:]
    return text


class EditTest(LspTest):
    def setUp(self):
        super().setUp()
        self.start(self.root)
        self.client.wait_diagnostics(uri(self.root), lambda d: d == [])

    def change(self, path, text, version=2):
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": [{"text": text}]})

    def checked_diagnostics(self, path):
        """The diagnostics of `path` once the changes are checked: a request re-checks a changed
        model first, and its diagnostics come before the reply."""
        self.client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
        return self.client.diagnostics[uri(path)]

    def actions(self, text, needle, end_offset=0):
        line, col = line_of(text, needle)
        return self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri(self.root)},
            "range": {"start": {"line": line, "character": col},
                      "end": {"line": line, "character": col + end_offset}},
            "context": {"diagnostics": []}})["result"]


class Rename(EditTest):
    def rename(self, needle, name, text=ROOT_MODEL):
        params = at(self.root, text, needle)
        params["newName"] = name
        return self.client.request("textDocument/rename", params)

    def test_prepare_rename_on_an_element_and_elsewhere(self):
        reply = self.client.request("textDocument/prepareRename",
                                    at(self.root, ROOT_MODEL, "api \"Order\""))
        self.assertEqual(reply["result"]["placeholder"], "api")
        line, col = line_of(ROOT_MODEL, "api \"Order\"")
        self.assertEqual(reply["result"]["range"]["start"], {"line": line, "character": col})
        reply = self.client.request("textDocument/prepareRename",
                                    at(self.root, ROOT_MODEL, "https"))
        self.assertIsNone(reply["result"])

    def test_rename_edits_every_file_of_the_model(self):
        changes = self.rename("api \"Order\"", "gateway")["result"]["changes"]
        self.assertEqual(sorted(changes), sorted([uri(self.root), uri(self.parts)]))
        root = apply_edits(ROOT_MODEL, changes[uri(self.root)])
        parts = apply_edits(PARTS, changes[uri(self.parts)])
        self.assertIn('process gateway "API"', root)
        self.assertIn("customer -> gateway", root)
        self.assertIn("flow gateway -> db", parts)
        self.assertNotIn("api ", root.replace('"API"', ""))
        # The renamed model compiles clean.
        self.client.open(self.parts, parts)
        self.change(self.root, root)
        self.assertEqual(self.checked_diagnostics(self.root), [])

    def test_threat_ids_follow_the_element(self):
        changes = self.rename("order:", "orders")["result"]["changes"]
        root = apply_edits(ROOT_MODEL, changes[uri(self.root)])
        self.assertIn("flow orders: customer", root)
        self.assertIn("mitigates = [orders.unthrottled_internet_channel]", root)

    def test_targets_naming_a_derived_flow_id_follow_its_endpoint(self):
        # `api -> db "Save"` has no name: its id, api_to_db__save, is derived from its endpoints.
        text = ROOT_MODEL + """
mitigation tls "TLS inside" {
  mitigates = [api_to_db__save.unencrypted_crossing]
  controls  = [CC6.7]
  status    = implemented
}
"""
        self.change(self.root, text)
        self.assertEqual(self.checked_diagnostics(self.root), [])
        changes = self.rename("api \"Order\"", "gateway", text)["result"]["changes"]
        root = apply_edits(text, changes[uri(self.root)])
        parts = apply_edits(PARTS, changes[uri(self.parts)])
        self.assertIn("mitigates = [gateway_to_db__save.unencrypted_crossing]", root)
        self.client.open(self.parts, parts)
        self.change(self.root, root, 3)
        self.assertEqual(self.checked_diagnostics(self.root), [])

    def test_keep_the_old_id_next_to_a_single_earlier_id(self):
        text = ROOT_MODEL.replace('process api "API" {', 'process api "API" { was = legacy,')
        self.change(self.root, text)
        self.assertEqual(self.checked_diagnostics(self.root), [])
        changes = self.rename("api \"Order\"", "gateway", text)["result"]["changes"]
        root = apply_edits(text, changes[uri(self.root)])
        self.client.open(self.parts, apply_edits(PARTS, changes[uri(self.parts)]))
        self.change(self.root, root, 3)
        self.assertEqual(self.checked_diagnostics(self.root), [])
        keep = [a for a in self.actions(root, "gateway \"API\"") if "was" in a["title"]]
        self.assertEqual(len(keep), 1, keep)
        root = apply_edits(root, keep[0]["edit"]["changes"][uri(self.root)])
        self.assertIn('process gateway "API" { was = [legacy, api],', root)
        self.change(self.root, root, 4)
        self.assertEqual(self.checked_diagnostics(self.root), [])

    def test_taken_names_and_non_identifiers_are_refused(self):
        for name, why in (("db", "taken"), ("waf", "taken"), ("1st", "not an identifier"),
                          ("a b", "not an identifier"), ("flow", "keyword")):
            reply = self.rename("api \"Order\"", name)
            self.assertEqual(reply["error"]["code"], -32803, name)
            self.assertIn(why, reply["error"]["message"])

    def test_keep_the_old_id_in_was(self):
        changes = self.rename("api \"Order\"", "gateway")["result"]["changes"]
        root = apply_edits(ROOT_MODEL, changes[uri(self.root)])
        parts = apply_edits(PARTS, changes[uri(self.parts)])
        self.client.open(self.parts, parts)
        self.change(self.root, root)
        self.assertEqual(self.checked_diagnostics(self.root), [])
        keep = [a for a in self.actions(root, "gateway \"API\"") if "was" in a["title"]]
        self.assertEqual(len(keep), 1, keep)
        self.assertEqual(keep[0]["title"], "Keep the old id 'api' in was = [...]")
        root = apply_edits(root, keep[0]["edit"]["changes"][uri(self.root)])
        self.assertIn('process gateway "API" { was = [api], authn = oidc', root)
        self.change(self.root, root, 3)
        self.assertEqual(self.checked_diagnostics(self.root), [])
        # Once kept, it is not offered again.
        self.assertEqual([a for a in self.actions(root, "gateway \"API\"") if "was" in a["title"]],
                         [])


class Actions(EditTest):
    def test_did_you_mean_becomes_a_quick_fix(self):
        text = ROOT_MODEL.replace("trust = internal", "trust = internl")
        self.change(self.root, text)
        self.assertNotEqual(self.checked_diagnostics(self.root), [])
        fixes = [a for a in self.actions(text, "internl", 3) if a["kind"] == "quickfix"]
        self.assertEqual(len(fixes), 1, fixes)
        self.assertEqual(fixes[0]["title"], "Change 'internl' to 'internal'")
        fixed = apply_edits(text, fixes[0]["edit"]["changes"][uri(self.root)])
        self.assertEqual(fixed, ROOT_MODEL)

    def test_accept_and_mitigate_an_open_threat(self):
        actions = self.actions(ROOT_MODEL, "api \"API\"")
        accepts = [a for a in actions if a["title"].startswith("Accept this threat: api.")]
        mitigations = [a for a in actions
                       if a["title"].startswith("Add a mitigation for this threat: api.")]
        self.assertTrue(accepts)
        self.assertEqual(len(accepts), len(mitigations))
        threat = accepts[0]["title"][len("Accept this threat: "):-1]
        text = apply_edits(ROOT_MODEL, accepts[0]["edit"]["changes"][uri(self.root)])
        self.assertTrue(text.startswith(ROOT_MODEL))
        self.assertIn("\naccept %s {\n  reason = \"\"\n  owner  = \"\"\n}\n" % threat, text)
        text = apply_edits(ROOT_MODEL, mitigations[0]["edit"]["changes"][uri(self.root)])
        self.assertIn("  mitigates = [%s]\n" % threat, text)
        self.change(self.root, text)  # the template compiles (a planned mitigation: a warning)
        diags = self.checked_diagnostics(self.root)
        self.assertEqual([d for d in diags if d["severity"] == 1], [])

    def test_no_templates_away_from_an_element(self):
        self.assertEqual(self.actions(ROOT_MODEL, "https"), [])


class Lenses(EditTest):
    def test_each_element_and_flow_has_its_open_threats(self):
        lenses = self.client.request("textDocument/codeLens",
                                     {"textDocument": {"uri": uri(self.root)}})["result"]
        by_line = {lens["range"]["start"]["line"]: lens["command"]["title"] for lens in lenses}
        for needle in ("process api", "actor customer", "flow order"):
            line = line_of(ROOT_MODEL, needle)[0]
            self.assertIn(line, by_line, needle)
            self.assertRegex(by_line[line], r"^(no open threats|1 open threat|\d+ open threats)"
                                            r"( \(\d+ (critical|high)(, \d+ high)?\))?$")
        self.assertNotIn(line_of(ROOT_MODEL, "mitigation waf")[0], by_line)
        self.assertTrue(any(re.match(r"\d+ open threat", t) for t in by_line.values()))


class RangeFormatting(EditTest):
    def test_formats_only_the_enclosing_statement(self):
        messy = ROOT_MODEL.replace("  trust = internal", "trust     =    internal").replace(
            'actor customer "Customer"', 'actor    customer "Customer"')
        self.change(self.root, messy)
        line = line_of(messy, "trust     =")[0]
        edits = self.client.request("textDocument/rangeFormatting", {
            "textDocument": {"uri": uri(self.root)},
            "range": {"start": {"line": line, "character": 0},
                      "end": {"line": line, "character": 3}},
            "options": {"tabSize": 2, "insertSpaces": True}})["result"]
        self.assertEqual(len(edits), 1)
        self.assertEqual(edits[0]["range"]["start"],
                         {"line": line_of(messy, "boundary cloud")[0], "character": 0})
        formatted = apply_edits(messy, edits)
        self.assertIn("\n  trust = internal\n", formatted)
        self.assertIn('actor    customer "Customer"', formatted)  # another statement: untouched

    def test_a_formatted_range_needs_no_edit(self):
        line = line_of(ROOT_MODEL, "flow order")[0]
        edits = self.client.request("textDocument/rangeFormatting", {
            "textDocument": {"uri": uri(self.root)},
            "range": {"start": {"line": line, "character": 0},
                      "end": {"line": line + 1, "character": 0}},
            "options": {"tabSize": 2, "insertSpaces": True}})["result"]
        self.assertEqual(edits, [])


if __name__ == "__main__":
    sys.exit(lib.main(__doc__))
