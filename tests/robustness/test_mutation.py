#!/usr/bin/env python3
"""Mutation tests: `moat check` on thousands of damaged models never crashes, hangs or gives up.

    python3 tests/robustness/test_mutation.py --moat build/moat --root .
        [--seed N] [--mutants N] [--batch N] [--jobs N]

A seeded generator damages every model in samples/, tests/examples/, tests/models/,
stdlib/tests/ and a few golden cases (byte flips, deletions, duplicated ranges, truncation,
unicode, deep nesting, NUL bytes, invalid UTF-8, splices of other models, renamed identifiers)
and runs `moat check` on the results in batches. For every mutant it asserts that:

  * the run ends by itself (no signal) within a generous time bound;
  * the exit code is 0 or 1 (never 2: the file exists and is readable; never 3: no --fail-on);
  * stderr carries the file's summary line, and a file that has errors shows at least one
    diagnostic with a [Kind] before it.

A batch that fails is re-run file by file so that one crash cannot hide the others. On
failure the test prints the seed, the mutations and the path of a kept copy of each failing
input. The same seed always gives the same mutants (MOAT_MUTATION_SEED overrides the default).

Only the Python standard library is used.
"""
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import moat_testlib as lib  # noqa: E402

DEFAULT_SEED = 20261123
# A generous bound: the whole batch normally takes well under a second, but the machine is shared.
BATCH_TIMEOUT_S = 120
FILE_TIMEOUT_S = 30
TODAY = "2025-01-01"

GOLDEN_CASES = ["fail_caret_utf8_tab", "fail_control_chars", "fail_error_in_import",
                "fail_import_cycle", "fail_duplicate_id"]

SUMMARY = re.compile(r"^(?P<path>.+): (?P<elements>\d+) elements?, \d+ flows?, "
                     r"\d+ (?:boundary|boundaries); (?P<errors>\d+) errors?, \d+ warnings?$")
ERROR_LINE = re.compile(r": error: .* \[(?P<kind>[A-Za-z0-9]+)\]$")
KIND = re.compile(r"\[(?P<kind>[A-Z][A-Za-z0-9]+)\]$")

UNICODE = ["\u00e9", "\u0301", "\u200b", "\u200d", "\u202e", "\u2028", "\u2029", "\ufeff",
           "\ufffd", "\U0001f600", "\u4e2d\u6587", "\u05d0", "\t", "\r", "\r\n", "\x0b", "\x1b"]
INVALID_UTF8 = [b"\xff", b"\xfe", b"\x80", b"\xc0\x80", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xc3\x28"]
NESTING_OPENERS = [b"boundary x%d \"B\" {\n", b"[", b"(", b"not ", b"list<"]
NESTING_DEPTHS = [2, 64, 127, 128, 129, 500, 5000]
WORDS = [b"model", b"boundary", b"flow", b"process", b"store", b"data", b"actor", b"external",
         b"rule", b"when", b"not", b"and", b"or", b"in", b"enum", b"attributes", b"use", b"import",
         b"mitigation", b"accept", b"test", b"expect", b"->", b"<->", b"{", b"}", b"[", b"]",
         b"=", b",", b"\"", b"//", b"/*", b"*/", b"2025-02-30", b"99999999999999999999", b"CC6.1"]


def corpus(root):
    """The models to mutate, as (path, bytes), in a fixed order."""
    paths = []
    for folder in ["samples", "tests/examples", "tests/models", "stdlib/tests"]:
        for dirpath, _, names in sorted(os.walk(os.path.join(root, folder))):
            paths += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".moat")]
    golden = os.path.join(root, "tests", "golden")
    paths += sorted(os.path.join(golden, n) for n in os.listdir(golden)
                    if n.endswith(".moat") and not n.startswith("fail_"))
    paths += [os.path.join(golden, n + ".moat") for n in GOLDEN_CASES
              if os.path.exists(os.path.join(golden, n + ".moat"))]
    out = []
    for p in paths:
        with open(p, "rb") as f:
            out.append((p, f.read()))
    return out


# ---------------------------------------------------------------- mutations
def _pos(rng, data):
    return rng.randrange(len(data) + 1)


def _line_start(rng, data):
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
    return rng.choice(starts)


def flip_bits(rng, data, _):
    if not data:
        return data, "flip (empty)"
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b), "flip bits"


def random_bytes(rng, data, _):
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = _pos(rng, b)
        b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
    return bytes(b), "random bytes"


def delete_range(rng, data, _):
    i = _pos(rng, data)
    n = rng.choice([1, 2, 5, 20, 200])
    return data[:i] + data[i + n:], f"delete {n} at {i}"


