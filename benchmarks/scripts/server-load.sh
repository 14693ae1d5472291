#!/usr/bin/env bash
# Load test: the same Netty load generator (io.slabcache.benchmarks.load.LoadGenerator) against
# stock memcached and against Slabcache's server, started with the same -m and -t, alternating
# runs in one session: 90% get / 10% set, 100-byte values, 50 connections, one request in flight
# per connection and 16 pipelined. Medians of the rounds and the ratios go to the "## Server"
# section of docs/benchmarks.md.
#
#   benchmarks/scripts/server-load.sh [rounds] [seconds] [warmup-seconds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

rounds=${1:-3}
seconds=${2:-10}
warmup=${3:-5}
memory=64
threads=4
connections=50

server_jar=server/target/slabcache-server.jar
bench_jar=benchmarks/target/benchmarks.jar
if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  mvn -B -q -ntp -pl server,benchmarks -am package -DskipTests
fi
command -v memcached >/dev/null || { echo "memcached is not installed (apt-get install memcached)" >&2; exit 1; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for_port() {
  local deadline=$((SECONDS + 30))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "nothing listens on $1" >&2; exit 1; }
    sleep 0.2
  done
}

memcached_port=$(free_port)
memcached -p "$memcached_port" -l 127.0.0.1 -U 0 -m $memory -t $threads -c 1024 -u "$(id -un)" &
pids+=($!)
slabcache_port=$(free_port)
java ${JAVA_OPTS:-} -jar "$server_jar" -p "$slabcache_port" -l 127.0.0.1 -m $memory -t $threads -c 1024 &
pids+=($!)
wait_for_port "$memcached_port"
wait_for_port "$slabcache_port"

results=$(mktemp)
load() {
  local label=$1 port=$2 depth=$3
  java -cp "$bench_jar" io.slabcache.benchmarks.load.LoadGenerator --port "$port" \
    --connections $connections --depth "$depth" --seconds "$seconds" --warmup "$warmup" \
    --get-ratio 0.9 --value-size 100 --keys 10000 --label "$label" | tee -a "$results"
}
for depth in 1 16; do
  for round in $(seq 1 "$rounds"); do
    # alternate which server goes first, so neither always runs on a warmer machine
    if [ $((round % 2)) -eq 1 ]; then
      load memcached "$memcached_port" "$depth"; load slabcache "$slabcache_port" "$depth"
    else
      load slabcache "$slabcache_port" "$depth"; load memcached "$memcached_port" "$depth"
    fi
  done
done

python3 - "$results" "$root/docs/benchmarks.md" "$rounds" "$seconds" "$warmup" \
    "$(memcached -V)" "$(nproc)" "$(java -version 2>&1 | head -1)" <<'PY'
import re
import statistics
import sys

results, doc, rounds, seconds, warmup, mc_version, cores, java = sys.argv[1:]
rows = {}
for line in open(results):
    fields = dict(f.split("=", 1) for f in line.split())
    key = (fields["label"], int(fields["depth"]))
    rows.setdefault(key, []).append(fields)

def median(label, depth, name):
    return statistics.median(float(r[name]) for r in rows[(label, depth)])

table = ["| mode | server | ops/s | p50 µs | p99 µs | errors |", "|---|---|---:|---:|---:|---:|"]
ratios = []
for depth in (1, 16):
    mode = "one request in flight" if depth == 1 else "16 pipelined per connection"
    for label in ("memcached", "slabcache"):
        errors = sum(int(r["errors"]) for r in rows[(label, depth)])
        table.append(
            f"| {mode} | {label} | {median(label, depth, 'ops_per_sec'):,.0f} "
            f"| {median(label, depth, 'p50_us'):.0f} | {median(label, depth, 'p99_us'):.0f} | {errors} |")
    ratios.append(
        f"| {mode} | {median('slabcache', depth, 'ops_per_sec') / median('memcached', depth, 'ops_per_sec'):.2f}× "
        f"| {median('slabcache', depth, 'p50_us') / median('memcached', depth, 'p50_us'):.2f}× "
        f"| {median('slabcache', depth, 'p99_us') / median('memcached', depth, 'p99_us'):.2f}× |")

section = f"""## Server

Slabcache's server against stock memcached ({mc_version}), both started with `-m 64 -t 4`, driven
in the same session by the same load generator (`io.slabcache.benchmarks.load.LoadGenerator`, Netty,
text protocol): 50 connections, 90% get / 10% set over 10,000 keys, 100-byte values, once with one
request in flight per connection and once with 16 pipelined. Runs alternate between the servers;
{rounds} rounds of {seconds} s measured after {warmup} s of warm-up; medians of the rounds.
Machine: {cores} cores shared by both servers and the generator; {java}.

Command: `benchmarks/scripts/server-load.sh {rounds} {seconds} {warmup}`

{chr(10).join(table)}

Slabcache relative to memcached (throughput: higher is better; latency: lower is better):

| mode | ops/s | p50 | p99 |
|---|---:|---:|---:|
{chr(10).join(ratios)}
"""

try:
    text = open(doc).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
pattern = re.compile(r"^## Server\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text)
print(section)
PY
