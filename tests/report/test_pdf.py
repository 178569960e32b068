#!/usr/bin/env python3
"""The PDF report (`moat build --formats pdf`) of the clinic-booking sample, read back with
poppler-utils: the page count and "page N of M" on every page, the running header (model,
version, fingerprint) on every page but the title page, the outline (bookmarks) from the headings,
every section title and every SOC 2 criterion id of the sample in the text, A4 and Letter, the
diagram on its own page, byte-identical rebuilds; and the failures: no engine (exit 2, nothing
written, the Debian package named), the default set without an engine (skipped, said so), a
browser that hangs (killed after MOAT_PDF_TIMEOUT, nothing written). Page 1 and the diagram's
page are rendered with pdftoppm into --artifacts, to look at.

    python3 tests/report/test_pdf.py --moat build/moat --root . [--artifacts DIR]

Prints "skip: ..." and exits 0 when Chromium or poppler-utils is not installed.
"""
import argparse
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

TODAY = "2026-11-23"
ARTIFACTS = None  # --artifacts: where the rendered pages are kept
SAMPLE = None     # the sample's PDF and HTML report, built once (see setUpModule)


def poppler(tool, *args):
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60).stdout


def page_texts(pdf):
    """The text of each page (pdftotext separates pages with a form feed)."""
    return poppler("pdftotext", "-layout", pdf, "-").split("\f")[:-1]


def flat(text):
    return re.sub(r"\s+", " ", text)


def pdf_string(raw):
    """A PDF string object's text: a literal (with escapes) or UTF-16 hex."""
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    body = re.sub(rb"\\([()\\])", rb"\1", raw[1:-1])
    if body.startswith(b"\xfe\xff"):
        return body[2:].decode("utf-16-be")
    return body.decode("latin-1")


def outline_titles(pdf):
    """The titles of the outline items: the objects with a /Parent and a /Title."""
    with open(pdf, "rb") as f:
        data = f.read()
    titles = []
    for obj in re.findall(rb"\d+ 0 obj\s*<<(.*?)>>\s*endobj", data, re.S):
        m = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)", obj, re.S)
        if m and b"/Parent" in obj:
            titles.append(pdf_string(m.group(1)))
    return titles


