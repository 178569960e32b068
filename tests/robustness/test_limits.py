#!/usr/bin/env python3
"""Limit tests: `moat check` on huge, deep, broken and hostile inputs ends cleanly and in time.

    python3 tests/robustness/test_limits.py --moat build/moat --root .

Each case generates its input in a temporary folder, runs `moat check`, and asserts the exit
code (0 or 1, never a signal), the diagnostic kinds, and a generous time bound. The measured
times are printed at the end (docs/testing.md records them). A case for a known bug, if any,
is marked "known bug" and is an expected failure: it passes while the bug is there, and the run
fails once it is fixed, so that the mark is removed then.

Only the Python standard library is used.
"""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TIMES = []

HEADER = 'model "Limits" { version = "1.0" }\n'
SUMMARY = re.compile(r": (\d+) elements?, (\d+) flows?, (\d+) (?:boundary|boundaries); "
                     r"(\d+) errors?, (\d+) warnings?$", re.M)


class Run:
    def __init__(self, code, stdout, stderr, seconds):
        self.code, self.stdout, self.stderr, self.seconds = code, stdout, stderr, seconds

    def kinds(self):
        return re.findall(r": error: .* \[([A-Za-z0-9]+)\]$", self.stderr, re.M)

    def summary(self):
        """(elements, flows, boundaries, errors, warnings) of the last summary line."""
        found = SUMMARY.findall(self.stderr)
        return tuple(int(n) for n in found[-1]) if found else None


