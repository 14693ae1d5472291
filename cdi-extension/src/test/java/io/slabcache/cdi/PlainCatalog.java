package io.slabcache.cdi;

import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;

/** A class without a bean-defining annotation: a bean only in "all" archives or when added. */
public class PlainCatalog {
  private final AtomicInteger invocations = new AtomicInteger();

  @CacheResult(cacheName = "catalog")
  public String title(String isbn) {
    return "title of " + isbn + "#" + invocations.incrementAndGet();
  }
}
