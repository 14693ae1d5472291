package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EvictionListenerTest {

  @Test
  void everyEvictedKeyIsReportedOnceAndNothingElse() {
    Set<String> evicted = ConcurrentHashMap.newKeySet();
    ManualClock clock = new ManualClock();
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(4)
                .slabAutomove(0)
                .clock(clock)
                .evictionListener(item -> assertThat(evicted.add(text(item.key()))).isTrue())
                .build())) {
      engine.set(bytes("deleted"), 0, 0, bytes("v"));
      engine.delete(bytes("deleted"));
      engine.set(bytes("expired"), 0, 1, bytes("v"));
      clock.advanceSeconds(2);
      int written = 100_000;
      for (int i = 0; i < written; i++) {
        engine.set(bytes(String.format("k%06d", i)), 0, 0, new byte[100]);
      }

      int present = 0;
      for (int i = 0; i < written; i++) {
        String key = String.format("k%06d", i);
        boolean found = engine.get(bytes(key)) != null;
        present += found ? 1 : 0;
        assertThat(evicted.contains(key)).as(key).isEqualTo(!found);
      }
      assertThat(evicted).doesNotContain("deleted", "expired");
      assertThat(evicted).hasSize(written - present);
      assertThat(engine.stats().general())
          .containsEntry("evictions", Integer.toString(written - present));
    }
  }

  @Test
  void theListenerIsToldWhatTheItemWasWhenItWent() {
    Map<String, EvictedItem> evicted = new ConcurrentHashMap<>();
    ManualClock clock = new ManualClock();
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(4)
                .slabAutomove(0)
                .clock(clock)
                .evictionListener(item -> evicted.put(text(item.key()), item))
                .build())) {
      // the same class as the items that follow, so that they push these two out
      engine.set(bytes("fetched"), 0, 1000, new byte[100]);
      engine.set(bytes("ignored"), 0, 0, new byte[100]);
      int cls = engine.get(bytes("fetched")).slabClass();
      clock.advanceSeconds(7);
      for (int i = 0;
          !evicted.keySet().containsAll(Set.of("fetched", "ignored")) && i < 200_000;
          i++) {
        engine.set(bytes(String.format("k%06d", i)), 0, 0, new byte[100]);
      }

      assertThat(evicted.get("fetched"))
          .isNotNull()
          .satisfies(
              item -> {
                assertThat(item.fetched()).isTrue();
                assertThat(item.ttl()).isEqualTo(993);
                assertThat(item.secondsSinceAccess()).isEqualTo(7);
                assertThat(item.slabClass()).isEqualTo(cls);
                assertThat(item.valueLength()).isEqualTo(100);
              });
      EvictedItem ignored = evicted.get("ignored");
      assertThat(ignored.fetched()).isFalse();
      assertThat(ignored.ttl()).isEqualTo(-1);
      assertThat(ignored.secondsSinceAccess()).isEqualTo(7);
      assertThat(ignored.valueLength()).isEqualTo(100);
    }
  }
}
