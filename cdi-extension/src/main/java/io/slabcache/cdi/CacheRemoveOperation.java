package io.slabcache.cdi;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResolver;

/** {@code @CacheRemove}: remove the entry of the call's key, before or after the invocation. */
final class CacheRemoveOperation extends CacheOperation<CacheRemove> {
  private final CacheResolver resolver;
  private final CacheKeyGenerator keyGenerator;
  private final ExceptionFilter evictFor;
  private final boolean afterInvocation;

  CacheRemoveOperation(
      MethodDetails<CacheRemove> details,
      ParameterLayout parameters,
      CacheResolver resolver,
      CacheKeyGenerator keyGenerator) {
    super(details, parameters);
    CacheRemove annotation = details.getCacheAnnotation();
    this.resolver = resolver;
    this.keyGenerator = keyGenerator;
    this.evictFor =
        ExceptionFilter.noneUnlessSpecified(annotation.evictFor(), annotation.noEvictFor());
    this.afterInvocation = annotation.afterInvocation();
  }

  @Override
  Object invoke(Invocation invocation) throws Exception {
    KeyInvocationContext<CacheRemove> context = context(invocation);
    if (!afterInvocation) {
      remove(context);
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable thrown) {
      if (afterInvocation && evictFor.matches(thrown)) {
        remove(context);
      }
      throw thrown;
    }
    if (afterInvocation) {
      remove(context);
    }
    return result;
  }

  private void remove(KeyInvocationContext<CacheRemove> context) {
    resolver.resolveCache(context).remove(keyGenerator.generateCacheKey(context));
  }
}
