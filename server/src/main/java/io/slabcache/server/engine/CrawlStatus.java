package io.slabcache.server.engine;

/** What became of a request to crawl ({@code lru_crawler crawl}). */
public enum CrawlStatus {
  /** The crawl starts as soon as the crawler thread wakes. */
  OK,
  /** A crawl is running now; ask again when it is done. */
  BUSY,
  /** The crawler is disabled ({@code lru_crawler disable} or {@code -o no_lru_crawler}). */
  DISABLED,
  /** A class id outside 1 to {@value SlabEngine#MAX_SLAB_CLASS_ID}. */
  BAD_CLASS
}
