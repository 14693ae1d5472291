package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Properties;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.management.CacheStatisticsMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CacheEvictions counts, per cache, the entries the engine evicted for room. */
class EvictionStatisticsTest {

  private static final int MEGABYTES = 4;
  private static final int VALUE_SIZE = 1000;

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private CacheManager manager;

  @BeforeEach
  void smallEngine() {
    Properties properties = new Properties();
    properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, Integer.toString(MEGABYTES));
    manager = provider.getCacheManager(URI.create("slabcache:small"), null, properties);
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private Cache<Integer, byte[]> cache(String name) {
    return manager.createCache(
        name,
        new MutableConfiguration<Integer, byte[]>()
            .setTypes(Integer.class, byte[].class)
            .setStatisticsEnabled(true));
  }

  private static CacheStatisticsMXBean statistics(Cache<?, ?> cache) {
    return cache.unwrap(SlabCache.class).statistics();
  }

  private static long live(Cache<?, ?> cache) {
    return StreamSupport.stream(cache.spliterator(), false).count();
  }

  @Test
  void evictionsAreCountedOnTheCacheThatLostTheEntries() {
    Cache<Integer, byte[]> quiet = cache("quiet");
    Cache<Integer, byte[]> busy = cache("busy");
    int quietCount = 100;
    for (int i = 0; i < quietCount; i++) {
      quiet.put(i, new byte[VALUE_SIZE]);
    }
    int busyCount = MEGABYTES * 10 * 1024 * 1024 / VALUE_SIZE;

    for (int i = 0; i < busyCount; i++) {
      busy.put(i, new byte[VALUE_SIZE]);
    }

    long busyEvictions = statistics(busy).getCacheEvictions();
    assertThat(busyEvictions).isPositive().isEqualTo(busyCount - live(busy));
    assertThat(statistics(quiet).getCacheEvictions()).isEqualTo(quietCount - live(quiet));
  }

  @Test
  void aCacheWithoutPressureCountsNoEvictions() {
    Cache<Integer, byte[]> busy = cache("busy");
    Cache<Integer, byte[]> quiet = cache("quiet");
    for (int i = 0; i < MEGABYTES * 10 * 1024; i++) {
      busy.put(i, new byte[VALUE_SIZE]);
    }

    for (int i = 0; i < 100; i++) {
      quiet.put(i, new byte[VALUE_SIZE]);
    }

    assertThat(statistics(busy).getCacheEvictions()).isPositive();
    assertThat(live(quiet)).isEqualTo(100);
    assertThat(statistics(quiet).getCacheEvictions()).isZero();
  }

  @Test
  void evictionsOfAClosedCacheAreNotCountedOnAnother() {
    Cache<Integer, byte[]> gone = cache("gone");
    for (int i = 0; i < 1000; i++) {
      gone.put(i, new byte[VALUE_SIZE]);
    }
    gone.close();
    Cache<Integer, byte[]> busy = cache("busy");
    int busyCount = MEGABYTES * 10 * 1024 * 1024 / VALUE_SIZE;

    for (int i = 0; i < busyCount; i++) {
      busy.put(i, new byte[VALUE_SIZE]);
    }

    assertThat(statistics(busy).getCacheEvictions()).isEqualTo(busyCount - live(busy));
  }

  @Test
  void clearedStatisticsCountAgainFromZero() {
    Cache<Integer, byte[]> busy = cache("busy");
    int busyCount = MEGABYTES * 10 * 1024 * 1024 / VALUE_SIZE;
    for (int i = 0; i < busyCount; i++) {
      busy.put(i, new byte[VALUE_SIZE]);
    }
    long before = busyCount - live(busy);

    statistics(busy).clear();
    for (int i = busyCount; i < 2 * busyCount; i++) {
      busy.put(i, new byte[VALUE_SIZE]);
    }

    assertThat(statistics(busy).getCacheEvictions())
        .isEqualTo(2L * busyCount - live(busy) - before);
  }
}
