package io.slabcache.benchmarks.remote;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Blocking get and set of 100-byte values on 10,000 keys against one stock memcached on loopback,
 * through this project's JCache provider, its client, spymemcached and xmemcached. Every thread of
 * a trial shares one client, as an application would.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RemoteBenchmark {

  static final int KEYS = 10_000;

  @Param({"jcache", "slabcache", "spymemcached", "xmemcached"})
  public String client;

  /** The memcached binary to start. */
  @Param("/usr/bin/memcached")
  public String memcached;

  private MemcachedServer server;
  private RemoteClient remote;
  private String[] keys;
  private byte[] value;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = MemcachedServer.start(memcached);
    remote = RemoteClient.open(client, server.port());
    keys = new String[KEYS];
    value = new byte[100];
    ThreadLocalRandom.current().nextBytes(value);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "bench:" + i;
      remote.set(keys[i], value);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    remote.close();
    server.close();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public byte[] get() throws Exception {
    return remote.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void set() throws Exception {
    remote.set(keys[ThreadLocalRandom.current().nextInt(KEYS)], value);
  }
}
