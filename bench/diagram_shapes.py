#!/usr/bin/env python3
"""Writes models whose shape stresses the diagram view (backends/diagram_view.*, diagram_budget.*).

Usage: bench/diagram_shapes.py SHAPE N [--seed S] [-o FILE]

  wide     N/5 boundaries at the top level, five elements each
  deep     boundaries nested N/20 deep (at most 100), each holding some elements
  flat     every element outside every boundary
  giant    one boundary holding every element

Each model has N actors, externals, processes and stores and about 3N flows between random
pairs, so arrows outnumber what any layout can draw. Output is a pure function of the
arguments (Python's random.Random with a fixed seed). The models use `use stride`, so open
threats colour the overlay and decide which arrows the view keeps.
"""
import argparse
import random
import sys

KINDS = ("actor", "external", "process", "process", "store")
TRUST = ("untrusted", "partner", "internal", "restricted")
PROTOCOLS = ("https", "http", "grpc", "sql")


def element(kind, i, rng):
    name = f"{kind[0]}{i}"
    if kind == "process":
        return name, f'process {name} "Service {i}" {{ authn = {rng.choice(("none", "jwt", "mtls"))} }}'
    if kind == "store":
        return name, f'store {name} "Store {i}" {{ kind = database, encrypted_at_rest = {rng.choice(("true", "false"))} }}'
    return name, f'{kind} {name} "{kind.capitalize()} {i}"'


def elements(n, rng):
    return [element(KINDS[i % len(KINDS)], i, rng) for i in range(n)]


def nest(lines, items, groups, depth_of, trust_of):
    """Writes the boundary groups: groups[i] holds its items, nested as depth_of(i) says."""
    open_depth = 0
    for i, members in enumerate(groups):
        depth = depth_of(i)
        while open_depth >= depth:
            open_depth -= 1
            lines.append("  " * open_depth + "}")
        lines.append("  " * open_depth + f'boundary z{i} "Zone {i}" {{')
        lines.append("  " * depth + f"trust = {TRUST[trust_of(i)]}")
        lines += ["  " * depth + items[m][1] for m in members]
        open_depth = depth
    while open_depth > 0:
        open_depth -= 1
        lines.append("  " * open_depth + "}")


def shape_lines(shape, n, rng):
    items = elements(n, rng)
    lines = [f'model "diagram shape {shape} n={n}" {{ version = "1" }}', "use stride"]
    if shape == "flat":
        lines += [text for _, text in items]
        return items, lines
    if shape == "giant":
        groups, depth_of, trust_of = [list(range(n))], lambda i: 1, lambda i: 2
    elif shape == "wide":
        groups = [list(range(i, min(i + 5, n))) for i in range(0, n, 5)]
        depth_of, trust_of = lambda i: 1, lambda i: rng.randrange(4)
    elif shape == "deep":
        levels = max(2, min(100, n // 20))  # the parser allows 128 levels
        groups = [list(range(i, n, levels)) for i in range(levels)]
        depth_of, trust_of = lambda i: i + 1, lambda i: min(3, 4 * i // levels)
    else:
        raise SystemExit(f"unknown shape '{shape}': wide, deep, flat or giant")
    nest(lines, items, groups, depth_of, trust_of)
    return items, lines


def flows(items, rng, lines):
    n = len(items)
    for f in range(3 * n):
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b:
            continue
        lines.append(f'flow {items[a][0]} -> {items[b][0]} "Call {f}" {{ protocol = {rng.choice(PROTOCOLS)} }}')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("shape")
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", dest="out")
    args = p.parse_args()
    rng = random.Random(args.seed)
    items, lines = shape_lines(args.shape, max(10, args.n), rng)
    flows(items, rng, lines)
    text = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
