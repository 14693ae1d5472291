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

. benchmarks/scripts/two-servers.sh

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

python3 benchmarks/scripts/server-load-report.py "$results" docs/benchmarks.md "$rounds" \
  "$seconds" "$warmup" "$(memcached -V)" "$(nproc)" "$(java -version 2>&1 | head -1)"
rm -f "$results"
