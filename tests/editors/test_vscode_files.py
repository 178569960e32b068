#!/usr/bin/env python3
"""The VS Code extension's own files, read without Node (this test never skips):

- package.json contributes the language (`.moat`), the grammar and its scope, the setting
  `moat.path` (default `moat`), names extension.js as its main, and pins its dependency exactly,
  as package-lock.json does;
- language-configuration.json: `//` and `/* */` comments, brackets and auto-closing pairs, and
  indentation rules that indent after an opening brace and outdent at a closing one;
- scripts/setup.sh installs the npm tools the editor tests and `make vsix` use, at exact versions.

    python3 tests/editors/test_vscode_files.py --moat build/moat --root .
"""
import json
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402


def ext_path(*parts):
    return os.path.join(lib.ROOT, "editors", "vscode", *parts)


def read_json(*parts):
    with open(ext_path(*parts), encoding="utf-8") as f:
        return json.load(f)


class Manifest(unittest.TestCase):
    def test_contributes_language_grammar_and_setting(self):
        manifest = read_json("package.json")
        [language] = manifest["contributes"]["languages"]
        self.assertEqual((language["id"], language["extensions"]), ("moat", [".moat"]))
        [grammar] = manifest["contributes"]["grammars"]
        self.assertEqual((grammar["language"], grammar["scopeName"]), ("moat", "source.moat"))
        self.assertEqual(read_json(grammar["path"])["scopeName"], "source.moat")
        self.assertTrue(os.path.isfile(ext_path(language["configuration"])))
        self.assertTrue(os.path.isfile(ext_path(manifest["main"])))
        setting = manifest["contributes"]["configuration"]["properties"]["moat.path"]
        self.assertEqual((setting["type"], setting["default"]), ("string", "moat"))

    def test_the_dependency_is_pinned_and_locked(self):
        deps = read_json("package.json")["dependencies"]
        self.assertEqual(list(deps), ["vscode-languageclient"])
        locked = read_json("package-lock.json")["packages"]
        for name, version in deps.items():
            self.assertRegex(version, r"^\d+\.\d+\.\d+$", f"{name} is not pinned to one version")
            self.assertEqual(locked[f"node_modules/{name}"]["version"], version)
        self.assertEqual(locked[""]["dependencies"], deps)


class LanguageConfiguration(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.config = read_json("language-configuration.json")

    def test_comments_brackets_and_pairs(self):
        self.assertEqual(self.config["comments"], {"lineComment": "//", "blockComment": ["/*", "*/"]})
        self.assertEqual(self.config["brackets"], [["{", "}"], ["[", "]"], ["(", ")"]])
        opens = {p["open"]: p["close"] for p in self.config["autoClosingPairs"]}
        self.assertEqual({k: opens[k] for k in "{[(\""}, {"{": "}", "[": "]", "(": ")", "\"": "\""})

    def test_indentation(self):
        increase = re.compile(self.config["indentationRules"]["increaseIndentPattern"])
        decrease = re.compile(self.config["indentationRules"]["decreaseIndentPattern"])
        for line in ('boundary vpc "VPC" {', 'process api "API" {   // the API', "  holds = [",
                     "  when = any(inbound,"):
            self.assertTrue(increase.search(line), line)
        for line in ('model "x" { owner = "a" }', 'data d "a { b"', "  holds = [a, b]", "}"):
            self.assertFalse(increase.search(line), line)
        for line in ("}", "  ]", ")"):
            self.assertTrue(decrease.search(line), line)
        self.assertFalse(decrease.search("  trust = internal"))

    def test_a_control_id_is_one_word(self):
        word = re.compile(self.config["wordPattern"])
        for text in ("CC6.1", "payment-webhook", "api"):
            self.assertEqual(word.match(text).group(0), text)
        self.assertEqual(word.match("api.spoofing").group(0), "api")


class SetUp(unittest.TestCase):
    def test_npm_tools_are_pinned(self):
        with open(os.path.join(lib.ROOT, "scripts", "setup.sh"), encoding="utf-8") as f:
            setup = f.read()
        tools = re.search(r"npm_tools=\(([^)]*)\)", setup).group(1)
        pinned = dict(re.findall(r'"(@?[^"@]+(?:/[^"@]+)?)@(\d+\.\d+\.\d+)"', tools))
        for name in ("vscode-textmate", "vscode-oniguruma", "@vscode/vsce"):
            self.assertIn(name, pinned)
        self.assertIn("editors/vscode/package-lock.json", setup)


if __name__ == "__main__":
    sys.exit(lib.main())
