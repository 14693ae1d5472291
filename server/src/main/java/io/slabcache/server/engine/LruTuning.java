package io.slabcache.server.engine;

/**
 * The shape of the segmented LRU, as memcached's {@code lru tune} sets it: the share of a class's
 * items HOT and WARM may hold, and how much older than COLD's tail their tails may grow.
 *
 * @param hotPercent percent of a class's items HOT may hold ({@code hot_lru_pct})
 * @param warmPercent percent of a class's items WARM may hold ({@code warm_lru_pct})
 * @param hotMaxFactor HOT's tail may be at most this times COLD's tail age ({@code hot_max_factor})
 * @param warmMaxFactor WARM's tail may be at most this times COLD's tail age ({@code
 *     warm_max_factor})
 */
public record LruTuning(
    int hotPercent, int warmPercent, double hotMaxFactor, double warmMaxFactor) {

  /** HOT and WARM together may hold at most this percent of a class, as in memcached. */
  public static final int MAX_HOT_AND_WARM_PERCENT = 80;

  /**
   * Whether neither share is negative and both together stay within {@value
   * #MAX_HOT_AND_WARM_PERCENT}.
   */
  public boolean percentagesFit() {
    return hotPercent >= 0
        && warmPercent >= 0
        && (long) hotPercent + warmPercent <= MAX_HOT_AND_WARM_PERCENT;
  }

  /** Whether both age factors are greater than 0. */
  public boolean factorsPositive() {
    return hotMaxFactor > 0 && warmMaxFactor > 0;
  }

  public boolean valid() {
    return percentagesFit() && factorsPositive();
  }
}
