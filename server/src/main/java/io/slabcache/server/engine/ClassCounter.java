package io.slabcache.server.engine;

/** Counters kept per slab class; memcached's names, printed by {@code stats slabs|items}. */
enum ClassCounter {
  GET_HITS,
  CMD_SET,
  DELETE_HITS,
  INCR_HITS,
  DECR_HITS,
  CAS_HITS,
  CAS_BADVAL,
  TOUCH_HITS,
  EVICTED,
  EVICTED_NONZERO,
  OUTOFMEMORY,
  RECLAIMED,
  EXPIRED_UNFETCHED,
  EVICTED_UNFETCHED,
  EVICTED_ACTIVE,
  CRAWLER_RECLAIMED,
  CRAWLER_ITEMS_CHECKED,
  LRUTAIL_REFLOCKED,
  MOVES_TO_COLD,
  MOVES_TO_WARM,
  MOVES_WITHIN_LRU,
  DIRECT_RECLAIMS,
  HITS_TO_HOT,
  HITS_TO_WARM,
  HITS_TO_COLD,
  HITS_TO_TEMP;

  /** The stat's name as memcached prints it. */
  String statName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
