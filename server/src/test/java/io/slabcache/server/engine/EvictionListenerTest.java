package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

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
                .evictionListener(key -> assertThat(evicted.add(text(key))).isTrue())
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
}
