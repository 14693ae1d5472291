package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Several threads run random mixed operations over shared keys for a few seconds; afterwards the
 * invariants must hold: counters add up exactly, CAS loops lose no update, every value read matches
 * the checksum written with it, and the memory limit was never passed.
 */
class ConcurrencyStressTest {

  private static final int THREADS = 4;
  private static final long DURATION = TimeUnit.SECONDS.toNanos(3);
  private static final int COUNTERS = 16;
  private static final int CAS_KEYS = 16;
  private static final int DATA_KEYS = 2000;

  private final AtomicLong increments = new AtomicLong();
  private final AtomicLong casUpdates = new AtomicLong();
  private final AtomicLong checkedReads = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  @Test
  void invariantsHoldUnderRandomConcurrentLoad() throws Exception {
    long limit = 16L * EngineConfig.MIB;
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimit(limit).slabAutomove(0).build())) {
      for (int i = 0; i < COUNTERS; i++) {
        engine.set(bytes("counter:" + i), 0, 0, bytes("0"));
      }
      for (int i = 0; i < CAS_KEYS; i++) {
        engine.set(bytes("cas:" + i), 0, 0, bytes("0"));
      }

      List<Thread> threads = new ArrayList<>();
      long end = System.nanoTime() + DURATION;
      for (int t = 0; t < THREADS; t++) {
        Thread thread = new Thread(() -> work(engine, end));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(failures).isEmpty();
      long counted = 0;
      for (int i = 0; i < COUNTERS; i++) {
        counted += Long.parseLong(text(engine.get(bytes("counter:" + i)).value()).trim());
      }
      assertThat(counted).isEqualTo(increments.get());
      long swapped = 0;
      for (int i = 0; i < CAS_KEYS; i++) {
        swapped += Long.parseLong(text(engine.get(bytes("cas:" + i)).value()));
      }
      assertThat(swapped).isEqualTo(casUpdates.get());
      assertThat(checkedReads.get()).isPositive();
      assertThat(Long.parseLong(engine.stats().general().get("evictions"))).isPositive();
      assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
          .isLessThanOrEqualTo(limit);
    }
  }

  /** Aggressive automove moves pages between classes under the same load; values stay intact. */
  @Test
  void valuesStayIntactWhilePagesMoveBetweenClasses() throws Exception {
    long limit = 8L * EngineConfig.MIB;
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimit(limit).slabAutomove(2).build())) {
      engine.set(bytes("probe:small"), 0, 0, new byte[100]);
      engine.set(bytes("probe:large"), 0, 0, new byte[5000]);
      int smallClass = engine.get(bytes("probe:small")).slabClass();
      int largeClass = engine.get(bytes("probe:large")).slabClass();
      List<Thread> threads = new ArrayList<>();
      long end = System.nanoTime() + DURATION;
      for (int t = 0; t < THREADS; t++) {
        Thread thread =
            new Thread(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (System.nanoTime() < end) {
                    String key = "data:" + random.nextInt(20_000);
                    if (random.nextBoolean()) {
                      checkedRead(engine, key);
                    } else {
                      int size = random.nextInt(4) == 0 ? 5000 : 100;
                      engine.set(bytes(key), 0, 0, checksummed(random, size));
                    }
                    if (random.nextInt(5_000) == 0) {
                      engine.reassign(-1, random.nextBoolean() ? smallClass : largeClass);
                    }
                  }
                });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(failures).isEmpty();
      assertThat(checkedReads.get()).isPositive();
      assertThat(Long.parseLong(engine.stats().general().get("slabs_moved"))).isPositive();
      assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
          .isLessThanOrEqualTo(limit);
    }
  }

  private void work(SlabEngine engine, long end) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      while (System.nanoTime() < end) {
        int op = random.nextInt(100);
        if (op < 15) {
          if (engine.incr(bytes("counter:" + random.nextInt(COUNTERS)), 1).ok()) {
            increments.incrementAndGet();
          }
        } else if (op < 25) {
          casIncrement(engine, "cas:" + random.nextInt(CAS_KEYS));
        } else if (op < 60) {
          checkedRead(engine, "data:" + random.nextInt(DATA_KEYS));
        } else if (op < 90) {
          int size = 8 + (random.nextBoolean() ? random.nextInt(200) : random.nextInt(20_000));
          engine.set(bytes("data:" + random.nextInt(DATA_KEYS)), 0, 0, checksummed(random, size));
        } else if (op < 95) {
          engine.delete(bytes("data:" + random.nextInt(DATA_KEYS)));
        } else {
          engine.touch(bytes("data:" + random.nextInt(DATA_KEYS)), random.nextInt(1000));
        }
      }
    } catch (RuntimeException | AssertionError e) {
      failures.add(e.toString());
    }
  }

  private void casIncrement(SlabEngine engine, String key) {
    while (true) {
      ItemView item = engine.get(bytes(key));
      long next = Long.parseLong(text(item.value())) + 1;
      StoreResult result = engine.cas(bytes(key), 0, 0, bytes(Long.toString(next)), item.cas());
      if (result.stored()) {
        casUpdates.incrementAndGet();
        return;
      }
      if (result.status() != StoreStatus.EXISTS) {
        failures.add("cas on " + key + " returned " + result.status());
        return;
      }
    }
  }

  private void checkedRead(SlabEngine engine, String key) {
    ItemView item = engine.get(bytes(key));
    if (item == null) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(item.value());
    long expected = buffer.getLong();
    CRC32 crc = new CRC32();
    crc.update(item.value(), 8, item.value().length - 8);
    if (crc.getValue() != expected) {
      failures.add("checksum mismatch on " + key);
    }
    checkedReads.incrementAndGet();
  }

  private static byte[] checksummed(ThreadLocalRandom random, int size) {
    byte[] value = new byte[size];
    random.nextBytes(value);
    CRC32 crc = new CRC32();
    crc.update(value, 8, size - 8);
    ByteBuffer.wrap(value).putLong(0, crc.getValue());
    return value;
  }
}
