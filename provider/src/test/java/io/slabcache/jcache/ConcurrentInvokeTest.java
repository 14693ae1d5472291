package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * invoke() and the conditional operations are gets/cas loops: many threads on one key lose no
 * update, and of those that make the same conditional change exactly one succeeds.
 */
class ConcurrentInvokeTest {

  private static final int THREADS = 8;
  private static final int INCREMENTS = 2_000;

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    provider.close();
  }

  @Test
  void everyIncrementCounts() throws Exception {
    Cache<String, Long> cache =
        provider
            .getCacheManager()
            .createCache(
                "counters",
                new MutableConfiguration<String, Long>()
                    .setTypes(String.class, Long.class)
                    .setStatisticsEnabled(true));
    EntryProcessor<String, Long, Long> increment =
        (entry, args) -> {
          long next = (entry.exists() ? entry.getValue() : 0L) + 1;
          entry.setValue(next);
          return next;
        };
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          pool.submit(
              () -> {
                start.await();
                long last = 0;
                for (int i = 0; i < INCREMENTS; i++) {
                  long seen = cache.invoke("hot", increment);
                  assertThat(seen).isGreaterThan(last);
                  last = seen;
                }
                return last;
              }));
    }

    start.countDown();
    for (Future<Long> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }

    assertThat(cache.get("hot")).isEqualTo((long) THREADS * INCREMENTS);
    CacheStatistics statistics = cache.unwrap(SlabCache.class).statistics();
    assertThat(statistics.getCachePuts()).isEqualTo((long) THREADS * INCREMENTS);
  }

  @Test
  void concurrentReplaceOfTheSameOldValueHasOneWinner() throws Exception {
    Cache<String, String> cache =
        provider.getCacheManager().createCache("cas", new MutableConfiguration<>());
    assertOneWinnerPerRound(() -> cache.put("k", "old"), t -> cache.replace("k", "old", "new" + t));
  }

  @Test
  void concurrentPutIfAbsentHasOneWinner() throws Exception {
    Cache<String, String> cache =
        provider.getCacheManager().createCache("add", new MutableConfiguration<>());
    assertOneWinnerPerRound(() -> cache.remove("k"), t -> cache.putIfAbsent("k", "mine" + t));
  }

  @Test
  void concurrentRemoveOfTheSameOldValueHasOneWinner() throws Exception {
    Cache<String, String> cache =
        provider.getCacheManager().createCache("delete", new MutableConfiguration<>());
    assertOneWinnerPerRound(() -> cache.put("k", "old"), t -> cache.remove("k", "old"));
  }

  /** Rounds in which every thread makes the same conditional change: exactly one succeeds. */
  private void assertOneWinnerPerRound(Runnable setUp, IntPredicate attempt) throws Exception {
    for (int round = 0; round < 200; round++) {
      setUp.run();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return attempt.test(thread);
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> outcome : attempts) {
        winners += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    }
  }
}
