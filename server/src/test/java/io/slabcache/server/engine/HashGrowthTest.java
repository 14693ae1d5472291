package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HashGrowthTest {

  @Test
  void indexGrowsWhileReadersAndWritersKeepFindingEveryItem() throws Exception {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(128).hashPowerInit(12).build())) {
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicReference<String> missing = new AtomicReference<>();
      Thread reader =
          new Thread(
              () -> {
                for (int round = 0; writing.get() && missing.get() == null; round++) {
                  for (int i = 0; i < 1000; i++) {
                    if (engine.get(bytes("fixed:" + i)) == null) {
                      missing.set("fixed:" + i + " in round " + round);
                    }
                  }
                }
              });
      for (int i = 0; i < 1000; i++) {
        engine.set(bytes("fixed:" + i), 0, 0, bytes("v"));
      }
      reader.start();
      for (int i = 0; i < 300_000; i++) {
        engine.set(bytes("grow:" + i), 0, 0, bytes("v"));
      }
      writing.set(false);
      reader.join();

      assertThat(missing.get()).isNull();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (Integer.parseInt(engine.stats().general().get("hash_power_level")) < 18
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(Integer.parseInt(engine.stats().general().get("hash_power_level")))
          .isGreaterThanOrEqualTo(18);
      for (int i = 0; i < 300_000; i += 7) {
        assertThat(engine.get(bytes("grow:" + i))).as("grow:" + i).isNotNull();
      }
    }
  }
}
