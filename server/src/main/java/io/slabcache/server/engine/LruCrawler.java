package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;

/**
 * memcached's LRU crawler: walks every item now and then, with only one bucket's lock held at a
 * time, and reclaims the expired and flushed ones, so their memory comes back without waiting to
 * reach an LRU tail.
 */
final class LruCrawler extends EngineThread {

  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(10);

  private final EngineTime time;
  private final PageStore pages;
  private final HashIndex index;
  private final Items items;
  private final EngineCounters counters;
  private volatile boolean requested;
  private volatile boolean crawlingNow;

  LruCrawler(
      EngineTime time, PageStore pages, HashIndex index, Items items, EngineCounters counters) {
    super("slabcache-lru-crawler");
    this.time = time;
    this.pages = pages;
    this.index = index;
    this.items = items;
    this.counters = counters;
  }

  void requestCrawl() {
    requested = true;
    wake();
  }

  boolean crawling() {
    return crawlingNow;
  }

  @Override
  long step() {
    requested = false;
    crawlingNow = true;
    try {
      crawlOnce();
    } finally {
      crawlingNow = false;
    }
    return requested ? 0 : INTERVAL;
  }

  /** One walk of the whole index. */
  void crawlOnce() {
    counters.count(EngineCounter.LRU_CRAWLER_STARTS);
    index.forEachChain(this::crawlChain, () -> {});
  }

  private void crawlChain(int head) {
    int now = time.now();
    int address = head;
    while (address != PageStore.NONE) {
      int next = pages.getInt(address, ItemLayout.H_NEXT);
      int cls = items.slabClass(address);
      counters.count(cls, ClassCounter.CRAWLER_ITEMS_CHECKED);
      if (!items.isLive(address, now)) {
        if ((items.itemFlags(address) & ItemLayout.FETCHED) == 0) {
          counters.count(cls, ClassCounter.EXPIRED_UNFETCHED);
        }
        items.unlink(address, index.hashOf(address));
        counters.count(cls, ClassCounter.CRAWLER_RECLAIMED);
      }
      address = next;
    }
  }
}
