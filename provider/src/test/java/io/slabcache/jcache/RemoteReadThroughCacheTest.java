package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.client.MemcachedProcesses;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListenerFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read-through and loadAll on shared memcached servers: cache managers with clients of their own
 * (as many JVMs would have) miss the same keys at once, and the backing store is asked once per
 * key.
 */
class RemoteReadThroughCacheTest {

  private static final int MANAGERS = 6;
  private static final AtomicInteger LOADS = new AtomicInteger();
  private static final int KEYS = 12;
  private static final Map<String, AtomicInteger> LOADS_PER_KEY = new ConcurrentHashMap<>();
  private static final AtomicInteger BATCHES = new AtomicInteger();
  private static final AtomicBoolean FAIL_FIRST_BATCH = new AtomicBoolean();

  private MemcachedProcesses servers;
  private final List<SlabCachingProvider> providers = new ArrayList<>();
  private ExecutorService callers;

  @BeforeEach
  void start() {
    LOADS.set(0);
    LOADS_PER_KEY.clear();
    BATCHES.set(0);
    FAIL_FIRST_BATCH.set(false);
    servers = MemcachedProcesses.start(2);
    callers = Executors.newFixedThreadPool(MANAGERS);
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    providers.forEach(SlabCachingProvider::close);
    servers.close();
  }

