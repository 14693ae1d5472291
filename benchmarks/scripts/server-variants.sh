#!/usr/bin/env bash
# Side-by-side load of variants of Slabcache's server: stock memcached and each variant (a server
# jar, with JVM options of its own) started with the same -m and -t, then loaded in alternating
# slices by the same generator in one run, as server-load.sh loads its three targets. For telling
# whether a change to the server moves its throughput or CPU per request by more than the run's
# spread. Prints the generator's lines; writes nothing.
#
#   benchmarks/scripts/server-variants.sh slices slice-seconds depth label=jar[,jvm-option...] ...
#
# For example, the build of HEAD against the same jar on another collector:
#
#   cp server/target/slabcache-server.jar /tmp/head.jar
#   benchmarks/scripts/server-variants.sh 12 2 1 g1=/tmp/head.jar par=/tmp/head.jar,-XX:+UseParallelGC
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

if [ $# -lt 4 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
slices=$1
slice_seconds=$2
depth=$3
shift 3
memory=64
threads=4

bench_jar=benchmarks/target/benchmarks.jar
[ -f "$bench_jar" ] || mvn -B -q -ntp -pl benchmarks -am package -DskipTests
command -v memcached >/dev/null || { echo "memcached is not installed (apt-get install memcached)" >&2; exit 1; }

. benchmarks/scripts/loopback.sh

targets=()
port=$(free_port)
memcached -p "$port" -l 127.0.0.1 -U 0 -m "$memory" -t "$threads" -c 1024 -u "$(id -un)" &
pids+=($!)
targets+=(--target "memcached=$port:$!")
wait_for_port "$port"
for variant in "$@"; do
  label=${variant%%=*}
  IFS=, read -r -a spec <<< "${variant#*=}"
  jar=${spec[0]}
  # the launcher's JVM options first, so that a variant's own override them
  port=$(free_port)
  java -Xms64m -XX:+AlwaysPreTouch "${spec[@]:1}" -jar "$jar" \
    -p "$port" -l 127.0.0.1 -m "$memory" -t "$threads" -c 1024 &
  pids+=($!)
  targets+=(--target "$label=$port:$!")
  wait_for_port "$port"
done

java -cp "$bench_jar" io.slabcache.benchmarks.load.LoadGenerator "${targets[@]}" \
  --connections 50 --depth "$depth" --slices "$slices" --slice-seconds "$slice_seconds" \
  --warmup 10 --get-ratio 0.9 --value-size 100 --keys 10000
