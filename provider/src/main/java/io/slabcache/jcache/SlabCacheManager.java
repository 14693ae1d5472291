package io.slabcache.jcache;

import io.slabcache.client.ClientConfig;
import io.slabcache.jcache.store.EmbeddedStore;
import io.slabcache.jcache.store.RemoteStore;
import io.slabcache.jcache.store.Store;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A cache manager and the {@link Store} its caches share. Each cache lives under its own key
 * namespace in the store; the store's memory limit applies to them all. A manager of an embedded
 * engine hears of the engine's evictions, which it hands to the cache of the evicted key: so its
 * caches count evictions and may hold values by reference.
 *
 * <p>On an embedded engine the manager numbers its caches' namespaces and shares a compact
 * serializer between them, as nothing outlives it. On memcached servers, which other managers in
 * other JVMs share, a namespace is derived from the cache's name alone and values are written with
 * the {@linkplain StandardSerializer#INSTANCE standard serializer}, so that every manager on the
 * same servers reads the same cache. There, {@link #createCache} starts the cache empty only if no
 * other manager has it; otherwise it joins the cache with the entries it holds. {@link
 * #destroyCache} removes the cache from the servers for every manager.
 */
public final class SlabCacheManager implements CacheManager {

  private static final long DEFAULT_MEMORY_MEGABYTES = 64;

  private final SlabCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final Store store;
  private final LongSupplier clock;
  private final Evictions evictions;
  private final ExecutorService eventExecutor;
  private final ExecutorService loadExecutor;
  private final ConcurrentMap<String, SlabCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final Map<String, byte[]> namespaces = new HashMap<>();
  private final SharedNamespaces sharedNamespaces;
  private final StandardSerializer serializer;
  private volatile boolean closed;

  /**
   * @param evictions where the store's evictions are reported, or {@code null} if they are not (the
   *     caches then count none and cannot hold values by reference)
   */
  SlabCacheManager(
      SlabCachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      Store store,
      LongSupplier clock,
      boolean shared,
      Evictions evictions) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.store = store;
    this.clock = clock;
    this.evictions = evictions;
    this.sharedNamespaces = shared ? new SharedNamespaces(store) : null;
    // an embedded engine lives no longer than this manager, so its caches can share a compact
    // serializer; shared servers need bytes every JVM can read
    this.serializer = shared ? StandardSerializer.INSTANCE : StandardSerializer.compact();
    this.eventExecutor = Executors.newCachedThreadPool(daemons("slabcache-events"));
    this.loadExecutor = Executors.newCachedThreadPool(daemons("slabcache-loader"));
  }

  static SlabCacheManager open(
      SlabCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    if ("memcached".equalsIgnoreCase(uri.getScheme())) {
      Store remote;
      try {
        remote = RemoteStore.connect(ClientConfig.fromUri(uri));
      } catch (IllegalArgumentException e) {
        throw new CacheException(
            "cannot open a cache manager on " + uri + ": " + e.getMessage(), e);
      }
      return new SlabCacheManager(
          provider,
          uri,
          classLoader,
          properties,
          new FailureTranslatingStore(remote),
          System::currentTimeMillis,
          true,
          null);
    }
    return embedded(provider, uri, classLoader, properties);
  }

  /** A manager of its own engine, which reports evictions to the caches. */
  private static SlabCacheManager embedded(
      SlabCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    long megabytes = memoryMegabytes(properties);
    Evictions evictions = new Evictions();
    SlabEngine engine =
        SlabEngine.start(
            EngineConfig.builder()
                .memoryLimitMegabytes(megabytes)
                .evictionListener(evictions)
                .build());
    LongSupplier clock = engine.config().clock()::currentTimeMillis;
    return new SlabCacheManager(
        provider,
        uri,
        classLoader,
        properties,
        new EmbeddedStore(engine, true),
        clock,
        false,
        evictions);
  }

  private static long memoryMegabytes(Properties properties) {
    String value =
        properties.getProperty(
            SlabCachingProvider.MEMORY_MEGABYTES,
            System.getProperty(SlabCachingProvider.MEMORY_MEGABYTES));
    if (value == null) {
      return DEFAULT_MEMORY_MEGABYTES;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SlabCachingProvider.MEMORY_MEGABYTES + " must be a whole number, not " + value, e);
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The key namespace of a cache. Embedded, a number per cache name, as a varint, so that no
   * namespace is a prefix of another and keys stay short; a name keeps its number for the manager's
   * life. On shared servers, the namespace every manager derives from the name.
   */
  synchronized byte[] namespace(String cacheName) {
    if (sharedNamespaces != null) {
      return SharedNamespaces.of(cacheName);
    }
    return namespaces.computeIfAbsent(cacheName, name -> varint(namespaces.size() + 1)).clone();
  }

  private static byte[] varint(int value) {
    byte[] out = new byte[5];
    int length = 0;
    while ((value & ~0x7F) != 0) {
      out[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[length++] = (byte) value;
    return Arrays.copyOf(out, length);
  }

  /** The serializer of caches whose configuration names none. */
  StandardSerializer serializer() {
    return serializer;
  }

  /** The store the caches of this manager share. */
  Store store() {
    return store;
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    if (!configuration.isStoreByValue() && evictions == null) {
      // an object on this heap cannot follow an item another process may evict unseen
      throw new UnsupportedOperationException(
          "store-by-reference needs an embedded engine; " + uri + " is not one");
    }
    SlabcacheConfiguration<K, V> copy = SlabcacheConfiguration.of(configuration);
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("cache " + cacheName + " already exists");
      }
      // a new cache starts empty, whatever an earlier one left; on shared servers, a manager
      // that finds the cache there (created by another JVM) joins it instead
      boolean creates = sharedNamespaces == null || sharedNamespaces.register(cacheName);
      SlabCache<K, V> cache =
          new SlabCache<>(this, cacheName, copy, store, clock, eventExecutor, loadExecutor);
      if (creates) {
        cache.clearStore();
      }
      if (evictions != null) {
        cache.watchEvictions(evictions);
      }
      caches.put(cacheName, cache);
      return cache;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    SlabCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    Configuration<?, ?> configuration = cache.configuration();
    if (!configuration.getKeyType().equals(keyType)
        || !configuration.getValueType().equals(valueType)) {
      throw new ClassCastException(
          "cache "
              + cacheName
              + " holds "
              + configuration.getKeyType().getName()
              + " to "
              + configuration.getValueType().getName());
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) caches.get(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    checkOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    SlabCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.clearStore();
      cache.close();
      if (sharedNamespaces != null) {
        sharedNamespaces.unregister(cacheName);
      }
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    checkOpen();
    cache(cacheName).enableManagement(enabled);
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    checkOpen();
    cache(cacheName).enableStatistics(enabled);
  }

  private SlabCache<?, ?> cache(String cacheName) {
    Objects.requireNonNull(cacheName, "cacheName");
    SlabCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      throw new IllegalArgumentException("no cache named " + cacheName);
    }
    return cache;
  }

  /** Stops telling a closed cache of evictions. */
  void unwatchEvictions(byte[] namespace, Evictions.Sink sink) {
    if (evictions != null) {
      evictions.unregister(namespace, sink);
    }
  }

  /** Forgets a cache that closed. */
  void released(SlabCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    provider.released(this);
    List<SlabCache<?, ?>> open = new ArrayList<>(caches.values());
    for (SlabCache<?, ?> cache : open) {
      try {
        cache.close();
      } catch (RuntimeException e) {
        System.getLogger(SlabCacheManager.class.getName())
            .log(System.Logger.Level.WARNING, "closing cache " + cache.getName() + " failed", e);
      }
    }
    caches.clear();
    eventExecutor.shutdown();
    loadExecutor.shutdown();
    store.close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("cannot unwrap a cache manager to " + clazz.getName());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cache manager " + uri + " is closed");
    }
  }
}
