package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.MemcachedException;
import io.slabcache.client.MemcachedProcesses;
import io.slabcache.client.ServerAddress;
import io.slabcache.client.StoreMode;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
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
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
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
    CacheManager theirManager = second.getCacheManager(uri, getClass().getClassLoader());
    Cache<String, String> theirs =
        theirManager.createCache(
            "joined",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    assertThat(theirs.get("a")).isEqualTo("1");

    first.getCacheManager(uri, getClass().getClassLoader()).destroyCache("joined");

    assertThat(theirManager.getCache("joined")).isNull();
    assertThat(theirs.isClosed()).isTrue();
    assertThatThrownBy(() -> theirs.get("a")).isInstanceOf(IllegalStateException.class);
    assertThat(theirManager.getCacheNames()).isEmpty();
    Cache<String, String> recreated = cache(first, "joined");
    assertThat(recreated.iterator().hasNext()).isFalse();
    assertThat(cache(second, "joined").get("a")).isNull();
  }

  @Test
  void getCacheFindsACacheAnotherManagerCreatedWithItsConfiguration() {
    CacheManager mine = first.getCacheManager(uri, getClass().getClassLoader());
    mine.createCache(
            "catalog",
            new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR))
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(LengthLoader.class))
                .setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(NoWriter.class))
                .setStatisticsEnabled(true))
        .put("written", 7L);
    CacheManager theirs = second.getCacheManager(uri, getClass().getClassLoader());

    Cache<String, Long> found = theirs.getCache("catalog", String.class, Long.class);

    assertThat(found).isNotNull();
    assertThat(theirs.getCache("catalog", String.class, Long.class)).isSameAs(found);
    assertThat(theirs.getCacheNames()).containsExactly("catalog");
    @SuppressWarnings("unchecked")
    CompleteConfiguration<String, Long> configuration =
        found.getConfiguration(CompleteConfiguration.class);
    assertThat(configuration.getKeyType()).isEqualTo(String.class);
    assertThat(configuration.getValueType()).isEqualTo(Long.class);
    assertThat(configuration.isReadThrough()).isTrue();
    assertThat(configuration.isWriteThrough()).isTrue();
    assertThat(configuration.isStatisticsEnabled()).isTrue();
    assertThat(configuration.getExpiryPolicyFactory().create().getExpiryForCreation())
        .isEqualTo(Duration.ONE_HOUR);
    assertThat(found.get("written")).isEqualTo(7L);
    assertThat(found.get("loaded here")).isEqualTo(11L);
    assertThat(mine.getCache("catalog", String.class, Long.class).get("loaded here"))
        .isEqualTo(11L);
    assertThatThrownBy(() -> theirs.getCache("catalog", String.class, String.class))
        .isInstanceOf(ClassCastException.class);
    assertThat(theirs.<Object, Object>getCache("catalog")).isSameAs(found);
    assertThat(theirs.getCache("nobody created it")).isNull();
  }

  @Test
  void aCacheOpenInAnotherManagerIsClosedSoonAfterItIsDestroyedAndItsWritesReachNoNewCache()
      throws Exception {
    CacheManager mine = first.getCacheManager(uri, getClass().getClassLoader());
    cache(first, "short-lived").put("a", "1");
    Cache<String, String> theirs = cache(second, "short-lived");
    assertThat(theirs.get("a")).isEqualTo("1");

    mine.destroyCache("short-lived");
    Cache<String, String> recreated = cache(first, "short-lived");
    try {
      theirs.put("b", "written by a cache destroyed elsewhere");
    } catch (IllegalStateException e) {
      // it learnt of the destroy already
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!theirs.isClosed() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(theirs.isClosed()).isTrue();
    assertThat(recreated.get("a")).isNull();
    assertThat(recreated.get("b")).isNull();
    assertThat(cache(second, "short-lived")).isNotSameAs(theirs);
  }

  @Test
  void aConfigurationThisManagerCannotReadIsACacheException() {
    first
        .getCacheManager(uri, getClass().getClassLoader())
        .createCache(
            "foreign",
            new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(new LengthLoader())));
    ClassLoader withoutTheLoader =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(LengthLoader.class.getName())) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };
    CacheManager elsewhere = second.getCacheManager(uri, withoutTheLoader);

    assertThatThrownBy(() -> elsewhere.getCache("foreign"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("foreign")
        .hasMessageContaining(LengthLoader.class.getName());
    assertThat(elsewhere.getCacheNames()).isEmpty();
  }

  @Test
  void aCacheWhoseRegistrationTheServersLostLivesOn() throws Exception {
    Cache<String, String> mine = cache(first, "kept-alive");
    mine.put("a", "1");
    raw.delete(SharedNamespaces.registryKey("kept-alive"), 0).get(5, TimeUnit.SECONDS);

    CacheManager myManager = first.getCacheManager(uri, getClass().getClassLoader());
    assertThat(myManager.getCache("kept-alive", String.class, String.class)).isSameAs(mine);
    assertThat(mine.isClosed()).isFalse();
    Cache<String, String> theirs =
        second.getCacheManager(uri, getClass().getClassLoader()).getCache("kept-alive");
    assertThat(theirs.get("a")).isEqualTo("1");
  }

  /** A loader whose values are the lengths of the keys. */
  public static final class LengthLoader implements CacheLoader<String, Long>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Long load(String key) {
      return (long) key.length();
    }

    @Override
    public Map<String, Long> loadAll(Iterable<? extends String> keys) {
      Map<String, Long> loaded = new HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  /** A writer with nothing behind it. */
  public static final class NoWriter implements CacheWriter<String, Long> {
    @Override
    public void write(Cache.Entry<? extends String, ? extends Long> entry) {}

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Long>> entries) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {}
  }

  @Test
  void theDefaultUriCanNameTheServers() {
    System.setProperty(SlabCachingProvider.DEFAULT_URI_PROPERTY, uri.toString());
    try {
      CacheManager manager = first.getCacheManager();
      assertThat(manager.getURI()).isEqualTo(uri);
      manager.createCache("by-default", new MutableConfiguration<String, String>()).put("k", "v");
      assertThat(
              second
                  .getCacheManager(uri, getClass().getClassLoader())
                  .getCache("by-default")
                  .get("k"))
          .isEqualTo("v");
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
    // as if the first 8 bytes of the SHA-256 of "not-orders" and "orders" were the same
    cache(first, "not-orders");
    byte[] registration =
        raw.get(SharedNamespaces.registryKey("not-orders")).get(5, TimeUnit.SECONDS).value();
    raw.store(StoreMode.SET, SharedNamespaces.registryKey("orders"), registration, 0, 0, 0)
        .get(5, TimeUnit.SECONDS);

    assertThat(second.getCacheManager(uri, getClass().getClassLoader()).getCache("orders"))
        .isNull();
    assertThatThrownBy(() -> cache(second, "orders"))
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
