#!/usr/bin/env python3
"""Writes the "## Server" section of docs/benchmarks.md from the load generator's output.

Usage: server-load-report.py RESULTS DOC SLICES SLICE_SECONDS WARMUP MEMCACHED_VERSION CORES JAVA
RESULTS holds the generator's lines of both runs (one request in flight, then 16 pipelined): a
"label=..." line per server (memcached, slabcache, netty-floor) and a "ratio label=... to=memcached
depth=..." line per other server and run. Only the
"## Server" section of DOC is replaced (or appended); the other sections are kept as they are.
"""
import datetime
import os
import re
import sys

results, doc, slices, slice_seconds, warmup, mc_version, cores, java = sys.argv[1:]
today = datetime.date.today().isoformat()
# the same kind of machine has come with processors twice as fast as each other: name it
processor = next(
    (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
    "processor not named",
)
servers = {}
ratios = {}
threads = {}
for line in open(results):
    words = line.split()
    if not words:
        continue
    if words[0] == "threads":
        fields = dict(w.split("=", 1) for w in words[1:])
        label, depth = fields.pop("label"), int(fields.pop("depth"))
        threads[label, depth] = fields
    elif words[0] == "ratio":
        fields = dict(w.split("=", 1) for w in words[1:])
        ratios[fields["label"], int(fields["depth"])] = fields
    elif words[0].startswith("label="):
        fields = dict(w.split("=", 1) for w in words)
        servers[fields["label"], int(fields["depth"])] = fields

depths = sorted({depth for _, depth in servers})


def mode(depth):
    return "1 request in flight" if depth == 1 else f"{depth} pipelined"


def cpu(fields, prefix=""):
    return int(fields[prefix + "user_ms_per_100k"]) + int(fields[prefix + "sys_ms_per_100k"])


table = [
    "| mode | server | ops/s | p50 µs | p99 µs | errors | server CPU ms per 100k requests "
    "(user + system) | generator CPU ms per 100k |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
]
relative = [
    "| mode | ops/s | ops/s slice by slice: median (middle 80%) | p50 | p99 | server CPU per "
    "request | Netty floor's ops/s, slice median (middle 80%) |",
    "|---|---:|---:|---:|---:|---:|---:|",
]
for depth in depths:
    for label in ("memcached", "slabcache", "netty-floor"):
        s = servers[label, depth]
        table.append(
            f"| {mode(depth)} | {label} | {float(s['ops_per_sec']):,.0f} "
            f"| {float(s['p50_us']):.0f} | {float(s['p99_us']):.0f} | {s['errors']} "
            f"| {cpu(s)} ({s['user_ms_per_100k']} + {s['sys_ms_per_100k']}) "
            f"| {cpu(s, 'generator_')} |"
        )
    ours, theirs = servers["slabcache", depth], servers["memcached", depth]
    r = ratios["slabcache", depth]
    f = ratios["netty-floor", depth]
    relative.append(
        f"| {mode(depth)} "
        f"| {float(ours['ops_per_sec']) / float(theirs['ops_per_sec']):.2f}× "
        f"| {float(r['median']):.2f}× ({float(r['low']):.2f}–{float(r['high']):.2f}) "
        f"| {float(ours['p50_us']) / float(theirs['p50_us']):.2f}× "
        f"| {float(ours['p99_us']) / float(theirs['p99_us']):.2f}× "
        f"| {cpu(ours) / cpu(theirs):.2f}× "
        f"| {float(f['median']):.2f}× ({float(f['low']):.2f}–{float(f['high']):.2f}) |"
    )

by_thread = [
    "| mode | server | CPU ms per 100k requests by kind of thread (user + system) |",
    "|---|---|---|",
]
for depth in depths:
    for label in ("memcached", "slabcache", "netty-floor"):
        kinds = threads.get((label, depth), {})
        spent = sorted(kinds.items(), key=lambda kv: -sum(map(int, kv[1].split("+"))))
        cells = "; ".join(f"`{kind}` {cpu.replace('+', ' + ')}" for kind, cpu in spent)
        by_thread.append(f"| {mode(depth)} | {label} | {cells} |")

output = "\n".join("    " + line.rstrip() for line in open(results) if line.strip())
section = f"""## Server

Slabcache's server against stock memcached ({mc_version}), both started with `-m 64 -t 4`, Slabcache's
with its launcher (`bin/slabcache-server`, as users start it), driven by the same load generator
(`io.slabcache.benchmarks.load.LoadGenerator`, Netty, text protocol, one event-loop thread): 50
connections, 90% get / 10% set over 10,000 keys, 100-byte values; once with one request in flight
per connection and once with 16 pipelined per connection. The generator loads one server at a
time, in {slices} slices of {slice_seconds} s per server that alternate (memcached, slabcache, netty-floor,
netty-floor, slabcache, memcached, ...) after {warmup} s of warm-up each, so both servers meet the
same machine, whatever else it is doing, and the same generator. It reads each server's CPU time
(and its own) from `/proc` over the slices. Measured {today}. Machine: {cores} cores ({processor}) shared
by both servers and the generator; {java}.

Command: `benchmarks/scripts/server-load.sh {slices} {slice_seconds} {warmup}`

{chr(10).join(table)}

`netty-floor` is `io.slabcache.benchmarks.load.FloorServer`: the same transport, allocator and
socket options as Slabcache's server, one handler that answers every get with the same 100-byte
value and every set with `STORED`, and no storage, decoder or statistics. It is the least any
memcached server on Netty costs per request on this machine: what Slabcache's server costs beyond
it is its own work, and how it compares with memcached is the framework's doing.

Slabcache (and, in the last column, the Netty floor) relative to memcached in the same run (ops/s:
higher is better; latency and CPU: lower is better):

{chr(10).join(relative)}

The same CPU time by the kind of thread that spent it (from `/proc/<pid>/task`; `mc-worker` and
`slabcache-io` and `floor-io` answer the requests, `mc-lrumaint` and `slabcache-lru-m` are the LRU
maintainers, the rest the JVM's compilers and collector):

{chr(10).join(by_thread)}

The generator's output:

{output}
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
