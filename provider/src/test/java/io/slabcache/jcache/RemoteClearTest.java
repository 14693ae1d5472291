package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.Item;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.MemcachedProcesses;
import io.slabcache.client.ServerAddress;
import io.slabcache.client.SlabcacheServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code clear()} on shared servers while other clients read the entries as fast as they can (which
 * moves memcached's items between its LRUs and keeps them busy) and write new ones: every entry
 * there before the clear is gone when it returns, from every server, on stock memcached and on
 * Slabcache's server alike.
 */
class RemoteClearTest {

  private static final int ENTRIES = 20_000;
  private static final int READERS = 3;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private List<ServerAddress> servers(String kind) {
    if (kind.equals("memcached")) {
      MemcachedProcesses processes = MemcachedProcesses.start(2);
      resources.add(processes);
      return processes.addresses();
    }
    SlabcacheServers own = SlabcacheServers.start(2);
    resources.add(own);
    return own.addresses();
  }

  private CacheManager manager(URI uri) {
    SlabCachingProvider provider = new SlabCachingProvider();
    resources.add(provider);
    return provider.getCacheManager(uri, getClass().getClassLoader());
  }

  private static Cache<String, String> cache(CacheManager manager, String name) {
    Cache<String, String> cache = manager.getCache(name, String.class, String.class);
    return cache != null
        ? cache
        : manager.createCache(
            name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memcached", "slabcache"})
  void noEntryThereBeforeAClearSurvivesItWhileOthersReadAndWrite(String kind) throws Exception {
    List<ServerAddress> addresses = servers(kind);
    // generous timeouts: the test is about what survives, on a machine that may be busy
    URI uri = URI.create(RemoteCacheManagerTest.uri(addresses) + "?timeout=5000");
    Cache<String, String> cleared = cache(manager(uri), "cleared");
    Cache<String, String> kept = cache(manager(uri), "kept");
    Cache<String, String> writer = cache(manager(uri), "cleared");
    MemcachedClient raw =
        MemcachedClient.connect(
            ClientConfig.of(addresses).withOperationTimeout(Duration.ofSeconds(5)));
    resources.add(raw);
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < ENTRIES; i++) {
      entries.put("k" + i, "v" + i);
    }
    cleared.putAll(entries);
    kept.putAll(Map.of("a", "1", "b", "2"));
    List<byte[]> before = storeKeys(raw, "cleared");
    assertThat(before).hasSize(ENTRIES);

    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch busy = new CountDownLatch(READERS + 1);
    List<Future<?>> load = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      load.add(threads.submit(() -> readAtRandom(raw, before, busy, done)));
    }
    load.add(
        threads.submit(
            () -> {
              for (int n = 0; !done.get(); n++) {
                writer.put("new" + n, "written during the clear");
                if (n == 100) {
                  busy.countDown();
                }
              }
              return null;
            }));
    assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();

    cleared.clear();

    done.set(true);
    for (Future<?> running : load) {
      running.get(30, TimeUnit.SECONDS);
    }
    List<CompletableFuture<Item>> reads = new ArrayList<>();
    for (byte[] key : before) {
      reads.add(raw.get(key));
    }
    int survivors = 0;
    for (CompletableFuture<Item> read : reads) {
      if (read.get(10, TimeUnit.SECONDS) != null) {
        survivors++;
      }
    }
    assertThat(survivors).isZero();
    Set<String> left =
        storeKeys(raw, "cleared").stream().map(String::new).collect(Collectors.toSet());
    assertThat(left).doesNotContainAnyElementsOf(asStrings(before));
    assertThat(cleared.get("k1")).isNull();
    assertThat(kept.get("a")).isEqualTo("1");
    assertThat(kept.get("b")).isEqualTo("2");
  }

  /** Pipelined reads of random entries, which keep them busy and move them between LRUs. */
  private static Void readAtRandom(
      MemcachedClient raw, List<byte[]> keys, CountDownLatch busy, AtomicBoolean done)
      throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int round = 0; !done.get(); round++) {
      List<CompletableFuture<Item>> reads = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        reads.add(raw.get(keys.get(random.nextInt(keys.size()))));
      }
      for (CompletableFuture<Item> read : reads) {
        read.get(10, TimeUnit.SECONDS);
      }
      if (round == 20) {
        busy.countDown();
      }
    }
    return null;
  }

  private static List<byte[]> storeKeys(MemcachedClient raw, String cacheName) {
    List<byte[]> keys = new ArrayList<>();
    raw.keys(SharedNamespaces.of(cacheName), keys::add);
    return keys;
  }

  private static Set<String> asStrings(List<byte[]> keys) {
    Set<String> strings = new HashSet<>();
    keys.forEach(key -> strings.add(new String(key)));
    return strings;
  }
}
