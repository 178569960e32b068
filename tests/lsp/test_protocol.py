#!/usr/bin/env python3
"""`moat lsp` at the protocol level: every method the server offers, the multi-file model (an
error in an imported file is published for that file), UTF-16 positions, and bad messages
answered with JSON-RPC errors, never a crash (docs/editors.md)."""
import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
import moat_testlib as lib  # noqa: E402
from lsp_client import Client, frame, uri  # noqa: E402

ROOT_MODEL = """model "Shop" {
  owner = "sec@example.com"
}

use stride
use soc2

import "parts.moat"

boundary cloud "Cloud" {
  trust = internal
  process api "API" { authn = oidc, validates_input = true }
}

actor customer "Customer"

flow order: customer -> api "Order" { carries = [card], protocol = https }

mitigation waf "WAF" {
  mitigates = [order.unthrottled_internet_channel]
  controls  = [CC6.1]
  status    = implemented
}
"""

PARTS = """data card "Card number" { classification = confidential, pii = true }

store db "Orders" { encrypted_at_rest = true }

flow api -> db "Save" { carries = [card], protocol = tls }
"""


def line_of(text, needle):
    """(0-based line, UTF-16 column) of the first `needle` in `text`."""
    for n, line in enumerate(text.split("\n")):
        at = line.find(needle)
        if at >= 0:
            return n, len(line[:at].encode("utf-16-le")) // 2
    raise AssertionError("%r not in the text" % needle)


def at(path, text, needle, offset=0):
    line, col = line_of(text, needle)
    return {"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": col + offset}}


