package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheResolver;
import javax.cache.configuration.MutableConfiguration;

/**
 * Resolves one cache by name, creating it when missing. The cache is remembered until it is closed
 * or destroyed, then looked up (or created) again.
 */
final class NamedCacheResolver implements CacheResolver {
  private static final System.Logger LOG = System.getLogger(NamedCacheResolver.class.getName());

  private final Supplier<CacheManager> cacheManager;
  private final String name;
  private volatile Cache<Object, Object> cache;

  NamedCacheResolver(Supplier<CacheManager> cacheManager, String name) {
    this.cacheManager = cacheManager;
    this.name = name;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
    Cache<Object, Object> resolved = cache;
    if (resolved == null || resolved.isClosed()) {
      resolved = lookUpOrCreate(cacheManager.get());
      cache = resolved;
    }
    return (Cache<K, V>) resolved;
  }

  private Cache<Object, Object> lookUpOrCreate(CacheManager manager) {
    Cache<Object, Object> existing = manager.getCache(name);
    if (existing != null) {
      return existing;
    }
    try {
      LOG.log(System.Logger.Level.DEBUG, "Creating cache {0} in {1}", name, manager.getURI());
      return manager.createCache(name, new MutableConfiguration<>());
    } catch (CacheException createdConcurrently) {
      Cache<Object, Object> created = manager.getCache(name);
      if (created == null) {
        throw createdConcurrently;
      }
      return created;
    }
  }

  @Override
  public String toString() {
    return "NamedCacheResolver[" + name + "]";
  }
}
