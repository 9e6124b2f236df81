#!/usr/bin/env python3
"""Builds the benchmark workloads from the bundled fixtures.

many/  about 5,000 realistic configs and patches (about 14 MB): each file joins a few fixture
       documents, with names and values varied so no two files are the same.
large.yaml  one multi-document file of about 30 MB.
small.yaml  one small patch, for the cold-start workload.
"""
import os
import random
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]
fixtures = []
for folder, _, names in os.walk(os.path.join(root, "Fixtures")):
    for name in sorted(names):
        if name.endswith(".yaml") and "unclosed" not in name:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            if not text.lstrip().startswith("- op:") and "$patch" not in text:
                fixtures.append(text.replace("\ufeff", "").replace("\r\n", "\n"))
random.seed(1)


def varied(text, n):
    return text.replace("10.0.0.", f"10.{n % 250}.0.").replace("home", f"home{n}").replace("262144", str(262144 + n))


os.makedirs(os.path.join(out, "many"), exist_ok=True)
total = 0
for n in range(5000):
    docs = [varied(random.choice(fixtures), n) for _ in range(random.randint(3, 7))]
    text = "\n---\n".join(d.rstrip("\n") for d in docs) + "\n"
    total += len(text.encode())
    with open(os.path.join(out, "many", f"node-{n:04d}.yaml"), "w", encoding="utf-8") as f:
        f.write(text)

with open(os.path.join(out, "large.yaml"), "w", encoding="utf-8") as f:
    size = 0
    n = 0
    while size < 30 * 1024 * 1024:
        doc = varied(fixtures[n % len(fixtures)], n).rstrip("\n") + "\n---\n"
        f.write(doc)
        size += len(doc.encode())
        n += 1

with open(os.path.join(out, "small.yaml"), "w", encoding="utf-8") as f:
    f.write(fixtures[0])
print(f"many: 5000 files, {total / 1e6:.1f} MB")
