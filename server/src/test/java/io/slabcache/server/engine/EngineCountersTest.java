package io.slabcache.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-thread counting adds up across threads, those still running and those that have ended. */
class EngineCountersTest {

  private final EngineCounters counters = new EngineCounters(3);

  @Test
  void countsOfManyThreadsAddUp() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  counters.count(EngineCounter.CMD_GET);
                  counters.count(2, ClassCounter.GET_HITS);
                  counters.addBytes(3, 5);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    counters.count(EngineCounter.CMD_GET);

    assertThat(counters.get(EngineCounter.CMD_GET)).isEqualTo(80_001);
    assertThat(counters.get(2, ClassCounter.GET_HITS)).isEqualTo(80_000);
    assertThat(counters.get(1, ClassCounter.GET_HITS)).isZero();
    assertThat(counters.sum(ClassCounter.GET_HITS)).isEqualTo(80_000);
    assertThat(counters.bytes(3)).isEqualTo(400_000);
    assertThat(counters.totalBytes()).isEqualTo(400_000);
  }

  @Test
  void threadsThatEndedKeepTheirCountsWhenNewThreadsArrive() throws InterruptedException {
    for (int t = 0; t < 50; t++) {
      Thread thread = new Thread(() -> counters.count(EngineCounter.CMD_FLUSH));
      thread.start();
      thread.join();
    }
    assertThat(counters.get(EngineCounter.CMD_FLUSH)).isEqualTo(50);
  }

  @Test
  void aGaugeMovedByTwoThreadsNetsOut() throws InterruptedException {
    counters.addBytes(1, 100);
    Thread other = new Thread(() -> counters.addBytes(1, -100));
    other.start();
    other.join();
    assertThat(counters.bytes(1)).isZero();
  }

  @Test
  void virtualThreadsShareOneArray() throws Throwable {
    MethodHandle startVirtual = VirtualThreadsTest.startVirtualThread();
    assumeTrue(startVirtual != null, "this Java has no virtual threads");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 10_000; t++) {
      Runnable count = () -> counters.count(EngineCounter.CMD_GET);
      threads.add((Thread) startVirtual.invokeExact(count));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(counters.get(EngineCounter.CMD_GET)).isEqualTo(10_000);
    assertThat(counters.threadArrays()).isZero();
  }

  @Test
  void resetZeroesCountersButNotGauges() throws InterruptedException {
    counters.count(EngineCounter.CMD_GET);
    counters.count(1, ClassCounter.GET_HITS);
    counters.addBytes(1, 64);
    Thread other = new Thread(() -> counters.count(EngineCounter.CMD_GET));
    other.start();
    other.join();

    counters.reset();
    assertThat(counters.get(EngineCounter.CMD_GET)).isZero();
    assertThat(counters.get(1, ClassCounter.GET_HITS)).isZero();
    assertThat(counters.bytes(1)).isEqualTo(64);

    counters.count(EngineCounter.CMD_GET);
    assertThat(counters.get(EngineCounter.CMD_GET)).isEqualTo(1);
  }
}
