package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SlabRebalanceTest {

  private static int pages(SlabEngine engine, int cls) {
    String pages = engine.stats().slabs().get(cls + ":total_pages");
    return pages == null ? 0 : Integer.parseInt(pages);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void reassignMovesAPageRescuingWhatFitsElsewhereAndEvictingTheRest() {
    java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(16)
                .slabAutomove(0)
                .evictionListener(item -> reported.incrementAndGet())
                .build())) {
      for (int i = 0; i < 30_000; i++) {
        engine.set(bytes("small:" + i), 0, 0, new byte[50]);
      }
      engine.set(bytes("large"), 0, 0, new byte[5000]);
      int small = engine.get(bytes("small:0")).slabClass();
      int large = engine.get(bytes("large")).slabClass();
      int before = pages(engine, small);

      assertThat(engine.reassign(small, large)).isEqualTo(ReassignStatus.OK);
      await(() -> pages(engine, small) == before - 1);

      assertThat(pages(engine, small)).isEqualTo(before - 1);
      assertThat(pages(engine, large)).isEqualTo(2);
      int remaining = 0;
      for (int i = 0; i < 30_000; i++) {
        ItemView item = engine.get(bytes("small:" + i));
        if (item != null) {
          assertThat(item.value()).hasSize(50);
          remaining++;
        }
      }
      long evicted = Long.parseLong(engine.stats().general().get("slab_reassign_evictions_nomem"));
      long rescued = Long.parseLong(engine.stats().general().get("slab_reassign_rescues"));
      assertThat(remaining + evicted).isEqualTo(30_000);
      assertThat(rescued).isPositive();
      assertThat(evicted).isPositive();
      assertThat(reported.get()).isEqualTo(evicted);
      assertThat(engine.stats().general()).containsEntry("slabs_moved", "1");
    }
  }

  @Test
  void reassignRefusesWhatMemcachedRefuses() {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(16).slabAutomove(0).build())) {
      assertThat(engine.reassign(1, 1)).isEqualTo(ReassignStatus.NOTSAME);
      assertThat(engine.reassign(-1, -1)).isEqualTo(ReassignStatus.NOTSAME);
      assertThat(engine.reassign(1, 200)).isEqualTo(ReassignStatus.BADCLASS);
      assertThat(engine.reassign(-2, 1)).isEqualTo(ReassignStatus.BADCLASS);
      // no class has a page to spare for -1 to pick: memcached finds its pick out of range
      assertThat(engine.reassign(-1, 5)).isEqualTo(ReassignStatus.BADCLASS);
      assertThat(engine.reassign(1, 2)).isEqualTo(ReassignStatus.NOSPARE);
      // class 0 is the global page pool, a valid end that holds no pages here
      assertThat(engine.reassign(0, 2)).isEqualTo(ReassignStatus.NOSPARE);
      assertThat(engine.reassign(1, 0)).isEqualTo(ReassignStatus.NOSPARE);
    }
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(16).slabReassign(false).build())) {
      assertThat(engine.reassign(1, 2)).isEqualTo(ReassignStatus.DISABLED);
    }
  }

  @Test
  void automoveGivesPagesToAClassThatStarvesWhenTheWorkloadShifts() {
    ManualClock clock = new ManualClock();
    try (SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder().memoryLimitMegabytes(8).slabAutomove(1).clock(clock).build())) {
      for (int i = 0; i < 200_000; i++) {
        engine.set(bytes("old:" + i), 0, 0, new byte[50]);
      }
      int small = engine.get(bytes("old:199999")).slabClass();
      clock.advanceSeconds(3600);

      engine.set(bytes("new:0"), 0, 0, new byte[2000]);
      int large = engine.get(bytes("new:0")).slabClass();
      int startPages = pages(engine, large);
      long deadline = System.nanoTime() + 20_000_000_000L;
      for (int i = 1; pages(engine, large) < startPages + 2 && System.nanoTime() < deadline; i++) {
        engine.set(bytes("new:" + i), 0, 0, new byte[2000]);
      }

      assertThat(pages(engine, large)).isGreaterThanOrEqualTo(startPages + 2);
      assertThat(pages(engine, small)).isLessThan(8);
    }
  }
}
