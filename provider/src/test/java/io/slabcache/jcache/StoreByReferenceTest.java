package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.jcache.store.EmbeddedStore;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caches that store values by reference: the objects stay on the heap while the engine has items.
 */
class StoreByReferenceTest {

  private final SlabCachingProvider provider = new SlabCachingProvider();

  @AfterEach
  void close() {
    provider.close();
  }

  /** A mutable value: equal by content, so only identity tells a copy from the original. */
  static final class Box implements Serializable {
    private static final long serialVersionUID = 1L;

    int content;

    Box(int content) {
      this.content = content;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Box box && box.content == content;
    }

    @Override
    public int hashCode() {
      return content;
    }
  }

  private static MutableConfiguration<Integer, Box> byReference() {
    return new MutableConfiguration<Integer, Box>()
        .setTypes(Integer.class, Box.class)
        .setStoreByValue(false)
        .setStatisticsEnabled(true);
  }

  private static SlabCache<Integer, Box> slab(Cache<Integer, Box> cache) {
    return cache.unwrap(SlabCache.class);
  }

  @Test
  void theProviderOffersStoreByReference() {
    assertThat(provider.isSupported(OptionalFeature.STORE_BY_REFERENCE)).isTrue();
  }

  @Test
  void theCacheReturnsTheObjectItWasGivenWithItsLaterChanges() {
    Cache<Integer, Box> cache = provider.getCacheManager().createCache("ref", byReference());
    Box box = new Box(1);

    cache.put(1, box);
    box.content = 2;

    assertThat(cache.get(1)).isSameAs(box);
    assertThat(cache.get(1).content).isEqualTo(2);
    assertThat(cache.getAndPut(1, new Box(3))).isSameAs(box);
    assertThat(cache.iterator().next().getValue()).isEqualTo(new Box(3));
  }

  @Test
  void storeByValueStillCopies() {
    Cache<Integer, Box> cache =
        provider
            .getCacheManager()
            .createCache(
                "val", new MutableConfiguration<Integer, Box>().setTypes(Integer.class, Box.class));
    Box box = new Box(1);

    cache.put(1, box);
    box.content = 2;

    assertThat(cache.get(1)).isNotSameAs(box).isEqualTo(new Box(1));
  }

  @Test
  void everyRemovalDropsTheObject() {
    Cache<Integer, Box> cache = provider.getCacheManager().createCache("ref", byReference());
    for (int i = 0; i < 10; i++) {
      cache.put(i, new Box(i));
    }
    assertThat(slab(cache).referencedValues()).isEqualTo(10);

    cache.remove(0);
    cache.remove(1, new Box(1));
    cache.getAndRemove(2);
    cache.invoke(
        3,
        (entry, args) -> {
          entry.remove();
          return null;
        });
    cache.removeAll(Set.of(4, 5));
    cache.replace(6, new Box(60));
    assertThat(slab(cache).referencedValues()).isEqualTo(4);
    assertThat(cache.get(6)).isEqualTo(new Box(60));

    assertThat(slab(cache).referencedKeys()).isEqualTo(4);

    cache.clear();
    assertThat(slab(cache).referencedValues()).isZero();
    assertThat(slab(cache).referencedKeys()).isZero();
    assertThat(cache.iterator().hasNext()).isFalse();
  }

