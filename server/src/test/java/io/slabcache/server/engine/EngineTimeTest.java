package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's seconds: ticked once a second on the wall clock, read each time on any other. */
class EngineTimeTest {

  @Test
  void onATestClockTheTimeFollowsTheClockAtOnce() {
    ManualClock clock = new ManualClock();
    EngineTime time = new EngineTime(clock);
    int start = time.now();
    clock.advanceSeconds(5);
    assertThat(time.ticking()).isFalse();
    assertThat(time.now()).isEqualTo(start + 5);
  }

  @Test
  void onTheWallClockTheTimeMovesWhenTicked() {
    EngineTime time = new EngineTime(EngineClock.system());
    assertThat(time.ticking()).isTrue();
    long untilNextSecond = time.tick();
    assertThat(untilNextSecond).isBetween(1L, 1000L);
    long expected = System.currentTimeMillis() / 1000;
    assertThat(time.toUnix(time.now())).isBetween(expected - 1, expected);
  }

  @Test
  void anEngineOnTheWallClockSeesItemsExpireAsSecondsPass() throws InterruptedException {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).build())) {
      engine.set(bytes("k"), 0, 1, bytes("v"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (engine.get(bytes("k")) != null) {
        assertThat(System.nanoTime()).as("the item to expire").isLessThan(deadline);
        Thread.sleep(20);
      }
      // the clock thread may be a little late at a busy second, never ahead
      long expected = System.currentTimeMillis() / 1000;
      assertThat(engine.unixTime()).isBetween(expected - 2, expected);
    }
  }
}
