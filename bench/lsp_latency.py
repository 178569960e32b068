#!/usr/bin/env python3
"""Latency of `moat lsp` on a 1,000-element model split over several files: the time from an edit
to its diagnostics, and the time to answer completion. A benchmark, not a test: it prints figures
for docs/performance.md and fails only when the server does not answer.

    bench/lsp_latency.py [BUILD_DIR] [--elements N] [--edits K]

`generate_model N` writes the model; its top-level statements are split into a root file (model,
uses, data, the actors outside every boundary, and the imports), up to four files of top-level
boundaries (each with the elements and boundaries nested in it) and four of flows. Every file is opened. Each edit changes one flow's protocol in a flow file (alternating,
so every edit changes the analysis) and is followed by `didSave`, which re-checks at once instead
of after the 150 ms quiet period; the time is taken from sending the edit to receiving the
diagnostics of the edited file, and of every file of the model. Completion is asked after each
edit after `authn = ` in a process block (enum members), and then after `-> ` in a new flow line
being typed (the text does not compile: about 800 element ids of the last good model). Times are measured at the
client, so they include the pipe and the client's JSON decoding: an upper bound of server time;
the server's own CPU time per edit and per completion (from /proc, summed over the runs) is
printed too, since on a loaded machine the wall time mostly measures the wait for a core."""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lsp_client import Client, uri  # noqa: E402

PARTS = 4


def split_statements(text):
    """Top-level statements: each starts at a line beginning with a letter."""
    statements, current = [], []
    for line in text.split("\n"):
        if line[:1].isalpha() and current:
            statements.append("\n".join(current))
            current = []
        if line.strip() or current:
            current.append(line)
    if current:
        statements.append("\n".join(current))
    return statements


def write_model(folder, build, n):
    whole = os.path.join(folder, "whole.moat")
    subprocess.run([os.path.join(build, "generate_model"), str(n), "-o", whole], check=True)
    with open(whole, encoding="utf-8") as f:
        statements = split_statements(f.read())
    os.remove(whole)
    root, boundaries, flows = [], [], []
    for s in statements:
        (boundaries if s.startswith("boundary") else flows if s.startswith("flow") else root).append(s)
    files = {}
    for name, group in (("boundaries", boundaries), ("flows", flows)):
        for i in range(min(PARTS, len(group))):
            files["%s_%d.moat" % (name, i)] = group[i::PARTS]
    root += ['import "%s"' % name for name in sorted(files)]
    files["root.moat"] = root
    for name, group in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write("\n".join(group) + "\n")
    return sorted(files), len(boundaries), len(flows)


