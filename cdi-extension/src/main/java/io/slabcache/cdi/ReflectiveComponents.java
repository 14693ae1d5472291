package io.slabcache.cdi;

import java.lang.reflect.InvocationTargetException;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * Components without a container: named types are created through their public no-argument
 * constructor, and the cache manager is the default one of the default caching provider, obtained
 * again if it was closed.
 */
class ReflectiveComponents implements Components {
  private volatile CacheManager cacheManager;

  @Override
  public <T> T instance(Class<T> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new CacheException("Constructor of " + type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new CacheException(
          type.getName() + " needs a public no-argument constructor to be used in annotations", e);
    }
  }

  @Override
  public CacheManager cacheManager() {
    CacheManager manager = cacheManager;
    if (manager == null || manager.isClosed()) {
      manager = Caching.getCachingProvider().getCacheManager();
      cacheManager = manager;
    }
    return manager;
  }
}
