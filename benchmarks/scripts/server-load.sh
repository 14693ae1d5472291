#!/usr/bin/env bash
# Load test: the same Netty load generator (io.slabcache.benchmarks.load.LoadGenerator) against
# stock memcached and against Slabcache's server, started with the same -m and -t. The generator
# loads one server at a time in short slices that alternate, so that both servers meet the same
# machine and the same generator, and reads each server's CPU time from /proc: 90% get / 10% set
# over 10,000 keys, 100-byte values, 50 connections, one request in flight per connection and 16
# pipelined. A third target, FloorServer, answers the same requests with constant replies and stores
# nothing on the same Netty transport: the least a Netty server costs per request. The figures and
# ratios go to the "## Server" section of docs/benchmarks.md.
#
#   benchmarks/scripts/server-load.sh [slices] [slice-seconds] [warmup-seconds] [keys]
#
# Given a number of keys other than 10,000, it loads that many keys and only prints the results,
# leaving docs/benchmarks.md as it is.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

slices=${1:-20}
slice_seconds=${2:-2}
warmup=${3:-10}
keys=${4:-10000}
memory=64
threads=4
connections=50

. benchmarks/scripts/two-servers.sh
floor_port=$(free_port)
java -cp "$bench_jar" io.slabcache.benchmarks.load.FloorServer "$floor_port" "$threads" 100 &
floor_pid=$!
pids+=($floor_pid)
wait_for_port "$floor_port"

results=$(mktemp)
for depth in 1 16; do
  java -cp "$bench_jar" io.slabcache.benchmarks.load.LoadGenerator \
    --target "memcached=$memcached_port:$memcached_pid" \
    --target "slabcache=$slabcache_port:$slabcache_pid" \
    --target "netty-floor=$floor_port:$floor_pid" \
    --connections $connections --depth "$depth" --slices "$slices" \
    --slice-seconds "$slice_seconds" --warmup "$warmup" \
    --get-ratio 0.9 --value-size 100 --keys "$keys" | tee -a "$results"
done
if [ "$keys" != 10000 ]; then
  rm -f "$results"
  exit 0
fi

python3 benchmarks/scripts/server-load-report.py "$results" docs/benchmarks.md "$slices" \
  "$slice_seconds" "$warmup" "$(memcached -V)" "$(nproc)" "$(java -version 2>&1 | head -1)"
rm -f "$results"
