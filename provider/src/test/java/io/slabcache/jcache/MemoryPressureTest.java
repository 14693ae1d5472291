package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * More data than the engine's memory: the engine evicts its least recently used items, and a JCache
 * user sees misses for them, never an error.
 */
class MemoryPressureTest {

  private static final int MEGABYTES = 4;
  private static final int VALUE_SIZE = 1000;

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private CacheManager manager;

  @AfterEach
  void close() {
    provider.close();
  }

  private CacheManager smallEngine() {
    Properties properties = new Properties();
    properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, Integer.toString(MEGABYTES));
    manager = provider.getCacheManager(URI.create("slabcache:small"), null, properties);
    return manager;
  }

  private Cache<Integer, byte[]> cache(String name) {
    return manager.createCache(
        name, new MutableConfiguration<Integer, byte[]>().setTypes(Integer.class, byte[].class));
  }

  @Test
  void puttingTenTimesTheMemoryEvictsTheOldestEntriesQuietly() {
    smallEngine();
    Cache<Integer, byte[]> cache = cache("big");
    int count = MEGABYTES * 10 * 1024 * 1024 / VALUE_SIZE;

    for (int i = 0; i < count; i++) {
      cache.put(i, value(i));
    }

    assertThat(cache.get(0)).isNull();
    assertThat(cache.containsKey(0)).isFalse();
    assertThat(cache.get(count - 1)).isEqualTo(value(count - 1));
    long live = StreamSupport.stream(cache.spliterator(), false).count();
    assertThat(live).isPositive().isLessThan(count / 5);
    for (Cache.Entry<Integer, byte[]> entry : cache) {
      assertThat(entry.getValue()).isEqualTo(value(entry.getKey()));
    }
  }

  @Test
  void theLimitAppliesToAllCachesTogether() {
    smallEngine();
    Cache<Integer, byte[]> early = cache("early");
    Cache<Integer, byte[]> late = cache("late");
    for (int i = 0; i < 1000; i++) {
      early.put(i, value(i));
    }
    assertThat(early.get(0)).isEqualTo(value(0));

    for (int i = 0; i < MEGABYTES * 10 * 1024; i++) {
      late.put(i, value(i));
    }

    long earlyLive = StreamSupport.stream(early.spliterator(), false).count();
    assertThat(earlyLive).isLessThan(1000);
  }

  @Test
  void evictionsAreNotReportedAsRemovals() {
    smallEngine();
    Cache<Integer, byte[]> cache = cache("observed");
    Counting.created.set(0);
    Counting.removed.set(0);
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<Integer, byte[]>(
            FactoryBuilder.factoryOf(Counting.class), null, false, true));
    int count = MEGABYTES * 4 * 1024 * 1024 / VALUE_SIZE;

    for (int i = 0; i < count; i++) {
      cache.put(i, value(i));
    }

    assertThat(Counting.created.get()).isEqualTo(count);
    assertThat(Counting.removed.get()).isZero();
    assertThat(cache.get(0)).isNull();
  }

  private static byte[] value(int i) {
    byte[] value = new byte[VALUE_SIZE];
    value[0] = (byte) i;
    value[VALUE_SIZE - 1] = (byte) (i >> 8);
    return value;
  }

  /** Counts created and removed events. */
  public static final class Counting
      implements CacheEntryCreatedListener<Integer, byte[]>,
          CacheEntryRemovedListener<Integer, byte[]>,
          CacheEntryListener<Integer, byte[]> {
    static final AtomicInteger created = new AtomicInteger();
    static final AtomicInteger removed = new AtomicInteger();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends Integer, ? extends byte[]>> events) {
      events.forEach(e -> created.incrementAndGet());
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends Integer, ? extends byte[]>> events) {
      events.forEach(e -> removed.incrementAndGet());
    }
  }
}
