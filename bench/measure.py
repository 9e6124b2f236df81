#!/usr/bin/env python3
"""Times talint against the libyaml floor on the generated workloads and prints a table.

Usage: measure.py TALINT FLOOR WORKDIR
Each workload runs 3 times; the best wall time is kept (the least disturbed run), peak RSS is
the largest seen. Cold start runs one small file in a fresh process 200 times.
"""
import os
import subprocess
import sys
import time

talint, floor, work = sys.argv[1:4]


def run(command):
    """Wall seconds and peak RSS (KiB) of one run, through /usr/bin/time."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    rss = int(result.stderr.strip().splitlines()[-1])
    return elapsed, rss


def best(command, repeat=3):
    runs = [run(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


many = sorted(os.path.join(work, "many", name) for name in os.listdir(os.path.join(work, "many")))
many_bytes = sum(os.path.getsize(p) for p in many)
large = os.path.join(work, "large.yaml")
small = os.path.join(work, "small.yaml")
lint = [talint, "lint", "--fail-on", "never"]

rows = []
for name, paths, files, size in [
    ("(a) many files", [os.path.join(work, "many")], len(many), many_bytes),
    ("(b) one large file", [large], 1, os.path.getsize(large)),
]:
    t, rss = best(lint + paths)
    f, frss = best([floor] + (many if files > 1 else paths))
    rows.append((name, files, size, t, f, rss, frss))

# (d) machines: 50 machines × 20 patches and a talconfig of 50 nodes, merged and judged.
machines_dir = os.path.join(work, "machines")
machines_time, machines_rss = best(["/bin/sh", "-c", f'cd "{machines_dir}" && exec "{talint}" lint --fail-on never .'])

# (c) cold start: a fresh process per run.
count = 200
start = time.perf_counter()
for _ in range(count):
    subprocess.run(lint + [small], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
cold = (time.perf_counter() - start) / count
start = time.perf_counter()
for _ in range(count):
    subprocess.run([floor, small], stdout=subprocess.DEVNULL)
cold_floor = (time.perf_counter() - start) / count
_, cold_rss = run(lint + [small])

print(f"machine: {os.cpu_count()} cores")
print("| workload | files | MB | talint s | floor s | talint ÷ floor | talint MB/s | talint files/s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|")
for name, files, size, t, f, rss, _ in rows:
    mb = size / 1e6
    print(f"| {name} | {files} | {mb:.1f} | {t:.2f} | {f:.2f} | {t / f:.1f}× | {mb / t:.1f} | {files / t:.0f} | {rss / 1024:.0f} |")
print(f"| (d) 50 machines × 20 patches + talconfig of 50 nodes | 62 | – | {machines_time:.2f} | – | – | – | – | {machines_rss / 1024:.0f} |")
print(f"| (c) cold start, per process | 1 | {os.path.getsize(small) / 1e6:.3f} | {cold * 1000:.1f} ms | {cold_floor * 1000:.1f} ms | {cold / cold_floor:.1f}× | – | {1 / cold:.0f} | {cold_rss / 1024:.0f} |")
