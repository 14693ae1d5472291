package io.slabcache.cdi;

import jakarta.enterprise.context.Dependent;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;

/** No cache name anywhere: the generated one applies. */
@Dependent
public class Inventory {
  static final String COUNT_CACHE = "io.slabcache.cdi.Inventory.count(java.lang.String,int)";
  static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @CacheResult
  public int count(String sku, int warehouse) {
    INVOCATIONS.incrementAndGet();
    return sku.length() * 100 + warehouse;
  }
}
