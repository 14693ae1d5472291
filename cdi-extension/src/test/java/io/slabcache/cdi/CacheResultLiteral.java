package io.slabcache.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/** A {@code @CacheResult} with a cache name, for extensions that add the annotation. */
final class CacheResultLiteral extends AnnotationLiteral<CacheResult> implements CacheResult {
  @SuppressWarnings("unchecked")
  private static final Class<? extends Throwable>[] NONE =
      (Class<? extends Throwable>[]) new Class<?>[0];

  private final String cacheName;

  CacheResultLiteral(String cacheName) {
    this.cacheName = cacheName;
  }

  @Override
  public String cacheName() {
    return cacheName;
  }

  @Override
  public boolean skipGet() {
    return false;
  }

  @Override
  public Class<? extends CacheResolverFactory> cacheResolverFactory() {
    return CacheResolverFactory.class;
  }

  @Override
  public Class<? extends CacheKeyGenerator> cacheKeyGenerator() {
    return CacheKeyGenerator.class;
  }

  @Override
  public String exceptionCacheName() {
    return "";
  }

  @Override
  public Class<? extends Throwable>[] cachedExceptions() {
    return NONE.clone();
  }

  @Override
  public Class<? extends Throwable>[] nonCachedExceptions() {
    return NONE.clone();
  }
}
