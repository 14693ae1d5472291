package io.slabcache.cdi;

import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheResolver;

/**
 * {@code @CachePut}: store the {@code @CacheValue} argument under the key of the other arguments,
 * before or after the invocation. A {@code null} value removes the entry, since a cache cannot hold
 * {@code null} and the previous value would be stale.
 */
final class CachePutOperation extends CacheOperation<CachePut> {
  private final CacheResolver resolver;
  private final CacheKeyGenerator keyGenerator;
  private final ExceptionFilter cacheFor;
  private final boolean afterInvocation;

  CachePutOperation(
      MethodDetails<CachePut> details,
      ParameterLayout parameters,
      CacheResolver resolver,
      CacheKeyGenerator keyGenerator) {
    super(details, parameters);
    CachePut annotation = details.getCacheAnnotation();
    this.resolver = resolver;
    this.keyGenerator = keyGenerator;
    this.cacheFor =
        ExceptionFilter.noneUnlessSpecified(annotation.cacheFor(), annotation.noCacheFor());
    this.afterInvocation = annotation.afterInvocation();
  }

  @Override
  Object invoke(Invocation invocation) throws Exception {
    KeyInvocationContext<CachePut> context = context(invocation);
    if (!afterInvocation) {
      put(context);
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable thrown) {
      if (afterInvocation && cacheFor.matches(thrown)) {
        put(context);
      }
      throw thrown;
    }
    if (afterInvocation) {
      put(context);
    }
    return result;
  }

  private void put(KeyInvocationContext<CachePut> context) {
    Cache<Object, Object> cache = resolver.resolveCache(context);
    Object key = keyGenerator.generateCacheKey(context);
    Object value = context.value();
    if (value == null) {
      cache.remove(key);
    } else {
      cache.put(key, value);
    }
  }
}
