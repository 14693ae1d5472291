package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;

/** Resolves every cache under a "tenant-" prefix; not a bean, created by reflection. */
public class TenantResolverFactory implements CacheResolverFactory {
  static final String PREFIX = "tenant-";

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return resolver(PREFIX + details.getCacheName());
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    return resolver(PREFIX + details.getCacheAnnotation().exceptionCacheName());
  }

  private static CacheResolver resolver(String name) {
    return new CacheResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Cache<K, V> cache = manager.getCache(name);
        return cache != null
            ? cache
            : (Cache<K, V>) manager.createCache(name, new MutableConfiguration<>());
      }
    };
  }
}
