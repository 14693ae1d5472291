package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {

  private final ManualClock clock = new ManualClock();

  /** Without the maintainer and the crawler, only reads find expired items: counts are exact. */
  private final SlabEngine engine =
      SlabEngine.start(
          EngineConfig.builder()
              .memoryLimitMegabytes(8)
              .lruMaintainer(false)
              .lruCrawler(false)
              .clock(clock)
              .build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void relativeExptimeExpiresAfterThatManySeconds() {
    engine.set(bytes("k"), 0, 10, bytes("v"));

    clock.advanceSeconds(9);
    assertThat(valueOf(engine, "k")).isEqualTo("v");
    clock.advanceSeconds(1);
    assertThat(valueOf(engine, "k")).isNull();
    assertThat(engine.stats().general()).containsEntry("get_expired", "1");
  }

  @Test
  void thirtyDaysIsStillRelative() {
    engine.set(bytes("k"), 0, SlabEngine.REALTIME_MAXDELTA, bytes("v"));

    assertThat(engine.get(bytes("k")).ttl()).isEqualTo(SlabEngine.REALTIME_MAXDELTA);
  }

  @Test
  void aboveThirtyDaysIsAnAbsoluteUnixTime() {
    long at = clock.unixSeconds() + 100;
    engine.set(bytes("k"), 0, at, bytes("v"));

    ItemView item = engine.get(bytes("k"));
    assertThat(item.expiresAt()).isEqualTo(at);
    assertThat(item.ttl()).isEqualTo(100);
    clock.advanceSeconds(100);
    assertThat(engine.get(bytes("k"))).isNull();
  }

  @Test
  void absoluteTimeInThePastIsAlreadyExpired() {
    engine.set(bytes("k"), 0, SlabEngine.REALTIME_MAXDELTA + 1, bytes("v"));

    assertThat(engine.get(bytes("k"))).isNull();
  }

  @Test
  void negativeExptimeIsAlreadyExpiredAndRemovesTheOldValue() {
    engine.set(bytes("k"), 0, 0, bytes("old"));

    assertThat(engine.set(bytes("k"), 0, -1, bytes("v")).status()).isEqualTo(StoreStatus.STORED);
    assertThat(engine.get(bytes("k"))).isNull();
  }

  @Test
  void zeroNeverExpires() {
    engine.set(bytes("k"), 0, 0, bytes("v"));

    clock.advanceSeconds(365L * 24 * 3600);
    assertThat(valueOf(engine, "k")).isEqualTo("v");
  }

  @Test
  void flushAllInvalidatesEverythingStoredBefore() {
    engine.set(bytes("a"), 0, 0, bytes("1"));
    engine.set(bytes("b"), 0, 0, bytes("2"));

    engine.flushAll(0);
    engine.set(bytes("c"), 0, 0, bytes("3"));

    assertThat(valueOf(engine, "a")).isNull();
    assertThat(valueOf(engine, "b")).isNull();
    assertThat(valueOf(engine, "c")).isEqualTo("3");
    assertThat(engine.stats().general()).containsEntry("get_flushed", "2");
  }

  @Test
  void delayedFlushTakesEffectAtItsTime() {
    engine.set(bytes("a"), 0, 0, bytes("1"));

    engine.flushAll(10);
    clock.advanceSeconds(5);
    engine.set(bytes("b"), 0, 0, bytes("2"));
    assertThat(valueOf(engine, "a")).isEqualTo("1");
    clock.advanceSeconds(5);
    engine.set(bytes("c"), 0, 0, bytes("3"));

    assertThat(valueOf(engine, "a")).isNull();
    assertThat(valueOf(engine, "b")).isNull();
    assertThat(valueOf(engine, "c")).isEqualTo("3");
  }

  @Test
  void crawlerReclaimsExpiredItemsWithoutAnyRead() {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(8)
                .lruMaintainer(false)
                .clock(clock)
                .build())) {
      for (int i = 0; i < 100; i++) {
        engine.set(bytes("k" + i), 0, i < 60 ? 5 : 0, bytes("v"));
      }
      clock.advanceSeconds(6);

      engine.crawl();
      awaitCurrentItems(engine, "40");
      assertThat(engine.stats().general())
          .containsEntry("curr_items", "40")
          .containsEntry("crawler_reclaimed", "60");
    }
  }

  @Test
  void maintainerReclaimsExpiredItemsAtTheTails() {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(8)
                .lruCrawler(false)
                .clock(clock)
                .build())) {
      for (int i = 0; i < 100; i++) {
        engine.set(bytes("k" + i), 0, i < 60 ? 5 : 0, bytes("v"));
      }
      clock.advanceSeconds(6);

      awaitCurrentItems(engine, "40");
      assertThat(engine.stats().general()).containsEntry("reclaimed", "60");
    }
  }

  private static void awaitCurrentItems(SlabEngine engine, String expected) {

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!expected.equals(engine.stats().general().get("curr_items"))
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
