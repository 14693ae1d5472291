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

python3 benchmarks/scripts/server-load-report.py "$results" docs/benchmarks.md "$rounds" \
  "$seconds" "$warmup" "$(memcached -V)" "$(nproc)" "$(java -version 2>&1 | head -1)"
rm -f "$results"
