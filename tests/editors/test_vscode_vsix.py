#!/usr/bin/env python3
"""The VS Code extension packages into a .vsix (editors/vscode/tools/package.sh, what `make vsix`
runs, offline, with @vscode/vsce and the locked vscode-languageclient that scripts/setup.sh
installs into .tools; prints "skip: ..." and passes when they, node or unzip are absent):

- `unzip -l` lists the manifest, the client, the grammar (identical to the source), the language
  configuration and the client's dependency with its own dependencies, and none of the tools;
- it holds every file its manifest names (the main script, the language configuration, the grammar);
- unpacked, the client loads with the package's own node_modules and starts `MOAT lsp` for the
  setting moat.path = MOAT, and the JSON-RPC library it speaks through gets moat's diagnostics
  for a broken model from `moat lsp` (vsix_client.js).

    python3 tests/editors/test_vscode_vsix.py --moat build/moat --root .
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# What the client needs at run time: vscode-languageclient and what it requires.
DEPENDENCIES = ["vscode-languageclient", "vscode-languageserver-protocol", "vscode-jsonrpc",
                "vscode-languageserver-types", "minimatch", "semver"]


def missing_tools():
    if shutil.which("node") is None:
        return "node not installed"
    if shutil.which("unzip") is None:
        return "unzip not installed"
    if not os.path.exists(os.path.join(lib.ROOT, ".tools", "node", "node_modules", ".bin", "vsce")):
        return "@vscode/vsce not installed (scripts/setup.sh installs it into .tools/node)"
    if not os.path.isdir(os.path.join(lib.ROOT, ".tools", "vscode-extension", "node_modules")):
        return "the extension's dependencies are not installed (scripts/setup.sh)"
    return None


class Vsix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.vsix = os.path.join(cls.tmp.name, "moat.vsix")
        proc = subprocess.run(["bash", os.path.join(lib.ROOT, "editors", "vscode", "tools", "package.sh"), cls.vsix],
                              capture_output=True, text=True, timeout=lib.DEFAULT_TIMEOUT_S)
        if proc.returncode != 0:
            raise AssertionError(f"package.sh exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
        listing = subprocess.run(["unzip", "-l", cls.vsix], capture_output=True, text=True, check=True).stdout
        # unzip -l: "  Length  Date  Time  Name" rows; the name is the fourth column
        cls.names = {line.split(None, 3)[3] for line in listing.splitlines()
                     if line.strip() and line.split()[0].isdigit() and len(line.split(None, 3)) == 4}
        cls.unpacked = os.path.join(cls.tmp.name, "unpacked")
        subprocess.run(["unzip", "-q", cls.vsix, "-d", cls.unpacked], check=True)
        cls.ext = os.path.join(cls.unpacked, "extension")
        print(f"{os.path.getsize(cls.vsix)} bytes, {len(cls.names)} files", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_lists_the_extension_files(self):
        for name in ("extension.vsixmanifest", "extension/package.json", "extension/extension.js",
                     "extension/syntaxes/moat.tmLanguage.json", "extension/language-configuration.json",
                     "extension/readme.md", "extension/images/highlighting.png"):
            self.assertIn(name, self.names)

    def test_lists_the_client_dependency(self):
        for dep in DEPENDENCIES:
            self.assertIn(f"extension/node_modules/{dep}/package.json", self.names)
        self.assertIn("extension/node_modules/vscode-languageclient/lib/node/main.js", self.names)

    def test_leaves_out_the_tools(self):
        stray = sorted(n for n in self.names if n.startswith(("extension/tools/", "extension/.tools")))
        self.assertEqual(stray, [])

    def test_the_grammar_is_the_source(self):
        with open(os.path.join(lib.ROOT, "editors", "vscode", "syntaxes", "moat.tmLanguage.json"), "rb") as f:
            source = f.read()
        with open(os.path.join(self.ext, "syntaxes", "moat.tmLanguage.json"), "rb") as f:
            self.assertEqual(f.read(), source)

    def test_holds_every_file_the_manifest_names(self):
        with open(os.path.join(self.ext, "package.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        contributes = manifest["contributes"]
        for item in (manifest["main"], contributes["languages"][0]["configuration"],
                     contributes["grammars"][0]["path"]):
            self.assertIn("extension/" + os.path.normpath(item), self.names)

    def test_the_client_starts_moat_lsp_and_gets_diagnostics(self):
        model = os.path.join(self.tmp.name, "broken.moat")
        with open(model, "w", encoding="utf-8") as f:
            f.write('model "Broken"\nprocess api "API" { authn = jwtt }\n')
        proc = subprocess.run(["node", os.path.join(HERE, "vsix_client.js"), self.ext, lib.MOAT, model],
                              capture_output=True, text=True, timeout=lib.DEFAULT_TIMEOUT_S)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        result = json.loads(proc.stdout)
        self.assertEqual(result["serverOptions"]["command"], lib.MOAT)
        self.assertEqual(result["serverOptions"]["args"], ["lsp"])
        self.assertEqual(result["activate"], "function")
        [diagnostic] = result["diagnostics"]
        self.assertEqual(diagnostic["code"], "UnknownEnumMember")
        self.assertEqual(diagnostic["range"]["start"], {"line": 1, "character": 28})
        self.assertEqual(result["exitCode"], 0)


def before():
    reason = missing_tools()
    if reason:
        print(f"skip: {reason}")
        return 0
    return None


if __name__ == "__main__":
    sys.exit(lib.main(before=before))
