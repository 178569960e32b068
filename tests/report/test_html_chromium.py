#!/usr/bin/env python3
"""The HTML report and worksheet in a real browser: headless Chromium renders them to PNG and
prints them to PDF, and logs no console message and no Content-Security-Policy violation.

Usage: test_html_chromium.py --moat BUILD/moat --root SOURCE_DIR [--keep DIR]

Prints "skip: chromium not installed" and exits 0 when there is no Chromium. Before trusting
the log, a canary page whose inline script the report's CSP blocks must produce a console line:
otherwise the check for console errors would pass without looking.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CANARY = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>canary</title></head>
<body><p>canary</p><script>console.error("moat-canary")</script></body></html>
"""
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium writes console messages as "...:INFO:CONSOLE(12)] "text", source: ..." (older) or
# "...:INFO:CONSOLE:12] ..." (newer); CSP violations are console messages naming the policy.
PROBLEM = re.compile(r"\bCONSOLE\b|\bConsole\b|Content[ -]Security[ -]Policy", re.IGNORECASE)


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def chromium_binary():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(chromium, work, url, output_flag):
    """Runs headless Chromium with a fresh profile; returns (exit code, stderr lines)."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--no-pdf-header-footer",
           "--window-size=1280,2000", output_flag, url]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=240)
    except subprocess.TimeoutExpired:
        fail(f"chromium timed out: {' '.join(cmd)}")
    return proc.returncode, proc.stderr.splitlines()


def problems(lines):
    return [line for line in lines if PROBLEM.search(line)]


def check_png(path):
    if not os.path.isfile(path):
        fail(f"no screenshot at {path}")
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        fail(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    if width < 100 or height < 100:
        fail(f"{path} is only {width}x{height}")
    return width, height


def check_pdf(path, min_pages):
    if not os.path.isfile(path):
        fail(f"no PDF at {path}")
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        fail(f"{path} is not a PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    # Page objects may sit in compressed object streams; count them only when they are visible.
    if pages and pages < min_pages:
        fail(f"{path} has {pages} pages; the report breaks before each section, so expected >= {min_pages}")
    return pages


def check_canary(chromium, work):
    page = os.path.join(work, "canary.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(CANARY)
    code, lines = run_chromium(chromium, work, "file://" + page, "--screenshot=" + os.path.join(work, "canary.png"))
    if code != 0:
        fail(f"chromium exited {code} on the canary page")
    if not problems(lines):
        fail("chromium logged nothing for a canary page whose inline script the CSP blocks, so console "
             "errors cannot be detected here; log:\n" + "\n".join(lines))


def build(out):
    model = os.path.join(lib.ROOT, "samples", "clinic-booking.moat")
    r = lib.run("build", model, "--formats", "html,worksheet", "-o", out, "--today", "2026-11-23")
    if r.returncode != 0:
        fail(f"moat build exited {r.returncode}:\n{r.stderr}")
    pages = {}
    for name in ("report", "worksheet"):
        path = os.path.join(out, f"clinic-booking.{name}.html")
        if not os.path.isfile(path):
            fail(f"moat build wrote no {path}")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "<script" in text.lower():
            fail(f"{path} contains a script")
        if CSP not in text:
            fail(f"{path} lacks the Content-Security-Policy")
        pages[name] = path
    return pages


def check_page(chromium, work, name, path, min_pages):
    url = "file://" + os.path.abspath(path)
    png = os.path.join(work, f"{name}.png")
    code, lines = run_chromium(chromium, work, url, "--screenshot=" + png)
    if code != 0:
        fail(f"chromium exited {code} taking a screenshot of {path}:\n" + "\n".join(lines))
    width, height = check_png(png)
    bad = problems(lines)
    if bad:
        fail(f"console messages or CSP violations on {path}:\n" + "\n".join(bad))
    pdf = os.path.join(work, f"{name}.pdf")
    code, lines = run_chromium(chromium, work, url, "--print-to-pdf=" + pdf)
    if code != 0:
        fail(f"chromium exited {code} printing {path} to PDF:\n" + "\n".join(lines))
    pages = check_pdf(pdf, min_pages)
    bad = problems(lines)
    if bad:
        fail(f"console messages or CSP violations printing {path}:\n" + "\n".join(bad))
    print(f"ok: {name}: screenshot {width}x{height}, PDF {pages or 'unknown number of'} pages")


def main():
    args = lib.parse_args(__doc__.splitlines()[0], known_only=False, add_arguments=lambda p: p.add_argument(
        "--keep", help="write the outputs here and keep them (to look at the screenshot)"))
    chromium = chromium_binary()
    if chromium is None:
        print("skip: chromium not installed")
        return 0
    work = args.keep or tempfile.mkdtemp(prefix="moat-chromium-")
    os.makedirs(work, exist_ok=True)
    try:
        check_canary(chromium, work)
        pages = build(work)
        check_page(chromium, work, "report", pages["report"], min_pages=10)
        check_page(chromium, work, "worksheet", pages["worksheet"], min_pages=1)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("ok: the report and the worksheet render in Chromium without console errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
