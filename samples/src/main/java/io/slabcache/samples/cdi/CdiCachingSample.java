package io.slabcache.samples.cdi;

import io.slabcache.cdi.CacheAnnotationsExtension;
import io.slabcache.cdi.DefaultGeneratedCacheKey;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.math.BigDecimal;
import javax.cache.Cache;
import javax.cache.Caching;

/**
 * {@code @CacheResult} on a CDI bean: the first call runs the slow method, the second is served
 * from the cache. Uses the JCache provider found on the class path.
 */
public final class CdiCachingSample {
  private CdiCachingSample() {}

  public static void main(String[] args) throws Exception {
    try (SeContainer container =
        SeContainerInitializer.newInstance()
            .disableDiscovery()
            .addExtensions(CacheAnnotationsExtension.class)
            .addBeanClasses(QuoteService.class)
            .initialize()) {
      QuoteService quotes = container.select(QuoteService.class).get();

      timed("first call ", () -> quotes.quote("ACME"));
      timed("second call", () -> quotes.quote("ACME"));

      Cache<Object, Object> cache =
          Caching.getCachingProvider().getCacheManager().getCache("quotes");
      System.out.println(
          "cache 'quotes' holds ACME -> " + cache.get(DefaultGeneratedCacheKey.of("ACME")));
    }
  }

  private interface Call {
    BigDecimal run() throws Exception;
  }

  private static void timed(String label, Call call) throws Exception {
    long start = System.nanoTime();
    BigDecimal price = call.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: ACME = %s in %d ms%n", label, price, millis);
  }
}
