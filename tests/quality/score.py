#!/usr/bin/env python3
"""Score moat's precision on a hand-classified model (docs/analysis-quality.md).

Usage:
  build/moat check --today 2026-12-06 --format json tests/quality/payments-platform.moat > /tmp/pp.json
  python3 tests/quality/score.py /tmp/pp.json tests/quality/payments-platform.classification.tsv

The JSON may also come from standard input ('-'). The expert's list of the threats raised first
is read from the file beside the classification (NAME.expert.md for NAME.classification.tsv)
when it exists: an item counts as raised when its `Raised by moat:` line names threat ids that
are all open in the output, and recall is raised items over all items.

Prints the figures. Exits with 1 when the classification no longer matches the output: an open
threat that is not classified, a classified threat that is gone or no longer open, a changed
rule/element/severity, or a malformed row. Exits with 2 on a usage or input error.
"""

import argparse
import collections
import json
import os
import re
import sys


def fail(message):
    print(f"score: {message}", file=sys.stderr)
    sys.exit(2)

VERDICTS = ("real-specific", "real-hygiene", "duplicate", "noise")
KEPT = ("real-specific", "real-hygiene")
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
COLUMNS = ["threat_id", "rule", "element", "severity", "verdict", "duplicate_of", "reason"]


def load_json(path):
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        doc = json.loads(text)
    except (OSError, ValueError) as e:
        fail(f"cannot read the moat JSON '{path}': {e}")
    models = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(models, list) or len(models) != 1:
        fail("expected the output of one model (format version 2: an object with 'models')")
    doc = models[0]
    if not doc.get("ok"):
        fail("the model did not compile (\"ok\": false)")
    return doc


def load_tsv(path):
    rows, problems = {}, []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        fail(f"cannot read the classification '{path}': {e}")
    if not lines or lines[0].split("\t") != COLUMNS:
        fail(f"{path}: the first line must be the header: {' '.join(COLUMNS)}")
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            problems.append(f"{path}:{n}: expected {len(COLUMNS)} tab-separated columns, got {len(cells)}")
            continue
        row = dict(zip(COLUMNS, cells))
        if row["threat_id"] in rows:
            problems.append(f"{path}:{n}: '{row['threat_id']}' is classified twice")
        if row["verdict"] not in VERDICTS:
            problems.append(f"{path}:{n}: verdict '{row['verdict']}' is not one of {', '.join(VERDICTS)}")
        if (row["verdict"] == "duplicate") != bool(row["duplicate_of"]):
            problems.append(f"{path}:{n}: duplicate_of is required for a duplicate, and only for one")
        if not row["reason"].strip():
            problems.append(f"{path}:{n}: the reason is empty")
        row["line"] = n
        rows[row["threat_id"]] = row
    for row in rows.values():
        target = rows.get(row["duplicate_of"]) if row["duplicate_of"] else None
        if row["duplicate_of"] and (target is None or target["verdict"] not in KEPT):
            problems.append(f"{path}:{row['line']}: duplicate_of '{row['duplicate_of']}' must be a "
                            "classified real-specific or real-hygiene threat")
    return rows, problems


def compare(threats, rows):
    """What changed between moat's output and the classification."""
    problems = []
    by_id = {t["id"]: t for t in threats}
    open_ids = [t["id"] for t in threats if t["status"] == "open"]
    for tid in open_ids:
        if tid not in rows:
            t = by_id[tid]
            problems.append(f"not classified: {tid} ({t['rule']} on {t['element']}, {t['severity']}): "
                            f"{t['title']}")
    for tid, row in rows.items():
        t = by_id.get(tid)
        if t is None:
            problems.append(f"gone: {tid} (classified {row['verdict']}) is no longer raised")
            continue
        if t["status"] != "open":
            problems.append(f"no longer open: {tid} (classified {row['verdict']}) is now {t['status']}")
        for field in ("rule", "element", "severity"):
            if t[field] != row[field]:
                problems.append(f"changed: {tid} {field} is '{t[field]}', classified as '{row[field]}'")
    return problems


def top_open(threats, n):
    """The open threats `moat check` prints first: most severe first, ties in output order."""
    opened = [t for t in threats if t["status"] == "open"]
    return sorted(opened, key=lambda t: -SEVERITY_RANK[t["severity"]])[:n]


VERDICT_ORDER = {v: i for i, v in enumerate(VERDICTS)}


def open_findings(doc, rows):
    """The open findings as `moat check` lists them (system-specific before hygiene, then by
    severity, member count and id), each with the best verdict among its open members: a
    finding an expert keeps once is kept, whatever duplicates it groups."""
    by_id = {t["id"]: t for t in doc["threats"]}
    out = []
    for f in doc.get("findings", []):
        if f["status"] != "open":
            continue
        members = [m for m in f["threats"] if by_id[m]["status"] == "open"]
        best = min((rows[m]["verdict"] for m in members), key=VERDICT_ORDER.get)
        out.append({"id": f["id"], "severity": f["severity"], "hygiene": f["hygiene"],
                    "members": members, "verdict": best, "size": len(f["threats"])})
    out.sort(key=lambda f: (f["hygiene"], -SEVERITY_RANK[f["severity"]], -f["size"], f["id"]))
    return out