def pages_and_sizes(pdf):
    info = poppler("pdfinfo", "-f", "1", "-l", "9999", pdf)
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [tuple(map(float, m)) for m in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    return count, sizes


def build(out, *extra, env=None):
    model = os.path.join(lib.ROOT, "samples", "clinic-booking.moat")
    root = os.path.join(lib.ROOT, "samples", "clinic-booking")
    return lib.run("build", model, "--root", root, "--today", TODAY, "-o", out, *extra, env=env)


def keep_page(pdf, page, name):
    if ARTIFACTS:
        os.makedirs(ARTIFACTS, exist_ok=True)
        poppler("pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page), pdf,
                os.path.join(ARTIFACTS, name))


def setUpModule():
    global SAMPLE
    out = tempfile.mkdtemp(prefix="moat-pdf-test-")
    r = build(out, "--scan", "--formats", "pdf,html,json,evidence")
    if r.returncode != 0:
        raise AssertionError(f"moat build exited {r.returncode}:\n{r.stderr}")
    SAMPLE = {k: os.path.join(out, f"clinic-booking.{k}")
              for k in ("report.pdf", "report.html", "json", "evidence.json")}
    SAMPLE["dir"] = out


def tearDownModule():
    shutil.rmtree(SAMPLE["dir"], ignore_errors=True)


class SamplePdf(unittest.TestCase):
    def setUp(self):
        self.pdf = SAMPLE["report.pdf"]
        self.pages = page_texts(self.pdf)
        with open(SAMPLE["report.html"], encoding="utf-8") as f:
            self.html = f.read()

    def test_page_numbers_on_every_page(self):
        count, sizes = pages_and_sizes(self.pdf)
        self.assertGreaterEqual(count, 10)
        self.assertEqual(len(self.pages), count)
        for n, text in enumerate(self.pages, 1):
            self.assertIn(f"page {n} of {count}", text)
        self.assertTrue(all(abs(w - 595) < 1 or abs(h - 595) < 1 for w, h in sizes), sizes)  # A4

    def test_running_header_on_every_page_but_the_title_page(self):
        with open(SAMPLE["json"], encoding="utf-8") as f:
            doc = json.load(f)["models"][0]
        fingerprint = re.search(r"sha256:([0-9a-f]{64})", self.html).group(1)
        header = f"generated from sha256:{fingerprint}"
        self.assertNotIn(header, self.pages[0])
        title = doc["model"]["name"] + " " + doc["model"]["version"]
        for n, text in enumerate(self.pages[1:], 2):
            self.assertIn(header, flat(text), f"page {n}")
            self.assertIn(title, flat(text), f"page {n}")

    def section_titles(self):
        titles = re.findall(r"<section id=\"[^\"]*\"[^>]*>\n<h2>([^<]*)</h2>", self.html)
        self.assertGreaterEqual(len(titles), 10)
        return titles

    def test_every_section_title_in_the_text_and_the_outline(self):
        text = flat("\n".join(self.pages))
        outline = outline_titles(self.pdf)
        for title in self.section_titles():
            self.assertIn(title, text)
            self.assertIn(title, outline)
        self.assertIn("Contents", outline)

    def test_every_soc2_criterion_of_the_sample(self):
        with open(SAMPLE["json"], encoding="utf-8") as f:
            doc = json.load(f)["models"][0]
        ids = sorted({c["id"] for c in doc["controls"]})
        self.assertGreater(len(ids), 20)
        text = flat("\n".join(self.pages))
        missing = [i for i in ids if not re.search(r"\b" + re.escape(i) + r"\b", text)]
        self.assertEqual(missing, [])

    def test_the_evidence_appendix_with_hashes_and_excerpts(self):
        with open(SAMPLE["evidence.json"], encoding="utf-8") as f:
            pack = json.load(f)
        text = flat("\n".join(self.pages))
        self.assertIn("Evidence appendix", text)
        solid = re.sub(r"\s+", "", text)  # a hash may wrap inside its table cell
        files = [f for item in pack["evidence"] for f in item["files"]]
        self.assertTrue(files)
        for f in files:
            self.assertIn(f["sha256"], solid)
            if f["revision"]:
                self.assertIn(f["revision"], solid)
        quoted = [line for item in pack["evidence"] for ex in item["excerpts"] for line in ex["lines"]]
        self.assertIn("// @moat mitigation site_access_log", quoted)
        self.assertIn("@moat mitigation site_access_log", text)

    def test_the_diagram_has_a_page_per_sheet(self):
        titles = self.section_titles()
        after = titles[titles.index("Data-flow diagram") + 1]
        pages = [n for n, t in enumerate(self.pages) if "Data-flow diagram" in t and "Contents" not in t]
        self.assertEqual(len(pages), 1, "the section starts on one page")
        n = pages[0]
        # The wall sheets (docs/diagrams.md): the overview on the section's page, then a page
        # per top-level boundary, then the next section.
        self.assertIn("Overview", self.pages[n])
        self.assertIn("Sheet: Clinic network", self.pages[n + 1])
        self.assertIn("Sheet: Cloud account", self.pages[n + 2])
        self.assertNotIn(after, self.pages[n + 2])
        self.assertIn(after, self.pages[n + 3])
        _, sizes = pages_and_sizes(self.pdf)
        self.assertGreater(sizes[n][0], sizes[n][1], "the sample's wide diagram prints landscape")
        keep_page(self.pdf, 1, "report-pdf-title-page")
        keep_page(self.pdf, n + 1, "report-pdf-diagram-page")


class Paper(lib.TempDirTest):
    def test_letter(self):
        r = build(self.dir, "--formats", "pdf", "--paper", "letter")
        self.assertEqual(r.returncode, 0, r.stderr)
        _, sizes = pages_and_sizes(os.path.join(self.dir, "clinic-booking.report.pdf"))
        self.assertIn((612.0, 792.0), sizes)

    def test_an_unknown_paper_is_a_usage_error(self):
        r = build(self.dir, "--formats", "pdf", "--paper", "a3")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(os.listdir(self.dir), [])

    def test_two_builds_are_byte_identical(self):
        r = build(self.dir, "--scan", "--formats", "pdf")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.dir, "clinic-booking.report.pdf"), "rb") as f:
            again = f.read()
        with open(SAMPLE["report.pdf"], "rb") as f:
            self.assertEqual(f.read(), again)
        self.assertIn(b"/CreationDate (D:20261123000000+00'00')", again)


