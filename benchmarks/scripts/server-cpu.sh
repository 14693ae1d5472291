#!/usr/bin/env bash
# CPU per request: the load of server-load.sh (50 connections, 90% get / 10% set, 100-byte values)
# against stock memcached and against Slabcache's server, alternating, and each server's user and
# system CPU time (from /proc) per 100,000 requests served. It tells where a throughput gap comes
# from when the generator and the server share the machine's cores.
#
#   benchmarks/scripts/server-cpu.sh [rounds] [seconds] [depth] [threads]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

rounds=${1:-3}
seconds=${2:-10}
depth=${3:-1}
threads=${4:-4}
memory=64

. benchmarks/scripts/two-servers.sh

ticks=$(getconf CLK_TCK)
load() {
  java -cp "$bench_jar" io.slabcache.benchmarks.load.LoadGenerator --port "$1" \
    --connections 50 --depth "$depth" --seconds "$2" --warmup 0 \
    --get-ratio 0.9 --value-size 100 --keys 10000 --label "$3"
}
measure() {
  local label=$1 port=$2 pid=$3
  load "$port" 5 warmup >/dev/null
  read -r user0 sys0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
  local line
  line=$(load "$port" "$seconds" "$label")
  read -r user1 sys1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
  local ops
  ops=$(sed 's/.*ops_per_sec=\([0-9]*\).*/\1/' <<<"$line")
  python3 - "$line" "$ops" "$seconds" "$ticks" "$((user1 - user0))" "$((sys1 - sys0))" <<'EOF'
import sys
line, ops, seconds, ticks, user, system = sys.argv[1], *map(float, sys.argv[2:])
per = 100_000 / (ops * seconds) / ticks * 1000  # ms of CPU per 100,000 requests
print(f"{line} user_ms_per_100k={user * per:.0f} sys_ms_per_100k={system * per:.0f}")
EOF
}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    measure memcached "$memcached_port" "$memcached_pid"; measure slabcache "$slabcache_port" "$slabcache_pid"
  else
    measure slabcache "$slabcache_port" "$slabcache_pid"; measure memcached "$memcached_port" "$memcached_pid"
  fi
done
