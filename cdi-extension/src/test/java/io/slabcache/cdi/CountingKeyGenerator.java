package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** A key generator that is a bean with an injected dependency; counts the keys it made. */
@ApplicationScoped
public class CountingKeyGenerator implements CacheKeyGenerator {
  private final AtomicInteger generated = new AtomicInteger();
  @Inject KeyPrefix prefix;

  public int generated() {
    return generated.get();
  }

  @Override
  public GeneratedCacheKey generateCacheKey(
      CacheKeyInvocationContext<? extends Annotation> context) {
    generated.incrementAndGet();
    Object[] values =
        Arrays.stream(context.getKeyParameters()).map(CacheInvocationParameter::getValue).toArray();
    return DefaultGeneratedCacheKey.of(prefix.value(), Arrays.asList(values));
  }

  /** The dependency that shows the generator was injected by the container. */
  @ApplicationScoped
  public static class KeyPrefix {
    public String value() {
      return "counted";
    }
  }
}