  /** A backing store that takes its time, as a database under load would. */
  public static final class SlowLoader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      LOADS.incrementAndGet();
      try {
        TimeUnit.MILLISECONDS.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "loaded " + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException("not used");
    }
  }

  /**
   * A backing store read in batches, slowly, that counts the loads of each key; its first batch
   * fails when {@link #FAIL_FIRST_BATCH} is set.
   */
  public static final class SlowBatchLoader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      throw new UnsupportedOperationException("loaded one by one: " + key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      BATCHES.incrementAndGet();
      try {
        TimeUnit.MILLISECONDS.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (FAIL_FIRST_BATCH.compareAndSet(true, false)) {
        throw new IllegalStateException("the backing store is down");
      }
      Map<String, String> loaded = new HashMap<>();
      for (String key : keys) {
        LOADS_PER_KEY.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        loaded.put(key, "loaded " + key);
      }
      return loaded;
    }
  }

  private Cache<String, String> readThroughCache(URI uri) {
    return readThroughCache(uri, SlowLoader.class);
  }

  private Cache<String, String> readThroughCache(
      URI uri, Class<? extends CacheLoader<String, String>> loader) {
    SlabCachingProvider provider = new SlabCachingProvider();
    providers.add(provider);
    return provider
        .getCacheManager(uri, getClass().getClassLoader())
        .createCache(
            "products",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(loader)));
  }

  private List<Cache<String, String>> batchLoadingCaches() {
    URI uri = RemoteCacheManagerTest.uri(servers);
    List<Cache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < MANAGERS; i++) {
      caches.add(readThroughCache(uri, SlowBatchLoader.class));
    }
    return caches;
  }

  /** Runs one call per cache, all released at once; their outcomes in the order of the caches. */
  private <T> List<Future<T>> atOnce(List<Cache<String, String>> caches, CacheCall<T> call) {
    CountDownLatch ready = new CountDownLatch(caches.size());
    List<Future<T>> outcomes = new ArrayList<>();
    for (int i = 0; i < caches.size(); i++) {
      Cache<String, String> cache = caches.get(i);
      int index = i;
      outcomes.add(
          callers.submit(
              () -> {
                ready.countDown();
                ready.await();
                return call.apply(index, cache);
              }));
    }
    return outcomes;
  }

  private interface CacheCall<T> {
    T apply(int index, Cache<String, String> cache) throws Exception;
  }

  private static Set<String> keys(int first, int count) {
    Set<String> keys = new LinkedHashSet<>();
    for (int k = first; k < first + count; k++) {
      keys.add("sku-" + (k % KEYS));
    }
    return keys;
  }

  private static Map<String, String> loadedValues(Set<String> keys) {
    Map<String, String> values = new HashMap<>();
    keys.forEach(key -> values.put(key, "loaded " + key));
    return values;
  }

  @Test
  void managersMissingTheSameKeyAtOnceLoadItOnce() throws Exception {
    URI uri = RemoteCacheManagerTest.uri(servers);
    List<Cache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < MANAGERS; i++) {
      caches.add(readThroughCache(uri));
    }
    CountDownLatch ready = new CountDownLatch(MANAGERS);
    List<Future<String>> answers = new ArrayList<>();
    for (Cache<String, String> cache : caches) {
      answers.add(
          callers.submit(
              () -> {
                ready.countDown();
                ready.await();
                return cache.get("sku-42");
              }));
    }

    for (Future<String> answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("loaded sku-42");
    }
    assertThat(LOADS).hasValue(1);
    assertThat(caches.get(0).get("sku-42")).isEqualTo("loaded sku-42");
    assertThat(LOADS).hasValue(1);
  }

  @Test
  void managersGettingOverlappingKeysAtOnceLoadEachKeyOnceInBatches() throws Exception {
    List<Cache<String, String>> caches = batchLoadingCaches();
    caches.get(0).put("sku-3", "there already");

    List<Future<Map<String, String>>> answers =
        atOnce(caches, (i, cache) -> cache.getAll(keys(i * 2, 6)));

    for (int i = 0; i < MANAGERS; i++) {
      Map<String, String> expected = loadedValues(keys(i * 2, 6));
      if (expected.containsKey("sku-3")) {
        expected.put("sku-3", "there already");
      }
      assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    }
    assertThat(LOADS_PER_KEY).hasSize(KEYS - 1).doesNotContainKey("sku-3");
    assertThat(LOADS_PER_KEY.values()).allSatisfy(loads -> assertThat(loads).hasValue(1));
    assertThat(BATCHES.get()).isLessThan(KEYS - 1);
  }

  @Test
  void aFailedBatchReachesItsCallerAndReleasesItsKeysToTheOthers() throws Exception {
    List<Cache<String, String>> caches = batchLoadingCaches();
    FAIL_FIRST_BATCH.set(true);
    Set<String> keys = keys(0, 4);
    long start = System.nanoTime();

    List<Future<Map<String, String>>> answers = atOnce(caches, (i, cache) -> cache.getAll(keys));

    int failed = 0;
    for (Future<Map<String, String>> answer : answers) {
      try {
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(loadedValues(keys));
      } catch (ExecutionException e) {
        assertThat(e.getCause())
            .isInstanceOf(CacheLoaderException.class)
            .hasRootCauseMessage("the backing store is down");
        failed++;
      }
    }
    assertThat(failed).isEqualTo(1);
    // released at once, not left to expire with the lease time (10 s)
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(LOADS_PER_KEY.keySet()).isEqualTo(keys);
    assertThat(LOADS_PER_KEY.values()).allSatisfy(loads -> assertThat(loads).hasValue(1));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void managersLoadingTheSameKeysAtOnceLoadEachKeyOnce(boolean replaceExisting) throws Exception {
    List<Cache<String, String>> caches = batchLoadingCaches();
    caches.get(0).put("sku-1", "old");
    Set<String> keys = keys(0, KEYS);

    List<Future<CompletionListenerFuture>> loads =
        atOnce(
            caches,
            (i, cache) -> {
              CompletionListenerFuture done = new CompletionListenerFuture();
              cache.loadAll(keys, replaceExisting, done);
              done.get(30, TimeUnit.SECONDS);
              return done;
            });

    for (Future<CompletionListenerFuture> load : loads) {
      load.get(30, TimeUnit.SECONDS);
    }
    Map<String, String> expected = loadedValues(keys);
    if (!replaceExisting) {
      expected.put("sku-1", "old");
    }
    assertThat(caches.get(MANAGERS - 1).getAll(keys)).isEqualTo(expected);
    Set<String> loaded = new LinkedHashSet<>(keys);
    if (!replaceExisting) {
      loaded.remove("sku-1");
    }
    assertThat(LOADS_PER_KEY.keySet()).isEqualTo(loaded);
    assertThat(LOADS_PER_KEY.values()).allSatisfy(count -> assertThat(count).hasValue(1));
  }

  @Test
  void aFailedLoadAllTellsItsListenerAndLeavesNoKeyWaiting() throws Exception {
    List<Cache<String, String>> caches = batchLoadingCaches();
    FAIL_FIRST_BATCH.set(true);
    CompletionListenerFuture failed = new CompletionListenerFuture();

    caches.get(0).loadAll(keys(0, 3), false, failed);

    assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CacheLoaderException.class);
    long start = System.nanoTime();
    assertThat(caches.get(1).getAll(keys(0, 3))).isEqualTo(loadedValues(keys(0, 3)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  /** A backing store that answers at once. */
  public static final class QuickLoader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      return "loaded " + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  @Test
  void loadAllReplacesEntriesThatOthersKeepReading() throws Exception {
    URI uri = RemoteCacheManagerTest.uri(servers);
    List<Cache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SlabCachingProvider provider = new SlabCachingProvider();
      providers.add(provider);
      // access expiry: every read writes the entry's deadline again, and so changes its CAS unique
      caches.add(
          provider
              .getCacheManager(uri, getClass().getClassLoader())
              .createCache(
                  "touched",
                  new MutableConfiguration<String, String>()
                      .setTypes(String.class, String.class)
                      .setExpiryPolicyFactory(
                          AccessedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR))
                      .setCacheLoaderFactory(FactoryBuilder.factoryOf(QuickLoader.class))));
    }
    Cache<String, String> loading = caches.get(0);
    AtomicBoolean done = new AtomicBoolean();
    List<Future<?>> readers = new ArrayList<>();
    for (Cache<String, String> reading : caches.subList(1, 3)) {
      readers.add(
          callers.submit(
              () -> {
                while (!done.get()) {
                  reading.get("hot");
                }
                return null;
              }));
    }
    try {
      for (int round = 0; round < 50; round++) {
        loading.put("hot", "old");
        CompletionListenerFuture loaded = new CompletionListenerFuture();
        loading.loadAll(Set.of("hot"), true, loaded);
        loaded.get(10, TimeUnit.SECONDS);
        assertThat(loading.get("hot")).as("round %d", round).isEqualTo("loaded hot");
      }
    } finally {
      done.set(true);
      for (Future<?> reader : readers) {
        reader.get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void eachMissingKeyIsLoadedOnceAndOnlyOnce() throws Exception {
    URI uri = RemoteCacheManagerTest.uri(servers);
    Cache<String, String> one = readThroughCache(uri);
    Cache<String, String> other = readThroughCache(uri);

    assertThat(one.get("a")).isEqualTo("loaded a");
    assertThat(other.get("a")).isEqualTo("loaded a");
    assertThat(other.get("b")).isEqualTo("loaded b");
    assertThat(one.get("b")).isEqualTo("loaded b");

    assertThat(LOADS).hasValue(2);
  }
}
