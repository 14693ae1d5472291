package io.slabcache.cdi;

import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;

/** {@code @CacheRemoveAll}: empty the cache, before or after the invocation. */
final class CacheRemoveAllOperation extends CacheOperation<CacheRemoveAll> {
  private final CacheResolver resolver;
  private final ExceptionFilter evictFor;
  private final boolean afterInvocation;

  CacheRemoveAllOperation(
      MethodDetails<CacheRemoveAll> details, ParameterLayout parameters, CacheResolver resolver) {
    super(details, parameters);
    CacheRemoveAll annotation = details.getCacheAnnotation();
    this.resolver = resolver;
    this.evictFor =
        ExceptionFilter.noneUnlessSpecified(annotation.evictFor(), annotation.noEvictFor());
    this.afterInvocation = annotation.afterInvocation();
  }

  @Override
  Object invoke(Invocation invocation) throws Exception {
    KeyInvocationContext<CacheRemoveAll> context = context(invocation);
    if (!afterInvocation) {
      resolver.resolveCache(context).removeAll();
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable thrown) {
      if (afterInvocation && evictFor.matches(thrown)) {
        resolver.resolveCache(context).removeAll();
      }
      throw thrown;
    }
    if (afterInvocation) {
      resolver.resolveCache(context).removeAll();
    }
    return result;
  }
}
