package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentedLruTest {

  @Test
  void itemsReadRepeatedlySurviveAScanThatEvictsEverythingElse() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(4).slabAutomove(0).build())) {
      byte[] value = new byte[100];
      for (int i = 0; i < 100; i++) {
        engine.set(bytes("hot:" + i), 0, 0, value);
      }
      for (int i = 0; i < 300_000; i++) {
        engine.set(bytes("scan:" + i), 0, 0, value);
        if (i % 500 == 0) {
          for (int h = 0; h < 100; h++) {
            engine.get(bytes("hot:" + h));
          }
        }
      }

      int survivors = 0;
      for (int i = 0; i < 100; i++) {
        if (engine.get(bytes("hot:" + i)) != null) {
          survivors++;
        }
      }
      assertThat(survivors).isEqualTo(100);
      assertThat(engine.get(bytes("scan:0"))).isNull();
      Map<String, String> stats = engine.stats().general();
      assertThat(Long.parseLong(stats.get("evictions"))).isPositive();
      assertThat(Long.parseLong(stats.get("moves_to_warm"))).isPositive();
      assertThat(Long.parseLong(stats.get("moves_to_cold"))).isPositive();
    }
  }

  @Test
  void itemStatsSplitTheClassIntoItsLists() {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(8).lruMaintainer(false).build())) {
      for (int i = 0; i < 10; i++) {
        engine.set(bytes("k" + i), 0, 0, bytes("v"));
      }
      int cls = engine.get(bytes("k0")).slabClass();

      Map<String, String> items = engine.stats().items();

      assertThat(items)
          .containsEntry("items:" + cls + ":number", "10")
          .containsEntry("items:" + cls + ":number_hot", "10")
          .containsEntry("items:" + cls + ":number_cold", "0")
          .containsKey("items:" + cls + ":evicted_unfetched")
          .containsKey("items:" + cls + ":hits_to_hot");
      assertThat(engine.stats().slabs())
          .containsEntry(cls + ":used_chunks", "10")
          .containsEntry("active_slabs", "1")
          .containsEntry("total_malloced", Integer.toString(EngineConfig.MIB));
    }
  }
}
