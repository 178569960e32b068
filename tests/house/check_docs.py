#!/usr/bin/env python3
"""The docs cover what the binary has (docs/architecture.md's checklists rely on it):
- every command of `moat --help` has a `## \\`moat NAME\\`` section in docs/cli.md and a row in
  the README's command table;
- every output format of `moat build --help` is named in docs/cli.md;
- every diagnostic kind of compiler/diagnostic_kinds.def is explained in docs/diagnostics.md;
- every attribute of stdlib/prelude.moat is documented in docs/language.md.
Fails, naming what is missing and where it should go."""
import argparse
import pathlib
import re
import subprocess
import sys


def help_text(moat: str, *args: str) -> str:
    return subprocess.run([moat, *args, "--help"], capture_output=True, text=True,
                          timeout=30, check=True).stdout


def commands(moat: str) -> list:
    text = help_text(moat)
    section = text.split("Subcommands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\s", section, re.MULTILINE)


def formats(moat: str) -> list:
    m = re.search(r"--formats[^\n]*\(default: all\): ([a-z, ]+)", help_text(moat, "build"))
    return [f.strip() for f in m.group(1).split(",")] if m else []


def diagnostic_kinds(root: pathlib.Path) -> list:
    text = (root / "compiler" / "diagnostic_kinds.def").read_text(encoding="utf-8")
    return re.findall(r"^MOAT_DIAG\((\w+),", text, re.MULTILINE)


def prelude_attributes(root: pathlib.Path) -> list:
    text = (root / "stdlib" / "prelude.moat").read_text(encoding="utf-8")
    names = set()
    for block in re.findall(r"^attributes \w+ \{(.*?)^\}", text, re.MULTILINE | re.DOTALL):
        names.update(re.findall(r"^\s+([a-z_]+)\s*:", block, re.MULTILINE))
    return sorted(names)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moat", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    cli = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    diagnostics = (root / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    language = (root / "docs" / "language.md").read_text(encoding="utf-8")

    missing = []
    found = commands(args.moat)
    if len(found) < 5:
        missing.append(f"could not read the commands from `moat --help` (found {found})")
    for c in found:
        if not re.search(rf"^## `moat {c}\b", cli, re.MULTILINE):
            missing.append(f"docs/cli.md: no '## `moat {c}`' section")
        if f"`moat {c}" not in readme:
            missing.append(f"README.md: command `moat {c}` is not in the command table")
    fmts = formats(args.moat)
    if len(fmts) < 5:
        missing.append(f"could not read the formats from `moat build --help` (found {fmts})")
    for f in fmts:
        if not re.search(rf"`{re.escape(f)}`", cli):
            missing.append(f"docs/cli.md: output format `{f}` is not described")
    for k in diagnostic_kinds(root):
        if not re.search(rf"\b{k}\b", diagnostics):
            missing.append(f"docs/diagnostics.md: diagnostic kind {k} is not explained")
    attrs = prelude_attributes(root)
    if len(attrs) < 10:
        missing.append(f"could not read the prelude's attributes (found {attrs})")
    for a in attrs:
        if not re.search(rf"`{a}`|\b{a}\s*[:=]", language):
            missing.append(f"docs/language.md: attribute `{a}` of stdlib/prelude.moat is not documented")
    for m in missing:
        print(m)
    print(f"docs coverage: {len(found)} commands, {len(fmts)} formats, "
          f"{len(diagnostic_kinds(root))} diagnostic kinds, {len(attrs)} attributes; "
          f"{len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
