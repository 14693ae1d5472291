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
memcached -p "$memcached_port" -l 127.0.0.1 -U 0 -m 64 -t "$threads" -c 1024 -u "$(id -un)" &
memcached_pid=$!
pids+=($memcached_pid)
slabcache_port=$(free_port)
java ${JAVA_OPTS:-} -jar "$server_jar" -p "$slabcache_port" -l 127.0.0.1 -m 64 -t "$threads" -c 1024 &
slabcache_pid=$!
pids+=($slabcache_pid)
wait_for_port "$memcached_port"
wait_for_port "$slabcache_port"

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
