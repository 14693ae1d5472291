package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * memcached's slab rebalancer and automover: moves a page from one class to another by freeing
 * every chunk in it (evicting the items there), on request ({@code slabs reassign}) or when the
 * automover sees a class starving while another sits on old items or free memory.
 */
final class SlabRebalancer extends EngineThread {

  private static final long WINDOW = TimeUnit.SECONDS.toNanos(1);
  private static final long MOVE_DEADLINE = TimeUnit.SECONDS.toNanos(5);

  /** A writer waiting for a first page gives up sooner. */
  private static final long INLINE_MOVE_DEADLINE = TimeUnit.MILLISECONDS.toNanos(200);

  /** Automove 1: a class must starve for this many windows in a row before it gets a page. */
  private static final int STARVING_WINDOWS = 3;

  /** A class whose oldest item is younger than this share of another's takes a page from it. */
  private static final double AGE_RATIO = 0.8;

  private final EngineConfig config;
  private final EngineTime time;
  private final SlabAllocator slabs;
  private final Items items;
  private final ItemLocks locks;
  private final EngineCounters counters;
  private final long[] lastStarvation;
  private final int[] starvingWindows;
  private volatile int automove;
  private volatile int requestedFrom;
  private volatile int requestedTo;
  private volatile boolean busy;

  /** One page move at a time, whoever runs it. */
  private final ReentrantLock moveLock = new ReentrantLock();

  SlabRebalancer(
      EngineConfig config,
      EngineTime time,
      SlabAllocator slabs,
      Items items,
      ItemLocks locks,
      EngineCounters counters) {
    super("slabcache-slab-rebalancer");
    this.config = config;
    this.time = time;
    this.slabs = slabs;
    this.items = items;
    this.locks = locks;
    this.counters = counters;
    this.automove = config.slabReassign() ? config.slabAutomove() : 0;
    this.lastStarvation = new long[slabs.classCount() + 1];
    this.starvingWindows = new int[slabs.classCount() + 1];
  }

  synchronized ReassignStatus request(int from, int to) {
    if (!config.slabReassign()) {
      return ReassignStatus.DISABLED;
    }
    // memcached's checks, in its order; class 0 is the global page pool
    if (busy) {
      return ReassignStatus.BUSY;
    }
    if (from == to) {
      return ReassignStatus.NOTSAME;
    }
    if (from == -1) {
      from = classWithSparePage(to);
    }
    int classes = slabs.classCount();
    if (from < 0 || from > classes || to < 0 || to > classes) {
      return ReassignStatus.BADCLASS;
    }
    if (from == 0) {
      // a pooled page holds no items: it goes to its class at once
      return slabs.globalPoolPages() >= 2 && slabs.takeFromPool(to)
          ? ReassignStatus.OK
          : ReassignStatus.NOSPARE;
    }
    if (slabs.pageCount(from) < 2) {
      return ReassignStatus.NOSPARE;
    }
    requestedFrom = from;
    requestedTo = to;
    busy = true;
    wake();
    return ReassignStatus.OK;
  }

  boolean automove(int mode) {
    if (mode < 0 || mode > 2) {
      return false;
    }
    automove = mode;
    wake();
    return true;
  }

  int automoveMode() {
    return automove;
  }

  boolean moving() {
    return busy;
  }

