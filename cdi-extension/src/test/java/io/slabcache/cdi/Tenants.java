package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Custom components: the resolver factory and key generator of {@code @CacheDefaults}, and
 * method-level ones that override them.
 */
@ApplicationScoped
@CacheDefaults(
    cacheName = "accounts",
    cacheResolverFactory = TenantResolverFactory.class,
    cacheKeyGenerator = UpperCaseKeyGenerator.class)
public class Tenants {
  private final AtomicInteger invocations = new AtomicInteger();

  @CacheResult(exceptionCacheName = "account-errors")
  public String account(String id, Exception failure) throws Exception {
    invocations.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return "account " + id + "#" + invocations.get();
  }

  @CachePut
  public void update(@CacheKey String id, @CacheValue String account) {}

  @CacheRemove
  public void close(String id) {}

  @CacheResult(cacheName = "counted", cacheKeyGenerator = CountingKeyGenerator.class)
  public String counted(String id) {
    return id + "#" + invocations.incrementAndGet();
  }

  @CacheResult(cacheName = "defaulted", cacheResolverFactory = CacheResolverFactory.class)
  public String defaulted(String id) {
    return id + "#" + invocations.incrementAndGet();
  }
}
