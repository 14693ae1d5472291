package io.slabcache.server.engine;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * memcached's LRU crawler: walks every item now and then (every {@value #INTERVAL_SECONDS} seconds
 * of engine time, and on request), with only one bucket's lock held at a time, and reclaims the
 * expired and flushed ones, so their memory comes back without waiting to reach an LRU tail.
 *
 * <p>As memcached's, it can be disabled and enabled while the engine runs, it pauses {@link
 * #sleepMicros()} after every {@value #CRAWLS_PER_SLEEP} items it checks, and it checks at most
 * {@link #toCrawl()} items of each LRU (a class's HOT, WARM, COLD or TEMP list) per run.
 */
final class LruCrawler extends EngineThread {

  static final int INTERVAL_SECONDS = 10;

  /** Items checked between two pauses, as memcached's {@code crawls_persleep}. */
  static final int CRAWLS_PER_SLEEP = 1000;

  /** How often the thread looks at the engine clock, or at its switch while disabled. */
  private static final long POLL = TimeUnit.SECONDS.toNanos(1);

  private static final long ALL_CLASSES = -1L;

  private final EngineTime time;
  private final PageStore pages;
  private final HashIndex index;
  private final Items items;
  private final EngineCounters counters;
  private final AtomicLong requestedClasses = new AtomicLong();
  private final int[] checkedPerLru = new int[ItemLayout.LRU_MASK + ItemLayout.CLASS_MASK + 1];
  private volatile boolean enabled;
  private volatile int sleepMicros;
  private volatile long toCrawl;
  private volatile boolean crawlingNow;
  private int nextRun;
  private long classesThisRun;
  private int sinceSleep;

  LruCrawler(
      EngineConfig config,
      EngineTime time,
      PageStore pages,
      HashIndex index,
      Items items,
      EngineCounters counters) {
    super("slabcache-lru-crawler");
    this.time = time;
    this.pages = pages;
    this.index = index;
    this.items = items;
    this.counters = counters;
    this.enabled = config.lruCrawler();
    this.sleepMicros = config.lruCrawlerSleepMicros();
    this.toCrawl = config.lruCrawlerToCrawl();
    this.nextRun = time.now() + INTERVAL_SECONDS;
  }

  boolean enabled() {
    return enabled;
  }

  /** memcached's {@code lru_crawler enable}: false if it was enabled already. */
  synchronized boolean enable() {
    if (enabled) {
      return false;
    }
    enabled = true;
    wake();
    return true;
  }

  /** memcached's {@code lru_crawler disable}: a crawl under way stops at the next bucket. */
  synchronized void disable() {
    enabled = false;
    requestedClasses.set(0);
    wake();
  }

  int sleepMicros() {
    return sleepMicros;
  }

  void sleepMicros(int micros) {
    this.sleepMicros = micros;
  }

  /** Most items checked per LRU per run; 0 for all. */
  long toCrawl() {
    return toCrawl;
  }

  void toCrawl(long items) {
    this.toCrawl = items;
  }

  boolean crawling() {
    return crawlingNow;
  }

  /** Asks for a crawl of the classes whose bits are set (bit {@code n} for class {@code n}). */
  CrawlStatus request(long classes) {
    if (!enabled) {
      return CrawlStatus.DISABLED;
    }
    if (crawlingNow) {
      return CrawlStatus.BUSY;
    }
    requestedClasses.accumulateAndGet(classes, (a, b) -> a | b);
    wake();
    return CrawlStatus.OK;
  }

  @Override
  long step() {
    if (!enabled) {
      return POLL;
    }
    long classes = requestedClasses.getAndSet(0);
    if (classes == 0) {
      if (time.now() < nextRun) {
        return POLL;
      }
      classes = ALL_CLASSES;
    }
    crawl(classes);
    nextRun = time.now() + INTERVAL_SECONDS;
    return requestedClasses.get() != 0 ? 0 : POLL;
  }

  /** One walk of the whole index, checking the items of the given classes. */
  private void crawl(long classes) {
    crawlingNow = true;
    try {
      counters.count(EngineCounter.LRU_CRAWLER_STARTS);
      classesThisRun = classes;
      Arrays.fill(checkedPerLru, 0);
      sinceSleep = 0;
      index.forEachChain(this::crawlChain, this::pauseIfDue);
    } finally {
      crawlingNow = false;
    }
  }

  private void crawlChain(int head) {
    if (!enabled || !running()) {
      return;
    }
    int now = time.now();
    long limit = toCrawl;
    int address = head;
    while (address != PageStore.NONE) {
      int next = pages.getInt(address, ItemLayout.H_NEXT);
      int cls = items.slabClass(address);
      int lruId = items.lru().lruIdOf(address);
      if ((classesThisRun & (1L << cls)) != 0 && (limit == 0 || checkedPerLru[lruId] < limit)) {
        checkedPerLru[lruId]++;
        sinceSleep++;
        counters.count(cls, ClassCounter.CRAWLER_ITEMS_CHECKED);
        if (!items.isLive(address, now)) {
          if ((items.itemFlags(address) & ItemLayout.FETCHED) == 0) {
            counters.count(cls, ClassCounter.EXPIRED_UNFETCHED);
          }
          items.unlink(address, index.hashOf(address));
          counters.count(cls, ClassCounter.CRAWLER_RECLAIMED);
        }
      }
      address = next;
    }
  }

  /** Between buckets, with no item lock held: memcached's pause after a batch of items. */
  private void pauseIfDue() {
    int micros = sleepMicros;
    if (micros > 0 && sinceSleep >= CRAWLS_PER_SLEEP) {
      sinceSleep = 0;
      long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
      for (long left = deadline - System.nanoTime();
          left > 0 && enabled && running();
          left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
      }
    }
  }
}
