package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.MemcachedException;
import io.slabcache.client.MemcachedProcesses;
import io.slabcache.client.ServerAddress;
import io.slabcache.client.StoreMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caches on a pool of three stock memcached servers, opened by two cache managers with clients of
 * their own, as two JVMs would open them.
 */
class RemoteCacheManagerTest {

  private MemcachedProcesses servers;
  private URI uri;
  private SlabCachingProvider first;
  private SlabCachingProvider second;
  private MemcachedClient raw;

  @BeforeEach
  void start() {
    servers = MemcachedProcesses.start(3);
    uri = uri(servers);
    first = new SlabCachingProvider();
    second = new SlabCachingProvider();
    raw = MemcachedClient.connect(ClientConfig.fromUri(uri));
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
    raw.close();
    servers.close();
  }

  static URI uri(MemcachedProcesses servers) {
    return uri(servers.addresses());
  }

  static URI uri(List<ServerAddress> servers) {
    return URI.create(
        "memcached://"
            + servers.stream()
                .map(address -> address.host() + ":" + address.port())
                .collect(Collectors.joining(",")));
  }

  private Cache<String, String> cache(SlabCachingProvider provider, String name) {
    CacheManager manager = provider.getCacheManager(uri, getClass().getClassLoader());
    Cache<String, String> cache = manager.getCache(name, String.class, String.class);
    if (cache == null) {
      cache =
          manager.createCache(
              name,
              new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    }
    return cache;
  }

  @Test
  void twoManagersSeeEachOthersPutsRemovesAndClears() {
    Cache<String, String> mine = cache(first, "shared");
    Cache<String, String> theirs = cache(second, "shared");

    mine.put("a", "1");
    mine.put("b", "2");
    assertThat(theirs.get("a")).isEqualTo("1");

    theirs.put("a", "changed");
    assertThat(mine.get("a")).isEqualTo("changed");

    assertThat(theirs.remove("b")).isTrue();
    assertThat(mine.containsKey("b")).isFalse();

    assertThat(mine.replace("a", "changed", "again")).isTrue();
    assertThat(theirs.get("a")).isEqualTo("again");

    theirs.put("c", "3");
    mine.clear();
    assertThat(theirs.get("a")).isNull();
    assertThat(theirs.get("c")).isNull();
    assertThat(theirs.iterator().hasNext()).isFalse();
  }

  @Test
  void aManagerJoinsTheCacheAnotherCreatedAndDestroyingItEmptiesItForEveryone() {
    cache(first, "joined").put("a", "1");

    Cache<String, String> theirs = cache(second, "joined");
    assertThat(theirs.get("a")).isEqualTo("1");

    first.getCacheManager(uri, getClass().getClassLoader()).destroyCache("joined");
    assertThat(theirs.get("a")).isNull();

    theirs.put("b", "written after the destroy");
    Cache<String, String> recreated = cache(first, "joined");
    assertThat(recreated.iterator().hasNext()).isFalse();
  }

  @Test
  void theDefaultUriCanNameTheServers() {
    System.setProperty(SlabCachingProvider.DEFAULT_URI_PROPERTY, uri.toString());
    try {
      CacheManager manager = first.getCacheManager();
      assertThat(manager.getURI()).isEqualTo(uri);
      manager.createCache("by-default", new MutableConfiguration<String, String>()).put("k", "v");
      assertThat(cache(second, "by-default").get("k")).isEqualTo("v");
    } finally {
      System.clearProperty(SlabCachingProvider.DEFAULT_URI_PROPERTY);
    }
    assertThat(second.getDefaultURI()).hasToString(SlabCachingProvider.DEFAULT_URI);
  }

  @Test
  void clearLeavesOtherCachesAndOtherApplicationsKeys() throws Exception {
    Cache<String, String> cleared = cache(first, "cleared");
    Cache<String, String> kept = cache(first, "kept");
    byte[] foreignKey = "app:user:1".getBytes(StandardCharsets.US_ASCII);
    raw.store(StoreMode.SET, foreignKey, "theirs".getBytes(StandardCharsets.US_ASCII), 0, 0, 0)
        .get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 50; i++) {
      cleared.put("k" + i, "v" + i);
      kept.put("k" + i, "v" + i);
    }

    cleared.clear();

    assertThat(cleared.iterator().hasNext()).isFalse();
    assertThat(cache(second, "cleared").get("k1")).isNull();
    assertThat(StreamSupport.stream(kept.spliterator(), false).count()).isEqualTo(50);
    assertThat(cache(second, "kept").get("k1")).isEqualTo("v1");
    assertThat(raw.get(foreignKey).get(5, TimeUnit.SECONDS).value())
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo("theirs");
  }

  @Test
  void iteratorAndRemoveAllReachEveryServerOfThePool() throws Exception {
    Cache<String, String> cache = cache(first, "spread");
    Set<String> written = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      cache.put("key" + i, "value" + i);
      written.add("key" + i);
    }
    Set<ServerAddress> holding = new HashSet<>();
    raw.keys(SharedNamespaces.of("spread"), key -> holding.add(raw.serverFor(key)));
    assertThat(holding).containsExactlyInAnyOrderElementsOf(servers.addresses());

    Set<String> iterated = new HashSet<>();
    cache(second, "spread").forEach(entry -> iterated.add(entry.getKey()));
    assertThat(iterated).isEqualTo(written);

    cache(second, "spread").removeAll();

    assertThat(cache.iterator().hasNext()).isFalse();
    Set<byte[]> left = new HashSet<>();
    raw.keys(SharedNamespaces.of("spread"), left::add);
    assertThat(left).isEmpty();
  }

  @Test
  void keysLongerThanMemcachedAllowsAreHashedAndFoundByTheOtherManager() {
    String longKey = "k".repeat(400);
    String almostTooLong = "x".repeat(170);
    cache(first, "long").put(longKey, "far");
    cache(first, "long").put(almostTooLong, "near");

    assertThat(cache(second, "long").get(longKey)).isEqualTo("far");
    assertThat(cache(second, "long").get(almostTooLong)).isEqualTo("near");
    Map<String, String> all =
        StreamSupport.stream(cache(second, "long").spliterator(), false)
            .collect(Collectors.toMap(Cache.Entry::getKey, Cache.Entry::getValue));
    assertThat(all).containsOnly(Map.entry(longKey, "far"), Map.entry(almostTooLong, "near"));
  }

  @Test
  void aCacheNameThatFindsAnotherNameInItsNamespaceIsRefused() throws Exception {
    byte[] registry = SharedNamespaces.registryKey(SharedNamespaces.of("orders"));
    raw.store(StoreMode.SET, registry, "not-orders".getBytes(StandardCharsets.UTF_8), 0, 0, 0)
        .get(5, TimeUnit.SECONDS);

    assertThatThrownBy(() -> cache(first, "orders"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("not-orders");
  }

  @Test
  void aServerThatIsDownIsACacheExceptionNotAWrongAnswer() {
    Cache<String, String> cache = cache(first, "fragile");
    IntStream.range(0, 30).forEach(i -> cache.put("k" + i, "v" + i));
    servers.kill(1);

    Set<Class<?>> failures = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      try {
        assertThat(cache.get("k" + i)).isEqualTo("v" + i);
      } catch (RuntimeException e) {
        failures.add(e.getClass());
        assertThat(e)
            .isInstanceOf(CacheException.class)
            .hasCauseInstanceOf(MemcachedException.class);
      }
    }
    assertThat(failures).containsExactly(CacheException.class);
    assertThatThrownBy(cache::clear).isInstanceOf(CacheException.class);
  }
}
