package io.slabcache.benchmarks.jcache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
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
 * The same {@code javax.cache} operations on every provider: reads that hit, reads that miss,
 * writes, and a 90/10 read/write mix over Zipf-skewed keys. Caches hold {@value Workload#KEYS}
 * entries, stored by value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JCacheBenchmark {

  private static final int MASK = Workload.SEQUENCE - 1;
  private static final AtomicLong SEEDS = new AtomicLong(42);

  @Param({"slabcache", "caffeine", "ehcache-heap", "ehcache-offheap"})
  String contender;

  @Param({"bytes100", "object"})
  String value;

  private CacheManager manager;
  private Cache<String, Object> cache;
  private String[] keys;
  private String[] missingKeys;
  private Object[] values;

  @Setup(Level.Trial)
  public void fill() {
    Contender which = Contender.of(contender);
    manager = which.manager(256);
    cache = which.create(manager, "bench-" + value, 256);
    keys = new String[Workload.KEYS];
    missingKeys = new String[Workload.KEYS];
    values = new Object[Workload.KEYS];
    for (int i = 0; i < Workload.KEYS; i++) {
      keys[i] = Workload.key(i);
      missingKeys[i] = Workload.missingKey(i);
      values[i] = Workload.value(value, i);
      cache.put(keys[i], values[i]);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    manager.destroyCache(cache.getName());
    manager.close();
  }

  /** Each thread walks its own pre-drawn key sequences. */
  @State(Scope.Thread)
  public static class Cursor {
    int[] uniform;
    int[] skewed;
    int position;

    @Setup(Level.Trial)
    public void draw() {
      long seed = SEEDS.incrementAndGet();
      uniform = Workload.uniform(seed);
      skewed = Workload.zipf(seed);
    }

    int next() {
      return position++ & MASK;
    }
  }

  @Benchmark
  public Object getHit(Cursor cursor) {
    return cache.get(keys[cursor.uniform[cursor.next()]]);
  }

  @Benchmark
  public Object getMiss(Cursor cursor) {
    return cache.get(missingKeys[cursor.uniform[cursor.next()]]);
  }

  @Benchmark
  public void put(Cursor cursor) {
    int i = cursor.uniform[cursor.next()];
    cache.put(keys[i], values[i]);
  }

  /** Nine reads for each write, on Zipf-skewed keys. */
  @Benchmark
  public Object mixed90of10(Cursor cursor) {
    int n = cursor.next();
    int i = cursor.skewed[n];
    if (n % 10 == 0) {
      cache.put(keys[i], values[i]);
      return null;
    }
    return cache.get(keys[i]);
  }
}
