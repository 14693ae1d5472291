package io.slabcache.cdi;

import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * {@code @CacheResult}: return the cached value (or rethrow the cached exception) if there is one,
 * else invoke the method and cache its non-null result (or the exception it throws, when an
 * exception cache is named and the exception passes the filter).
 */
final class CacheResultOperation extends CacheOperation<CacheResult> {
  private final CacheResolver resolver;
  private final CacheResolver exceptionResolver;
  private final CacheKeyGenerator keyGenerator;
  private final ExceptionFilter cachedExceptions;
  private final boolean skipGet;

  CacheResultOperation(
      MethodDetails<CacheResult> details,
      ParameterLayout parameters,
      CacheResolver resolver,
      CacheResolver exceptionResolver,
      CacheKeyGenerator keyGenerator) {
    super(details, parameters);
    CacheResult annotation = details.getCacheAnnotation();
    this.resolver = resolver;
    this.exceptionResolver = exceptionResolver;
    this.keyGenerator = keyGenerator;
    this.cachedExceptions =
        ExceptionFilter.allUnlessSpecified(
            annotation.cachedExceptions(), annotation.nonCachedExceptions());
    this.skipGet = annotation.skipGet();
  }

  @Override
  Object invoke(Invocation invocation) throws Exception {
    KeyInvocationContext<CacheResult> context = context(invocation);
    Cache<Object, Object> cache = resolver.resolveCache(context);
    Cache<Object, Throwable> exceptionCache =
        exceptionResolver == null ? null : exceptionResolver.resolveCache(context);
    GeneratedCacheKey key = keyGenerator.generateCacheKey(context);

    if (!skipGet) {
      Object cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      if (exceptionCache != null) {
        Throwable thrown = exceptionCache.get(key);
        if (thrown != null) {
          throw CacheResultOperation.<RuntimeException>rethrow(thrown);
        }
      }
    }

    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable thrown) {
      if (exceptionCache != null && cachedExceptions.matches(thrown)) {
        exceptionCache.put(key, thrown);
      }
      throw thrown;
    }
    if (result != null) {
      cache.put(key, result);
    }
    return result;
  }

  /** Throws a cached exception as it was thrown, checked or not. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
