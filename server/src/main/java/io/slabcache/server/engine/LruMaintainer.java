package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;

/**
 * memcached's LRU maintainer: moves the items reads found active in COLD to WARM, keeps each
 * class's HOT and WARM lists within their share of the class's items and their age within a factor
 * of COLD's, moving tails down (active ones to WARM), and reclaims expired items it finds at the
 * tails. In a flat LRU it drains HOT and WARM into COLD instead. Sleeps longer the less it finds to
 * do.
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
    int moved = items.applyBumps();
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
    if (policy.segmented()) {
      LruTuning tuning = policy.tuning();
      int coldAge = lru.tailAge(cold, now);
      moved += shrink(hot, total * tuning.hotPercent() / 100, coldAge * tuning.hotMaxFactor(), now);
      moved +=
          shrink(warm, total * tuning.warmPercent() / 100, coldAge * tuning.warmMaxFactor(), now);
    } else {
      // what HOT and WARM still hold from segmented days drains into COLD
      moved += shrink(hot, 0, 0, now);
      moved += shrink(warm, 0, 0, now);
    }
    for (int i = 0; i < MOVES_PER_ROUND && items.pullTail(cold, Items.Pull.RECLAIM, now); i++) {
      moved++;
    }
    for (int i = 0; i < MOVES_PER_ROUND && items.pullTail(temp, Items.Pull.RECLAIM, now); i++) {
      moved++;
    }
    return moved;
  }

  private int shrink(int lruId, int sizeLimit, double ageLimit, int now) {
    SegmentedLru lru = items.lru();
    int moved = 0;
    while (moved < MOVES_PER_ROUND && lru.size(lruId) > 0) {
      boolean tooMany = lru.size(lruId) > sizeLimit;
      boolean tooOld = ageLimit > 0 && lru.tailAge(lruId, now) > ageLimit;
      if (!(tooMany || tooOld) || !items.pullTail(lruId, Items.Pull.MOVE, now)) {
        break;
      }
      moved++;
    }
    return moved;
  }
}
