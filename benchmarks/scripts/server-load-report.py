#!/usr/bin/env python3
"""Writes the "## Server" section of docs/benchmarks.md from the load generator's result lines.

Usage: server-load-report.py RESULTS DOC ROUNDS SECONDS WARMUP MEMCACHED_VERSION CORES JAVA
Only the "## Server" section is replaced (or appended); the other sections are kept as they are.
"""
import os
import re
import statistics
import sys

results, doc, rounds, seconds, warmup, mc_version, cores, java = sys.argv[1:]
rows = {}
for line in open(results):
    if not line.startswith("label="):
        continue
    fields = dict(f.split("=", 1) for f in line.split())
    rows.setdefault((fields["label"], int(fields["depth"])), []).append(fields)


def median(label, depth, name):
    return statistics.median(float(r[name]) for r in rows[(label, depth)])


table = [
    "| mode | server | ops/s | p50 µs | p99 µs | errors |",
    "|---|---|---:|---:|---:|---:|",
]
ratios = []
for depth in (1, 16):
    mode = "1 request in flight" if depth == 1 else "16 pipelined"
    for label in ("memcached", "slabcache"):
        errors = sum(int(r["errors"]) for r in rows[(label, depth)])
        table.append(
            f"| {mode} | {label} | {median(label, depth, 'ops_per_sec'):,.0f} "
            f"| {median(label, depth, 'p50_us'):.0f} | {median(label, depth, 'p99_us'):.0f} "
            f"| {errors} |"
        )
    ops = median("slabcache", depth, "ops_per_sec") / median("memcached", depth, "ops_per_sec")
    p50 = median("slabcache", depth, "p50_us") / median("memcached", depth, "p50_us")
    p99 = median("slabcache", depth, "p99_us") / median("memcached", depth, "p99_us")
    ratios.append(f"| {mode} | {ops:.2f}× | {p50:.2f}× | {p99:.2f}× |")

runs = "\n".join(
    "    " + line.strip() for line in open(results) if line.startswith("label=")
)
section = f"""## Server

Slabcache's server against stock memcached ({mc_version}), both started with `-m 64 -t 4`, driven
in the same session by the same load generator (`io.slabcache.benchmarks.load.LoadGenerator`, Netty,
text protocol): 50 connections, 90% get / 10% set over 10,000 keys, 100-byte values; once with one
request in flight per connection and once with 16 pipelined per connection. The servers alternate,
{rounds} rounds each of {seconds} s measured after {warmup} s of warm-up; the table shows the medians.
Machine: {cores} cores shared by both servers and the generator (and other work); {java}.

Command: `benchmarks/scripts/server-load.sh {rounds} {seconds} {warmup}`

{chr(10).join(table)}

Slabcache relative to memcached in the same run (ops/s: higher is better; latency: lower is better):

| mode | ops/s | p50 | p99 |
|---|---:|---:|---:|
{chr(10).join(ratios)}

Every run, in the order it ran:

{runs}
"""

os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
try:
    text = open(doc).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
pattern = re.compile(r"^## Server\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section
with open(doc, "w") as out:
    out.write(text)
print(section)
