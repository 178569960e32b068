#!/usr/bin/env python3
"""Limit tests: `moat check` on huge, deep, broken and hostile inputs ends cleanly and in time.

    python3 tests/robustness/test_limits.py --moat build/moat --root .

Each case generates its input in a temporary folder, runs `moat check`, and asserts the exit
code (0 or 1, never a signal), the diagnostic kinds, and a generous time bound. The measured
times are printed at the end (docs/testing.md records them). Cases marked "known bug" are
expected failures: they pass while the bug is there, and the run fails once it is fixed, so
that the mark is removed then.

Only the Python standard library is used.
"""
import argparse
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
import unittest

MOAT = None
ROOT = None
TIMES = []

HEADER = 'model "Limits" { version = "1.0" }\n'
SUMMARY = re.compile(r": (\d+) elements?, (\d+) flows?, (\d+) (?:boundary|boundaries); "
                     r"(\d+) errors?, (\d+) warnings?$", re.M)


def scratch_dir():
    """Where temporary models go: $TMPDIR if set, else /dev/shm (memory) when it is usable,
    since writing thousands of files to a busy disk costs more than running moat on them."""
    if os.environ.get("TMPDIR"):
        return None
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


class Run:
    def __init__(self, code, stdout, stderr, seconds):
        self.code, self.stdout, self.stderr, self.seconds = code, stdout, stderr, seconds

    def kinds(self):
        return re.findall(r": error: .* \[([A-Za-z0-9]+)\]$", self.stderr, re.M)

    def summary(self):
        """(elements, flows, boundaries, errors, warnings) of the last summary line."""
        found = SUMMARY.findall(self.stderr)
        return tuple(int(n) for n in found[-1]) if found else None


class Limits(unittest.TestCase):
    fan_out_run = None

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="moat-limits-", dir=scratch_dir())
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def check(self, path, bound, label=None):
        """Runs `moat check -q PATH` and asserts it ends by itself, within `bound` seconds."""
        start = time.monotonic()
        try:
            proc = subprocess.run([MOAT, "check", "-q", "--today", "2025-01-01", path],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=bound)
        except subprocess.TimeoutExpired:
            self.fail(f"moat check {path} did not finish within {bound} s")
        run = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"), time.monotonic() - start)
        TIMES.append((label or self._testMethodName, run.seconds, len(proc.stderr)))
        self.assertGreaterEqual(run.code, 0, f"killed by signal {-run.code}")
        self.assertIn(run.code, (0, 1), run.stderr[-3000:])
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
        # The excerpt repeats the line; the output must stay proportional to the input.
        self.assertLess(len(run.stderr), 8 * len(line))

    # ------------------------------------------------------------ nesting
    def test_10000_nested_boundaries(self):
        text = HEADER + "".join(f'boundary b{i} "B" {{\n' for i in range(10000)) + "}\n" * 10000
        run = self.check(self.write("deep.moat", text), bound=60)
        self.assert_error(run, "NestingTooDeep", "nesting is deeper than 128 levels")
        # The first report is at the boundary that goes one level too deep.
        self.assertIn("deep.moat:130:1: error: nesting is deeper than 128 levels", run.stderr)

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

    # ------------------------------------------------------------ bytes
    def test_1_mb_of_nul_bytes(self):
        run = self.check(self.write("nul.moat", b"\0" * (1 << 20)), bound=60)
        self.assert_error(run, "InvalidUtf8", "the file contains a NUL byte")
        self.assertEqual(run.kinds(), ["InvalidUtf8"])

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
        self.assert_error(run, "ImportCycle", "64 levels deep")
        self.assertIn("c63.moat:1:8: error: too many imported files", run.stderr)
        self.assertEqual(run.summary()[3], 1)

    def fan_out(self):
        """`moat check` of a root file importing 5,000 files, run once for the tests below."""
        if Limits.fan_out_run is None:
            with tempfile.TemporaryDirectory(prefix="moat-limits-", dir=scratch_dir()) as folder:
                for i in range(5000):
                    with open(os.path.join(folder, f"f{i}.moat"), "w") as f:
                        f.write(f'process p{i} "P{i}"\n')
                root = os.path.join(folder, "root.moat")
                with open(root, "w") as f:
                    f.write(HEADER + "".join(f'import "f{i}.moat"\n' for i in range(5000)))
                Limits.fan_out_run = self.check(root, bound=120, label="import fan-out of 5000")
        return Limits.fan_out_run

    def test_import_fan_out_of_5000_files(self):
        self.assert_error(self.fan_out(), "ImportCycle", "the limit is 4096 files")

    @unittest.expectedFailure
    def test_known_bug_import_limit_is_reported_once(self):
        # Known bug: every import past the limit is reported (904 errors for 5,000 files), and
        # the 4,096th import is already refused (the root file counts as an imported one).
        run = self.fan_out()
        self.assertEqual(run.summary()[3], 1)
        self.assertIn("root.moat:4098:8:", run.stderr)

    # ------------------------------------------------------------ hostile files
    @unittest.expectedFailure
    def test_known_bug_import_of_a_fifo_ends(self):
        # Known bug: read_file opens any path, so `import` of a FIFO (or /dev/stdin, /dev/zero:
        # unbounded memory) blocks or exhausts memory. A model should only read regular files.
        fifo = os.path.join(self.dir, "pipe.moat")
        os.mkfifo(fifo)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))
        run = self.check(self.write("root.moat", HEADER + 'import "pipe.moat"\n'), bound=5)
        self.assert_error(run, "FileNotFound")

    @unittest.expectedFailure
    def test_known_bug_control_characters_in_messages_are_escaped(self):
        # Known bug: excerpts show control characters as symbols (U+241B), but a message that
        # quotes an import path prints them raw, so a model can send terminal escapes to a log.
        run = self.check(self.write("esc.moat", HEADER + 'import "\x1b[8mhidden\x07.moat"\n'),
                         bound=30)
        self.assert_error(run, "FileNotFound")
        self.assertNotRegex(run.stderr, "[\x00-\x08\x0b-\x1f\x7f]")

    @unittest.expectedFailure
    def test_known_bug_byte_order_mark(self):
        # Known bug: a UTF-8 byte-order mark (as some Windows editors write) gives "expected a
        # declaration" at 1:1 with the mark invisible in the excerpt. Skip it, or name it.
        run = self.check(self.write("bom.moat", "\ufeff" + HEADER), bound=30)
        self.assertTrue(run.code == 0 or "byte-order mark" in run.stderr, run.stderr)


def main():
    global MOAT, ROOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--moat", required=True)
    parser.add_argument("--root", required=True)
    args, rest = parser.parse_known_args()
    MOAT, ROOT = os.path.abspath(args.moat), os.path.abspath(args.root)
    start = time.monotonic()
    result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    print(f"\nlimits: measured times (total {time.monotonic() - start:.1f} s)")
    for label, seconds, err_bytes in TIMES:
        print(f"  {label:55s} {seconds:7.2f} s  stderr {err_bytes} bytes")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
