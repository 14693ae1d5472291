package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** Keys that ignore the case of the first key parameter; not a bean, created by reflection. */
public class UpperCaseKeyGenerator implements CacheKeyGenerator {
  @Override
  public GeneratedCacheKey generateCacheKey(
      CacheKeyInvocationContext<? extends Annotation> context) {
    return DefaultGeneratedCacheKey.of(
        context.getKeyParameters()[0].getValue().toString().toUpperCase(java.util.Locale.ROOT));
  }
}
