#!/usr/bin/env python3
"""Builds the benchmark workloads from the bundled fixtures.

machines/  a repository of 50 machines × 20 patches (60 patch files shared between them, a
       .talint.yaml declaring the machines) and a talconfig of 50 nodes with inline patches.

many/  about 5,000 realistic configs and patches (about 14 MB): each file joins a few fixture
       documents, with names and values varied so no two files are the same.
large.yaml  one multi-document file of about 30 MB.
small.yaml  one small patch, for the cold-start workload.

From ../shared/corpus/files (real configs from public repositories; skipped without it), the
files PyYAML reads (all of them when PyYAML is missing):
real5/   each copied 5 times (the instruction-count workload, about 640 files),
real40/  each copied 40 times (the wall-time workload, about 5,000 files),
real30.yaml  one multi-document file of about 30 MB made of them (templates left out).
"""
import os
import random
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]
# Only YAML that parses: one broken document in a multi-document file ends it there, and
# the workload would measure the parse error, not the rules (Fixtures/ holds broken files on
# purpose).
try:
    import yaml

    def readable(text):
        try:
            list(yaml.safe_load_all(text))
            return True
        except Exception:
            return False
except ImportError:
    def readable(text):
        return True
fixtures = []
for folder, _, names in os.walk(os.path.join(root, "Fixtures")):
    for name in sorted(names):
        if name.endswith(".yaml") and "unclosed" not in name:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            if not text.lstrip().startswith("- op:") and "$patch" not in text and readable(text):
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
# 50 machines × 20 patches: each patch file is used by many machines, parsed once.
machines = os.path.join(out, "machines")
os.makedirs(os.path.join(machines, "patches"), exist_ok=True)
os.makedirs(os.path.join(machines, ".git"), exist_ok=True)
patch_texts = [
    'machine:\n  sysctls:\n    net.core.somaxconn: "{n}"\n',
    'machine:\n  kubelet:\n    extraArgs:\n      max-pods: "{n}"\n',
    'cluster:\n  apiServer:\n    extraArgs:\n      audit-log-maxage: "{n}"\n',
    'machine:\n  network:\n    interfaces:\n      - interface: eth{n}\n        dhcp: true\n',
    'machine:\n  install:\n    extraKernelArgs:\n      - console=ttyS{n}\n',
    'apiVersion: v1alpha1\nkind: NetworkRuleConfig\nname: rule-{n}\nportSelector:\n  ports: [{port}]\n  protocol: tcp\ningress:\n  - subnet: 10.{n}.0.0/16\n',
]
for n in range(60):
    with open(os.path.join(machines, "patches", f"p{n:02d}.yaml"), "w", encoding="utf-8") as f:
        f.write(patch_texts[n % len(patch_texts)].format(n=n, port=30000 + n))
with open(os.path.join(machines, ".talint.yaml"), "w", encoding="utf-8") as f:
    f.write("machines:\n")
    for m in range(50):
        picks = random.sample(range(60), 20)
        kind = "controlplane" if m < 3 else "worker"
        f.write(f"  m{m:02d}: {{type: {kind}, talos-version: \"1.13\", patches: [{', '.join(f'patches/p{p:02d}.yaml' for p in picks)}]}}\n")
with open(os.path.join(machines, "talconfig.yaml"), "w", encoding="utf-8") as f:
    f.write("clusterName: bench\ntalosVersion: v1.11.0\nendpoint: https://10.0.0.1:6443\nnodes:\n")
    for m in range(50):
        f.write(f"  - hostname: node{m:02d}\n    controlPlane: {'true' if m < 3 else 'false'}\n    patches:\n")
        for p in range(20):
            f.write(f"      - |-\n        machine:\n          sysctls:\n            net.core.rmem_max: \"{m * 100 + p}\"\n")
corpus = os.path.join(root, "..", "shared", "corpus", "files")
if os.path.isdir(corpus):
    real = []
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), "rb") as f:
            data = f.read()
        if readable(data.decode("utf-8", "replace")):
            real.append((name, data))
    for folder, copies in (("real5", 5), ("real40", 40)):
        os.makedirs(os.path.join(out, folder), exist_ok=True)
        for copy in range(copies):
            for name, data in real:
                with open(os.path.join(out, folder, f"{copy}-{name}"), "wb") as f:
                    f.write(data)
    plain = [data.decode("utf-8").replace("\ufeff", "").strip("\n") for _, data in real if b"{{" not in data and b"{%" not in data]
    plain = [text[4:] if text.startswith("---\n") else text for text in plain]
    with open(os.path.join(out, "real30.yaml"), "w", encoding="utf-8") as f:
        size = 0
        n = 0
        while size < 30 * 1024 * 1024:
            doc = plain[n % len(plain)] + "\n---\n"
            f.write(doc)
            size += len(doc.encode())
            n += 1
    print(f"real: {len(real)} corpus files, ×5 and ×40, and a {size / 1e6:.0f} MB multi-document file of them")
else:
    print("real: ../shared/corpus/files not found; the real-config workloads are skipped")
print(f"many: 5000 files, {total / 1e6:.1f} MB; machines: 50 × 20 patches, and a talconfig of 50 nodes")
