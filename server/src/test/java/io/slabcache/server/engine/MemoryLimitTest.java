package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryLimitTest {

  @Test
  void fillingTenTimesTheLimitEvictsAndKeepsWorking() {
    long limit = 16L * EngineConfig.MIB;
    try (SlabEngine engine = SlabEngine.start(EngineConfig.builder().memoryLimit(limit).build())) {
      byte[] value = new byte[100];
      long written = 0;
      int i = 0;
      while (written < 10 * limit) {
        ByteBuffer.wrap(value).putInt(i);
        StoreResult result = engine.set(bytes(String.format("key:%012d", i)), 0, 0, value);
        assertThat(result.status()).isEqualTo(StoreStatus.STORED);
        written += value.length + 16;
        i++;
      }

      Map<String, String> stats = engine.stats().general();
      assertThat(Long.parseLong(stats.get("evictions"))).isPositive();
      assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
          .isLessThanOrEqualTo(limit);
      ItemView newest = engine.get(bytes(String.format("key:%012d", i - 1)));
      assertThat(ByteBuffer.wrap(newest.value()).getInt()).isEqualTo(i - 1);
      assertThat(engine.get(bytes(String.format("key:%012d", 0)))).isNull();
    }
  }

  @Test
  void aNewSizeGetsAPageEvenWhenOneSizeFilledTheMemory() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(4).slabAutomove(0).build())) {
      for (int i = 0; i < 100_000; i++) {
        engine.set(bytes("small:" + i), 0, 0, new byte[50]);
      }

      StoreResult result = engine.set(bytes("large"), 0, 0, new byte[3000]);

      assertThat(result.status()).isEqualTo(StoreStatus.STORED);
      assertThat(engine.get(bytes("large")).value()).hasSize(3000);
      assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
          .isLessThanOrEqualTo(4L * EngineConfig.MIB);
    }
  }

  @Test
  void mixedSizesNeverExceedTheLimit() {
    long limit = 8L * EngineConfig.MIB;
    try (SlabEngine engine = SlabEngine.start(EngineConfig.builder().memoryLimit(limit).build())) {
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < 50_000; i++) {
        int size = 1 << random.nextInt(16);
        engine.set(bytes("k" + i), 0, 0, new byte[size]);
      }
      assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
          .isLessThanOrEqualTo(limit);
    }
  }

  @Test
  void withEvictionsOffAFullEngineRefusesNewItemsAndKeepsTheOldOnes() {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(2)
                .evictions(false)
                .slabAutomove(0)
                .build())) {
      int stored = 0;
      StoreResult result;
      do {
        result = engine.set(bytes("k" + stored), 0, 0, new byte[100]);
        if (result.stored()) {
          stored++;
        }
      } while (result.stored());

      assertThat(result.status()).isEqualTo(StoreStatus.NO_MEMORY);
      assertThat(engine.stats().general()).containsEntry("store_no_memory", "1");
      assertThat(engine.get(bytes("k0"))).isNotNull();
      assertThat(engine.get(bytes("k" + (stored - 1)))).isNotNull();
    }
  }

  @Test
  void heapStaysFlatWithAMillionItems() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(512).build())) {
      fill(engine, 0, 100_000);
      long afterFirstHundredThousand = usedHeapAfterGc(memory);

      fill(engine, 100_000, 1_000_000);
      long afterMillion = usedHeapAfterGc(memory);

      assertThat(engine.stats().general()).containsEntry("curr_items", "1000000");
      assertThat(afterMillion - afterFirstHundredThousand)
          .as("heap growth for 900,000 more items")
          .isLessThan(8L * EngineConfig.MIB);
    }
  }

  private static void fill(SlabEngine engine, int from, int to) {
    byte[] value = new byte[100];
    for (int i = from; i < to; i++) {
      engine.set(bytes(String.format("key:%012d", i)), 0, 0, value);
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
