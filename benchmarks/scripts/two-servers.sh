# Sourced by the load scripts: builds what is missing, then starts stock memcached and Slabcache's
# server (with its launcher, as users start it) on free loopback ports with the same -m and -t,
# and stops both when the script exits.
# Needs: memory, threads. Sets: server_jar, bench_jar, memcached_port, memcached_pid,
# slabcache_port, slabcache_pid.

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
memcached -p "$memcached_port" -l 127.0.0.1 -U 0 -m "$memory" -t "$threads" -c 1024 -u "$(id -un)" &
memcached_pid=$!
pids+=($memcached_pid)
slabcache_port=$(free_port)
bin/slabcache-server -p "$slabcache_port" -l 127.0.0.1 -m "$memory" -t "$threads" -c 1024 &
slabcache_pid=$!
pids+=($slabcache_pid)
wait_for_port "$memcached_port"
wait_for_port "$slabcache_port"
