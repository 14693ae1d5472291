package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheValue;

/**
 * {@code @CachePut} in its variants. Each call records what the cache held for its key while the
 * method ran, which shows whether the put came before or after.
 */
@ApplicationScoped
public class Profiles {
  static final String CACHE = "profiles";
  private final List<Object> seenDuringCalls = new ArrayList<>();

  public synchronized List<Object> seenDuringCalls() {
    return List.copyOf(seenDuringCalls);
  }

  @CachePut(cacheName = CACHE)
  public void save(String id, @CacheValue String profile) {
    see(id);
  }

  @CachePut(cacheName = CACHE)
  public void saveWithVersion(@CacheKey String id, int version, @CacheValue String profile) {
    see(id);
  }

  @CachePut(cacheName = CACHE, afterInvocation = false)
  public void saveFirst(@CacheKey String id, @CacheValue String profile, Exception failure)
      throws Exception {
    run(id, failure);
  }

  @CachePut(cacheName = CACHE)
  public void saveUnlessFailing(@CacheKey String id, @CacheValue String profile, Exception failure)
      throws Exception {
    run(id, failure);
  }

  @CachePut(cacheName = CACHE, cacheFor = IllegalStateException.class)
  public void saveEvenOnIllegalState(
      @CacheKey String id, @CacheValue String profile, Exception failure) throws Exception {
    run(id, failure);
  }

  @CachePut(cacheName = CACHE, noCacheFor = IllegalArgumentException.class)
  public void saveUnlessIllegalArgument(
      @CacheKey String id, @CacheValue String profile, Exception failure) throws Exception {
    run(id, failure);
  }

  @CachePut(
      cacheName = CACHE,
      cacheFor = RuntimeException.class,
      noCacheFor = IllegalArgumentException.class)
  public void saveOnRuntimeButNotIllegalArgument(
      @CacheKey String id, @CacheValue String profile, Exception failure) throws Exception {
    run(id, failure);
  }

  private void run(String id, Exception failure) throws Exception {
    see(id);
    if (failure != null) {
      throw failure;
    }
  }

  private synchronized void see(String id) {
    Cache<Object, Object> cache = Caching.getCachingProvider().getCacheManager().getCache(CACHE);
    Object value = cache == null ? null : cache.get(DefaultGeneratedCacheKey.of(id));
    seenDuringCalls.add(value == null ? "nothing" : value);
  }
}
