package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;

/** {@code @CacheResult} in its variants; every result names the invocation that produced it. */
@ApplicationScoped
@CacheDefaults(cacheName = "products")
public class Products {
  private final AtomicInteger invocations = new AtomicInteger();

  public int invocations() {
    return invocations.get();
  }

  @CacheResult
  public String find(String id) {
    return id + "#" + invocations.incrementAndGet();
  }

  @CacheResult(cacheName = "prices")
  public String price(@CacheKey String id, String requestedBy) {
    return id + " for " + requestedBy + "#" + invocations.incrementAndGet();
  }

  @CacheResult(skipGet = true)
  public String refresh(String id) {
    return id + "#" + invocations.incrementAndGet();
  }

  @CacheResult(cacheName = "maybe")
  public String findOrNull(String id) {
    invocations.incrementAndGet();
    return id.equals("none") ? null : id;
  }

  @CacheResult(cacheName = "reports", exceptionCacheName = "report-errors")
  public String report(@CacheKey String id, Exception failure) throws Exception {
    return produce(id, failure);
  }

  @CacheResult(cacheName = "reports", exceptionCacheName = "report-errors", skipGet = true)
  public String reportAlways(@CacheKey String id, Exception failure) throws Exception {
    return produce(id, failure);
  }

  @CacheResult(
      cacheName = "reports",
      exceptionCacheName = "report-errors",
      cachedExceptions = IllegalStateException.class)
  public String reportCachingIllegalState(@CacheKey String id, Exception failure) throws Exception {
    return produce(id, failure);
  }

  @CacheResult(
      cacheName = "reports",
      exceptionCacheName = "report-errors",
      nonCachedExceptions = IllegalArgumentException.class)
  public String reportNotCachingIllegalArgument(@CacheKey String id, Exception failure)
      throws Exception {
    return produce(id, failure);
  }

  @CacheResult(
      cacheName = "reports",
      exceptionCacheName = "report-errors",
      cachedExceptions = RuntimeException.class,
      nonCachedExceptions = IllegalArgumentException.class)
  public String reportCachingRuntimeButNotIllegalArgument(@CacheKey String id, Exception failure)
      throws Exception {
    return produce(id, failure);
  }

  @CacheResult(cacheName = "reports", cachedExceptions = RuntimeException.class)
  public String reportWithoutExceptionCache(@CacheKey String id, Exception failure)
      throws Exception {
    return produce(id, failure);
  }

  private String produce(String id, Exception failure) throws Exception {
    invocations.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return "report " + id;
  }
}