class HostileStrings(lib.TempDirTest):
    def test_the_running_header_shows_a_hostile_title_as_text(self):
        model = os.path.join(lib.ROOT, "tests", "models", "hostile-strings.moat")
        r = lib.run("build", model, "--root", os.path.dirname(model), "--today", TODAY, "--formats",
                    "pdf", "-o", self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        pages = page_texts(os.path.join(self.dir, "hostile-strings.report.pdf"))
        # The title and the version (whose line break became U+FFFD), as text, not markup.
        self.assertIn('Evil <script>alert(1)</script> & "Co"', pages[1])
        self.assertIn("1.0\ufffd<b>2</b>", pages[1])


class NoEngine(lib.TempDirTest):
    def env(self, engine, **more):
        return dict(os.environ, MOAT_PDF_ENGINE=engine, **more)

    def test_asking_for_pdf_without_an_engine(self):
        keep = os.path.join(self.dir, "clinic-booking.report.pdf")
        lib.write_file(keep, "earlier")
        r = build(self.dir, "--formats", "html,pdf", env=self.env("/nonexistent/chromium"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("no PDF engine found; install Debian's 'chromium' package", r.stderr)
        self.assertEqual(sorted(os.listdir(self.dir)), ["clinic-booking.report.pdf"])
        with open(keep) as f:
            self.assertEqual(f.read(), "earlier")

    def test_the_default_set_skips_pdf_and_says_so(self):
        r = build(self.dir, env=self.env("/nonexistent/chromium"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("; pdf skipped: no PDF engine (Debian package 'chromium')", r.stderr)
        self.assertFalse(any(n.endswith(".pdf") for n in os.listdir(self.dir)))
        self.assertTrue(any(n.endswith(".report.html") for n in os.listdir(self.dir)))

    def test_a_browser_that_hangs_is_killed(self):
        hang = os.path.join(self.dir, "hang.sh")
        lib.write_file(hang, "#!/bin/sh\nsleep 60\n")
        os.chmod(hang, 0o755)
        out = os.path.join(self.dir, "out")
        r = build(out, "--formats", "json,pdf", env=self.env(hang, MOAT_PDF_TIMEOUT="1"))
        self.assertEqual(r.returncode, 2)
        self.assertLess(r.seconds, 30)
        self.assertIn("did not finish within 1 s", r.stderr)
        self.assertEqual(os.listdir(out), [])

    def test_a_missing_temporary_folder_is_an_error_not_a_crash(self):
        out = os.path.join(self.dir, "out")
        r = build(out, "--formats", "json,pdf",
                  env=dict(os.environ, TMPDIR=os.path.join(self.dir, "missing")))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("cannot create a temporary folder for the browser", r.stderr)
        self.assertEqual(os.listdir(out) if os.path.exists(out) else [], [])


def tools_missing():
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"skip: {tool} not installed (Debian package poppler-utils)")
            return 0
    if not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")):
        print("skip: chromium not installed")
        return 0
    return None


if __name__ == "__main__":
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--artifacts")
    opts, sys.argv[1:] = parser.parse_known_args()
    ARTIFACTS = opts.artifacts and os.path.abspath(opts.artifacts)
    sys.exit(lib.main(__doc__.splitlines()[0], before=tools_missing))