  /** A class other than {@code except} with a page to spare, or -1 if there is none. */
  private int classWithSparePage(int except) {
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      if (cls != except && slabs.pageCount(cls) >= 2) {
        return cls;
      }
    }
    return -1;
  }

  @Override
  long step() {
    if (busy) {
      try {
        movePage(requestedFrom, requestedTo);
      } finally {
        busy = false;
      }
      return 0;
    }
    if (automove > 0) {
      decide();
    }
    return WINDOW;
  }

  /** One automove window: find a starving class and a donor, and move a page between them. */
  private void decide() {
    int now = time.now();
    int starving = 0;
    long worst = 0;
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      long starvation =
          counters.get(cls, ClassCounter.EVICTED) + counters.get(cls, ClassCounter.OUTOFMEMORY);
      long delta = starvation - lastStarvation[cls];
      lastStarvation[cls] = starvation;
      starvingWindows[cls] = delta > 0 ? starvingWindows[cls] + 1 : 0;
      int needed = automove == 2 ? 1 : STARVING_WINDOWS;
      if (starvingWindows[cls] >= needed && delta > worst) {
        worst = delta;
        starving = cls;
      }
    }
    if (starving == 0) {
      return;
    }
    if (slabs.takeFromPool(starving)) {
      counters.count(EngineCounter.SLABS_MOVED);
      return;
    }
    int donor = donorFor(starving, now);
    if (donor != 0) {
      starvingWindows[starving] = 0;
      movePage(donor, starving);
    }
  }

  /**
   * A class with two or more pages that can spare one: one with more than two pages' worth of free
   * chunks, or else the one whose oldest item is oldest, if the starving class's is much younger.
   */
  private int donorFor(int starving, int now) {
    int oldest = 0;
    int oldestAge = -1;
    for (int cls = 1; cls <= slabs.classCount(); cls++) {
      if (cls == starving || slabs.pageCount(cls) < 2) {
        continue;
      }
      if (slabs.freeChunks(cls) > 2 * slabs.perPage(cls)) {
        return cls;
      }
      int age = oldestAge(cls, now);
      if (age > oldestAge) {
        oldestAge = age;
        oldest = cls;
      }
    }
    int starvingAge = oldestAge(starving, now);
    boolean youngEnough = automove == 2 || starvingAge < oldestAge * AGE_RATIO;
    return oldest != 0 && youngEnough ? oldest : 0;
  }

  private int oldestAge(int cls, int now) {
    SegmentedLru lru = items.lru();
    int age = lru.tailAge(cls | ItemLayout.COLD_LRU, now);
    if (lru.size(cls | ItemLayout.COLD_LRU) == 0) {
      age =
          Math.max(
              lru.tailAge(cls | ItemLayout.HOT_LRU, now),
              lru.tailAge(cls | ItemLayout.WARM_LRU, now));
    }
    return age;
  }

  /**
   * Gives a class that owns no page its first one when memory is full, taking it from the class
   * with the most pages; called by a writer. False if no page could be moved in time.
   */
  boolean firstPageFor(int cls) {
    if (!config.slabReassign()) {
      return false;
    }
    if (slabs.takeFromPool(cls)) {
      return true;
    }
    int donor = 0;
    for (int candidate = 1; candidate <= slabs.classCount(); candidate++) {
      if (candidate != cls && slabs.pageCount(candidate) > Math.max(1, slabs.pageCount(donor))) {
        donor = candidate;
      }
    }
    return donor != 0 && movePage(donor, cls, INLINE_MOVE_DEADLINE);
  }

  void movePage(int from, int to) {
    movePage(from, to, MOVE_DEADLINE);
  }

  /**
   * Frees every chunk of one page of {@code from} (evicting the items in it) and hands the page to
   * {@code to}. Gives up, returning the chunks it freed, if items stay locked past the deadline.
   */
  private boolean movePage(int from, int to, long patience) {
    moveLock.lock();
    try {
      int[] page = new int[1];
      slabs.locked(() -> page[0] = slabs.pageToMove(from));
      if (page[0] == 0) {
        return false;
      }
      int size = slabs.chunkSize(from);
      int count = slabs.perPage(from);
      boolean[] claimedFree = claimFreeChunks(page[0], from, size, count);
      long deadline = System.nanoTime() + patience;
      for (int i = 0; i < count; i++) {
        int chunk = PageStore.address(page[0], i * size);
        while (!claimedFree[i] && !claim(chunk, from)) {
          counters.count(EngineCounter.SLAB_REASSIGN_BUSY_ITEMS);
          if (System.nanoTime() > deadline) {
            for (int j = 0; j < count; j++) {
              if (j < i || claimedFree[j]) {
                slabs.free(PageStore.address(page[0], j * size), from);
              }
            }
            return false;
          }
          LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
      }
      slabs.movePage(page[0], from, to);
      counters.count(EngineCounter.SLABS_MOVED);
      return true;
    } finally {
      moveLock.unlock();
    }
  }

  /** Takes every chunk of the page that is free right now off its free list, in one go. */
  private boolean[] claimFreeChunks(int page, int cls, int size, int count) {
    boolean[] claimed = new boolean[count];
    slabs.locked(
        () -> {
          for (int i = 0; i < count; i++) {
            claimed[i] = slabs.claimIfFree(PageStore.address(page, i * size), cls);
          }
        });
    return claimed;
  }

  /**
   * Makes the chunk the mover's: takes it off its free list, or moves the item in it to another
   * chunk of the class (memcached's rescue), or evicts that item when the class has no free chunk.
   * False if the chunk is busy (its item locked, or allocated and not yet linked).
   */
  private boolean claim(int chunk, int cls) {
    boolean[] claimed = new boolean[1];
    slabs.locked(() -> claimed[0] = slabs.claimIfFree(chunk, cls));
    if (claimed[0]) {
      return true;
    }
    byte flags = items.itemFlags(chunk);
    if ((flags & ItemLayout.CHUNK_DATA) != 0) {
      evictOwner(items.ownerOf(chunk));
      slabs.locked(() -> claimed[0] = slabs.claimIfFree(chunk, cls));
      return claimed[0];
    }
    return (flags & ItemLayout.LINKED) != 0 && rescueOrEvict(chunk, cls);
  }

  private boolean rescueOrEvict(int address, int cls) {
    byte[] key = items.key(address);
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.tryForHash(hash);
    if (lock == null) {
      return false;
    }
    try {
      if (items.index().find(hash, key) != address) {
        return false;
      }
      if (items.isChunked(address)) {
        items.announceEviction(address, time.now());
        items.unlink(address, hash);
        counters.count(EngineCounter.SLAB_REASSIGN_EVICTIONS_NOMEM);
        boolean[] claimed = new boolean[1];
        slabs.locked(() -> claimed[0] = slabs.claimIfFree(address, cls));
        return claimed[0];
      }
      int target = slabs.allocateFree(cls);
      if (target != PageStore.NONE) {
        items.relocate(address, target, hash);
        counters.count(EngineCounter.SLAB_REASSIGN_RESCUES);
      } else {
        items.announceEviction(address, time.now());
        items.detach(address, hash);
        counters.count(EngineCounter.SLAB_REASSIGN_EVICTIONS_NOMEM);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Evicts the chunked item owning a data chunk, if it is still the linked item it seems. */
  private void evictOwner(int address) {
    if (address == PageStore.NONE || (items.itemFlags(address) & ItemLayout.LINKED) == 0) {
      return;
    }
    byte[] key = items.key(address);
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.tryForHash(hash);
    if (lock == null) {
      return;
    }
    try {
      if (items.index().find(hash, key) == address) {
        items.announceEviction(address, time.now());
        items.unlink(address, hash);
        counters.count(EngineCounter.SLAB_REASSIGN_EVICTIONS_NOMEM);
      }
    } finally {
      lock.unlock();
    }
  }
}
