#!/usr/bin/env python3
"""A large model is analyzed and written on several threads (compiler/parallel.hpp): rule
evaluation, risk, readiness and the machine outputs. What moat prints and writes must not depend
on how many: `--threads 1` is the single-threaded run every output is compared with.

    python3 tests/cli/test_threads.py --moat build/moat --root .
"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-11-23"
THREADS = ["2", "3", "8"]


class Threads(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(dir=lib.scratch_dir())
        # 6,000 elements and 18,000 flows (24,000 elements in the graph, about 50,000 threats):
        # past every threshold at which the analysis and the writers start threads.
        cls.model = os.path.join(cls.tmp.name, "gen6000.moat")
        generator = os.path.join(os.path.dirname(lib.MOAT), "generate_model")
        subprocess.run([generator, "6000", "-o", cls.model], check=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check(self, threads, *args):
        return lib.run("check", "--today", TODAY, "--threads", threads, *args, self.model,
                       binary=True)

    def test_check_json_is_the_same_on_any_number_of_threads(self):
        one = self.check("1", "--format", "json")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertGreater(one.stdout.count(b'"rule_severity"'), 40000)  # the threats are there
        for n in THREADS:
            with self.subTest(threads=n):
                many = self.check(n, "--format", "json")
                self.assertEqual(many.returncode, 0)
                self.assertEqual(many.stdout, one.stdout)
                self.assertEqual(many.stderr, one.stderr)

    def test_check_text_is_the_same_on_any_number_of_threads(self):
        one = self.check("1", "--top", "50")
        for n in THREADS:
            with self.subTest(threads=n):
                many = self.check(n, "--top", "50")
                self.assertEqual((many.returncode, many.stdout, many.stderr),
                                 (one.returncode, one.stdout, one.stderr))

    def test_built_files_are_the_same_on_any_number_of_threads(self):
        def build(threads):
            out = os.path.join(self.tmp.name, "out" + threads)
            r = lib.run("build", self.model, "-o", out, "--today", TODAY, "--threads", threads,
                        "--formats", "json,sarif,csv,markdown")
            self.assertEqual(r.returncode, 0, r.stderr)
            files = {}
            for name in sorted(os.listdir(out)):
                with open(os.path.join(out, name), "rb") as f:
                    files[name] = f.read()
            return files

        one = build("1")
        self.assertIn("gen6000.sarif", one)
        for n in THREADS[:1]:  # the writers' threads: 2 is enough, a build is slow
            with self.subTest(threads=n):
                self.assertEqual(build(n), one)

    def test_threads_must_be_at_least_one(self):
        r = self.check("0")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--threads", r.stderr)


if __name__ == "__main__":
    sys.exit(lib.main(__doc__))
