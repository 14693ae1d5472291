package io.slabcache.server.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns the engine's counters and gauges into memcached's stats, with memcached's names. */
final class EngineStatsReport {

  private static final ClassCounter[] SLAB_COUNTERS = {
    ClassCounter.GET_HITS,
    ClassCounter.CMD_SET,
    ClassCounter.DELETE_HITS,
    ClassCounter.INCR_HITS,
    ClassCounter.DECR_HITS,
    ClassCounter.CAS_HITS,
    ClassCounter.CAS_BADVAL,
    ClassCounter.TOUCH_HITS
  };

  private final EngineConfig config;
  private final EngineTime time;
  private final SlabAllocator slabs;
  private final Items items;
  private final EngineCounters counters;
  private final BackgroundWork background;
  private final LruPolicy policy;

  EngineStatsReport(
      EngineConfig config,
      EngineTime time,
      SlabAllocator slabs,
      Items items,
      EngineCounters counters,
      BackgroundWork background,
      LruPolicy policy) {
    this.config = config;
    this.time = time;
    this.slabs = slabs;
    this.items = items;
    this.counters = counters;
    this.background = background;
    this.policy = policy;
  }

  EngineStats snapshot() {
    return new EngineStats(general(), settings(), slabs(), items(), sizes());
  }

  private Map<String, String> general() {
    Map<String, String> s = new LinkedHashMap<>();
    put(s, "cmd_get", counters.get(EngineCounter.CMD_GET));
    put(s, "cmd_set", counters.sum(ClassCounter.CMD_SET));
    put(s, "cmd_flush", counters.get(EngineCounter.CMD_FLUSH));
    put(s, "cmd_touch", counters.get(EngineCounter.CMD_TOUCH));
    put(s, "get_hits", counters.sum(ClassCounter.GET_HITS));
    put(s, "get_misses", counters.get(EngineCounter.GET_MISSES));
    put(s, "get_expired", counters.get(EngineCounter.GET_EXPIRED));
    put(s, "get_flushed", counters.get(EngineCounter.GET_FLUSHED));
    put(s, "delete_misses", counters.get(EngineCounter.DELETE_MISSES));
    put(s, "delete_hits", counters.sum(ClassCounter.DELETE_HITS));
    put(s, "incr_misses", counters.get(EngineCounter.INCR_MISSES));
    put(s, "incr_hits", counters.sum(ClassCounter.INCR_HITS));
    put(s, "decr_misses", counters.get(EngineCounter.DECR_MISSES));
    put(s, "decr_hits", counters.sum(ClassCounter.DECR_HITS));
    put(s, "cas_misses", counters.get(EngineCounter.CAS_MISSES));
    put(s, "cas_hits", counters.sum(ClassCounter.CAS_HITS));
    put(s, "cas_badval", counters.sum(ClassCounter.CAS_BADVAL));
    put(s, "touch_hits", counters.sum(ClassCounter.TOUCH_HITS));
    put(s, "touch_misses", counters.get(EngineCounter.TOUCH_MISSES));
    put(s, "store_too_large", counters.get(EngineCounter.STORE_TOO_LARGE));
    put(s, "store_no_memory", counters.get(EngineCounter.STORE_NO_MEMORY));
    put(s, "limit_maxbytes", slabs.limitBytes());
    HashIndex index = items.index();
    put(s, "hash_power_level", index.power());
    put(s, "hash_bytes", index.bytes());
    put(s, "hash_is_expanding", index.expanding() ? 1 : 0);
    // as memcached, each group only while its feature is on
    if (config.slabReassign()) {
      put(s, "slab_reassign_rescues", counters.get(EngineCounter.SLAB_REASSIGN_RESCUES));
      put(s, "slab_reassign_chunk_rescues", 0);
      put(
          s,
          "slab_reassign_evictions_nomem",
          counters.get(EngineCounter.SLAB_REASSIGN_EVICTIONS_NOMEM));
      put(s, "slab_reassign_inline_reclaim", 0);
      put(s, "slab_reassign_busy_items", counters.get(EngineCounter.SLAB_REASSIGN_BUSY_ITEMS));
      put(s, "slab_reassign_busy_deletes", 0);
      put(s, "slab_reassign_running", background.rebalancer().moving() ? 1 : 0);
      put(s, "slabs_moved", counters.get(EngineCounter.SLABS_MOVED));
    }
    if (background.crawler().enabled()) {
      put(s, "lru_crawler_running", background.crawler().crawling() ? 1 : 0);
      put(s, "lru_crawler_starts", counters.get(EngineCounter.LRU_CRAWLER_STARTS));
    }
    if (config.lruMaintainer()) {
      put(s, "lru_maintainer_juggles", counters.get(EngineCounter.LRU_MAINTAINER_JUGGLES));
    }
    put(s, "malloc_fails", 0);
    put(s, "bytes", counters.totalBytes());
    put(s, "curr_items", index.size());
    put(s, "total_items", counters.get(EngineCounter.TOTAL_ITEMS));
    put(s, "slab_global_page_pool", slabs.globalPoolPages());
    put(s, "expired_unfetched", counters.sum(ClassCounter.EXPIRED_UNFETCHED));
    put(s, "evicted_unfetched", counters.sum(ClassCounter.EVICTED_UNFETCHED));
    put(s, "evicted_active", counters.sum(ClassCounter.EVICTED_ACTIVE));
    put(s, "evictions", counters.sum(ClassCounter.EVICTED));
    put(s, "reclaimed", counters.sum(ClassCounter.RECLAIMED));
    put(s, "crawler_reclaimed", counters.sum(ClassCounter.CRAWLER_RECLAIMED));
    put(s, "crawler_items_checked", counters.sum(ClassCounter.CRAWLER_ITEMS_CHECKED));
    put(s, "lrutail_reflocked", counters.sum(ClassCounter.LRUTAIL_REFLOCKED));
    put(s, "moves_to_cold", counters.sum(ClassCounter.MOVES_TO_COLD));
    put(s, "moves_to_warm", counters.sum(ClassCounter.MOVES_TO_WARM));
    put(s, "moves_within_lru", counters.sum(ClassCounter.MOVES_WITHIN_LRU));
    put(s, "direct_reclaims", counters.sum(ClassCounter.DIRECT_RECLAIMS));
    put(s, "lru_bumps_dropped", counters.get(EngineCounter.LRU_BUMPS_DROPPED));
    return s;
  }

