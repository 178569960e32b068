#!/usr/bin/env python3
"""docs/language.md says what the binary does: every ```moat block compiles with no error and no
warning, and every failing example (a `m.moat` text block, then `moat check m.moat` and its
output) prints exactly the output shown.

    python3 tests/cli/test_language_examples.py --moat build/moat --root .
"""
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
# A failing example: "`m.moat`:" before a text block, "`moat check m.moat`:" before the next.
FAILING = re.compile(r"^`([\w.-]+\.moat)`:\n\n```text\n(.*?)^```\n\n`(moat check [^`]*)`:\n\n"
                     r"```text\n(.*?)^```\n", re.M | re.S)


def language_md():
    with open(os.path.join(lib.ROOT, "docs", "language.md"), encoding="utf-8") as f:
        return f.read()


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


class LanguageExamples(lib.TempDirTest):
    def check(self, *args):
        """`moat check --quiet ARGS...` in the test's folder, which is also the root."""
        r = lib.run("check", "--quiet", "--root", self.dir, *args, cwd=self.dir, timeout=120,
                    errors="replace")
        return r.returncode, r.stderr

    def test_there_are_examples(self):
        text = language_md()
        self.assertGreater(len([m for m in FENCE.finditer(text) if m.group(1) == "moat"]), 20)
        self.assertGreater(len(FAILING.findall(text)), 2)

    def test_every_moat_block_compiles_cleanly(self):
        text = language_md()
        for match in FENCE.finditer(text):
            if match.group(1) != "moat":
                continue
            line = line_of(text, match.start())
            with self.subTest(line=line):
                self.write("example.moat", match.group(2))
                # Code locations name files of the reader's repository, not of this folder.
                code, err = self.check("--quiet-locations", "example.moat")
                self.assertEqual(code, 0, f"docs/language.md:{line}:\n{err}")
                self.assertRegex(err, r"; 0 errors, 0 warnings\n\Z", f"docs/language.md:{line}")

    def test_failing_examples_print_what_the_doc_shows(self):
        text = language_md()
        for match in FAILING.finditer(text):
            name, source, command, expected = match.groups()
            line = line_of(text, match.start())
            with self.subTest(line=line):
                self.write(name, source)
                code, err = self.check(*command.split()[2:])
                self.assertNotEqual(code, 0, f"docs/language.md:{line}: the example must fail")
                self.assertEqual(err, expected, f"docs/language.md:{line}")


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
