package io.slabcache.samples.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import javax.cache.annotation.CacheResult;

/** A service whose answers are slow to compute and worth caching. */
@ApplicationScoped
public class QuoteService {
  static final Duration LATENCY = Duration.ofSeconds(2);

  /**
   * The price of a stock, as a slow back end would compute it. The first call for a symbol takes
   * {@link #LATENCY}; later calls are answered from the "quotes" cache without running this method.
   */
  @CacheResult(cacheName = "quotes")
  public BigDecimal quote(String symbol) throws InterruptedException {
    Thread.sleep(LATENCY.toMillis());
    return BigDecimal.valueOf(Math.floorMod(symbol.hashCode(), 100_000), 2)
        .setScale(2, RoundingMode.UNNECESSARY);
  }
}