  private Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    put(s, "maxbytes", slabs.limitBytes());
    s.put("growth_factor", String.format(Locale.ROOT, "%.2f", config.growthFactor()));
    put(s, "chunk_size", config.minChunkData());
    s.put("evictions", config.evictions() ? "on" : "off");
    s.put("cas_enabled", yesNo(config.casEnabled()));
    put(s, "item_size_max", config.itemSizeMax());
    s.put("slab_reassign", yesNo(config.slabReassign()));
    put(s, "slab_automove", background.rebalancer().automoveMode());
    s.put("slab_automove_ratio", "0.80");
    put(s, "slab_automove_window", 1);
    put(s, "slab_chunk_max", config.slabChunkMax());
    LruCrawler crawler = background.crawler();
    s.put("lru_crawler", yesNo(crawler.enabled()));
    put(s, "lru_crawler_sleep", crawler.sleepMicros());
    put(s, "lru_crawler_tocrawl", crawler.toCrawl());
    put(s, "tail_repair_time", 0);
    s.put("flush_enabled", "yes");
    s.put("dump_enabled", "yes");
    s.put("hash_algorithm", "murmur3");
    s.put("lru_maintainer_thread", yesNo(config.lruMaintainer()));
    s.put("lru_segmented", yesNo(policy.segmented()));
    LruTuning tuning = policy.tuning();
    put(s, "hot_lru_pct", tuning.hotPercent());
    put(s, "warm_lru_pct", tuning.warmPercent());
    s.put("hot_max_factor", String.format(Locale.ROOT, "%.2f", tuning.hotMaxFactor()));
    s.put("warm_max_factor", String.format(Locale.ROOT, "%.2f", tuning.warmMaxFactor()));
    s.put("temp_lru", yesNo(policy.tempLru()));
    put(s, "temporary_ttl", policy.temporaryTtl());
    // memcached prints the hashpower it was given, 0 when none
    put(s, "hashpower_init", config.hashPowerGiven() ? config.hashPowerInit() : 0);
    put(s, "oldest", items.oldestLive());
    s.put("track_sizes", yesNo(items.sizes().on()));
    s.put("slab_page_size", Integer.toString(EngineConfig.PAGE_SIZE));
    return s;
  }

  private Map<String, String> slabs() {
    Map<String, String> s = new LinkedHashMap<>();
    int active = 0;
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      int pages = slabs.pageCount(cls);
      if (pages == 0) {
        continue;
      }
      active++;
      int perPage = slabs.perPage(cls);
      int total = pages * perPage;
      int free = slabs.freeChunks(cls);
      String p = cls + ":";
      put(s, p + "chunk_size", slabs.chunkSize(cls));
      put(s, p + "chunks_per_page", perPage);
      put(s, p + "total_pages", pages);
      put(s, p + "total_chunks", total);
      put(s, p + "used_chunks", total - free);
      put(s, p + "free_chunks", free);
      put(s, p + "free_chunks_end", 0);
      for (ClassCounter counter : SLAB_COUNTERS) {
        put(s, p + counter.statName(), counters.get(cls, counter));
      }
    }
    put(s, "active_slabs", active);
    put(s, "total_malloced", slabs.mallocedBytes());
    return s;
  }

  private Map<String, String> items() {
    Map<String, String> s = new LinkedHashMap<>();
    SegmentedLru lru = items.lru();
    int now = time.now();
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      int hot = lru.size(cls | ItemLayout.HOT_LRU);
      int warm = lru.size(cls | ItemLayout.WARM_LRU);
      int cold = lru.size(cls | ItemLayout.COLD_LRU);
      int temp = lru.size(cls | ItemLayout.TEMP_LRU);
      if (hot + warm + cold + temp == 0) {
        continue;
      }
      String p = "items:" + cls + ":";
      put(s, p + "number", hot + warm + cold + temp);
      // memcached splits the count by list only when its maintainer thread runs
      if (config.lruMaintainer()) {
        put(s, p + "number_hot", hot);
        put(s, p + "number_warm", warm);
        put(s, p + "number_cold", cold);
        if (policy.tempLru()) {
          put(s, p + "number_temp", temp);
        }
        put(s, p + "age_hot", lru.tailAge(cls | ItemLayout.HOT_LRU, now));
        put(s, p + "age_warm", lru.tailAge(cls | ItemLayout.WARM_LRU, now));
      }
      put(s, p + "age", lru.tailAge(cls | ItemLayout.COLD_LRU, now));
      put(s, p + "mem_requested", counters.bytes(cls));
      put(s, p + "evicted", counters.get(cls, ClassCounter.EVICTED));
      put(s, p + "evicted_nonzero", counters.get(cls, ClassCounter.EVICTED_NONZERO));
      put(s, p + "evicted_time", items.lastEvictedAge(cls));
      put(s, p + "outofmemory", counters.get(cls, ClassCounter.OUTOFMEMORY));
      put(s, p + "tailrepairs", 0);
      for (ClassCounter counter :
          new ClassCounter[] {
            ClassCounter.RECLAIMED,
            ClassCounter.EXPIRED_UNFETCHED,
            ClassCounter.EVICTED_UNFETCHED,
            ClassCounter.EVICTED_ACTIVE,
            ClassCounter.CRAWLER_RECLAIMED,
            ClassCounter.CRAWLER_ITEMS_CHECKED,
            ClassCounter.LRUTAIL_REFLOCKED,
            ClassCounter.MOVES_TO_COLD,
            ClassCounter.MOVES_TO_WARM,
            ClassCounter.MOVES_WITHIN_LRU,
            ClassCounter.DIRECT_RECLAIMS,
            ClassCounter.HITS_TO_HOT,
            ClassCounter.HITS_TO_WARM,
            ClassCounter.HITS_TO_COLD,
            ClassCounter.HITS_TO_TEMP
          }) {
        put(s, p + counter.statName(), counters.get(cls, counter));
      }
    }
    return s;
  }

  private Map<String, String> sizes() {
    Map<String, String> s = new LinkedHashMap<>();
    SizeHistogram sizes = items.sizes();
    if (!sizes.on()) {
      s.put("sizes_status", "disabled");
      return s;
    }
    sizes.forEach((size, count) -> s.put(Long.toString(size), Long.toString(count)));
    return s;
  }

  private static void put(Map<String, String> stats, String name, long value) {
    stats.put(name, Long.toString(value));
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
