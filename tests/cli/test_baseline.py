#!/usr/bin/env python3
"""`moat build --baseline REV|FILE`: the reports' "Readiness since the baseline" section, on the
SOC 2 acceptance models (tests/examples/saas-soc2: before.moat -> after.moat): readiness per
category before and after, the criteria now passing with their reasons, the threats closed;
the same from a git revision; absent without a baseline; a baseline that cannot be read or has
errors writes nothing.

    python3 tests/cli/test_baseline.py --moat build/moat --root .
"""
import os
import re
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

TODAY = "2026-11-23"
SECTION = "## Readiness since the baseline"


class Baseline(lib.TempDirTest):
    def setUp(self):
        super().setUp()
        src = os.path.join(lib.ROOT, "tests", "examples", "saas-soc2")
        for name in ("before.moat", "after.moat", "common.moat"):
            shutil.copy(os.path.join(src, name), os.path.join(self.dir, name))
        # Evidence that does not exist is not evidence (tests/examples/README.md).
        with open(os.path.join(self.dir, "after.moat"), encoding="utf-8") as f:
            for block in re.findall(r"evidence\s*=\s*\[([^\]]*)\]", f.read()):
                for path in re.findall(r'"([^":]+)', block):
                    lib.write_file(os.path.join(self.dir, path), "")
        self.out = os.path.join(self.dir, "out")

    def build(self, model="after.moat", *extra, formats="markdown,html"):
        return lib.run("build", model, "--root", ".", "--today", TODAY, "--formats", formats, "-o",
                       self.out, *extra, cwd=self.dir)

    def markdown(self, stem="after"):
        with open(os.path.join(self.out, f"{stem}.report.md"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn(SECTION, text)
        return text.split(SECTION, 1)[1].split("\n## ", 1)[0]

    def check_before_after(self, section, label):
        self.assertIn(f"Compared with the baseline <code>{label}</code>", section)
        rows = dict(re.findall(r"^\| (\*\*Overall\*\*|Security|Availability|Confidentiality) \| (.*) \|$",
                               section, re.M))
        self.assertEqual(set(rows), {"Security", "Availability", "Confidentiality", "**Overall**"})
        before, after, change = (c.strip("* ") for c in rows["Security"].split(" | "))
        met_before, met_after = int(before.split("/")[0]), int(after.split("/")[0])
        self.assertGreater(met_after, met_before)
        self.assertIn(f"+{met_after - met_before} met", change)
        fixed = section.split("Criteria now passing\n", 1)[1].split("### ", 1)[0]
        for criterion in ("CC6.1", "CC6.3", "CC8.1"):
            self.assertRegex(fixed, r"\| <code>" + re.escape(criterion) + r"</code> [^|]*\| [^|]*not met \| [^|]*met \| \w")
        self.assertIn("before: ", fixed)  # the reason it failed in the baseline
        closed = section.split("Threats closed\n", 1)[1].split("### ", 1)[0]
        self.assertRegex(closed, r"<code>ci\.unreviewed\\_deploys</code>.* removed from the model \|")
        self.assertRegex(closed, r"<code>api\.sql\\_injection</code>.* mitigated \|")

    def test_against_a_baseline_file(self):
        r = self.build("after.moat", "--baseline", "before.moat")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_before_after(self.markdown(), "before.moat")
        with open(os.path.join(self.out, "after.report.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertIn('<section id="readiness-since-the-baseline">', html)
        self.assertIn('href="#readiness-since-the-baseline"', html)  # in the contents

    def test_against_a_git_revision(self):
        def git(*args):
            subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=self.dir,
                           check=True, capture_output=True)
        shutil.copy(os.path.join(self.dir, "before.moat"), os.path.join(self.dir, "model.moat"))
        git("init", "-q")
        git("add", "model.moat", "common.moat")
        git("commit", "-q", "-m", "before")
        shutil.copy(os.path.join(self.dir, "after.moat"), os.path.join(self.dir, "model.moat"))
        r = self.build("model.moat", "--baseline", "HEAD")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_before_after(self.markdown("model"), "HEAD")
        # The model named by its absolute path: git is asked for HEAD:./model.moat all the same.
        r = self.build(os.path.join(self.dir, "model.moat"), "--baseline", "HEAD")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_before_after(self.markdown("model"), "HEAD")

    def test_no_baseline_no_section(self):
        r = self.build()
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.out, "after.report.md"), encoding="utf-8") as f:
            self.assertNotIn("since the baseline", f.read())

    def test_a_baseline_that_cannot_be_read_writes_nothing(self):
        r = self.build("after.moat", "--baseline", "no-such-rev-or-file")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("baseline: ", r.stderr)
        self.assertIn("nothing was written", r.stderr)
        self.assertFalse(os.path.exists(self.out) and os.listdir(self.out))

    def test_a_baseline_with_errors_writes_nothing(self):
        lib.write_file(os.path.join(self.dir, "broken.moat"), 'model "x" {}\nflow a -> b "x"\n')
        r = self.build("after.moat", "--baseline", "broken.moat")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("baseline: broken.moat:2:", r.stderr)
        self.assertFalse(os.path.exists(self.out) and os.listdir(self.out))


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