def report_findings(findings, top_n):
    """Lines for the figures the goal is stated over: open findings."""
    n = len(findings)
    verdicts = collections.Counter(f["verdict"] for f in findings)
    out = [f"open findings (threats grouped by root cause): {n}"]
    for v in VERDICTS:
        out.append(f"  {v:<14} {verdicts[v]:>3}  {pct(verdicts[v], n):>6}")
    waste = verdicts["duplicate"] + verdicts["noise"]
    top = findings[:top_n]
    noise_top = [f for f in top if f["verdict"] == "noise"]
    out.append(f"duplicates + noise: {waste} of {n} open findings = {pct(waste, n)}  (goal: under 20%)")
    out.append(f"top {len(top)} open findings (as moat check prints them): {len(noise_top)} noise  "
               "(goal: no noise)")
    for i, f in enumerate(top, start=1):
        grouped = f" (+{len(f['members']) - 1} grouped)" if len(f["members"]) > 1 else ""
        out.append(f"  {i:>2}. {f['severity']:<8} {f['id']:<50} {f['verdict']}{grouped}")
    return out, waste * 5 < n and not noise_top


def pct(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def expert_items(path):
    """The expert's list: [(number, [threat ids named as raising it])], or None without a file."""
    if not os.path.exists(path):
        return None
    items = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d+)\.\s", line)
        if m:
            items.append([int(m.group(1)), ""])
        elif items and not line.startswith("#"):
            items[-1][1] += line
    out = []
    for number, text in items:
        _, marker, rest = text.partition("Raised by moat:")
        named = re.findall(r"`([^`]+)`", rest.split(" (")[0]) if marker else []
        out.append((number, named))
    return out


def recall(items, threats):
    """(raised item numbers, problems): an item is raised when every threat it names is open."""
    status = {t["id"]: t["status"] for t in threats}
    raised, problems = [], []
    for number, named in items:
        wrong = [f"{tid} ({status.get(tid, 'not raised')})" for tid in named if status.get(tid) != "open"]
        if wrong:
            problems.append(f"expert item {number} names threats that are not open: {', '.join(wrong)}")
        elif named:
            raised.append(number)
    return raised, problems


def report(doc, rows, top_n, expert_path):
    threats = doc["threats"]
    status = collections.Counter(t["status"] for t in threats)
    opened = [t for t in threats if t["status"] == "open"]
    n_open = len(opened)
    verdicts = collections.Counter(rows[t["id"]]["verdict"] for t in opened)
    out = [f"model: {doc['file']} ({doc['model']['name']})",
           f"threats: {len(threats)} ({n_open} open, {status['mitigated']} mitigated, "
           f"{status['accepted']} accepted)",
           "open threats by verdict:"]
    for v in VERDICTS:
        out.append(f"  {v:<14} {verdicts[v]:>3}  {pct(verdicts[v], n_open):>6}")
    waste = verdicts["duplicate"] + verdicts["noise"]
    out.append(f"duplicates + noise: {waste} of {n_open} open = {pct(waste, n_open)}  (goal: under 20%)")

    top = top_open(threats, top_n)
    bad_top = [t for t in top if rows[t["id"]]["verdict"] in ("noise", "duplicate")]
    noise_top = [t for t in top if rows[t["id"]]["verdict"] == "noise"]
    out.append(f"top {len(top)} open threats (as moat check prints them): "
               f"{len(noise_top)} noise, {len(bad_top) - len(noise_top)} duplicate  (goal: no noise)")
    for i, t in enumerate(top, start=1):
        out.append(f"  {i:>2}. {t['severity']:<8} {t['id']:<50} {rows[t['id']]['verdict']}")

    out.append("duplicates and noise by rule:")
    per_rule = collections.defaultdict(collections.Counter)
    for t in opened:
        per_rule[t["rule"]][rows[t["id"]]["verdict"]] += 1
    ranked = sorted(per_rule.items(),
                    key=lambda kv: (-(kv[1]["noise"] + kv[1]["duplicate"]), kv[0]))
    for rule, c in ranked:
        if c["noise"] + c["duplicate"]:
            out.append(f"  {rule:<38} noise {c['noise']:>2}  duplicate {c['duplicate']:>2}  "
                       f"kept {c['real-specific'] + c['real-hygiene']:>2}")
    items = expert_items(expert_path)
    if items is not None:
        raised, _ = recall(items, threats)
        missed = [n for n, _ in items if n not in raised]
        out.append(f"recall (the expert's list, {os.path.basename(expert_path)}): {len(raised)} of "
                   f"{len(items)} raised = {pct(len(raised), len(items))}  (goal: at least 80%)")
        out.append(f"  not raised: {', '.join(map(str, missed)) or 'none'}")
    finding_lines, goal = report_findings(open_findings(doc, rows), top_n)
    out += finding_lines
    out.append(f"goal met (over open findings): {'yes' if goal else 'no'}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", help="output of moat check --format json ('-' for standard input)")
    ap.add_argument("tsv", help="the hand classification (NAME.classification.tsv)")
    ap.add_argument("--top", type=int, default=10, help="how many top open threats to judge (default 10)")
    ap.add_argument("--expert", help="the expert's list of the threats raised first (default: beside the .tsv)")
    args = ap.parse_args()

    doc = load_json(args.json)
    rows, problems = load_tsv(args.tsv)
    problems += compare(doc["threats"], rows)
    expert = args.expert or re.sub(r"\.classification\.tsv$", ".expert.md", args.tsv)
    items = expert_items(expert)
    if items is not None:
        problems += recall(items, doc["threats"])[1]
    if problems:
        print(f"score: the classification in {args.tsv} does not match moat's output "
              f"({len(problems)} differences); re-classify these threats:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(report(doc, rows, args.top, expert))
    return 0


if __name__ == "__main__":
    sys.exit(main())
