package io.slabcache.server.engine;

/** The engine's own threads, started and stopped together. */
final class BackgroundWork {

  private final ClockTicker clock;
  private final HashGrower grower;
  private final LruMaintainer maintainer;
  private final LruCrawler crawler;
  private final SlabRebalancer rebalancer;
  private final EngineConfig config;

  BackgroundWork(
      EngineConfig config,
      EngineTime time,
      PageStore pages,
      SlabAllocator slabs,
      Items items,
      ItemLocks locks,
      EngineCounters counters,
      LruPolicy policy) {
    this.config = config;
    this.clock = time.ticking() ? new ClockTicker(time) : null;
    this.grower = new HashGrower(items.index());
    this.maintainer = new LruMaintainer(policy, time, slabs, items, counters);
    this.crawler = new LruCrawler(config, time, pages, items.index(), items, counters);
    this.rebalancer = new SlabRebalancer(config, time, slabs, items, locks, counters);
    items.pageSource(rebalancer::firstPageFor);
  }

  void start() {
    if (clock != null) {
      clock.start();
    }
    grower.start();
    if (config.lruMaintainer()) {
      maintainer.start();
    }
    // started even when disabled, so that lru_crawler enable can wake it
    crawler.start();
    rebalancer.start();
  }

  void stop() {
    if (clock != null) {
      clock.shutdown();
    }
    grower.shutdown();
    maintainer.shutdown();
    crawler.shutdown();
    rebalancer.shutdown();
  }

  LruCrawler crawler() {
    return crawler;
  }

  SlabRebalancer rebalancer() {
    return rebalancer;
  }

  LruMaintainer maintainer() {
    return maintainer;
  }
}
