package io.slabcache.server.engine;

/**
 * How the LRU behaves now: the settings memcached lets {@code lru tune}, {@code lru mode} and
 * {@code lru temp_ttl} change while it runs, starting from the engine's configuration. Readers see
 * each change whole; nothing else is synchronised.
 */
final class LruPolicy {

  private volatile LruTuning tuning;
  private volatile boolean segmented;
  private volatile boolean tempLru;
  private volatile int temporaryTtl;

  LruPolicy(EngineConfig config) {
    this.tuning =
        new LruTuning(
            config.hotLruPercent(),
            config.warmLruPercent(),
            config.hotMaxFactor(),
            config.warmMaxFactor());
    this.segmented = config.lruSegmented();
    this.tempLru = config.tempLru();
    this.temporaryTtl = config.temporaryTtl();
  }

  LruTuning tuning() {
    return tuning;
  }

  void tuning(LruTuning tuning) {
    this.tuning = tuning;
  }

  /** HOT/WARM/COLD (true), or one list per class as before segmentation (false: flat). */
  boolean segmented() {
    return segmented;
  }

  void segmented(boolean segmented) {
    this.segmented = segmented;
  }

  boolean tempLru() {
    return tempLru;
  }

  int temporaryTtl() {
    return temporaryTtl;
  }

  /** memcached's {@code lru temp_ttl}: a negative ttl turns TEMP off and keeps the last one. */
  void temporaryTtl(int seconds) {
    if (seconds < 0) {
      tempLru = false;
    } else {
      temporaryTtl = seconds;
      tempLru = true;
    }
  }

  /** Whether an item with this exptime, linked now, belongs in TEMP. */
  boolean temporary(int exptime, int now) {
    return tempLru && exptime != 0 && (long) exptime - now <= temporaryTtl;
  }
}
