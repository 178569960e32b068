#!/usr/bin/env python3
"""Writes a model of ELEMENTS processes, each owning its folder of code, and a SARIF log of
RESULTS Semgrep-shaped results spread over those folders (one in fifty outside every folder),
for timing how scanner results are attached to elements (bench/evidence.sh).

    python3 bench/gen_evidence.py ELEMENTS RESULTS OUT_DIR
"""
import json
import os
import sys


def main():
    elements, results, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    lines = ['model "Evidence bench" { version = "1" }', "use stride",
             'actor user "User" { trust = untrusted }']
    for i in range(elements):
        lines.append(f'process p{i} "Service {i}" {{ code = ["services/s{i}/", "libs/l{i}.py:1-200"] }}')
        if i:
            lines.append(f'flow p{i - 1} -> p{i} "Call {i}" {{ protocol = https }}')
    lines.append('flow user -> p0 "Request" { protocol = https }')
    with open(os.path.join(out, "model.moat"), "w") as f:
        f.write("\n".join(lines) + "\n")
    found = []
    for r in range(results):
        if r % 50 == 49:
            uri = f"outside/o{r}.py"
        elif r % 2:
            uri = f"libs/l{(r * 7919) % elements}.py"
        else:
            uri = f"services/s{(r * 7919) % elements}/handlers/h{r % 13}.py"
        found.append({"ruleId": f"python.lang.security.rule{r % 40}", "level": "warning",
                      "message": {"text": "a finding"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                          "region": {"startLine": 1 + r % 150}}}]})
    log = {"version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "Semgrep OSS", "rules": []}}, "results": found}]}
    with open(os.path.join(out, "semgrep.sarif"), "w") as f:
        json.dump(log, f)


if __name__ == "__main__":
    main()
