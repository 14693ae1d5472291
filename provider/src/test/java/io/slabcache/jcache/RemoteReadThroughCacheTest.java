package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.client.MemcachedProcesses;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-through on shared memcached servers: cache managers with clients of their own (as many JVMs
 * would have) miss the same key at once, and the backing store is asked once.
 */
class RemoteReadThroughCacheTest {

  private static final int MANAGERS = 6;
  private static final AtomicInteger LOADS = new AtomicInteger();

  private MemcachedProcesses servers;
  private final List<SlabCachingProvider> providers = new ArrayList<>();
  private ExecutorService callers;

  @BeforeEach
  void start() {
    LOADS.set(0);
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

  private Cache<String, String> readThroughCache(URI uri) {
    SlabCachingProvider provider = new SlabCachingProvider();
    providers.add(provider);
    return provider
        .getCacheManager(uri, getClass().getClassLoader())
        .createCache(
            "products",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(SlowLoader.class)));
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