class LspTest(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        self.root = self.write("root.moat", ROOT_MODEL)
        self.parts = self.write("parts.moat", PARTS)
        self.cache = os.path.join(self.dir, "cache")
        self.client = Client(lib.MOAT, cwd=self.dir,
                             env=dict(os.environ, XDG_CACHE_HOME=self.cache))

    def tearDown(self):
        self.client.kill()
        super().tearDown()

    def start(self, *paths):
        reply = self.client.initialize(self.dir)
        for p in paths:
            self.client.open(p)
        return reply


class Lifecycle(LspTest):
    def test_initialize_announces_the_capabilities(self):
        caps = self.start()["result"]["capabilities"]
        for name in ("hoverProvider", "definitionProvider", "referencesProvider",
                     "documentHighlightProvider", "documentSymbolProvider",
                     "workspaceSymbolProvider", "documentFormattingProvider"):
            self.assertTrue(caps[name], name)
        self.assertEqual(caps["textDocumentSync"]["change"], 2)  # incremental

    def test_shutdown_then_exit_ends_with_0(self):
        self.start()
        self.assertEqual(self.client.finish(), 0)

    def test_exit_without_shutdown_ends_with_1(self):
        self.start()
        self.client.notify("exit")
        self.assertEqual(self.client.proc.wait(30), 1)

    def test_closed_stdin_ends_the_server(self):
        self.start()
        self.client.proc.stdin.close()
        self.assertEqual(self.client.proc.wait(30), 0)

    def test_request_before_initialize_is_refused(self):
        reply = self.client.request("textDocument/hover", at(self.root, ROOT_MODEL, "api"))
        self.assertEqual(reply["error"]["code"], -32002)


class Diagnostics(LspTest):
    def test_clean_model_publishes_empty_lists_for_both_files(self):
        self.start(self.root)
        self.assertEqual(self.client.wait_diagnostics(uri(self.root)), [])
        self.assertEqual(self.client.wait_diagnostics(uri(self.parts)), [])

    def test_error_carries_kind_severity_and_line(self):
        text = ROOT_MODEL.replace("trust = internal", "trust = bogus")
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        diags = self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        d = diags[0]
        self.assertEqual(d["severity"], 1)
        self.assertEqual(d["source"], "moat")
        self.assertIsInstance(d["code"], str)
        self.assertEqual(d["range"]["start"]["line"], line_of(text, "trust = bogus")[0])

    def test_incremental_change_fixes_and_clears(self):
        text = ROOT_MODEL.replace("trust = internal", "trust = bogus")
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        line, col = line_of(text, "bogus")
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(self.root), "version": 2},
            "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                          "end": {"line": line, "character": col + 5}},
                                "text": "internal"}]})
        self.assertEqual(self.client.wait_diagnostics(uri(self.root), lambda d: d == []), [])

    def test_full_change_replaces_the_text(self):
        self.start(self.root)
        self.client.wait_diagnostics(uri(self.root))
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(self.root), "version": 2},
            "contentChanges": [{"text": ROOT_MODEL.replace("customer -> api", "customer -> apii")}]})
        diags = self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        self.assertEqual(diags[0]["range"]["start"]["line"], line_of(ROOT_MODEL, "flow order")[0])
        self.assertIn("apii", diags[0]["message"])

    def test_positions_count_utf16_code_units(self):
        text = ROOT_MODEL.replace('actor customer "Customer"',
                                  'actor customer "Kundé 😀" { trust = nope }')
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        diags = self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        line, col = line_of(text, "nope")
        self.assertEqual(diags[0]["range"]["start"], {"line": line, "character": col})
        self.assertEqual(diags[0]["range"]["end"], {"line": line, "character": col + 4})

    def test_error_in_imported_buffer_is_published_for_that_file(self):
        self.start(self.root)
        self.client.wait_diagnostics(uri(self.root))
        broken = PARTS.replace("encrypted_at_rest = true", "encrypted_at_rest = maybe")
        self.client.open(self.parts, broken)
        diags = self.client.wait_diagnostics(uri(self.parts), lambda d: d != [])
        self.assertEqual(diags[0]["range"]["start"]["line"], line_of(broken, "maybe")[0])
        self.assertEqual(self.client.diagnostics[uri(self.root)], [])

    def test_close_clears_and_save_rechecks(self):
        broken = ROOT_MODEL.replace("trust = internal", "trust = bogus")
        self.client.initialize(self.dir)
        self.client.open(self.root, broken)
        self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": uri(self.root)}})
        self.assertEqual(self.client.wait_diagnostics(uri(self.root), lambda d: d == []), [])
        # Reopened from the disk (the clean text), then the disk changes and a save re-checks.
        self.client.open(self.root)
        self.client.wait_diagnostics(uri(self.root), lambda d: d == [])
        self.write("parts.moat", PARTS.replace("pii = true", "pii = 3"))
        self.client.notify("textDocument/didSave", {"textDocument": {"uri": uri(self.root)}})
        diags = self.client.wait_diagnostics(uri(self.parts), lambda d: d != [])
        self.assertEqual(diags[0]["range"]["start"]["line"], 0)

    def test_imported_file_opened_first_joins_its_root(self):
        """parts.moat alone has no `model`; the server finds root.moat next to it."""
        self.start(self.parts)
        self.assertEqual(self.client.wait_diagnostics(uri(self.parts)), [])

    def test_duplicate_declaration_has_related_information(self):
        text = ROOT_MODEL + '\nactor customer "Again"\n'
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        diags = self.client.wait_diagnostics(uri(self.root), lambda d: d != [])
        related = [d for d in diags if d.get("relatedInformation")]
        self.assertTrue(related, diags)
        self.assertEqual(related[0]["relatedInformation"][0]["location"]["range"]["start"]["line"],
                         line_of(text, "actor customer")[0])


