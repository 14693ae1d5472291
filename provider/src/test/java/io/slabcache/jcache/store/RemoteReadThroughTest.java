package io.slabcache.jcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.MemcachedProcesses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-through over memcached's vivify flags: many stores with clients of their own (as many JVMs
 * would have) miss the same key at once, and the backing store is asked once.
 */
class RemoteReadThroughTest {

  private static final int CALLERS = 8;
  private static final Duration SLOW_LOAD = Duration.ofMillis(300);

  private MemcachedProcesses servers;
  private final List<Store> stores = new ArrayList<>();
  private ExecutorService pool;

  @BeforeEach
  void start() {
    servers = MemcachedProcesses.start(2);
    for (int i = 0; i < CALLERS; i++) {
      stores.add(RemoteStore.connect(ClientConfig.of(servers.addresses())));
    }
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    stores.forEach(Store::close);
    servers.close();
  }

  @Test
  void oneCallerLoadsAndTheOthersGetItsValue() throws Exception {
    byte[] key = "popular".getBytes(StandardCharsets.UTF_8);
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch allAsking = new CountDownLatch(CALLERS);
    List<Future<String>> results = new ArrayList<>();
    for (Store store : stores) {
      results.add(
          pool.submit(
              () -> {
                allAsking.countDown();
                allAsking.await();
                try (ReadThrough read = store.readThrough(key)) {
                  if (!read.mustLoad()) {
                    return new String(read.item().value(), StandardCharsets.UTF_8);
                  }
                  loads.incrementAndGet();
                  // a slow backing store: the others ask while this load is under way
                  TimeUnit.MILLISECONDS.sleep(SLOW_LOAD.toMillis());
                  store.set(key, "loaded once".getBytes(StandardCharsets.UTF_8), 0);
                  return "loaded once";
                }
              }));
    }
    for (Future<String> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("loaded once");
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFailedLoadHandsTheKeyToTheNextCaller() throws Exception {
    byte[] key = "flaky".getBytes(StandardCharsets.UTF_8);
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger concurrentLoads = new AtomicInteger();
    AtomicInteger mostConcurrentLoads = new AtomicInteger();
    CountDownLatch allAsking = new CountDownLatch(CALLERS);
    List<Future<String>> results = new ArrayList<>();
    for (Store store : stores) {
      results.add(
          pool.submit(
              () -> {
                allAsking.countDown();
                allAsking.await();
                try (ReadThrough read = store.readThrough(key)) {
                  if (!read.mustLoad()) {
                    return new String(read.item().value(), StandardCharsets.UTF_8);
                  }
                  mostConcurrentLoads.accumulateAndGet(
                      concurrentLoads.incrementAndGet(), Math::max);
                  try {
                    TimeUnit.MILLISECONDS.sleep(SLOW_LOAD.toMillis() / 3);
                    if (loads.incrementAndGet() == 1) {
                      return "failed";
                    }
                    store.set(key, "second load".getBytes(StandardCharsets.UTF_8), 0);
                    return "second load";
                  } finally {
                    concurrentLoads.decrementAndGet();
                  }
                }
              }));
    }
    List<String> values = new ArrayList<>();
    for (Future<String> result : results) {
      values.add(result.get(10, TimeUnit.SECONDS));
    }
    assertThat(values).containsOnlyOnce("failed").contains("second load");
    assertThat(values).hasSize(CALLERS).containsOnly("failed", "second load");
    assertThat(loads).hasValue(2);
    assertThat(mostConcurrentLoads).hasValue(1);
  }

  @Test
  void leaseKeysStayOutOfEnumerations() {
    byte[] key = "listed".getBytes(StandardCharsets.UTF_8);
    Store store = stores.get(0);
    try (ReadThrough read = store.readThrough(key)) {
      assertThat(read.mustLoad()).isTrue();
      store.set(key, new byte[] {1}, 0);
      List<byte[]> keys = new ArrayList<>();
      store.keys(new byte[0], keys::add);
      assertThat(keys).usingElementComparator(java.util.Arrays::compare).containsExactly(key);
    }
  }
}