  @Test
  void expiredEntriesDropTheirObjectsWhenSeen() {
    MutableConfiguration<Integer, Box> configuration =
        byReference()
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 50)));
    Cache<Integer, Box> cache = provider.getCacheManager().createCache("ref", configuration);
    cache.put(1, new Box(1));
    cache.put(2, new Box(2));

    awaitTrue(() -> cache.get(1) == null);
    awaitTrue(() -> !cache.iterator().hasNext()); // the iterator sees key 2 expired

    assertThat(slab(cache).referencedValues()).isZero();
  }

  @Test
  void closingTheCacheDropsItsObjects() {
    CacheManager manager = provider.getCacheManager();
    Cache<Integer, Box> cache = manager.createCache("ref", byReference());
    cache.put(1, new Box(1));
    SlabCache<Integer, Box> slab = slab(cache);

    cache.close();

    assertThat(slab.referencedValues()).isZero();
    assertThat(manager.createCache("ref", byReference()).get(1)).isNull();
  }

  @Test
  void underMemoryPressureTheEngineDecidesWhichObjectsStay() {
    Properties properties = new Properties();
    properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, "4");
    CacheManager manager =
        provider.getCacheManager(URI.create("slabcache:small"), null, properties);
    Cache<Integer, Box> cache = manager.createCache("ref", byReference());
    List<Box> boxes = new ArrayList<>();
    int count = 400_000; // far more small items than 4 MB hold

    for (int i = 0; i < count; i++) {
      Box box = new Box(i);
      boxes.add(box);
      cache.put(i, box);
    }

    assertThat(cache.get(0)).isNull();
    assertThat(cache.get(count - 1)).isSameAs(boxes.get(count - 1));
    int live = 0;
    for (Cache.Entry<Integer, Box> entry : cache) {
      assertThat(entry.getValue()).isSameAs(boxes.get(entry.getKey()));
      live++;
    }
    assertThat(live).isPositive().isLessThan(count / 2);
    // no object outlives its item: the heap table holds exactly the live entries
    assertThat(slab(cache).referencedValues()).isEqualTo(live);
    assertThat(slab(cache).referencedKeys()).isEqualTo(live);
    assertThat(slab(cache).statistics().getCacheEvictions()).isEqualTo(count - live);
  }

  @Test
  void concurrentWritersUnderPressureLeaveNoObjectBehindItsItem() throws Exception {
    Properties properties = new Properties();
    properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, "4");
    CacheManager manager =
        provider.getCacheManager(URI.create("slabcache:small"), null, properties);
    Cache<Integer, Box> cache = manager.createCache("ref", byReference());
    int keys = 200_000;
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int seed = w;
        done.add(
            writers.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int i = 0; i < 300_000; i++) {
                    int key = random.nextInt(keys);
                    if (i % 10 == 0) {
                      cache.remove(key);
                    } else {
                      cache.put(key, new Box(key));
                    }
                  }
                }));
      }
      for (Future<?> writer : done) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }

    int live = 0;
    for (Cache.Entry<Integer, Box> entry : cache) {
      assertThat(entry.getValue()).isEqualTo(new Box(entry.getKey()));
      live++;
    }
    assertThat(live).isPositive().isLessThan(keys);
    assertThat(slab(cache).referencedValues()).isEqualTo(live);
    assertThat(slab(cache).referencedKeys()).isEqualTo(live);
  }

  /** A key that cannot be serialized: by reference, only its equals and hashCode matter. */
  record Name(String text, Object notSerializable) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Name name && name.text.equals(text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }
  }

  @Test
  void keysAreHeldByReferenceAndFoundByEquals() {
    Cache<Name, Box> cache =
        provider
            .getCacheManager()
            .createCache(
                "names",
                new MutableConfiguration<Name, Box>()
                    .setTypes(Name.class, Box.class)
                    .setStoreByValue(false));
    Name key = new Name("a", new Object());
    Box box = new Box(1);

    cache.put(key, box);

    assertThat(cache.get(new Name("a", new Object()))).isSameAs(box);
    assertThat(cache.iterator().next().getKey()).isSameAs(key);
    assertThat(cache.putIfAbsent(new Name("a", null), new Box(2))).isFalse();
    assertThat(cache.remove(new Name("a", null))).isTrue();
    assertThat(cache.get(key)).isNull();
    assertThat(cache.unwrap(SlabCache.class).referencedKeys()).isZero();
  }

  @Test
  void aManagerThatIsNotToldOfEvictionsRefusesStoreByReference() {
    SlabEngine engine = SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(4).build());
    SlabCacheManager manager =
        new SlabCacheManager(
            provider,
            URI.create("slabcache:unwatched"),
            getClass().getClassLoader(),
            new Properties(),
            new EmbeddedStore(engine, true),
            System::currentTimeMillis,
            false,
            null);
    try {
      assertThatThrownBy(() -> manager.createCache("ref", byReference()))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("store-by-reference");
      assertThat(manager.createCache("val", new MutableConfiguration<>()).getName())
          .isEqualTo("val");
    } finally {
      manager.close();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
