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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 * other JVMs share, values are written with the {@linkplain StandardSerializer#INSTANCE standard
 * serializer} and the servers keep a {@linkplain CacheRegistry registry} of the caches on them,
 * with the configuration each was created with, so that every manager on the same servers reads the
 * same caches. There, {@link #createCache} creates the cache empty only if no other manager has it;
 * otherwise it joins the cache with the entries it holds. {@link #getCache(String)} finds a cache
 * another manager created, with its configuration. {@link #getCacheNames} lists the caches this
 * manager has created or obtained: the servers keep no index of names that could be listed without
 * walking every item. {@link #destroyCache} removes the cache from the servers for every manager.
 * As other managers may destroy a cache, {@code getCache} and {@code getCacheNames} ask the servers
 * (a small read per cache) whether the caches open here still exist, and a manager checks its open
 * caches once a second too.
 */
public final class SlabCacheManager implements CacheManager {

  private static final long DEFAULT_MEMORY_MEGABYTES = 64;

  /** How often a manager of shared servers checks that its caches were not destroyed elsewhere. */
  private static final long REGISTRY_CHECK_MILLIS = 1000;

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
  private final CacheRegistry registry;
  private final Map<String, CacheRegistry.Registration> registrations = new ConcurrentHashMap<>();
  private final ScheduledExecutorService registryCheck;
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
    this.registry = shared ? new CacheRegistry(store) : null;
    // an embedded engine lives no longer than this manager, so its caches can share a compact
    // serializer; shared servers need bytes every JVM can read
    this.serializer = shared ? StandardSerializer.INSTANCE : StandardSerializer.compact();
    this.eventExecutor = Executors.newCachedThreadPool(daemons("slabcache-events"));
    this.loadExecutor = Executors.newCachedThreadPool(daemons("slabcache-loader"));
    if (shared) {
      this.registryCheck =
          Executors.newSingleThreadScheduledExecutor(daemons("slabcache-registry"));
      registryCheck.scheduleWithFixedDelay(
          this::closeCachesDestroyedElsewhere,
          REGISTRY_CHECK_MILLIS,
          REGISTRY_CHECK_MILLIS,
          TimeUnit.MILLISECONDS);
    } else {
      this.registryCheck = null;
    }
  }

  /**
   * Opens the manager of {@code uri}: a {@code memcached://} pool, a configuration file that says
   * where the caches live (see {@link ConfigurationFile}), or else an embedded engine. The manager
   * keeps {@code uri} as its URI whichever it is.
   */
  static SlabCacheManager open(
      SlabCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    URI location = uri;
    if (ConfigurationFile.isNamedBy(uri)) {
      ConfigurationFile file = ConfigurationFile.read(uri, classLoader);
      location = file.location();
      properties = file.under(properties);
    }
    if ("memcached".equalsIgnoreCase(location.getScheme())) {
      Store remote;
      try {
        remote = RemoteStore.connect(ClientConfig.fromUri(location));
      } catch (IllegalArgumentException e) {
        throw new CacheException(
            "cannot open a cache manager on " + location + ": " + e.getMessage(), e);
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
   * life. On shared servers, the namespace of the cache as registered there.
   */
  synchronized byte[] namespace(String cacheName) {
    if (registry != null) {
      return registrations.get(cacheName).namespace();
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
    closeIfDestroyedElsewhere(cacheName);
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("cache " + cacheName + " already exists");
      }
      if (registry != null) {
        // a cache another manager created there is joined; a new one gets a namespace of its own
        registrations.put(cacheName, registry.create(cacheName, copy));
      }
      SlabCache<K, V> cache = open(cacheName, copy);
      if (registry == null) {
        // a new cache starts empty, whatever an earlier cache of its name left in the engine
        cache.clearStore();
      }
      return cache;
    }
  }

  private <K, V> SlabCache<K, V> open(
      String cacheName, SlabcacheConfiguration<K, V> configuration) {
    SlabCache<K, V> cache;
    try {
      cache =
          new SlabCache<>(
              this, cacheName, configuration, store, clock, eventExecutor, loadExecutor);
    } catch (RuntimeException e) {
      registrations.remove(cacheName);
      throw e;
    }
    if (evictions != null) {
      cache.watchEvictions(evictions);
    }
    caches.put(cacheName, cache);
    return cache;
  }

  /**
   * On shared servers, closes the cache of this name if it is open here but was destroyed by
   * another manager. Never called with the caches locked: closing waits for the cache's listeners,
   * which may call this manager.
   */
  private void closeIfDestroyedElsewhere(String cacheName) {
    SlabCache<?, ?> cache = caches.get(cacheName);
    CacheRegistry.Registration registration = registrations.get(cacheName);
    if (cache != null && registration != null && registry.destroyed(registration)) {
      cache.close();
    }
  }

  /**
   * The cache of this name: open in this manager, or on shared servers one another manager created,
   * opened here with the configuration it was created with.
   */
  private SlabCache<?, ?> lookUp(String cacheName) {
    closeIfDestroyedElsewhere(cacheName);
    synchronized (caches) {
      SlabCache<?, ?> cache = caches.get(cacheName);
      if (cache != null || registry == null) {
        return cache;
      }
      CacheRegistry.Found found = registry.find(cacheName, classLoader);
      if (found == null) {
        return null;
      }
      registrations.put(cacheName, found.registration());
      try {
        return open(cacheName, found.configuration());
      } catch (RuntimeException e) {
        throw new CacheException(
            "cache "
                + cacheName
                + " exists on the servers, but its configuration does not work here: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** Closes the open caches that another manager destroyed on the shared servers. */
  private void closeCachesDestroyedElsewhere() {
    for (String cacheName : caches.keySet()) {
      try {
        closeIfDestroyedElsewhere(cacheName);
      } catch (RuntimeException e) {
        // the next check tries again
        System.getLogger(SlabCacheManager.class.getName())
            .log(System.Logger.Level.DEBUG, "checking cache " + cacheName + " failed", e);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    SlabCache<?, ?> cache = lookUp(cacheName);
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
    return (Cache<K, V>) lookUp(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    checkOpen();
    for (String cacheName : caches.keySet()) {
      closeIfDestroyedElsewhere(cacheName);
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  /**
   * Destroys the cache: closes it and deletes its entries. On shared servers the cache is destroyed
   * for every manager, whether or not it is open here. A {@code Cache} of it open in another
   * manager is closed there, as it would be in this one ({@link Cache#isClosed()} is true and its
   * operations throw {@link IllegalStateException}): when that manager is next asked for the cache,
   * or within about a second. A cache created again under the same name is a new, empty cache:
   * whatever a {@code Cache} of the destroyed one writes before it learns that it is closed never
   * reaches it.
   */
  @Override
  public void destroyCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    SlabCache<?, ?> cache = caches.get(cacheName);
    if (registry == null) {
      if (cache != null) {
        cache.clearStore();
        cache.close();
      }
      return;
    }
    CacheRegistry.Registration destroyed =
        registry.destroy(cacheName, registrations.get(cacheName));
    if (cache != null) {
      cache.close();
    }
    if (destroyed != null) {
      store.deleteAll(destroyed.namespace());
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
    SlabCache<?, ?> cache = lookUp(cacheName);
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
    synchronized (caches) {
      if (caches.remove(cache.getName(), cache)) {
        registrations.remove(cache.getName());
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (registryCheck != null) {
      registryCheck.shutdownNow();
    }
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
