#!/usr/bin/env python3
"""Every C++ source is laid out by clang-format with the repository's .clang-format. Fails,
naming each file that differs; `clang-format -i FILE` fixes it (docs/architecture.md)."""
import argparse
import pathlib
import shutil
import subprocess
import sys

FOLDERS = ["grammar", "compiler", "evidence", "analyzer", "backends", "interop", "lsp", "serve",
           "cli", "tests", "bench"]


def sources(root: pathlib.Path):
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*")
                              if p.suffix in (".cpp", ".hpp", ".h") and p.is_file())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--clang-format", default="clang-format")
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    tool = shutil.which(args.clang_format)
    if tool is None:
        print(f"'{args.clang_format}' not found: scripts/setup.sh installs it")
        return 1
    files = list(sources(root))
    unformatted = []
    for path in files:
        run = subprocess.run([tool, "--dry-run", "--Werror", f"--style=file:{root / '.clang-format'}",
                              str(path)], capture_output=True, text=True)
        if run.returncode != 0:
            unformatted.append(path.relative_to(root))
    for path in unformatted:
        print(f"{path}: not clang-formatted (run: clang-format -i {path})")
    print(f"format: {len(files)} files, {len(unformatted)} unformatted")
    return 1 if unformatted or not files else 0


if __name__ == "__main__":
    sys.exit(main())
