package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.jcache.store.EmbeddedStore;
import io.slabcache.jcache.store.Store;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several caches on the one engine of their manager. */
class SharedEngineTest {

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private final CacheManager manager = provider.getCacheManager();

  @AfterEach
  void close() {
    provider.close();
  }

  private Cache<String, String> cache(String name) {
    return manager.createCache(
        name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void theZeroConfigurationDefaultIsAnEmbeddedEngineOf64Megabytes() {
    CacheManager defaultManager = Caching.getCachingProvider().getCacheManager();
    try {
      assertThat(defaultManager).isInstanceOf(SlabCacheManager.class);
      assertThat(defaultManager.getURI()).isEqualTo(URI.create("slabcache:embedded"));
      EmbeddedStore store = (EmbeddedStore) defaultManager.unwrap(SlabCacheManager.class).store();
      assertThat(store.engine().config().memoryLimit()).isEqualTo(64L << 20);
    } finally {
      defaultManager.close();
    }
  }

  @Test
  void theManagerPropertiesSizeTheEngine() {
    Properties properties = new Properties();
    properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, "8");
    SlabCachingProvider other = new SlabCachingProvider();
    try {
      CacheManager sized = other.getCacheManager(URI.create("slabcache:sized"), null, properties);
      EmbeddedStore store = (EmbeddedStore) sized.unwrap(SlabCacheManager.class).store();
      assertThat(store.engine().config().memoryLimit()).isEqualTo(8L << 20);
    } finally {
      other.close();
    }
  }

  @Test
  void theSameKeyInTwoCachesIsTwoEntries() {
    Cache<String, String> a = cache("a");
    Cache<String, String> b = cache("b");

    a.put("k", "in a");
    b.put("k", "in b");

    assertThat(a.get("k")).isEqualTo("in a");
    assertThat(b.get("k")).isEqualTo("in b");
  }

  @Test
  void clearOfOneCacheLeavesTheOthers() {
    Cache<String, String> a = cache("a");
    Cache<String, String> ab = cache("ab"); // a name that starts with the other's
    for (int i = 0; i < 100; i++) {
      a.put("k" + i, "a" + i);
      ab.put("k" + i, "ab" + i);
    }

    a.clear();

    assertThat(a.iterator().hasNext()).isFalse();
    assertThat(ab.get("k7")).isEqualTo("ab7");
    assertThat(StreamSupport.stream(ab.spliterator(), false).count()).isEqualTo(100);
  }

  @Test
  void removeAllAndIterationSeeOnlyTheirOwnCache() {
    Cache<String, String> a = cache("a");
    Cache<String, String> b = cache("b");
    a.put("x", "1");
    b.put("y", "2");

    Map<String, String> seen = new HashMap<>();
    a.forEach(e -> seen.put(e.getKey(), e.getValue()));
    b.removeAll();

    assertThat(seen).containsExactly(Map.entry("x", "1"));
    assertThat(a.get("x")).isEqualTo("1");
    assertThat(b.get("y")).isNull();
  }

  @Test
  void aRecreatedCacheStartsEmpty() {
    Cache<String, String> first = cache("again");
    first.put("k", "old");
    manager.destroyCache("again");

    Cache<String, String> second = cache("again");

    assertThat(second.get("k")).isNull();
  }

  @Test
  void closingACacheDoesNotTouchItsNeighbours() {
    Cache<String, String> a = cache("a");
    Cache<String, String> b = cache("b");
    b.put("k", "v");

    a.close();

    assertThat(b.get("k")).isEqualTo("v");
    assertThat(manager.getCache("a")).isNull();
  }

  @Test
  void keysLongerThanMemcachedAllowsWork() {
    Cache<String, String> cache = cache("long");
    String shared = "k".repeat(400);
    String one = shared + "1";
    String two = shared + "2";

    cache.put(one, "first");
    cache.put(two, "second");

    assertThat(cache.get(one)).isEqualTo("first");
    assertThat(cache.get(two)).isEqualTo("second");
    Map<String, String> all = new HashMap<>();
    cache.forEach(e -> all.put(e.getKey(), e.getValue()));
    assertThat(all).containsOnly(Map.entry(one, "first"), Map.entry(two, "second"));
    assertThat(cache.remove(one)).isTrue();
    assertThat(cache.get(one)).isNull();
    assertThat(cache.get(two)).isEqualTo("second");
  }

  @Test
  void aCacheNameLongerThanAKeyWorks() {
    Cache<String, String> cache = cache("n".repeat(300));
    cache.put("k", "v");

    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(cache.iterator().next().getKey()).isEqualTo("k");
  }

  @Test
  void anItemThatIsNotAnEntryIsOverwrittenNotWaitedOn() {
    Cache<String, String> cache = cache("foreign");
    SlabCacheManager slab = manager.unwrap(SlabCacheManager.class);
    byte[] storeKey =
        new KeyCodec(slab.namespace("foreign"), Store.MAX_KEY_LENGTH)
            .encode(slab.serializer().serialize("k"))
            .storeKey();
    slab.store().set(storeKey, new byte[] {(byte) 0xEE}, 0);

    assertThat(cache.get("k")).isNull();
    assertThat(cache.putIfAbsent("k", "v")).isTrue();
    assertThat(cache.get("k")).isEqualTo("v");
  }
}
