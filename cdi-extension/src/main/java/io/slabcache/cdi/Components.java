package io.slabcache.cdi;

import javax.cache.CacheManager;

/** Where the interceptors get the objects the annotations name and the default cache manager. */
interface Components {

  /**
   * An instance of a {@code CacheKeyGenerator} or {@code CacheResolverFactory} type named by an
   * annotation; called once per annotated method and type.
   */
  <T> T instance(Class<T> type);

  /** The cache manager the default cache resolvers use; an open one on every call. */
  CacheManager cacheManager();
}
