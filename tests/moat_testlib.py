"""Shared by the Python test scripts (tests/cli, tests/output, tests/robustness, tests/report):
the `--moat` and `--root` arguments CTest passes, running moat with a time limit and capturing
what it prints, temporary model folders, and a small check harness for the scripts that are not
unittest suites. Only the Python standard library is used.

A script puts this folder on its path and imports the module:

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import moat_testlib as lib  # noqa: E402

then reads `lib.MOAT` and `lib.ROOT` once `lib.parse_args()` or `lib.main()` has run.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import unittest

MOAT = None  # the moat binary, absolute
ROOT = None  # the repository root, absolute

DEFAULT_TIMEOUT_S = 300  # generous: the machine is shared, and the sanitizer build is slow


def parse_args(description=None, add_arguments=None, known_only=True):
    """Parses --moat and --root (and what `add_arguments(parser)` adds), sets MOAT and ROOT, and
    returns (options, the other arguments) when `known_only`, else the options alone."""
    global MOAT, ROOT
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--moat", required=True, help="path to the moat binary")
    parser.add_argument("--root", required=True, help="the repository root")
    if add_arguments:
        add_arguments(parser)
    if known_only:
        opts, rest = parser.parse_known_args()
    else:
        opts, rest = parser.parse_args(), []
    MOAT, ROOT = os.path.abspath(opts.moat), os.path.abspath(opts.root)
    return (opts, rest) if known_only else opts


def main(description=None, before=None, verbosity=2):
    """The main of a unittest script: parses the arguments, runs `before()` (which may return an
    exit code to stop with, e.g. a skip) and the tests; exits 0 when all pass, 1 otherwise."""
    _, rest = parse_args(description)
    if before:
        code = before()
        if code is not None:
            sys.exit(code)
    result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=verbosity).result
    return 0 if result.wasSuccessful() else 1


class Result:
    """A finished moat run. Unpacks as (returncode, stdout, stderr)."""

    def __init__(self, returncode, stdout, stderr, seconds):
        self.returncode, self.stdout, self.stderr, self.seconds = returncode, stdout, stderr, seconds

    def __iter__(self):
        return iter((self.returncode, self.stdout, self.stderr))


def run(*args, cwd=None, stdin=None, timeout=DEFAULT_TIMEOUT_S, errors="strict", binary=False,
        env=None, preexec_fn=None, moat=None):
    """Runs `moat ARGS...` and returns its Result; stdout and stderr are text decoded as UTF-8
    (`errors` as for bytes.decode) unless `binary`. Standard input is `stdin`, or nothing.
    Raises subprocess.TimeoutExpired after `timeout` seconds: the run is stuck."""
    start = time.monotonic()
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run([moat or MOAT, *args], cwd=cwd, input=data,
                          stdin=None if data is not None else subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=env,
                          preexec_fn=preexec_fn)
    out, err = proc.stdout, proc.stderr
    if not binary:
        out, err = out.decode("utf-8", errors), err.decode("utf-8", errors)
    return Result(proc.returncode, out, err, time.monotonic() - start)


def scratch_dir():
    """Where temporary models go: $TMPDIR if set, else /dev/shm (memory) when it is usable,
    since writing thousands of files to a busy disk costs more than running moat on them."""
    if os.environ.get("TMPDIR"):
        return None
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def write_file(path, content):
    """Writes `content` (text as UTF-8, or bytes) to `path`, making its folders; returns `path`."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


class TempDirTest(unittest.TestCase):
    """A test case with a fresh temporary folder, `self.dir`, removed after each test."""

    tmp_prefix = "moat-test-"
    tmp_in_memory = False  # put the folder on /dev/shm when that is usable (scratch_dir)

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(
            prefix=self.tmp_prefix, dir=scratch_dir() if self.tmp_in_memory else None)
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, content):
        """Writes `content` to `name` in the folder; returns its path."""
        return write_file(os.path.join(self.dir, name), content)


class Checks:
    """A check harness for scripts that are not unittest suites: records each check, prints each
    failure as it happens, and at the end a line 'NAME: N passed, N failed'."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, []

    def check(self, ok, message):
        """Records one check; prints `message` when it fails. Returns `ok`."""
        if ok:
            self.passed += 1
        else:
            self.failed.append(message)
            print(f"FAIL: {message}")
            sys.stdout.flush()
        return ok

    def equal(self, actual, expected, what):
        return self.check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")

    def finish(self):
        """Prints the summary line; returns the exit code (1 when a check failed)."""
        print(f"{self.name}: {self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0
