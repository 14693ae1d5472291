package io.slabcache.jcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Slabcache's JSR-107 provider. A {@link CacheManager} for {@value #DEFAULT_URI} (the default) owns
 * a slab engine in this JVM, shared by its caches. A manager for {@code
 * memcached://host1:11211,host2:11211} keeps its caches on that pool of memcached servers, where
 * managers of the same URI in other JVMs see the same caches; the query of the URI sets the
 * client's timeouts and hashing (see {@link io.slabcache.client.ClientConfig#fromUri}).
 *
 * <p>The system property {@value #DEFAULT_URI_PROPERTY} replaces the default URI, so that code
 * asking for the default manager can be pointed at memcached servers without a change.
 *
 * <p>A URL whose path ends in {@code .properties} (such as a class path resource's {@code file:} or
 * {@code jar:} URL), or such a path without a scheme (a resource of the manager's class loader),
 * opens a manager configured by that file: its {@value #CACHES_URI} says where the caches live
 * ({@value #DEFAULT_URI} if absent), and its other entries are the manager's properties, under
 * those given in code. This is how frameworks that name a provider's configuration by a resource
 * (Spring's {@code spring.cache.jcache.config}, Hibernate's {@code hibernate.javax.cache.uri})
 * point the caches at memcached servers.
 *
 * <p>Properties of {@link #getCacheManager(URI, ClassLoader, Properties)}, falling back to system
 * properties of the same name: {@value #MEMORY_MEGABYTES} (default 64).
 *
 * <p>{@link OptionalFeature#STORE_BY_REFERENCE} is supported on embedded engines, the default: the
 * engine still holds an item per entry (so its memory limit, LRU and eviction govern the entry) and
 * the key and value objects stay on the heap until the item is removed or evicted (keys are found
 * by {@code equals}, and must not change while in the cache). A manager of memcached servers, where
 * another process may evict an item unseen, refuses a store-by-reference configuration with {@link
 * UnsupportedOperationException}. JSR-107 asks {@link #isSupported} of the provider, not of a
 * manager, so the provider answers for the manager of its {@linkplain #getDefaultURI() default
 * URI}: yes unless that is a {@code memcached://} URI.
 */
public final class SlabCachingProvider implements CachingProvider {

  /** The URI of a cache manager on an embedded engine. */
  public static final String DEFAULT_URI = "slabcache:embedded";

  /** The system property that names the default URI instead of {@value #DEFAULT_URI}. */
  public static final String DEFAULT_URI_PROPERTY = "slabcache.default.uri";

  /** In a manager's configuration file: where its caches live, as a manager URI. */
  public static final String CACHES_URI = "slabcache.uri";

  /** Megabytes of memory of an embedded engine, shared by all caches of its manager. */
  public static final String MEMORY_MEGABYTES = "slabcache.memory.megabytes";

  private final Map<ClassLoader, Map<URI, SlabCacheManager>> managers = new WeakHashMap<>();

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? new Properties() : properties;
    synchronized (managers) {
      Map<URI, SlabCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
      SlabCacheManager manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        manager = SlabCacheManager.open(this, managerUri, loader, managerProperties);
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    String configured = System.getProperty(DEFAULT_URI_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return URI.create(DEFAULT_URI);
    }
    try {
      return new URI(configured.trim());
    } catch (URISyntaxException e) {
      throw new CacheException(DEFAULT_URI_PROPERTY + " is not a URI: " + configured, e);
    }
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    List<SlabCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      for (Map<URI, SlabCacheManager> byUri : managers.values()) {
        all.addAll(byUri.values());
      }
      managers.clear();
    }
    all.forEach(SlabCacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, SlabCacheManager> byUri;
    synchronized (managers) {
      byUri = managers.remove(loader);
    }
    if (byUri != null) {
      byUri.values().forEach(SlabCacheManager::close);
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    SlabCacheManager manager;
    synchronized (managers) {
      Map<URI, SlabCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.remove(managerUri);
    }
    if (manager != null) {
      manager.close();
    }
  }

  /** Forgets a manager that closed itself. */
  void released(SlabCacheManager manager) {
    synchronized (managers) {
      Map<URI, SlabCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null) {
        byUri.remove(manager.getURI(), manager);
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    if (optionalFeature != OptionalFeature.STORE_BY_REFERENCE) {
      return false;
    }
    URI location = getDefaultURI();
    if (ConfigurationFile.isNamedBy(location)) {
      try {
        location = ConfigurationFile.read(location, getDefaultClassLoader()).location();
      } catch (CacheException e) {
        return false; // no manager opens on it, so none holds values by reference
      }
    }
    return !"memcached".equalsIgnoreCase(location.getScheme());
  }
}
