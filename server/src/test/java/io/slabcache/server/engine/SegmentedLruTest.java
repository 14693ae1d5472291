package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.await;
import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
  void anItemReadTwiceInColdIsMovedToWarmByTheMaintainer() {
    // a clock that stands still, so that no list's age moves items, only their numbers
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(8).clock(new ManualClock()).build())) {
      int cls = setTenAndLetHotKeepTwo(engine);

      engine.get(bytes("k0"));
      engine.get(bytes("k0"));
      awaitItemStat(engine, cls, "number_warm", "1");
      assertThat(engine.stats().items())
          .containsEntry("items:" + cls + ":number_cold", "7")
          .containsEntry("items:" + cls + ":moves_to_warm", "1");
      assertThat(engine.stats().general()).containsEntry("lru_bumps_dropped", "0");
    }
  }

  @Test
  void anEmptyColdLetsHotKeepNothingOlderThanThisSecond() {
    ManualClock clock = new ManualClock();
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).clock(clock).build())) {
      // HOT's tail may be twice as old as COLD's: a second's wait moves nothing by age
      assertThat(engine.tuneLru(new LruTuning(20, 40, 2.0, 2.0))).isTrue();
      int cls = setTenAndLetHotKeepTwo(engine);
      for (int i = 0; i < 8; i++) {
        engine.delete(bytes("k" + i));
      }
      clock.advanceSeconds(1);

      // COLD has no tail: its age is 0, and 0 times any factor is 0
      awaitItemStat(engine, cls, "number_hot", "0");
      assertThat(engine.stats().items())
          .containsEntry("items:" + cls + ":number_cold", "2")
          .containsEntry("items:" + cls + ":moves_to_cold", "10");
    }
  }

  @Test
  void anActiveItemAtHotsTailGoesToWarmWhileHotIsWithinItsShare() {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(8).clock(new ManualClock()).build())) {
      int cls = setTenAndLetHotKeepTwo(engine);

      // k8 is HOT's tail; read twice it is active, and HOT, holding 2 of 10, is within its 20%
      engine.get(bytes("k8"));
      engine.get(bytes("k8"));
      awaitItemStat(engine, cls, "number_warm", "1");
      assertThat(engine.stats().items())
          .containsEntry("items:" + cls + ":number_hot", "1")
          .containsEntry("items:" + cls + ":moves_to_warm", "1");
    }
  }

  /**
   * An item changing lists is linked into the new one with only its own lock held, as in memcached:
   * a thread moving WARM's tail down to COLD while COLD's lock is taken lets go of WARM's before it
   * waits, so that a move the other way, from COLD to WARM, cannot deadlock with it.
   */
  @Test
  void aMoveBetweenListsWaitsForTheNextListHoldingNoOther() throws InterruptedException {
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(8)
                .lruMaintainer(false)
                .lruCrawler(false)
                .build())) {
      engine.set(bytes("k"), 0, 0, bytes("v"));
      engine.get(bytes("k"));
      engine.get(bytes("k"));
      int cls = engine.peek(bytes("k")).slabClass();
      Items items = engine.items();
      // nothing here expires and nothing was flushed: the time plays no part
      int now = 0;
      // k, active at HOT's tail, goes to WARM, where it is no longer active
      assertThat(items.juggleTail(cls | ItemLayout.HOT_LRU, 0, 0, now)).isTrue();
      ReentrantLock warm = items.lru().lock(cls | ItemLayout.WARM_LRU);
      ReentrantLock cold = items.lru().lock(cls | ItemLayout.COLD_LRU);

      Thread mover;
      cold.lock();
      try {
        mover = new Thread(() -> items.pullTail(cls | ItemLayout.WARM_LRU, Items.Pull.MOVE, now));
        mover.start();
        await(() -> cold.hasQueuedThread(mover), () -> "the mover to wait for COLD");
        assertThat(warm.isLocked()).as("WARM's lock, while the mover waits for COLD's").isFalse();
      } finally {
        cold.unlock();
      }
      mover.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(items.lru().size(cls | ItemLayout.WARM_LRU)).isZero();
      assertThat(items.lru().size(cls | ItemLayout.COLD_LRU)).isOne();
      assertThat(engine.stats().items()).containsEntry("items:" + cls + ":moves_to_cold", "1");
    }
  }

  /**
   * Sets k0 to k9 and waits for HOT to keep its share, 20%, the two newest: the oldest eight go
   * down to COLD, unread. The items' slab class.
   */
  private static int setTenAndLetHotKeepTwo(SlabEngine engine) {
    engine.set(bytes("k0"), 0, 0, bytes("v"));
    int cls = engine.peek(bytes("k0")).slabClass();
    // HOT's share is of the items there are: a juggle between two sets would move too many down
    ReentrantLock hot = engine.items().lru().lock(cls | ItemLayout.HOT_LRU);
    hot.lock();
    try {
      for (int i = 1; i < 10; i++) {
        engine.set(bytes("k" + i), 0, 0, bytes("v"));
      }
    } finally {
      hot.unlock();
    }
    awaitItemStat(engine, cls, "number_cold", "8");
    return cls;
  }

  private static void awaitItemStat(SlabEngine engine, int cls, String name, String value) {
    await(
        () -> value.equals(engine.stats().items().get("items:" + cls + ":" + name)),
        () -> name + " to become " + value + " in " + engine.stats().items());
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
          .containsKey("items:" + cls + ":evicted_unfetched")
          .containsKey("items:" + cls + ":hits_to_hot");
      // as memcached: the split by list is shown only when the maintainer thread runs
      assertThat(items).doesNotContainKey("items:" + cls + ":number_hot");
      assertThat(engine.stats().slabs())
          .containsEntry(cls + ":used_chunks", "10")
          .containsEntry("active_slabs", "1")
          .containsEntry("total_malloced", Integer.toString(EngineConfig.MIB));
    }
  }

  @Test
  void theMaintainerKeepsHotWithinTheShareLruTuneSets() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).build())) {
      for (int i = 0; i < 1000; i++) {
        engine.set(bytes("k" + i), 0, 0, bytes("v"));
      }
      int cls = engine.get(bytes("k0")).slabClass();
      awaitStat(engine, cls, "number_hot", n -> n <= 200);

      assertThat(engine.tuneLru(new LruTuning(50, 40, 0.2, 2.0))).isFalse();
      assertThat(engine.tuneLru(new LruTuning(20, 40, 0, 2.0))).isFalse();
      assertThat(engine.tuneLru(new LruTuning(2, 40, 0.2, 2.0))).isTrue();
      assertThat(engine.lruTuning()).isEqualTo(new LruTuning(2, 40, 0.2, 2.0));
      awaitStat(engine, cls, "number_hot", n -> n <= 20);
      assertThat(engine.stats().settings()).containsEntry("hot_lru_pct", "2");
    }
  }

  @Test
  void aFlatLruNeverMovesReadItemsToWarm() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).build())) {
      engine.set(bytes("before"), 0, 0, bytes("v"));
      int cls = engine.get(bytes("before")).slabClass();
      engine.lruSegmented(false);
      assertThat(engine.stats().settings()).containsEntry("lru_segmented", "no");
      // what HOT held drains into COLD
      awaitStat(engine, cls, "number_hot", n -> n == 0);

      engine.set(bytes("after"), 0, 0, bytes("v"));
      for (int i = 0; i < 5; i++) {
        assertThat(engine.get(bytes("after"))).isNotNull();
        assertThat(engine.get(bytes("before"))).isNotNull();
      }
      Map<String, String> items = engine.stats().items();
      assertThat(items)
          .containsEntry("items:" + cls + ":number_cold", "2")
          .containsEntry("items:" + cls + ":number_hot", "0")
          .containsEntry("items:" + cls + ":number_warm", "0")
          .containsEntry("items:" + cls + ":moves_to_warm", "0");

      engine.lruSegmented(true);
      engine.set(bytes("segmented"), 0, 0, bytes("v"));
      assertThat(engine.stats().items()).containsEntry("items:" + cls + ":number", "3");
    }
  }

  @Test
  void itemsWithATtlBelowTempTtlGoToTemp() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).build())) {
      engine.temporaryTtl(100);
      engine.set(bytes("short"), 0, 50, bytes("v"));
      engine.set(bytes("long"), 0, 500, bytes("v"));
      engine.set(bytes("never"), 0, 0, bytes("v"));
      int cls = engine.get(bytes("short")).slabClass();
      assertThat(engine.stats().items()).containsEntry("items:" + cls + ":number_temp", "1");
      assertThat(engine.stats().settings())
          .containsEntry("temp_lru", "yes")
          .containsEntry("temporary_ttl", "100");

      engine.temporaryTtl(-1);
      engine.set(bytes("short2"), 0, 50, bytes("v"));
      assertThat(engine.stats().settings())
          .containsEntry("temp_lru", "no")
          .containsEntry("temporary_ttl", "100");
      assertThat(engine.stats().items())
          .doesNotContainKey("items:" + cls + ":number_temp")
          .containsEntry("items:" + cls + ":number", "4");
    }
  }

  private static void awaitStat(
      SlabEngine engine, int cls, String name, java.util.function.LongPredicate condition) {
    String key = "items:" + cls + ":" + name;
    await(() -> condition.test(Long.parseLong(engine.stats().items().get(key))), () -> key);
  }
}
