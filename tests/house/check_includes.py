#!/usr/bin/env python3
"""The folders are the architecture: a stage may include its own headers and those of the
stages before it, never a later one (docs/architecture.md). Fails, naming file and line, on an
include that runs backwards or on a source folder this table does not know."""
import argparse
import pathlib
import re
import sys

# Each stage and the stages it may include (itself included). tests/ and bench/ use everything.
ORDER = ["grammar", "compiler", "evidence", "analyzer", "backends", "interop", "lsp", "serve", "cli"]
MAY_USE = {
    "grammar": {"grammar"},
    "compiler": {"grammar", "compiler"},
    "evidence": {"compiler", "evidence"},
    "analyzer": {"compiler", "evidence", "analyzer"},
    "backends": {"compiler", "evidence", "analyzer", "backends"},
    "interop": {"compiler", "interop"},
    "lsp": {"compiler", "evidence", "analyzer", "backends", "lsp"},
    "serve": {"compiler", "evidence", "analyzer", "backends", "serve"},
    "cli": set(ORDER),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
STAGE_DIR = re.compile(r"^([a-z_]+)/")


def violations(root: pathlib.Path):
    for stage, allowed in MAY_USE.items():
        folder = root / stage
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".cpp", ".hpp", ".h", ".def"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = STAGE_DIR.match(m.group(1))
                if target is None:
                    continue  # a generated or same-folder header, e.g. "stdlib_modules.hpp"
                used = target.group(1)
                if used in MAY_USE and used not in allowed:
                    yield (f"{path.relative_to(root)}:{number}: '{stage}' includes "
                           f"'{m.group(1)}' from the later stage '{used}'")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    root = pathlib.Path(ap.parse_args().root)
    found = list(violations(root))
    for v in found:
        print(v)
    print(f"include direction: {len(found)} backward include(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
