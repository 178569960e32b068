#!/usr/bin/env python3
"""The VS Code extension's TextMate grammar (editors/vscode/syntaxes/moat.tmLanguage.json),
tokenized by vscode-textmate and vscode-oniguruma, the engine VS Code uses (installed by
scripts/setup.sh into .tools/node; prints "skip: ..." and passes when node or they are absent):

- every .moat file of the repository (samples, stdlib, examples, goldens, fuzz corpus, tests)
  tokenizes without an error or a runaway pattern, and no character but white space is left
  with only the file's scope (`source.moat`);
- a file `moat fmt` reads without a syntax error has no `invalid.*` token and ends outside any
  string or block comment;
- the fixture (fixture.moat) gets the asserted scopes: keywords, element kinds, strings and
  their escapes, comments, numbers, dates, durations, control ids, attribute names, operators;
- every statement keyword of grammar/keywords.hpp (the one keyword table) and every other
  keyword of grammar/grammar.hpp is highlighted as a keyword.

    python3 tests/editors/test_vscode_grammar.py --moat build/moat --root .
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# Keywords of grammar.hpp written as an attribute (`when = EXPR` in a rule), highlighted as one.
ATTRIBUTE_KEYWORDS = {"when"}
# The diagnostic kinds (compiler/diagnostic_kinds.def) of text that does not follow the grammar.
SYNTAX_KINDS = r"\[(SyntaxError|InvalidEscape|InvalidLiteral|NestingTooDeep|InvalidUtf8|TooManyErrors)\]"
SKIP_DIRS = {".git", ".tools", ".cache", "out", "node_modules", "__pycache__"}


def modules_dir():
    return os.path.join(lib.ROOT, ".tools", "node", "node_modules")


def missing_tools():
    if shutil.which("node") is None:
        return "node not installed"
    for name in ("vscode-textmate", "vscode-oniguruma"):
        if not os.path.isdir(os.path.join(modules_dir(), name)):
            return f"{name} not installed (scripts/setup.sh installs it into .tools/node)"
    return None


def moat_files():
    """Every .moat file under the root, build folders and tool folders aside."""
    found = []
    for folder, dirs, files in os.walk(lib.ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("build"))
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".moat")]
    return found


def tokenize(paths):
    """{path: {error, stoppedEarly, endDepth, lines: [[[column, text, scopes]]]}} from tokenize.js."""
    proc = subprocess.run(["node", os.path.join(HERE, "tokenize.js"), modules_dir(), *paths],
                          capture_output=True, text=True, timeout=lib.DEFAULT_TIMEOUT_S)
    if proc.returncode != 0:
        raise AssertionError(f"tokenize.js exited {proc.returncode}: {proc.stderr}")
    return {r["file"]: r for r in json.loads(proc.stdout)}


def parses(path):
    """Whether `moat fmt` reads the file (and its imports) without a lexical or syntax error.
    Other errors (a duplicate id, a missing import) do not make the text less readable."""
    proc = subprocess.run([lib.MOAT, "fmt", "--diff", path], capture_output=True, text=True,
                          errors="replace", timeout=lib.DEFAULT_TIMEOUT_S)
    return proc.returncode == 0 or not re.search(SYNTAX_KINDS, proc.stderr)


def scoped_tokens(result):
    """[(line number, column, text, scopes)] of the tokens that hold more than white space."""
    return [(n, col, text, scopes) for n, tokens in enumerate(result["lines"], start=1)
            for col, text, scopes in tokens if text.strip()]


class EveryFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = moat_files()
        cls.results = tokenize(cls.files)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            cls.parsing = dict(zip(cls.files, pool.map(parses, cls.files)))
        print(f"{len(cls.files)} .moat files, {sum(cls.parsing.values())} of them parse", file=sys.stderr)

    def test_the_repository_has_its_models(self):
        rel = [os.path.relpath(f, lib.ROOT) for f in self.files]
        for folder in ("samples/", "stdlib/", "stdlib/tests/", "tests/golden/", "tests/examples/",
                       "tests/fuzz/corpus/", "tests/editors/"):
            self.assertTrue(any(r.startswith(folder) for r in rel), f"no .moat file under {folder}")

    def test_every_file_tokenizes_with_nothing_unscoped(self):
        problems = []
        for path in self.files:
            r = self.results[path]
            rel = os.path.relpath(path, lib.ROOT)
            if r["error"] or r["stoppedEarly"]:
                problems.append(f"{rel}: {r['error'] or 'a line took over 5 s'}")
                continue
            for n, col, text, scopes in scoped_tokens(r):
                if scopes == ["source.moat"]:
                    problems.append(f"{rel}:{n}:{col}: {text!r} has no scope")
        self.assertEqual(problems[:20], [], f"{len(problems)} problems")

    def test_files_that_parse_have_no_invalid_token(self):
        problems = []
        checked = 0
        for path in self.files:
            if not self.parsing[path]:
                continue
            checked += 1
            r, rel = self.results[path], os.path.relpath(path, lib.ROOT)
            if r["endDepth"] != 1:
                problems.append(f"{rel}: ends inside a string or block comment (depth {r['endDepth']})")
            for n, col, text, scopes in scoped_tokens(r):
                if any(s.startswith("invalid.") for s in scopes):
                    problems.append(f"{rel}:{n}:{col}: {text!r} is {scopes[-1]}")
        self.assertGreater(checked, 100)
        self.assertEqual(problems[:20], [], f"{len(problems)} problems")


class Fixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        path = os.path.join(HERE, "fixture.moat")
        cls.tokens = scoped_tokens(tokenize([path])[path])

    def scope_of(self, line, text, nth=1):
        """The innermost scope of the nth token `text` on `line` (1-based)."""
        hits = [scopes for n, _, t, scopes in self.tokens if n == line and t == text]
        self.assertGreaterEqual(len(hits), nth, f"no token {text!r} (#{nth}) on line {line}")
        return hits[nth - 1][-1]

    def assertScopes(self, line, expected):
        for text, scope in expected:
            self.assertEqual(self.scope_of(line, text), scope, f"line {line}: {text!r}")

    def test_comments(self):
        self.assertEqual(self.scope_of(1, "//"), "punctuation.definition.comment.moat")
        self.assertTrue(self.scope_of(1, " The grammar test's fixture (test_vscode_grammar.py asserts the scope of each marked token).").startswith("comment.line.double-slash"))
        self.assertEqual(self.scope_of(3, "   comment "), "comment.block.moat")

    def test_strings_and_escapes(self):
        self.assertScopes(4, [("model", "keyword.other.model.moat"), ("Fixture ", "string.quoted.double.moat"),
                              ('\\"', "constant.character.escape.moat"), ("\\t", "constant.character.escape.moat"),
                              ("\\u{1F512}", "constant.character.escape.moat"),
                              ("soc2_scope", "entity.other.attribute-name.moat")])

    def test_use_enum_and_schema(self):
        self.assertScopes(5, [("use", "keyword.control.import.moat"), ("stride.cicd", "entity.name.namespace.moat")])
        self.assertScopes(7, [("enum", "keyword.other.enum.moat"), ("tier", "entity.name.type.enum.moat"),
                              ("ordered", "storage.modifier.ordered.moat")])
        self.assertScopes(8, [("attributes", "keyword.other.attributes.moat"),
                              ("retention_days", "entity.other.attribute-name.moat"),
                              ("list", "storage.type.list.moat"), ("string", "support.type.primitive.moat"),
                              ("date", "support.type.primitive.moat"), ("?", "keyword.operator.optional.moat")])

    def test_elements_and_attributes(self):
        self.assertScopes(10, [("boundary", "storage.type.boundary.moat"), ("vpc", "entity.name.type.boundary.moat")])
        self.assertScopes(12, [("process", "storage.type.process.moat"), ("api", "entity.name.type.process.moat"),
                               ("authn", "entity.other.attribute-name.moat"), ("jwt", "variable.other.moat")])
        # `boundary = vpc` is an attribute, not a boundary declaration
        self.assertScopes(14, [("boundary", "entity.other.attribute-name.moat"),
                               ("6mo", "constant.numeric.duration.moat")])
        self.assertScopes(15, [("30d", "constant.numeric.duration.moat"), ("-1.5", "constant.numeric.moat")])

    def test_flows(self):
        self.assertScopes(16, [("flow", "storage.type.flow.moat"), ("login", "entity.name.type.flow.moat"),
                               (":", "punctuation.separator.flow-name.moat"), ("->", "keyword.operator.arrow.moat")])
        self.assertScopes(17, [("<->", "keyword.operator.arrow.moat")])

    def test_rules_and_expressions(self):
        self.assertScopes(19, [("rule", "keyword.other.rule.moat"), ("slow_tier", "entity.name.function.rule.moat")])
        self.assertScopes(22, [("when", "entity.other.attribute-name.moat"), (">=", "keyword.operator.comparison.moat"),
                               ("and", "keyword.operator.logical.moat"), ("not", "keyword.operator.logical.moat"),
                               ("any", "support.function.moat"), ("!=", "keyword.operator.comparison.moat"),
                               ("true", "constant.language.boolean.moat")])
        self.assertScopes(24, [("CC6.1", "constant.other.control-id.moat"), ("PI1.3", "constant.other.control-id.moat")])

    def test_mitigations_acceptances_attestations(self):
        self.assertScopes(27, [("mitigation", "keyword.other.mitigation.moat"), (".", "punctuation.accessor.moat")])
        self.assertScopes(28, [("accept", "keyword.other.accept.moat"), ("2027-03-01", "constant.numeric.date.moat")])
        self.assertScopes(29, [("attest", "keyword.other.attest.moat"), ("CC1.1", "constant.other.control-id.moat")])

    def test_tests(self):
        self.assertScopes(31, [("test", "keyword.other.test.moat")])
        self.assertScopes(33, [("expect", "keyword.other.expect.moat"), ("slow_tier", "entity.name.function.rule.moat"),
                               ("on", "keyword.other.on.moat")])
        self.assertScopes(34, [("not", "keyword.operator.logical.moat")])


class Keywords(unittest.TestCase):
    """The grammar knows every keyword of the compiler's tables."""

    def test_statement_keywords_of_keywords_hpp(self):
        with open(os.path.join(lib.ROOT, "grammar", "keywords.hpp"), encoding="utf-8") as f:
            words = re.findall(r'\{Keyword::\w+, "(\w+)",', f.read())
        self.assertGreater(len(words), 20)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "keywords.moat")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(f'{w} x_id "Title" {{}}\n{w} "Title" {{}}\n' for w in words))
            result = tokenize([path])[path]
        for i, word in enumerate(words):
            scopes = [t[2][-1] for line in result["lines"][2 * i:2 * i + 2] for t in line if t[1] == word]
            self.assertTrue(any(s.startswith(("keyword.", "storage.type.")) for s in scopes),
                            f"statement keyword {word!r} is not highlighted as one: {scopes}")

    def test_other_keywords_of_grammar_hpp(self):
        with open(os.path.join(lib.ROOT, "grammar", "grammar.hpp"), encoding="utf-8") as f:
            words = re.findall(r'^MOAT_KW\(\w+, "(\w+)"\);', f.read(), re.MULTILINE)
        self.assertGreater(len(words), 5)
        with open(os.path.join(lib.ROOT, "editors", "vscode", "syntaxes", "moat.tmLanguage.json"), encoding="utf-8") as f:
            grammar = json.load(f)
        patterns = "\n".join(p.get("match", "") for block in grammar["repository"].values()
                              for p in block.get("patterns", [block]))
        for word in words:
            if word in ATTRIBUTE_KEYWORDS:
                continue
            found = re.search(r"(?:[(|:]|\\b)" + word + r"(?:[)|(]|\\b)", patterns)
            self.assertTrue(found, f"keyword {word!r} of grammar.hpp is in no pattern of the grammar")


def before():
    reason = missing_tools()
    if reason:
        print(f"skip: {reason}")
        return 0
    return None


if __name__ == "__main__":
    sys.exit(lib.main(before=before))