class Navigation(LspTest):
    def hover(self, needle, offset=1):
        reply = self.client.request("textDocument/hover", at(self.root, ROOT_MODEL, needle, offset))
        self.assertIn("result", reply, reply)
        return reply["result"]["contents"]["value"] if reply["result"] else None

    def test_hover_attribute_enum_member_element_rule_control(self):
        self.start(self.root)
        self.assertIn("bool", self.hover("validates_input"))
        self.assertIn("enum", self.hover("oidc"))
        element = self.hover("api \"API\"")
        self.assertIn("process", element)
        self.assertIn("cloud", element)
        self.assertIn("open threat", element)
        control = self.hover("CC6.1")
        self.assertIn("CC6.1", control)
        self.assertIn("status in this model", control)

    def test_hover_rule_id(self):
        text = ROOT_MODEL.replace("mitigates = [order.unthrottled_internet_channel]", "mitigates = [api.cleartext_crossing_tamperable]")
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        reply = self.client.request("textDocument/hover", at(self.root, text, "cleartext_crossing", 1))
        value = reply["result"]["contents"]["value"]
        self.assertIn("rule", value)
        self.assertIn("severity", value)

    def test_definition_across_files(self):
        self.start(self.root)
        reply = self.client.request("textDocument/definition", at(self.root, ROOT_MODEL, "card]", 1))
        self.assertEqual(reply["result"]["uri"], uri(self.parts))
        self.assertEqual(reply["result"]["range"]["start"], {"line": 0, "character": 5})

    def test_definition_of_a_stdlib_rule_opens_a_read_only_copy(self):
        text = ROOT_MODEL.replace("mitigates = [order.unthrottled_internet_channel]",
                                  "mitigates = [api.cleartext_crossing_tamperable]")
        self.client.initialize(self.dir)
        self.client.open(self.root, text)
        reply = self.client.request("textDocument/definition",
                                    at(self.root, text, "cleartext_crossing", 1))["result"]
        copy = os.path.join(self.cache, "moat", "stdlib-0.1.0", "stride.moat")
        self.assertEqual(reply["uri"], uri(copy))
        with open(copy, encoding="utf-8") as f:
            line = f.read().split("\n")[reply["range"]["start"]["line"]]
        self.assertIn("rule cleartext_crossing_tamperable", line)
        self.assertFalse(os.access(copy, os.W_OK) and os.geteuid() != 0)
        self.client.open(copy)  # shown, never checked as a model: no diagnostics for it
        self.client.request("workspace/symbol", {"query": ""})
        self.assertNotIn(uri(copy), self.client.diagnostics)

    def test_references_and_highlights(self):
        self.start(self.root)
        p = at(self.root, ROOT_MODEL, "order:", 1)
        refs = self.client.request("textDocument/references",
                                   dict(p, context={"includeDeclaration": True}))["result"]
        self.assertEqual(len(refs), 2, refs)
        refs = self.client.request("textDocument/references",
                                   dict(p, context={"includeDeclaration": False}))["result"]
        self.assertEqual(len(refs), 1, refs)
        card = at(self.root, ROOT_MODEL, "card]", 1)
        refs = self.client.request("textDocument/references",
                                   dict(card, context={"includeDeclaration": True}))["result"]
        self.assertEqual(sorted({r["uri"] for r in refs}), sorted([uri(self.root), uri(self.parts)]))
        highlights = self.client.request("textDocument/documentHighlight", p)["result"]
        self.assertEqual(len(highlights), 2)

    def test_document_symbols_nest_elements_in_boundaries(self):
        self.start(self.root)
        symbols = self.client.request("textDocument/documentSymbol",
                                      {"textDocument": {"uri": uri(self.root)}})["result"]
        names = [s["name"] for s in symbols]
        self.assertIn("cloud", names)
        self.assertIn("waf", names)
        cloud = symbols[names.index("cloud")]
        self.assertEqual([c["name"] for c in cloud["children"]], ["api"])

    def test_workspace_symbols(self):
        self.start(self.root)
        found = self.client.request("workspace/symbol", {"query": "car"})["result"]
        self.assertEqual([s["name"] for s in found], ["card"])
        self.assertEqual(found[0]["location"]["uri"], uri(self.parts))

    def test_formatting_returns_the_canonical_text(self):
        self.client.initialize(self.dir)
        messy = ROOT_MODEL.replace("  trust = internal", "trust     =    internal")
        self.client.open(self.root, messy)
        edits = self.client.request("textDocument/formatting", {
            "textDocument": {"uri": uri(self.root)},
            "options": {"tabSize": 2, "insertSpaces": True}})["result"]
        self.assertEqual(len(edits), 1)
        self.assertIn("  trust = internal", edits[0]["newText"])
        self.client.open(self.root, ROOT_MODEL)
        edits = self.client.request("textDocument/formatting", {
            "textDocument": {"uri": uri(self.root)},
            "options": {"tabSize": 2, "insertSpaces": True}})["result"]
        self.assertEqual(edits, [])


