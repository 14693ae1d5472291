package io.slabcache.benchmarks.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The slab engine against Caffeine on the same work: 100,000 keys of 16 bytes, values of 100 bytes,
 * all present (every get hits). Run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

  static final int KEYS = 100_000;
  static final int VALUE_SIZE = 100;

  @Param({"slabcache", "caffeine"})
  public String cache;

  private ByteCache target;
  private byte[] value;

  static byte[][] keys(int count) {
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
    }
    return keys;
  }

  @Setup(Level.Trial)
  public void setUp() {
    byte[][] keys = keys(KEYS);
    target =
        cache.equals("slabcache")
            ? new SlabEngineCache(keys, 64)
            : new CaffeineCache(keys, 2L * KEYS);
    value = new byte[VALUE_SIZE];
    ThreadLocalRandom.current().nextBytes(value);
    for (int i = 0; i < KEYS; i++) {
      target.set(i, value);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  @Benchmark
  public byte[] getHit() {
    return target.get(ThreadLocalRandom.current().nextInt(KEYS));
  }

  /** A buffer per thread that values are copied into, as a connection's reply buffer. */
  @State(Scope.Thread)
  public static class Reply {
    final ByteBuffer buffer = ByteBuffer.allocateDirect(VALUE_SIZE);
  }

  /**
   * A hit whose value is copied into a reused direct buffer, as the server writes it into a reply:
   * the slab engine copies straight from its memory, Caffeine from its array.
   */
  @Benchmark
  public int getHitIntoBuffer(Reply reply) {
    reply.buffer.clear();
    return target.getInto(ThreadLocalRandom.current().nextInt(KEYS), reply.buffer);
  }

  @Benchmark
  public void set() {
    target.set(ThreadLocalRandom.current().nextInt(KEYS), value);
  }

  /** 90% gets, 10% sets. */
  @Benchmark
  public byte[] mix90get10set() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int key = random.nextInt(KEYS);
    if (random.nextInt(10) == 0) {
      target.set(key, value);
      return null;
    }
    return target.get(key);
  }
}
