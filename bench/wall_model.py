#!/usr/bin/env python3
"""Writes a synthetic moat model shaped like a real system's diagram, for the wall-diagram
benchmark (bench/diagram_layout.py): zones by trust (an Internet zone of people and partner
systems, edge and application zones, restricted data zones), about 1.35 flows per
element, mostly inward from the least trusted to the most trusted, with responses going back
out, two-way flows and several flows between the same two elements. The shape of the 39-element
model of issue 18 (52 flows, 7 boundaries); bench/generate_model.cpp is the dense random shape
used for speed. Deterministic: the output is a pure function of N and the seed.

usage: wall_model.py N [--seed S] [-o FILE]"""
import argparse
import random
import sys


def zones(n):
    """Top-level zones as (id, title, trust, kinds it holds), least trusted first."""
    apps = max(1, n // 14)
    data = max(1, n // 20)
    out = [("internet", "Internet", "untrusted", "people"),
           ("partners", "Partner network", "partner", "partners"),
           ("edge", "Edge", "internal", "edge")]
    out += [(f"app{i}", f"Application zone {i}", "internal", "app") for i in range(1, apps + 1)]
    out += [(f"data{i}", f"Data zone {i}", "restricted", "data") for i in range(1, data + 1)]
    return out


def build(n, seed):
    rnd = random.Random(seed)
    zs = zones(n)
    by_kind = {k: [z for z in zs if z[3] == k] for k in ("people", "partners", "edge", "app", "data")}
    counts = {"actor": max(2, n // 10), "external": max(2, n // 10), "store": max(3, n * 3 // 10)}
    counts["process"] = n - sum(counts.values())
    members = {z[0]: [] for z in zs}
    elements = []  # (id, kind, title, zone)
    for kind, count in counts.items():
        for i in range(1, count + 1):
            if kind == "actor":
                zone = by_kind["people"][0]
            elif kind == "external":
                zone = by_kind["partners"][0] if i % 3 else by_kind["people"][0]
            elif kind == "store":
                zone = rnd.choice(by_kind["data"]) if i % 4 else rnd.choice(by_kind["app"])
            else:
                zone = by_kind["edge"][0] if i <= max(1, count // 5) else rnd.choice(by_kind["app"])
            eid = f"{kind[0]}{i}"
            elements.append((eid, kind, f"{kind.capitalize()} {i}", zone[0]))
            members[zone[0]].append(eid)
    return zs, elements, members, flows(rnd, n, elements)


def flows(rnd, n, elements):
    of = {k: [e[0] for e in elements if e[1] == k] for k in ("actor", "external", "process", "store")}
    edge = [e[0] for e in elements if e[1] == "process" and e[3] == "edge"]
    inner = [p for p in of["process"] if p not in edge] or edge
    out = []
    for a in of["actor"]:
        out.append((a, rnd.choice(edge), "->"))
    for p in inner:
        out.append((rnd.choice(edge + inner), p, "->"))
    for s in of["store"]:
        out.append((rnd.choice(inner), s, rnd.choice(["->", "<->", "->"])))
    for x in of["external"]:
        out.append((rnd.choice(inner), x, "->"))
    target = int(n * 1.35)
    while len(out) < target:
        a, b, arrow = rnd.choice(out)
        r = rnd.random()
        if r < 0.3:
            out.append((a, b, arrow))  # another flow between the same two elements
        elif r < 0.55 and arrow == "->":
            out.append((b, a, "->"))  # the response, against the trust gradient
        else:
            out.append((rnd.choice(inner), rnd.choice(inner + of["store"]), "->"))
    return [f for f in out if f[0] != f[1]]


def write(n, seed, out):
    zs, elements, members, fl = build(n, seed)
    kinds = {e[0]: e for e in elements}
    w = out.write
    w(f"// Wall-diagram benchmark model written by bench/wall_model.py (N = {n}, seed = {seed}).\n")
    w(f'model "Wall benchmark {n}" {{ version = "1" }}\n\nuse stride\n\n')
    w('data record "Customer record" { classification = confidential, pii = true }\n\n')
    for zid, title, trust, _ in zs:
        w(f'boundary {zid} "{title}" {{\n  trust = {trust}\n')
        for eid in members[zid]:
            _, kind, etitle, _ = kinds[eid]
            body = " { holds = [record] }" if kind == "store" else ""
            w(f'  {kind} {eid} "{etitle}"{body}\n')
        w("}\n")
    w("\n")
    for i, (a, b, arrow) in enumerate(fl, 1):
        w(f'flow f{i}: {a} {arrow} {b} "Flow {i}" {{ carries = [record], protocol = https }}\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            write(args.n, args.seed, f)
    else:
        write(args.n, args.seed, sys.stdout)


if __name__ == "__main__":
    main()
