package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanTest {

  private final ManualClock clock = new ManualClock();
  private final SlabEngine engine =
      SlabEngine.start(
          EngineConfig.builder().memoryLimitMegabytes(64).hashPowerInit(12).clock(clock).build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void visitsLiveItemsWithThePrefixOnly() {
    engine.set(bytes("users:1"), 0, 0, bytes("a"));
    engine.set(bytes("users:2"), 0, 5, bytes("b"));
    engine.set(bytes("orders:1"), 0, 0, bytes("c"));
    clock.advanceSeconds(6);

    List<String> keys = new ArrayList<>();
    engine.scan(0, bytes("users:"), item -> keys.add(text(item.key())));

    assertThat(keys).containsExactly("users:1");
  }

  @Test
  void visitsOneSlabClassWhenAsked() {
    engine.set(bytes("small"), 0, 0, new byte[10]);
    engine.set(bytes("large"), 0, 0, new byte[5000]);
    int largeClass = engine.get(bytes("large")).slabClass();

    List<String> keys = new ArrayList<>();
    engine.scan(largeClass, null, item -> keys.add(text(item.key())));

    assertThat(keys).containsExactly("large");
  }

  @Test
  void metadataCarriesWhatMetadumpPrints() {
    long cas = engine.set(bytes("k"), 5, 100, bytes("value")).cas();

    List<ItemView> seen = new ArrayList<>();
    engine.scan(0, null, seen::add);

    ItemView item = seen.get(0);
    assertThat(item.value()).isNull();
    assertThat(item.cas()).isEqualTo(cas);
    assertThat(item.flags()).isEqualTo(5);
    assertThat(item.expiresAt()).isEqualTo(clock.unixSeconds() + 100);
    assertThat(item.size()).isEqualTo(40 + 1 + 5);
  }

  @Test
  void seesEveryItemPresentThroughoutWhileWritersAndIndexGrowthRun() throws Exception {
    int stable = 20_000;
    for (int i = 0; i < stable; i++) {
      engine.set(bytes("stable:" + i), 0, 0, bytes("v"));
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; !stop.get() && i < 200_000; i++) {
                engine.set(bytes("churn:" + i), 0, 0, bytes("v"));
                engine.delete(bytes("churn:" + (i - 100)));
              }
            });
    writer.start();

    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    engine.scan(
        0,
        bytes("stable:"),
        item -> {
          if (!seen.add(text(item.key()))) {
            duplicates.add(text(item.key()));
          }
        });
    stop.set(true);
    writer.join();

    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(stable);
  }
}
