#!/usr/bin/env python3
"""`moat lsp` completion at the protocol level: attribute names of the kind being written (set
ones left out, type and default in the detail), enum members after `=`, element ids where an
element goes, STRIDE categories and rules after `element.`, SOC 2 criteria in `controls`,
keywords and snippets at a statement's start; all on text that does not compile, from the last
model that did (docs/editors.md)."""
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
import moat_testlib as lib  # noqa: E402
from lsp_client import uri  # noqa: E402
from test_protocol import ROOT_MODEL, LspTest  # noqa: E402

MARK = "@@"


def split_cursor(text):
    """`text` without its cursor mark, and the mark's LSP position (ASCII text)."""
    at = text.index(MARK)
    before = text[:at]
    return text.replace(MARK, "", 1), {"line": before.count("\n"),
                                       "character": len(before.split("\n")[-1])}


class Completion(LspTest):
    def setUp(self):
        super().setUp()
        self.start(self.root)
        self.client.wait_diagnostics(uri(self.root), lambda d: d == [])  # the last good model

    def complete(self, marked):
        """Replaces the root's text with `marked` (cursor at @@) and completes at the cursor."""
        text, position = split_cursor(marked)
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(self.root), "version": 2},
            "contentChanges": [{"text": text}]})
        reply = self.client.request("textDocument/completion", {
            "textDocument": {"uri": uri(self.root)}, "position": position})
        self.position = position
        return reply["result"]["items"]

    def labels(self, marked):
        return [item["label"] for item in self.complete(marked)]

    def test_attribute_names_of_the_kind_without_those_set(self):
        marked = ROOT_MODEL.replace('process api "API" { authn = oidc, validates_input = true }',
                                    'process api "API" {\n    authn = oidc\n    @@\n  }')
        items = {i["label"]: i for i in self.complete(marked)}
        self.assertIn("authz", items)
        self.assertIn("mfa", items)
        self.assertNotIn("authn", items)  # already set
        self.assertNotIn("mitigates", items)  # a mitigation's, not a process's
        self.assertEqual(items["authz"]["kind"], 10)
        self.assertIn("= none", items["authz"]["detail"])

    def test_enum_members_after_equals(self):
        marked = ROOT_MODEL.replace("authn = oidc,", "authn = oidc, authz = @@")
        self.assertEqual(self.labels(marked), ["none", "rbac", "abac", "acl"])

    def test_enum_members_in_a_list_replace_the_partial_word(self):
        marked = ROOT_MODEL.replace("authn = oidc,", "authn = [oidc, mt@@")
        items = self.complete(marked)
        labels = [i["label"] for i in items]
        self.assertIn("mtls", labels)
        self.assertIn("oidc", labels)
        start = items[0]["textEdit"]["range"]["start"]
        self.assertEqual(start["character"], self.position["character"] - 2)

    def test_element_ids_at_flow_endpoints_are_nodes(self):
        labels = self.labels(ROOT_MODEL + "\nflow customer -> @@\n")
        for node in ("api", "customer", "db"):
            self.assertIn(node, labels)
        self.assertNotIn("card", labels)  # data
        self.assertNotIn("cloud", labels)  # a boundary

    def test_carries_offers_data(self):
        marked = ROOT_MODEL.replace("{ carries = [card], protocol", "{ carries = [@@], protocol")
        self.assertEqual(self.labels(marked), ["card"])

    def test_categories_and_rules_after_element_dot(self):
        marked = ROOT_MODEL.replace("mitigates = [order.unthrottled_internet_channel]",
                                    "mitigates = [api.@@")
        items = self.complete(marked)
        labels = [i["label"] for i in items]
        self.assertIn("tampering", labels)
        self.assertIn("spoofing", labels)
        self.assertTrue(any(i["kind"] == 3 for i in items), "rule ids")
        start = items[0]["textEdit"]["range"]["start"]
        self.assertEqual(start["character"], self.position["character"])  # after the dot

    def test_accept_target_offers_elements(self):
        labels = self.labels(ROOT_MODEL + "\naccept @@\n")
        self.assertIn("api", labels)
        self.assertIn("order", labels)

    def test_controls_offer_soc2_criteria(self):
        marked = ROOT_MODEL.replace("controls  = [CC6.1]", "controls  = [CC6.1, CC@@")
        items = self.complete(marked)
        labels = [i["label"] for i in items]
        self.assertIn("CC6.6", labels)
        start = items[0]["textEdit"]["range"]["start"]
        self.assertEqual(start["character"], self.position["character"] - 2)

    def test_statement_start_offers_keywords_and_snippets(self):
        items = self.complete(ROOT_MODEL + "\n@@\n")
        labels = [i["label"] for i in items]
        for keyword in ("process", "flow", "mitigation", "accept", "boundary"):
            self.assertIn(keyword, labels)
        snippets = {i["label"]: i for i in items if i["kind"] == 15}
        self.assertEqual(sorted(snippets), ["accept …", "flow …", "mitigation …", "process …"])
        accept = snippets["accept …"]
        self.assertEqual(accept["insertTextFormat"], 2)
        self.assertIn('reason = "$', accept["textEdit"]["newText"])
        self.assertIn('owner = "$', accept["textEdit"]["newText"])
        self.assertIn("mitigates = [$", snippets["mitigation …"]["textEdit"]["newText"])

    def test_inside_a_boundary_offers_its_statements_and_attributes(self):
        marked = ROOT_MODEL.replace("  trust = internal\n", "  trust = internal\n  @@\n")
        labels = self.labels(marked)
        self.assertIn("process", labels)
        self.assertIn("egress_controlled", labels)
        self.assertNotIn("trust", labels)
        self.assertNotIn("mitigation", labels)  # top level only

    def test_nothing_inside_a_string_or_comment(self):
        self.assertEqual(self.labels(ROOT_MODEL.replace('"API"', '"A@@PI"')), [])
        self.assertEqual(self.labels(ROOT_MODEL + "\n// process @@\n"), [])

    def test_works_while_the_text_does_not_compile(self):
        marked = ROOT_MODEL.replace("authn = oidc,", "authn = @@")
        labels = self.labels(marked)
        self.assertIn("oidc", labels)
        self.client.wait_diagnostics(uri(self.root), lambda d: d != [])  # it did not compile
        # A process declared since the last good model is no element yet; the others are.
        labels = self.labels(ROOT_MODEL + "\nprocess fresh\nflow fresh -> @@\n")
        self.assertIn("api", labels)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__))