class BadMessages(LspTest):
    def next_reply(self):
        while True:
            m = self.client.next_message(30)
            self.assertIsNotNone(m, "the server ended")
            if "method" not in m:
                return m

    def test_invalid_json_is_a_parse_error(self):
        self.start()
        self.client.send_raw(frame(b"{not json"))
        reply = self.next_reply()
        self.assertEqual(reply["error"]["code"], -32700)
        self.assertIsNone(reply["id"])

    def test_bad_header_is_an_invalid_request(self):
        self.start()
        self.client.send_raw(b"Content-Length: twelve\r\n\r\n")
        self.assertEqual(self.next_reply()["error"]["code"], -32600)
        self.assertIn("result", self.client.request("shutdown"))  # still serving

    def test_not_a_request_is_an_invalid_request(self):
        self.start()
        for body in (b"[1, 2]", b'{"jsonrpc": "2.0", "id": 7}', b'{"id": {"x": 1}, "method": "a"}'):
            self.client.send_raw(frame(body))
            self.assertEqual(self.next_reply()["error"]["code"], -32600, body)

    def test_unknown_method_and_unknown_notification(self):
        self.start()
        self.client.notify("moat/nothing")  # never answered
        reply = self.client.request("moat/nothing")
        self.assertEqual(reply["error"]["code"], -32601)

    def test_a_document_that_is_not_a_file_is_ignored(self):
        # Editors open buffers that are not files ("untitled:", "git:", "vscode-notebook-cell:").
        self.start()
        for method in ("textDocument/didOpen", "textDocument/didChange", "textDocument/didSave",
                       "textDocument/didClose"):
            self.client.notify(method, {"textDocument": {"uri": "untitled:Untitled-1", "version": 1,
                                                         "languageId": "moat", "text": "model"},
                                        "contentChanges": [{"text": "model \"M\" {}"}]})
        reply = self.client.request("textDocument/hover", {
            "textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}})
        self.assertEqual(reply["error"]["code"], -32602)
        self.assertIsNone(self.client.proc.poll(), "the server ended")

    def test_invalid_params(self):
        self.start()
        reply = self.client.request("textDocument/hover", {"textDocument": 3})
        self.assertEqual(reply["error"]["code"], -32602)

    def test_cancelled_request(self):
        self.start(self.root)
        self.client.wait_diagnostics(uri(self.root))
        request = {"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover",
                   "params": at(self.root, ROOT_MODEL, "api")}
        cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 99}}
        self.client.send_raw(frame(json.dumps(request).encode()) + frame(json.dumps(cancel).encode()))
        reply = self.client.wait_response(99)
        # Cancelled, or answered when it was already running: both follow the spec.
        self.assertTrue("result" in reply or reply["error"]["code"] == -32800, reply)

    def test_message_over_the_size_cap_is_refused(self):
        self.start()
        size = 64 * 1024 * 1024 + 1
        self.client.send_raw(b"Content-Length: %d\r\n\r\n" % size)
        chunk = b" " * (1024 * 1024)
        for _ in range(64):
            self.client.send_raw(chunk)
        self.client.send_raw(b" ")
        reply = self.next_reply()
        self.assertEqual(reply["error"]["code"], -32600)
        self.assertIn("limit", reply["error"]["message"])
        self.assertEqual(self.client.finish(), 0)

    def test_truncated_message_ends_cleanly(self):
        self.start()
        self.client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
        self.client.proc.stdin.close()
        self.assertEqual(self.client.proc.wait(30), 0)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__))
