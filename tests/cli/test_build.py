#!/usr/bin/env python3
"""CLI tests of `moat build`: the files it writes, byte-identical rebuilds, and that a build
that fails part-way (a backend that cannot render, a file it cannot write, a full disk) leaves
the earlier outputs exactly as they were and no temporary files behind.

    python3 tests/cli/test_build.py --moat build/moat --root .

Only the Python standard library is used.
"""
import hashlib
import os
import resource
import shutil
import signal
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

FORMATS = {"dot", "svg", "png", "mmd", "report.html", "worksheet.html", "report.md", "sarif", "csv", "json",
           "evidence.json",
           # The wall sheets: the overview and one per top-level boundary (docs/diagrams.md).
           "overview.svg", "sheet-clinics.svg", "sheet-cloud.svg"}
# The default set prints the PDF report where a browser is installed (tests/report/test_pdf.py).
if any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")):
    FORMATS.add("report.pdf")


def run(*args, limit_file_size=None):
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    r = lib.run(*args, timeout=300, errors="replace", preexec_fn=limit if limit_file_size else None)
    return r.returncode, r.stderr


def snapshot(folder):
    """Every file in `folder` with the SHA-256 of its bytes."""
    out = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


class SampleBuild(lib.TempDirTest):
    """The bundled sample, copied into a temporary folder, built into its `out` folder."""

    def setUp(self):
        super().setUp()
        self.model = os.path.join(self.dir, "clinic.moat")
        shutil.copy(os.path.join(lib.ROOT, "samples", "clinic-booking.moat"), self.model)
        self.out = os.path.join(self.dir, "out")

    def build(self, *extra, **kw):
        return run("build", self.model, "--root", self.dir, "--today", "2026-01-01", "-o", self.out, *extra, **kw)


class Build(SampleBuild):
    def test_writes_every_format(self):
        code, err = self.build()
        self.assertEqual(code, 0, err)
        self.assertEqual(set(snapshot(self.out)), {f"clinic.{ext}" for ext in FORMATS})
        self.assertIn(f"wrote {len(FORMATS)} files", err)

    def test_two_builds_are_byte_identical(self):
        self.assertEqual(self.build()[0], 0)
        first = snapshot(self.out)
        shutil.rmtree(self.out)
        self.assertEqual(self.build()[0], 0)
        self.assertEqual(snapshot(self.out), first)

    def test_formats_selects_the_files(self):
        code, err = self.build("--formats", "csv,svg")
        self.assertEqual(code, 0, err)
        self.assertEqual(set(snapshot(self.out)), {"clinic.csv", "clinic.svg"})

    def test_formats_before_the_model(self):
        # The model after --formats is the model, not one more format; --formats may repeat.
        code, err = run("build", "--formats", "csv", self.model, "--formats=svg", "--root",
                        self.dir, "--today", "2026-01-01", "-o", self.out)
        self.assertEqual(code, 0, err)
        self.assertEqual(set(snapshot(self.out)), {"clinic.csv", "clinic.svg"})

    def test_writes_nothing_but_its_own_files(self):
        os.makedirs(self.out)
        keep = os.path.join(self.out, "notes.txt")
        with open(keep, "w") as f:
            f.write("mine")
        self.assertEqual(self.build()[0], 0)
        with open(keep) as f:
            self.assertEqual(f.read(), "mine")
        self.assertEqual(len(snapshot(self.out)), len(FORMATS) + 1)


class FailedBuild(SampleBuild):
    """Each failure must leave the outputs of the earlier, good build untouched."""

    def setUp(self):
        super().setUp()
        code, err = self.build()
        self.assertEqual(code, 0, err)
        self.before = snapshot(self.out)
        # The next build would differ in every file that shows the model's title.
        with open(self.model, encoding="utf-8") as f:
            text = f.read()
        with open(self.model, "w", encoding="utf-8") as f:
            f.write(text.replace('model "', 'model "Changed ', 1))

    def assert_untouched(self):
        self.assertEqual(snapshot(self.out), self.before)
        self.assertEqual([n for n in os.listdir(self.out) if ".tmp-" in n], [])

    def test_the_changed_model_does_change_the_outputs(self):
        self.assertEqual(self.build()[0], 0)
        changed = snapshot(self.out)
        self.assertNotEqual(changed["clinic.report.html"], self.before["clinic.report.html"])

    def test_a_backend_that_cannot_render(self):
        code, err = self.build("--boundary", "no_such_boundary")
        self.assertEqual(code, 2, err)
        self.assertIn("nothing was written", err)
        self.assert_untouched()

    def test_a_file_that_cannot_be_written(self):
        os.remove(os.path.join(self.out, "clinic.csv"))
        os.mkdir(os.path.join(self.out, "clinic.csv"))
        self.before = snapshot(self.out)
        code, err = self.build()
        self.assertEqual(code, 2, err)
        self.assertIn("clinic.csv", err)
        self.assert_untouched()

    def test_a_full_disk(self):
        # Files may grow to 64 KiB: the small ones are staged, the report is not.
        code, err = self.build(limit_file_size=64 * 1024)
        self.assertEqual(code, 2, err)
        self.assertIn("cannot write", err)
        self.assert_untouched()

    def test_a_model_with_errors(self):
        with open(self.model, "a", encoding="utf-8") as f:
            f.write("\nflow nobody -> nowhere\n")
        code, err = self.build()
        self.assertEqual(code, 1, err)
        self.assertIn("nothing was written", err)
        self.assert_untouched()


if __name__ == "__main__":
    sys.exit(lib.main(__doc__.splitlines()[0]))
