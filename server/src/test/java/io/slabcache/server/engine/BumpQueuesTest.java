package io.slabcache.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads queue their bumps per thread; the maintainer drains them in order, and nothing else. */
class BumpQueuesTest {

  private final AtomicInteger wakeUps = new AtomicInteger();
  private final BumpQueues queues = new BumpQueues(wakeUps::incrementAndGet);
  private final List<String> drained = new ArrayList<>();

  private int drain() {
    return queues.drain((hash, address) -> drained.add(hash + "@" + address));
  }

  @Test
  void aRingHoldsItsCapacityInOrderThenRefuses() {
    for (int i = 0; i < BumpQueues.CAPACITY; i++) {
      assertThat(queues.offer(-i, i + 1)).isTrue();
    }
    assertThat(queues.offer(7, 7)).isFalse();
    assertThat(wakeUps).hasValue(1); // once, when it reached half

    assertThat(drain()).isEqualTo(BumpQueues.CAPACITY);
    assertThat(drained).hasSize(BumpQueues.CAPACITY).startsWith("0@1", "-1@2");
    assertThat(drained.get(BumpQueues.CAPACITY - 1))
        .isEqualTo(-(BumpQueues.CAPACITY - 1) + "@" + BumpQueues.CAPACITY);
    assertThat(queues.offer(7, 7)).isTrue();
    assertThat(drain()).isEqualTo(1);
    assertThat(drain()).isZero();
  }

  @Test
  void eachThreadQueuesInARingOfItsOwnAndAnEndedThreadsRingIsDrainedOnceMore()
      throws InterruptedException {
    queues.offer(1, 1);
    Thread other =
        new Thread(
            () -> {
              for (int i = 0; i < BumpQueues.CAPACITY; i++) {
                queues.offer(2, i + 1);
              }
            });
    other.start();
    other.join();
    // the other thread filled its ring; this thread's still has room
    assertThat(queues.offer(1, 2)).isTrue();

    assertThat(drain()).isEqualTo(BumpQueues.CAPACITY + 2);
    assertThat(drained).filteredOn(entry -> entry.startsWith("1@")).containsExactly("1@1", "1@2");
    assertThat(drain()).isZero();
  }

  @Test
  void addressesAboveTheSignBitSurviveTheRing() {
    queues.offer(Integer.MIN_VALUE, 0xfffffff8);
    drain();
    assertThat(drained).containsExactly(Integer.MIN_VALUE + "@" + 0xfffffff8);
  }
}
