package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Caching;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;

/**
 * {@code @CacheRemove} and {@code @CacheRemoveAll} in their variants. Each call records how many
 * entries the cache held while the method ran, which shows whether the removal came first.
 */
@ApplicationScoped
@CacheDefaults(cacheName = Sessions.CACHE)
public class Sessions {
  static final String CACHE = "sessions";
  private final List<Integer> sizesDuringCalls = new ArrayList<>();

  public synchronized List<Integer> sizesDuringCalls() {
    return List.copyOf(sizesDuringCalls);
  }

  @CacheRemove
  public void end(@CacheKey String id, Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemove(afterInvocation = false)
  public void endFirst(@CacheKey String id, Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemove(evictFor = IllegalStateException.class)
  public void endEvenOnIllegalState(@CacheKey String id, Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemove(noEvictFor = IllegalArgumentException.class)
  public void endUnlessIllegalArgument(@CacheKey String id, Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemove(evictFor = RuntimeException.class, noEvictFor = IllegalArgumentException.class)
  public void endOnRuntimeButNotIllegalArgument(@CacheKey String id, Exception failure)
      throws Exception {
    run(failure);
  }

  @CacheRemoveAll
  public void endAll(Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemoveAll(afterInvocation = false)
  public void endAllFirst(Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemoveAll(evictFor = IllegalStateException.class)
  public void endAllEvenOnIllegalState(Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemoveAll(noEvictFor = IllegalArgumentException.class)
  public void endAllUnlessIllegalArgument(Exception failure) throws Exception {
    run(failure);
  }

  @CacheRemoveAll(evictFor = RuntimeException.class, noEvictFor = IllegalArgumentException.class)
  public void endAllOnRuntimeButNotIllegalArgument(Exception failure) throws Exception {
    run(failure);
  }

  private void run(Exception failure) throws Exception {
    synchronized (this) {
      int size = 0;
      for (var ignored : Caching.getCachingProvider().getCacheManager().getCache(CACHE)) {
        size++;
      }
      sizesDuringCalls.add(size);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