def duplicate_range(rng, data, _):
    i = _pos(rng, data)
    j = min(len(data), i + rng.choice([1, 10, 80, 400]))
    k = _pos(rng, data)
    return data[:k] + data[i:j] * rng.choice([1, 2, 10]) + data[k:], f"duplicate {i}:{j} at {k}"


def truncate(rng, data, _):
    i = _pos(rng, data)
    return data[:i], f"truncate at {i}"


def insert_unicode(rng, data, _):
    s = "".join(rng.choice(UNICODE) for _ in range(rng.randint(1, 3))).encode("utf-8")
    i = _pos(rng, data)
    return data[:i] + s + data[i:], f"unicode at {i}"


def insert_nesting(rng, data, _):
    opener = rng.choice(NESTING_OPENERS)
    depth = rng.choice(NESTING_DEPTHS)
    text = b"".join(opener.replace(b"%d", str(n).encode()) if b"%d" in opener else opener
                    for n in range(depth))
    if rng.random() < 0.5:
        closer = {b"[": b"]", b"(": b")", b"list<": b">", b"not ": b"x"}.get(opener, b"}\n")
        text += closer * depth
    if opener in (b"(", b"not "):
        text = b"rule deep \"Deep\" { applies = [process]\n when = " + text + b"\n}\n"
    i = _line_start(rng, data) if opener.startswith(b"boundary") else _pos(rng, data)
    return data[:i] + text + data[i:], f"nesting {opener[:8]!r} x{depth} at {i}"


def insert_nul(rng, data, _):
    i = _pos(rng, data)
    return data[:i] + b"\0" * rng.choice([1, 3]) + data[i:], f"NUL at {i}"


def insert_invalid_utf8(rng, data, _):
    i = _pos(rng, data)
    return data[:i] + rng.choice(INVALID_UTF8) + data[i:], f"invalid UTF-8 at {i}"


def splice(rng, data, others):
    other = rng.choice(others)
    i = _pos(rng, other)
    j = min(len(other), i + rng.choice([20, 200, 2000]))
    k = _line_start(rng, data)
    return data[:k] + other[i:j] + data[k:], f"splice {j - i} bytes at {k}"


def rename_word(rng, data, _):
    words = re.findall(rb"[A-Za-z_][A-Za-z0-9_]*", data)
    if not words:
        return data, "rename (no words)"
    old = rng.choice(words)
    new = rng.choice(words + WORDS)
    return data.replace(old, new, rng.choice([1, -1])), f"rename {old!r} -> {new!r}"


def shuffle_lines(rng, data, _):
    lines = data.split(b"\n")
    choice = rng.randrange(3)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if choice == 0:
        lines[i], lines[j] = lines[j], lines[i]
    elif choice == 1:
        del lines[i]
    else:
        lines.insert(j, lines[i])
    return b"\n".join(lines), ["swap", "drop", "repeat"][choice] + " line"


def insert_token(rng, data, _):
    i = _pos(rng, data)
    return data[:i] + b" " + rng.choice(WORDS) + b" " + data[i:], f"token at {i}"


def line_endings(rng, data, _):
    return (data.replace(b"\n", b"\r\n") if rng.random() < 0.5 else data.replace(b"\n", b"\r"),
            "line endings")


MUTATIONS = [flip_bits, random_bytes, delete_range, duplicate_range, truncate, insert_unicode,
             insert_nesting, insert_nul, insert_invalid_utf8, splice, rename_word, shuffle_lines,
             insert_token, line_endings]


def mutate(rng, data, others):
    steps = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data, what = rng.choice(MUTATIONS)(rng, data, others)
        steps.append(what)
    return data, steps


# ---------------------------------------------------------------- running
class Mutant:
    def __init__(self, path, source, steps):
        self.path, self.source, self.steps = path, source, steps


