#!/usr/bin/env python3
"""`--watch` reruns `moat check` and `moat build` when a source file of the model changes,
including a file it imports, and also when an editor saves by writing a new file and renaming it.

    python3 tests/cli/test_watch.py --moat build/moat --root .
"""
import json
import os
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

MAIN = 'model "Watched" { version = "1" }\nimport "parts.moat"\nprocess api "API"\n'
PARTS = 'actor user "User"\nflow user -> api "Call" { protocol = https }\n'


class Watcher:
    """Runs a --watch command and collects its stderr lines on a thread."""

    def __init__(self, args, cwd):
        self.proc = subprocess.Popen([lib.MOAT, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text, count, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if sum(text in line for line in self.lines) >= count:
                return True
            time.sleep(0.05)
        return False

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class Watch(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        self.write("main.moat", MAIN)
        self.write("parts.moat", PARTS)

    def test_check_reruns_when_an_imported_file_changes(self):
        w = Watcher(["check", "--watch", "-q", "main.moat"], self.dir)
        try:
            self.assertTrue(w.wait_for("watching 2 files", 1), w.lines)
            with open(os.path.join(self.dir, "parts.moat"), "a") as f:
                f.write('external bank "Bank"\n')
            self.assertTrue(w.wait_for("change detected", 1), w.lines)
            self.assertTrue(w.wait_for("3 elements", 1), w.lines)
        finally:
            w.stop()

    def test_build_reruns_on_a_save_by_rename(self):
        out = os.path.join(self.dir, "out")
        w = Watcher(["build", "--watch", "main.moat", "-o", out, "--formats", "json"], self.dir)
        try:
            self.assertTrue(w.wait_for("watching", 1), w.lines)
            tmp = os.path.join(self.dir, ".main.moat.swp")
            with open(tmp, "w") as f:
                f.write(MAIN.replace('"API"', '"Renamed API"'))
            os.rename(tmp, os.path.join(self.dir, "main.moat"))
            self.assertTrue(w.wait_for("watching", 2), w.lines)
            with open(os.path.join(out, "main.json")) as f:
                names = [e["name"] for e in json.load(f)["models"][0]["elements"]]
            self.assertIn("Renamed API", names)
        finally:
            w.stop()


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
