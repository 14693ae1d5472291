package io.slabcache.server.engine;

/** Counters kept for the whole engine; memcached's names, printed by {@code stats}. */
enum EngineCounter {
  CMD_GET,
  CMD_TOUCH,
  CMD_FLUSH,
  LRU_BUMPS_DROPPED,
  GET_MISSES,
  GET_EXPIRED,
  GET_FLUSHED,
  DELETE_MISSES,
  INCR_MISSES,
  DECR_MISSES,
  CAS_MISSES,
  TOUCH_MISSES,
  STORE_TOO_LARGE,
  STORE_NO_MEMORY,
  TOTAL_ITEMS,
  SLAB_REASSIGN_RESCUES,
  SLAB_REASSIGN_EVICTIONS_NOMEM,
  SLAB_REASSIGN_BUSY_ITEMS,
  SLABS_MOVED,
  LRU_CRAWLER_STARTS,
  LRU_MAINTAINER_JUGGLES;

  String statName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