def cpu_seconds(pid):
    """User + system CPU time of process `pid` (Linux /proc; clock ticks of 10 ms)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_run(client, before, runs):
    return "server CPU %.1f ms per run" % ((cpu_seconds(client.proc.pid) - before) * 1000 / runs)


def ms(seconds):
    return "%.1f ms" % (seconds * 1000)


def summary(label, times):
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print("%-44s median %s, p90 %s, max %s (%d runs)"
          % (label, ms(statistics.median(times)), ms(p90), ms(times[-1]), len(times)))


def wait_publish(client, wanted):
    """Waits until every uri of `wanted` was published once more; returns the time each came."""
    arrived = {}
    while len(arrived) < len(wanted):
        m = client.next_message(60)
        if m is None:
            raise SystemExit("the server ended")
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] in wanted:
            arrived.setdefault(m["params"]["uri"], time.perf_counter())
    return arrived


def complete(client, path, line, character):
    start = time.perf_counter()
    reply = client.request("textDocument/completion", {
        "textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}})
    elapsed = time.perf_counter() - start
    return elapsed, len(reply["result"]["items"])


def main():
    args = sys.argv[1:]
    build = args[0] if args and not args[0].startswith("--") else "build"
    n = int(args[args.index("--elements") + 1]) if "--elements" in args else 1000
    edits = int(args[args.index("--edits") + 1]) if "--edits" in args else 30
    with tempfile.TemporaryDirectory() as folder:
        names, nb, nf = write_model(folder, build, n)
        print("model: %d elements, %d top-level boundaries, %d flows, %d files"
              % (n, nb, nf, len(names)))
        client = Client(os.path.abspath(os.path.join(build, "moat")), cwd=folder)
        client.initialize(folder)
        paths = [os.path.join(folder, name) for name in names]
        texts = {}
        start = time.perf_counter()
        for p in paths:
            with open(p, encoding="utf-8") as f:
                texts[p] = f.read()
            client.open(p, texts[p])
        wait_publish(client, {uri(p) for p in paths})
        print("open all files, first diagnostics:".ljust(44), ms(time.perf_counter() - start))
        # Each didOpen re-checks at once: wait for the last of them (a request is answered
        # after every message before it) so that they do not count in what follows.
        client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(paths[-1])}})
        print("open all files, every open checked:".ljust(44), ms(time.perf_counter() - start))
        measure(client, paths, texts, edits)
        client.finish()


def measure(client, paths, texts, edits):
    flows = next(p for p in paths if os.path.basename(p).startswith("flows_"))
    blocks = next(p for p in paths if os.path.basename(p).startswith("boundaries_"))
    lines = texts[flows].split("\n")
    target = next(i for i, line in enumerate(lines) if re.search(r"protocol = \w+", line))
    original = lines[target]
    changed = re.sub(r"protocol = \w+", "protocol = "
                     + ("tcp" if "protocol = http" in original else "http"), original, count=1)
    block_lines = texts[blocks].split("\n")
    authn = next(i for i, line in enumerate(block_lines) if "authn = " in line)
    authn_at = (authn, block_lines[authn].index("authn = ") + len("authn = "))
    edit_file, edit_all, enum_times = [], [], []
    edit_cpu = completion_cpu = 0.0
    for k in range(edits):
        text = changed if k % 2 == 0 else original  # every edit changes the analysis
        change = {"range": {"start": {"line": target, "character": 0},
                            "end": {"line": target, "character": len(lines[target])}},
                  "text": text}
        lines[target] = text
        sent, cpu = time.perf_counter(), cpu_seconds(client.proc.pid)
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(flows), "version": k + 2}, "contentChanges": [change]})
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri(flows)}})
        arrived = wait_publish(client, {uri(p) for p in paths})
        edit_file.append(arrived[uri(flows)] - sent)
        edit_all.append(max(arrived.values()) - sent)
        edit_cpu += cpu_seconds(client.proc.pid) - cpu
        cpu = cpu_seconds(client.proc.pid)
        t, members = complete(client, blocks, *authn_at)
        completion_cpu += cpu_seconds(client.proc.pid) - cpu
        enum_times.append(t)
    summary("edit -> diagnostics of the edited file", edit_file)
    summary("edit -> diagnostics of all %d files" % len(paths), edit_all)
    print("  server CPU per edit, to all diagnostics: %.1f ms" % (edit_cpu * 1000 / edits))
    summary("completion after `authn = ` (%d items)" % members, enum_times)
    print("  server CPU per completion: %.1f ms" % (completion_cpu * 1000 / edits))
    # Element ids at a flow's target, on text that does not compile.
    lines.append("flow p1 -> ")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(flows), "version": 9999},
                                             "contentChanges": [{"text": "\n".join(lines)}]})
    id_times = []
    complete(client, flows, len(lines) - 1, len("flow p1 -> "))  # the change is applied
    cpu = cpu_seconds(client.proc.pid)
    for _ in range(edits):
        t, count = complete(client, flows, len(lines) - 1, len("flow p1 -> "))
        id_times.append(t)
    summary("completion of element ids (%d items)" % count, id_times)
    print("  " + cpu_per_run(client, cpu, edits))


if __name__ == "__main__":
    main()