class Limits(lib.TempDirTest):
    fan_out_run = None
    tmp_prefix = "moat-limits-"
    tmp_in_memory = True

    def moat(self, args, bound, label=None):
        """Runs `moat ARGS` and asserts it ends by itself, within `bound` seconds, with exit
        code 0 or 1."""
        try:
            proc = lib.run(*args, timeout=bound, binary=True)
        except subprocess.TimeoutExpired:
            self.fail(f"moat {' '.join(args)} did not finish within {bound} s")
        run = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"), proc.seconds)
        TIMES.append((label or self._testMethodName, run.seconds, len(proc.stderr)))
        self.assertGreaterEqual(run.code, 0, f"killed by signal {-run.code}")
        self.assertIn(run.code, (0, 1), run.stderr[-3000:])
        return run

    def check(self, path, bound, label=None, quiet=True):
        """Runs `moat check -q PATH` and asserts it ends by itself, within `bound` seconds."""
        args = ["check", "--today", "2025-01-01", path]
        run = self.moat(args[:1] + ["-q"] * quiet + args[1:], bound, label)
        self.assertIsNotNone(run.summary(), "no summary line on stderr")
        return run

    def assert_error(self, run, kind, message=None):
        self.assertEqual(run.code, 1)
        self.assertIn(kind, run.kinds(), run.stderr[:3000])
        if message:
            self.assertIn(message, run.stderr)

    # ------------------------------------------------------------ size
    def test_50_mb_model(self):
        parts, size, n = [HEADER], len(HEADER), 0
        while size < 50 * 1024 * 1024:
            block = (f'boundary zone{n} "Zone {n}" {{\n'
                     f'  trust = internal\n'
                     f'  process api{n} "API {n} of a large generated model" {{ authn = jwt }}\n'
                     f'  store db{n} "Database {n}" {{ holds = [rec{n}] }}\n'
                     f'}}\n'
                     f'data rec{n} "Record {n}" {{ classification = internal }}\n'
                     f'flow api{n} -> db{n} "Write {n}" {{ protocol = sql, carries = [rec{n}] }}\n')
            parts.append(block)
            size += len(block)
            n += 1
        path = self.write("big.moat", "".join(parts))
        run = self.check(path, bound=600)
        self.assertEqual(run.code, 0, run.stderr[-3000:])
        self.assertEqual(run.summary()[:4], (3 * n, n, n, 0))

    def test_1_mb_single_line(self):
        line = " ".join(f'process p{i} "P{i}"' for i in range(60000))
        self.assertGreater(len(line), 1 << 20)
        run = self.check(self.write("line.moat", HEADER + line + "\n"), bound=120)
        self.assertEqual(run.code, 0, run.stderr[-3000:])
        self.assertEqual(run.summary()[0], 60000)

    def test_1_mb_single_line_with_an_error_at_its_end(self):
        line = " ".join(f'process p{i} "P{i}"' for i in range(60000)) + " process = 1"
        run = self.check(self.write("line.moat", HEADER + line + "\n"), bound=120)
        self.assert_error(run, "SyntaxError")
        # The excerpt is clipped around the caret, so the output does not grow with the line.
        self.assertLess(len(run.stderr), 20000)
        excerpt = re.search(r"^ 2 \| (.*)\n   \| (.*)$", run.stderr, re.M)
        self.assertIsNotNone(excerpt, run.stderr[:3000])
        source, marks = excerpt.groups()
        self.assertTrue(source.startswith("\u2026"), source[:80])
        # The caret is under the `=` of `process = 1`.
        self.assertEqual(source[marks.index("^")], "=")

    # ------------------------------------------------------------ nesting
    def test_10000_nested_boundaries(self):
        text = HEADER + "".join(f'boundary b{i} "B" {{\n' for i in range(10000)) + "}\n" * 10000
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep", "nesting is deeper than 128 levels")
        # Reported once, at the boundary that goes one level too deep; the rest of the nested
        # region is skipped rather than parsed (and reported) again.
        self.assertIn("deep.moat:130:1: error: nesting is deeper than 128 levels", run.stderr)
        self.assertEqual(run.kinds(), ["NestingTooDeep"])

    def test_declarations_after_too_deep_nesting_are_still_parsed(self):
        text = (HEADER + "".join('boundary b "B" {\n' for _ in range(200)) + "}\n" * 200 +
                'process p "P" { bogus = }\n')
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assertEqual(run.kinds(), ["NestingTooDeep", "SyntaxError"])

    def test_10000_nested_lists(self):
        text = HEADER + 'process a "A" { tags = ' + "[" * 10000 + "]" * 10000 + " }\n"
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep")
        self.assertEqual(run.kinds(), ["NestingTooDeep"])

    def test_10000_nested_parentheses_in_when(self):
        when = "(" * 10000 + "internet_facing" + ")" * 10000
        text = HEADER + ('rule r "R" {\n  applies = [process]\n  category = spoofing\n'
                         f'  severity = low\n  when = {when}\n}}\n')
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep")
        self.assertEqual(run.kinds(), ["NestingTooDeep"])

    def test_10000_nested_nots_in_when(self):
        text = HEADER + ('rule r "R" {\n  applies = [process]\n  category = spoofing\n'
                         f'  severity = low\n  when = {"not " * 10000}internet_facing\n}}\n')
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep")

    def test_10000_nested_list_types(self):
        text = HEADER + "attributes process {\n  deep: " + "list<" * 10000 + "string" + \
            ">" * 10000 + "\n}\n"
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep")

    # ------------------------------------------------------------ quantifiers in `when`
    # The evaluator has one scope per nested quantifier, 64 in all (kMaxQuantifierScopes): the
    # rule's element and 63 items. Past that, 81 to 99 levels once wrote beyond the scope array
    # silently and 90 or more crashed `moat check` and `moat explain` (exit 139).
    SCOPES = 64

    def quantifier_model(self, depth):
        """Processes a and b with flows both ways (only b has mfa) and a rule whose `when` nests
        `depth` quantifiers: any(outbound, all(target.outbound, ... target.mfa and not
        self.mfa)). From a, the innermost flow leads to b when `depth` is odd, so the rule fires
        on a alone; from b it leads to a, and the rule does not fire."""
        when = "target.mfa and not self.mfa"
        for level in reversed(range(depth)):
            items = "outbound" if level == 0 else "target.outbound"
            when = f"{'any' if level % 2 == 0 else 'all'}({items}, {when})"
        text = HEADER + ('process a "A"\nprocess b "B" { mfa = true }\n'
                         'flow ab: a -> b "A to B"\nflow ba: b -> a "B to A"\n'
                         'rule deep "Deep" {\n  applies = [process]\n  category = spoofing\n'
                         f'  severity = low\n  when = {when}\n}}\n')
        return self.write(f"quantifiers{depth}.moat", text)

    def explain(self, path, threat, label):
        return self.moat(["explain", "--today", "2025-01-01", path, threat], bound=60,
                         label=label)

    def test_quantifiers_nested_just_under_the_limit_evaluate(self):
        for depth in (self.SCOPES - 3, self.SCOPES - 1):
            with self.subTest(depth=depth):
                path = self.quantifier_model(depth)
                run = self.check(path, bound=60, label=f"{depth} nested quantifiers", quiet=False)
                fires_on_a = depth % 2 == 1
                self.assertEqual(run.code, 0, run.stderr[-3000:])
                self.assertIn(f"threats: {int(fires_on_a)} ", run.stdout)
                for element, fires in (("a", fires_on_a), ("b", False)):
                    run = self.explain(path, f"{element}.deep", f"explain, {depth} nested")
                    self.assertEqual(run.code, 0, run.stderr[-3000:])
                    self.assertIn(f"status: {'open' if fires else 'not raised'}", run.stdout)
                    # The outermost quantifier is shown with the items that satisfy it.
                    hits = "1 of 1 item satisfy the condition: [ab]" if fires else \
                        "0 of 1 item satisfy the condition: []"
                    self.assertIn(f"  =>  {str(fires).lower()}\n      {hits}\n", run.stdout)

    def test_quantifiers_nested_at_and_past_the_limit_are_an_error(self):
        for depth in (self.SCOPES, self.SCOPES + 1, 81, 90, 100):
            with self.subTest(depth=depth):
                path = self.quantifier_model(depth)
                for command, run in (("check", self.check(path, bound=60,
                                                          label=f"{depth} nested quantifiers")),
                                     ("explain", self.explain(path, "a.deep",
                                                              f"explain, {depth} nested"))):
                    self.assert_error(run, "NestingTooDeep",
                                      "quantifiers are nested deeper than 63 levels in rule "
                                      "'deep'")
                    self.assertEqual(run.kinds(), ["NestingTooDeep"], command)
                    # The caret is under the 64th quantifier (an `all`), whatever the depth.
                    excerpt = re.search(r"^ 10 \| (.*)\n    \| (.*)$", run.stderr, re.M)
                    source, marks = excerpt.groups()
                    self.assertTrue(source[marks.index("^"):].startswith("all(target"), source)
                    self.assertEqual(marks.strip(), "^~~")

    def test_100000_term_chains_in_when(self):
        # Every stage after the parser walks expressions recursively; a left-deep 100,000-term
        # chain overflowed the stack (exit 139). The parser now splits chains in halves.
        for op, fires in (("and", False), ("or", True)):
            with self.subTest(op=op):
                when = f" {op} ".join(["mfa"] * 99999 + ["web"])
                text = HEADER + ('process a "A" { web = true }\n'
                                 'rule r "R" {\n  applies = [process]\n  category = spoofing\n'
                                 f'  severity = low\n  when = {when}\n}}\n')
                path = self.write(f"{op}.moat", text)
                run = self.check(path, bound=120, label=f"100,000-term {op} chain", quiet=False)
                self.assertEqual(run.code, 0, run.stderr[-3000:])
                self.assertIn(f"threats: {int(fires)} ", run.stdout)
                run = self.explain(path, "a.r", f"explain of a 100,000-term {op} chain")
                self.assertEqual(run.code, 0, run.stderr[-3000:])
                self.assertIn(f"status: {'open' if fires else 'not raised'}", run.stdout)

    def test_nested_quantifiers_stop_at_the_evaluation_budget(self):
        # Nested quantifiers multiply the lengths of their lists: ten nested `any` over ten
        # flows each way are 10^10 steps per process, which ran for hours. Evaluation now has a
        # budget of quantifier steps (kEvaluationStepsFloor plus a share per element and list item).
        when = "false"
        for level in reversed(range(10)):
            when = f"any({'outbound' if level == 0 else 'target.outbound'}, {when})"
        flows = "".join(f'flow ab{i}: a -> b "AB"\nflow ba{i}: b -> a "BA"\n' for i in range(10))
        text = HEADER + ('process a "A"\nprocess b "B"\n' + flows +
                         'rule r "R" {\n  applies = [process]\n  category = spoofing\n'
                         f'  severity = low\n  when = {when}\n}}\n')
        path = self.write("costly.moat", text)
        run = self.check(path, bound=120, label="10 nested quantifiers over 10 flows each way")
        self.assert_error(run, "EvaluationLimit", "quantifier steps, the limit for this model, "
                                                  "in rule 'r' on 'a'")
        self.assertEqual(run.kinds(), ["EvaluationLimit"])
        run = self.explain(path, "a.r", "explain of 10 nested quantifiers over 10 flows")
        self.assertEqual(run.code, 0, run.stderr[-3000:])
        self.assertIn("(evaluation stopped after ", run.stdout)

    def test_40000_and_70000_attributes_of_a_kind(self):
        # Attribute slots were 16 bits: from 32,768 attributes of a kind a rule read the
        # attribute as absent, from 65,536 two attributes shared a slot ("given twice").
        for n in (40000, 70000):
            with self.subTest(attributes=n):
                # `other` is the attribute whose 16-bit slot the last one's wrapped to.
                last, other = n - 1, max(n - 1 - 65536, 0)
                fields = "".join(f"  f{i}: bool = false\n" for i in range(n))
                text = HEADER + (f"attributes process {{\n{fields}}}\n"
                                 f'process a "A" {{ f{last} = true, f{other} = false }}\n'
                                 'rule r "R" {\n  applies = [process]\n  category = spoofing\n'
                                 f'  severity = low\n  when = f{last} and not f{other}\n}}\n')
                run = self.check(self.write(f"attrs{n}.moat", text), bound=120,
                                 label=f"{n} attributes of a kind", quiet=False)
                self.assertEqual(run.code, 0, run.stderr[-3000:])
                self.assertIn("threats: 1 ", run.stdout)

    def test_a_sarif_result_with_300000_fingerprints(self):
        # Each member of an object asked whether a later one had its key: reading an object of
        # n keys took n^2/2 key comparisons (60,000 fingerprints: 11.5 s instead of 0.09 s), and
        # the JSON output looked each one up again while writing it (4.5 s for 60,000).
        prints = {f"v{i}": "f" for i in range(300000)}
        prints["v7"] = "last"  # a key given twice in JSON text is kept once
        text = json.dumps({"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "semgrep"}},
            "results": [{"ruleId": "r", "message": {"text": "m"}, "fingerprints": prints,
                         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"},
                                                             "region": {"startLine": 1}}}]}]}]})
        text = text.replace('"v0": "f"', '"v7": "first", "v0": "f"', 1)
        log = self.write("prints.sarif", text)
        model = self.write("prints.moat", HEADER)
        run = self.moat(["check", "--today", "2025-01-01", "--evidence", log, model], bound=60,
                        label="300,000 fingerprints in one result")
        self.assertEqual(run.code, 0, run.stderr[-3000:])
        self.assertIn("outside the model", run.stdout + run.stderr)
        run = self.moat(["check", "--today", "2025-01-01", "--format", "json", "--evidence", log,
                         model], bound=60, label="300,000 fingerprints in one result, JSON")
        [result] = json.loads(run.stdout)["models"][0]["scan_results"]["results"]
        self.assertEqual(len(result["fingerprints"]), 300000)
        self.assertEqual(result["fingerprints"]["v7"], "last")
        self.assertEqual(list(result["fingerprints"])[:3], ["v0", "v1", "v10"])

    def test_count_of_a_list_of_values_in_explain(self):
        # `count(list)` counts a list of anything; explain read its items as element ids, and
        # aborted or crashed on strings and numbers.
        text = HEADER + ('process a "A" { tags = ["x", "y", "z"] }\n'
                         'rule tags "T" {\n  applies = [process]\n  category = spoofing\n'
                         '  severity = low\n  when = count(tags) > 2 and count([0.1, 0.2]) > 1\n}\n')
        run = self.explain(self.write("count.moat", text), "a.tags", "explain of count(list)")
        self.assertEqual(run.code, 0, run.stderr[-3000:])
        self.assertIn('3 of 3 items counted: ["x", "y", "z"]', run.stdout)
        self.assertIn("2 of 2 items counted: [0.1, 0.2]", run.stdout)

    # ------------------------------------------------------------ bytes
    def test_1_mb_of_nul_bytes(self):
        run = self.check(self.write("nul.moat", b"\0" * (1 << 20)), bound=60)
        self.assert_error(run, "InvalidUtf8", "the file contains a NUL byte")
        self.assertEqual(run.kinds(), ["InvalidUtf8"])
        self.assertLess(len(run.stderr), 20000)

    def test_invalid_utf8(self):
        for name, bad in [("lone_continuation", b"\x80"), ("ff", b"\xff"),
                          ("overlong_nul", b"\xc0\x80"), ("surrogate", b"\xed\xa0\x80"),
                          ("above_u10ffff", b"\xf4\x90\x80\x80"), ("truncated", b"\xe2\x82"),
                          ("five_bytes", b"\xf8\x88\x80\x80\x80")]:
            for where in ("string", "comment", "identifier"):
                with self.subTest(bytes=name, where=where):
                    text = {"string": b'process a "A' + bad + b'"\n',
                            "comment": b"// a comment " + bad + b"\n",
                            "identifier": b"process a" + bad + b' "A"\n'}[where]
                    path = self.write(f"{name}_{where}.moat", HEADER.encode() + text)
                    run = self.check(path, bound=30, label=f"invalid_utf8 {name} {where}")
                    self.assert_error(run, "InvalidUtf8", "not valid UTF-8")
                    self.assertEqual(run.kinds(), ["InvalidUtf8"])
                    self.assertIn(":2:", run.stderr)

    # ------------------------------------------------------------ error cap
    def test_10000_semantic_errors(self):
        text = HEADER + "".join(f'process p{i} "P" {{ bogus{i} = 1 }}\n' for i in range(10000))
        run = self.check(self.write("errors.moat", text), bound=60)
        self.assert_error(run, "TooManyErrors", "too many errors; only the first 100 are shown")
        self.assertEqual(run.kinds().count("UnknownAttribute"), 100)
        self.assertEqual(run.summary()[3], 10000)

    def test_10000_syntax_errors(self):
        text = HEADER + "".join(f'process p{i} "P" {{ = }}\n' for i in range(10000))
        run = self.check(self.write("errors.moat", text), bound=60)
        self.assert_error(run, "TooManyErrors", "too many errors; only the first 100 are shown")
        self.assertEqual(len(run.kinds()), 101)

    # ------------------------------------------------------------ imports
    def test_import_chain_100_deep(self):
        for i in range(100):
            text = (HEADER if i == 0 else "") + (f'import "c{i + 1}.moat"\n' if i < 99 else "")
            self.write(f"chain/c{i}.moat", text + f'process p{i} "P{i}"\n')
        run = self.check(os.path.join(self.dir, "chain", "c0.moat"), bound=60)
        self.assert_error(run, "ImportLimit", "imports are nested deeper than 64 levels")
        # c0 (the root) to c63 are 64 levels; c63's import would be the 65th.
        self.assertIn("c63.moat:1:8: error: imports are nested deeper", run.stderr)
        self.assertEqual(run.summary()[3], 1)

    def fan_out(self):
        """`moat check` of a root file importing 5,000 files, run once for the tests below."""
        if Limits.fan_out_run is None:
            with tempfile.TemporaryDirectory(prefix="moat-limits-", dir=lib.scratch_dir()) as folder:
                for i in range(5000):
                    with open(os.path.join(folder, f"f{i}.moat"), "w") as f:
                        f.write(f'process p{i} "P{i}"\n')
                root = os.path.join(folder, "root.moat")
                with open(root, "w") as f:
                    f.write(HEADER + "".join(f'import "f{i}.moat"\n' for i in range(5000)))
                Limits.fan_out_run = self.check(root, bound=120, label="import fan-out of 5000")
        return Limits.fan_out_run

    def test_import_fan_out_of_5000_files(self):
        self.assert_error(self.fan_out(), "ImportLimit",
                          "too many imported files: a model can import at most 4096 files")

    def test_import_limit_is_reported_once_past_4096_imported_files(self):
        # One error, not one per import past the limit; and the root file does not count, so
        # the 4,096th import (line 4097) is loaded and the 4,097th (line 4098) is refused.
        run = self.fan_out()
        self.assertEqual(run.summary()[3], 1)
        self.assertEqual(run.kinds(), ["ImportLimit"])
        self.assertIn("root.moat:4098:8:", run.stderr)

    # ------------------------------------------------------------ hostile files
    def test_import_of_a_fifo_ends_with_an_error(self):
        # Only regular files are read: a FIFO (or /dev/stdin) would block for ever.
        fifo = os.path.join(self.dir, "pipe.moat")
        os.mkfifo(fifo)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))
        run = self.check(self.write("root.moat", HEADER + 'import "pipe.moat"\n'), bound=5)
        self.assert_error(run, "FileNotFound", "is not a regular file")

    def test_dev_zero_ends_quickly_with_an_error(self):
        # /dev/zero never ends. As an import it is outside the model's folder, written directly
        # or reached through a link; as the root file, it is refused as not a regular file.
        if not os.path.exists("/dev/zero"):
            self.skipTest("no /dev/zero")
        run = self.check(self.write("root.moat", HEADER + 'import "/dev/zero"\n'), bound=5)
        self.assert_error(run, "ImportOutsideRoot", "import '/dev/zero' is an absolute path")
        os.symlink("/dev/zero", os.path.join(self.dir, "zero.moat"))
        run = self.check(self.write("link.moat", HEADER + 'import "zero.moat"\n'), bound=5,
                         label="import of a link to /dev/zero")
        self.assert_error(run, "ImportOutsideRoot", "through a symbolic link")
        proc = lib.run("check", "-q", "/dev/zero", timeout=5, binary=True)
        TIMES.append(("moat check /dev/zero", proc.seconds, len(proc.stderr)))
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(b"cannot read '/dev/zero': is not a regular file", proc.stderr)

    def test_import_of_a_file_outside_the_root_folder_is_refused_unread(self):
        # The file exists and has a first line that would show in a syntax-error excerpt.
        secret = "SECRET-LINE-NOT-MOAT"
        self.write("outside/secret.txt", secret + "\n")
        cases = [("model/abs.moat", os.path.join(self.dir, "outside", "secret.txt"), "is an absolute path"),
                 ("model/up.moat", "../outside/secret.txt", "leads out of the root folder"),
                 ("model/sub/up2.moat", "../../outside/secret.txt", "leads out of the root folder")]
        for name, target, message in cases:
            with self.subTest(import_path=target):
                root = self.write(name, HEADER + f'import "{target}"\n')
                run = self.check(root, bound=30, label=f"import outside the root: {target[-25:]}")
                self.assert_error(run, "ImportOutsideRoot", message)
                self.assertEqual(run.kinds(), ["ImportOutsideRoot"])
                self.assertIn(":2:8: error: import", run.stderr)
                self.assertIn("note: imports must stay inside", run.stderr)
                self.assertNotIn(secret, run.stderr + run.stdout)

    def test_import_of_etc_passwd_is_refused_unread(self):
        run = self.check(self.write("root.moat", HEADER + 'import "/etc/passwd"\n'), bound=30)
        self.assert_error(run, "ImportOutsideRoot", "import '/etc/passwd' is an absolute path")
        self.assertNotIn("root:", run.stderr)

    def test_import_through_a_link_out_of_the_root_folder_is_refused(self):
        secret = "SECRET-LINE-NOT-MOAT"
        target = self.write("outside/secret.moat", secret + "\n")
        os.makedirs(os.path.join(self.dir, "model"))
        os.symlink(target, os.path.join(self.dir, "model", "link.moat"))
        run = self.check(self.write("model/root.moat", HEADER + 'import "link.moat"\n'), bound=30)
        self.assert_error(run, "ImportOutsideRoot", "through a symbolic link")
        self.assertNotIn(secret, run.stderr)

    def test_import_with_dot_dot_inside_the_root_folder_is_loaded(self):
        self.write("model/a/part.moat", 'import "../b/other.moat"\nprocess a "A"\n')
        self.write("model/b/other.moat", 'process b "B"\n')
        run = self.check(self.write("model/root.moat", HEADER + 'import "a/../a/part.moat"\n'),
                         bound=30)
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.summary()[0], 2)

    def test_control_characters_in_messages_are_escaped(self):
        # Excerpts and messages show control characters as symbols (U+241B for ESC), so a
        # model cannot send terminal escapes to a log through an import path.
        run = self.check(self.write("esc.moat", HEADER + 'import "\x1b[8mhidden\x07.moat"\n'),
                         bound=30)
        self.assert_error(run, "FileNotFound")
        self.assertNotRegex(run.stderr, "[\x00-\x08\x0b-\x1f\x7f]")
        self.assertIn("\u241b[8mhidden\u2407.moat", run.stderr)

    def test_byte_order_mark_is_skipped(self):
        # Some Windows editors start a file with a UTF-8 byte-order mark; it is not a token,
        # and columns on line 1 do not count it.
        run = self.check(self.write("bom.moat", "\ufeff" + HEADER), bound=30)
        self.assertEqual(run.code, 0, run.stderr)
        run = self.check(self.write("bom_error.moat", "\ufeffmodel = 1\n"), bound=30)
        self.assert_error(run, "SyntaxError")
        self.assertIn("bom_error.moat:1:7: error:", run.stderr)
        self.assertIn(" 1 | model = 1\n   |       ^\n", run.stderr)


def main():
    start = time.monotonic()
    code = lib.main()
    print(f"\nlimits: measured times (total {time.monotonic() - start:.1f} s)")
    for label, seconds, err_bytes in TIMES:
        print(f"  {label:55s} {seconds:7.2f} s  stderr {err_bytes} bytes")
    return code


if __name__ == "__main__":
    sys.exit(main())
