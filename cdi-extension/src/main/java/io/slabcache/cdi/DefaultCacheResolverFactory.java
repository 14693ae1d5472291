package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * Resolves caches by name from a cache manager, creating the ones that do not exist yet with a
 * default {@code MutableConfiguration}.
 */
final class DefaultCacheResolverFactory implements CacheResolverFactory {
  private final Supplier<CacheManager> cacheManager;

  DefaultCacheResolverFactory(Supplier<CacheManager> cacheManager) {
    this.cacheManager = cacheManager;
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return new NamedCacheResolver(cacheManager, details.getCacheName());
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    return new NamedCacheResolver(cacheManager, details.getCacheAnnotation().exceptionCacheName());
  }
}
