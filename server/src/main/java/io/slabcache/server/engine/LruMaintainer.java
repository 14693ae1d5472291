package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;

/**
 * memcached's LRU maintainer: moves the items reads found active in COLD to WARM and juggles each
 * class's lists as memcached's {@code lru_maintainer_juggle} does. At each list's tail it reclaims
 * expired items and rescues active ones to WARM whatever the list's size; it moves HOT's and WARM's
 * inactive tails down to COLD while the list is over its share of the class's items or its tail is
 * older than a factor of COLD's tail age. In a flat LRU it drains HOT and WARM into COLD instead.
 * Sleeps longer the less it finds to do.
 */
final class LruMaintainer extends EngineThread {

  private static final long MIN_SLEEP = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_SLEEP = TimeUnit.SECONDS.toNanos(1);
  private static final int MOVES_PER_ROUND = 500;

  private final LruPolicy policy;
  private final EngineTime time;
  private final SlabAllocator slabs;
  private final Items items;
  private final EngineCounters counters;
  private long sleep = MIN_SLEEP;

  LruMaintainer(
      LruPolicy policy,
      EngineTime time,
      SlabAllocator slabs,
      Items items,
      EngineCounters counters) {
    super("slabcache-lru-maintainer");
    this.policy = policy;
    this.time = time;
    this.slabs = slabs;
    this.items = items;
    this.counters = counters;
  }

  @Override
  long step() {
    int now = time.now();
    int moved = items.applyBumps(now);
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      moved += juggle(cls, now);
    }
    counters.count(EngineCounter.LRU_MAINTAINER_JUGGLES);
    sleep = moved > 0 ? MIN_SLEEP : Math.min(sleep * 2, MAX_SLEEP);
    return sleep;
  }

  /** One round for one class; the number of items moved or reclaimed. */
  int juggle(int cls, int now) {
    SegmentedLru lru = items.lru();
    int hot = cls | ItemLayout.HOT_LRU;
    int warm = cls | ItemLayout.WARM_LRU;
    int cold = cls | ItemLayout.COLD_LRU;
    int temp = cls | ItemLayout.TEMP_LRU;
    int total = lru.size(hot) + lru.size(warm) + lru.size(cold);
    if (total == 0 && lru.size(temp) == 0) {
      return 0;
    }
    int moved = 0;
    for (int i = 0; i < MOVES_PER_ROUND && items.pullTail(temp, Items.Pull.RECLAIM, now); i++) {
      moved++;
    }
    if (!policy.segmented()) {
      // what HOT and WARM still hold from segmented days drains into COLD
      moved += drain(hot, now);
      moved += drain(warm, now);
      for (int i = 0; i < MOVES_PER_ROUND && items.pullTail(cold, Items.Pull.RECLAIM, now); i++) {
        moved++;
      }
      return moved;
    }
    LruTuning tuning = policy.tuning();
    // whole seconds, as memcached's rel_time_t: a COLD tail read this second lets no HOT or WARM
    // item stay that was not read this second either
    int coldAge = lru.tailAge(cold, now);
    int hotAge = (int) (coldAge * tuning.hotMaxFactor());
    int warmAge = (int) (coldAge * tuning.warmMaxFactor());
    for (int i = 0; i < MOVES_PER_ROUND; i++) {
      boolean more =
          items.juggleTail(hot, tuning.hotPercent(), hotAge, now)
              || items.juggleTail(warm, tuning.warmPercent(), warmAge, now);
      more |= items.juggleTail(cold, 0, 0, now);
      if (!more) {
        break;
      }
      moved++;
    }
    return moved;
  }

  /** Moves a list's items into COLD, at most {@link #MOVES_PER_ROUND} of them. */
  private int drain(int lruId, int now) {
    SegmentedLru lru = items.lru();
    int moved = 0;
    while (moved < MOVES_PER_ROUND && lru.size(lruId) > 0) {
      if (!items.pullTail(lruId, Items.Pull.MOVE, now)) {
        break;
      }
      moved++;
    }
    return moved;
  }
}
