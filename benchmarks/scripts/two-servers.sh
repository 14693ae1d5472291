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

. benchmarks/scripts/loopback.sh

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