def run_moat(paths, timeout):
    """(exit code or None on timeout, stderr text, seconds)."""
    start = time.monotonic()
    try:
        r = lib.run("check", "--today", TODAY, *paths, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired as e:
        return None, (e.stderr or b"").decode("utf-8", "replace"), time.monotonic() - start
    return r.returncode, r.stderr, r.seconds


def check_output(paths, code, stderr, kinds):
    """Problems with one finished run over `paths` (empty when all is well)."""
    if code is None:
        return ["timed out"]
    if code < 0:
        return [f"killed by signal {-code}"]
    if code not in (0, 1):
        return [f"exit code {code}"]
    problems, chunk, seen, any_errors = [], [], {}, False
    # Split on "\n" only: a diagnostic may quote a vertical tab or U+2028, which splitlines() breaks on.
    for line in stderr.split("\n"):
        m = SUMMARY.match(line)
        if not m or m.group("path") not in paths or m.group("path") in seen:
            chunk.append(line)
            continue
        errors = int(m.group("errors"))
        seen[m.group("path")] = errors
        any_errors |= errors > 0
        shown = [e.group("kind") for e in map(ERROR_LINE.search, chunk) if e]
        if errors and not shown:
            problems.append(f"{m.group('path')}: {errors} error(s) but no [Kind] diagnostic")
        if not errors and shown:
            problems.append(f"{m.group('path')}: error diagnostics but the summary says 0 errors")
        for line_ in chunk:
            k = KIND.search(line_)
            if k:
                kinds[k.group("kind")] = kinds.get(k.group("kind"), 0) + 1
        chunk = []
    for p in paths:
        if p not in seen:
            problems.append(f"{p}: no summary line on stderr")
    if (code == 1) != any_errors:
        problems.append(f"exit code {code} but {'some' if any_errors else 'no'} file has errors")
    return problems


def run_batch(batch):
    """Runs one batch; on failure re-runs each file alone. Returns (failures, kinds, codes)."""
    kinds, paths = {}, [m.path for m in batch]
    code, batch_stderr, _ = run_moat(paths, BATCH_TIMEOUT_S)
    batch_problems = check_output(paths, code, batch_stderr, kinds)
    if not batch_problems:
        return [], kinds, {code: len(batch)}
    failures, kinds, codes = [], {}, {}
    for m in batch:
        code, stderr, secs = run_moat([m.path], FILE_TIMEOUT_S)
        codes[code] = codes.get(code, 0) + 1
        problems = check_output([m.path], code, stderr, kinds)
        if problems:
            failures.append((m, problems, stderr[-2000:], secs))
    if not failures:
        # Only the batch as a whole failed (e.g. it ran out of time): report it on its first file.
        failures.append((batch[0], ["the batch failed, each file alone passed: "
                                    + "; ".join(batch_problems)], batch_stderr[-2000:], 0.0))
    return failures, kinds, codes


def add_arguments(parser):
    parser.add_argument("--seed", type=int,
                        default=int(os.environ.get("MOAT_MUTATION_SEED", DEFAULT_SEED)))
    parser.add_argument("--mutants", type=int, default=3000, help="total number of mutants")
    parser.add_argument("--batch", type=int, default=50, help="files per `moat check` run")
    parser.add_argument("--jobs", type=int, default=2, help="`moat check` runs at a time")


def main():
    args = lib.parse_args(__doc__.splitlines()[0], add_arguments=add_arguments, known_only=False)
    started = time.monotonic()

    models = corpus(lib.ROOT)
    texts = [data for _, data in models]
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="moat-mutation-", dir=lib.scratch_dir())
    print(f"mutation: seed {args.seed}, {args.mutants} mutants of {len(models)} models in {work}")
    sys.stdout.flush()

    # Each model's folder is copied once, so that the mutants' imports still resolve.
    mutants, copies = [], {}
    for index, (path, data) in enumerate(models):
        count = args.mutants // len(models) + (index < args.mutants % len(models))
        folder = os.path.dirname(path)
        if folder not in copies:
            copies[folder] = os.path.join(work, f"d{len(copies)}")
            shutil.copytree(folder, copies[folder], ignore=shutil.ignore_patterns("*.expected*"))
        for n in range(count):
            mutated, steps = mutate(rng, data, texts)
            out = os.path.join(copies[folder], f"mut{index:03d}_{n:04d}.moat")
            with open(out, "wb") as f:
                f.write(mutated)
            mutants.append(Mutant(out, path, steps))
    batches = [mutants[i:i + args.batch] for i in range(0, len(mutants), args.batch)]

    failures, kinds, codes = [], {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for f, k, c in pool.map(run_batch, batches):
            failures += f
            for key, n in k.items():
                kinds[key] = kinds.get(key, 0) + n
            for key, n in c.items():
                codes[key] = codes.get(key, 0) + n

    elapsed = time.monotonic() - started
    print(f"mutation: {len(mutants)} mutants in {len(batches)} runs, {elapsed:.1f} s; "
          f"mutants by exit code of their run {dict(sorted(codes.items(), key=str))}")
    print("mutation: diagnostic kinds seen: "
          + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
        print("mutation: OK")
        return 0
    keep = tempfile.mkdtemp(prefix="moat-mutation-failures-")
    for n, (m, problems, stderr, secs) in enumerate(failures):
        kept = os.path.join(keep, f"failure{n:03d}.moat")
        shutil.copyfile(m.path, kept)
        print(f"FAIL seed {args.seed}: {kept} (a mutant of {os.path.relpath(m.source, lib.ROOT)}: "
              f"{'; '.join(m.steps)}; {secs:.1f} s)")
        for p in problems:
            print(f"  {p}")
        if stderr:
            print("  stderr (end): " + stderr.strip().replace("\n", "\n    ")[-1500:])
    print(f"mutation: {len(failures)} failing input(s) kept in {keep}; the mutants are in {work}; "
          f"re-run with --seed {args.seed}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
