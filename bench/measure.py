#!/usr/bin/env python3
"""Measures talint against the libyaml floor on the generated workloads and prints a table.

Usage: measure.py TALINT FLOOR WORKDIR [INSTALLED]
Wall times are medians of several runs (talint on all cores, the floor on one); peak RSS is
the largest seen. Instruction counts come from callgrind (deterministic here, so they are the
figure to compare across changes); they are skipped when valgrind is not installed. Cold start
runs one small file in a fresh process 100 times; INSTALLED, the binary `make install` builds
(Swift runtime linked statically, as users run it), gets a cold-start row of its own.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

talint, floor, work = sys.argv[1:4]
installed = sys.argv[4] if len(sys.argv) > 4 else None
lint = [talint, "lint", "--fail-on", "never"]


def run(command, cwd=None):
    """Wall seconds and peak RSS (KiB) of one run, through /usr/bin/time."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def median(command, repeat=5, cwd=None):
    runs = [run(command, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def instructions(command):
    """Instructions executed (all threads), by callgrind."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "cg.out")
        result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in result.stderr.splitlines():
            if "Collected :" in line:
                return int(line.split(":")[-1].strip())
    raise RuntimeError("callgrind reported no count")


def files(folder):
    return sorted(os.path.join(folder, name) for name in os.listdir(folder))


def size(paths):
    return sum(os.path.getsize(p) for p in paths)


rows = []  # (workload, files, MB, talint s, floor s, peak RSS MB)


def compare(name, talint_args, floor_args, count, nbytes, repeat=5):
    t, rss = median(lint + talint_args, repeat)
    f, _ = median([floor] + floor_args, repeat)
    rows.append((name, count, nbytes / 1e6, t, f, rss / 1024))


real5, real40, real30 = (os.path.join(work, n) for n in ("real5", "real40", "real30.yaml"))
has_real = os.path.isdir(real5)
if has_real:
    compare("real configs ×40 (corpus)", [real40], files(real40), len(files(real40)), size(files(real40)))
    compare("one 30 MB file of real configs", [real30], [real30], 1, os.path.getsize(real30), repeat=3)
many = files(os.path.join(work, "many"))
compare("(a) generated, many files", [os.path.join(work, "many")], many, len(many), size(many))
large = os.path.join(work, "large.yaml")
compare("(b) generated, one large file", [large], [large], 1, os.path.getsize(large), repeat=3)
machines_time, machines_rss = median(["/bin/sh", "-c", f'exec "{talint}" lint --fail-on never .'], cwd=os.path.join(work, "machines"))

small = os.path.join(work, "small.yaml")


def cold(command, count=100):
    """Median wall seconds of `count` fresh runs."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


installed_lint = [installed, "lint", "--fail-on", "never"] if installed else None
colds = [cold(lint + [small]), cold([floor, small])]
_, cold_rss = run(lint + [small])
if installed_lint:
    installed_cold = cold(installed_lint + [small])
    _, installed_rss = run(installed_lint + [small])

print(f"machine: {os.cpu_count()} cores")
if has_real and shutil.which("valgrind"):
    real5_files = files(real5)
    ti, fi = instructions(lint + [real5]), instructions([floor] + real5_files)
    print(f"instructions, {len(real5_files)} real configs (corpus ×5): talint {ti / 1e9:.3f} G, floor {fi / 1e9:.3f} G, talint ÷ floor {ti / fi:.1f}×")
print("| workload | files | MB | talint s | floor s | talint ÷ floor | peak RSS MB |")
print("|---|---|---|---|---|---|---|")
for name, n, mb, t, f, rss in rows:
    print(f"| {name} | {n} | {mb:.1f} | {t:.2f} | {f:.2f} | {t / f:.1f}× | {rss:.0f} |")
print(f"| (d) 50 machines × 20 patches + talconfig of 50 nodes | 62 | – | {machines_time:.2f} | – | – | {machines_rss / 1024:.0f} |")
print(f"| (c) cold start, one small file | 1 | – | {colds[0] * 1000:.1f} ms | {colds[1] * 1000:.1f} ms | {colds[0] / colds[1]:.1f}× | {cold_rss / 1024:.0f} |")
if installed_lint:
    print(f"| (c) cold start, the installed binary (`make install`) | 1 | – | {installed_cold * 1000:.1f} ms | {colds[1] * 1000:.1f} ms | {installed_cold / colds[1]:.1f}× | {installed_rss / 1024:.0f} |")
