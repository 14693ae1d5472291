package io.slabcache.server.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life of an item, as memcached's items.c: allocating its chunks (evicting from the COLD tail
 * when the class is full), writing and reading its fields, linking it into the index and its LRU,
 * unlinking and freeing it, and deciding whether it is still live (exptime, flush_all).
 *
 * <p>Every method that takes an item address expects the caller to hold that item's lock.
 */
final class Items {

  private static final System.Logger LOG = System.getLogger(Items.class.getName());

  /** In a flat LRU, a read moves an item to the head at most once in this many seconds. */
  private static final int ITEM_UPDATE_INTERVAL = 60;

  /** How far up an LRU tail a pull looks for an item whose lock is free. */
  private static final int TAIL_SEARCH = 5;

  /** Attempts to free memory for one allocation before reporting out of memory. */
  private static final int ALLOCATION_ATTEMPTS = 10;

  private static final FetchStatus[] FETCH_STATUSES = FetchStatus.values();

  private final PageStore pages;
  private final SlabAllocator slabs;
  private final HashIndex index;
  private final ItemLocks locks;
  private final SegmentedLru lru;
  private final EngineCounters counters;
  private final EngineConfig config;
  private final LruPolicy policy;

  /** Where reads queue COLD items for WARM; null when no maintainer runs to move them. */
  private final BumpQueues bumps;

  private final int dataChunkPayload;
  private final AtomicLong casSource = new AtomicLong();
  private final SizeHistogram sizes;

  /** flush_all: items last touched at or before this engine time are gone, once it has passed. */
  private volatile int oldestLive;

  /** flush_all: items with a lower CAS are gone too (catches those written in the same second). */
  private volatile long oldestCas;

  Items(
      PageStore pages,
      SlabAllocator slabs,
      HashIndex index,
      ItemLocks locks,
      SegmentedLru lru,
      EngineCounters counters,
      EngineConfig config,
      LruPolicy policy,
      BumpQueues bumps) {
    this.pages = pages;
    this.slabs = slabs;
    this.index = index;
    this.locks = locks;
    this.lru = lru;
    this.counters = counters;
    this.config = config;
    this.policy = policy;
    this.bumps = bumps;
    this.dataChunkPayload = slabs.chunkSize(slabs.largestClass()) - ItemLayout.HEADER;
    this.sizes = new SizeHistogram(config.trackSizes());
  }

  // ---- sizes and allocation

  boolean tooLarge(int keyLength, long dataLength) {
    return ItemLayout.totalSize(keyLength, dataLength) > config.itemSizeMax();
  }

  private boolean chunked(int keyLength, long dataLength) {
    return ItemLayout.totalSize(keyLength, dataLength) > slabs.chunkSize(slabs.largestClass());
  }

  private int dataChunkCount(long dataLength) {
    return (int) ((dataLength + dataChunkPayload - 1) / dataChunkPayload);
  }

  private static int chunkTable(int keyLength) {
    return (ItemLayout.HEADER + keyLength + 3) & ~3;
  }

  /** The class of the chunk that holds the item's header. */
  private int headerClass(int keyLength, long dataLength) {
    if (!chunked(keyLength, dataLength)) {
      return slabs.classFor(ItemLayout.totalSize(keyLength, dataLength));
    }
    return slabs.classFor(chunkTable(keyLength) + 4L * dataChunkCount(dataLength));
  }

  /** The class whose LRU holds the item: its chunk's, or the largest for a chunked item. */
  int lruClass(int keyLength, long dataLength) {
    return chunked(keyLength, dataLength)
        ? slabs.largestClass()
        : slabs.classFor(ItemLayout.totalSize(keyLength, dataLength));
  }

  /**
   * Allocates and initialises an unlinked item; {@link PageStore#NONE} when no memory could be
   * found. The data is left for {@link #writeData} to fill.
   */
  int allocate(byte[] key, int flags, int exptime, int dataLength, int now) {
    int lruClass = lruClass(key.length, dataLength);
    int header = allocateChunk(headerClass(key.length, dataLength), now);
    if (header == PageStore.NONE) {
      return PageStore.NONE;
    }
    byte itemFlags = 0;
    if (chunked(key.length, dataLength)) {
      int table = chunkTable(key.length);
      int count = dataChunkCount(dataLength);
      for (int i = 0; i < count; i++) {
        int chunk = allocateChunk(slabs.largestClass(), now);
        if (chunk == PageStore.NONE) {
          for (int j = 0; j < i; j++) {
            slabs.free(pages.getInt(header, table + 4 * j), slabs.largestClass());
          }
          slabs.free(header, headerClass(key.length, dataLength));
          return PageStore.NONE;
        }
        pages.putInt(chunk, ItemLayout.H_NEXT, header);
        pages.putByte(chunk, ItemLayout.IT_FLAGS, ItemLayout.CHUNK_DATA);
        pages.putByte(chunk, ItemLayout.CLSID, (byte) slabs.largestClass());
        pages.putInt(header, table + 4 * i, chunk);
      }
      itemFlags = ItemLayout.CHUNKED;
    }
    pages.putInt(header, ItemLayout.H_NEXT, PageStore.NONE);
    pages.putInt(header, ItemLayout.PREV, PageStore.NONE);
    pages.putInt(header, ItemLayout.NEXT, PageStore.NONE);
    pages.putInt(header, ItemLayout.TIME, now);
    pages.putInt(header, ItemLayout.EXPTIME, exptime);
    pages.putInt(header, ItemLayout.NBYTES, dataLength);
    pages.putLong(header, ItemLayout.CAS, 0);
    pages.putInt(header, ItemLayout.FLAGS, flags);
    pages.putByte(header, ItemLayout.NKEY, (byte) key.length);
    pages.putByte(header, ItemLayout.IT_FLAGS, itemFlags);
    pages.putByte(header, ItemLayout.CLSID, (byte) lruClass);
    pages.write(header, ItemLayout.HEADER, key, 0, key.length);
    return header;
  }

  private int allocateChunk(int cls, int now) {
    for (int attempt = 0; attempt < ALLOCATION_ATTEMPTS; attempt++) {
      int chunk = slabs.allocate(cls);
      if (chunk != PageStore.NONE) {
        return chunk;
      }
      if (slabs.pageCount(cls) == 0) {
        if (!pageSource.test(cls)) {
          break;
        }
      } else if (!makeRoom(cls, now) && attempt > 2) {
        Thread.yield();
      }
    }
    counters.count(cls, ClassCounter.OUTOFMEMORY);
    return PageStore.NONE;
  }

  /**
   * Frees or prepares one chunk of the class, as memcached's allocation does: evict (or reclaim)
   * the COLD tail; if COLD is empty, push the HOT tail down (or, with HOT empty too, the WARM tail)
   * so that the next attempt finds something in COLD.
   */
  private boolean makeRoom(int cls, int now) {
    if (pullTail(cls | ItemLayout.COLD_LRU, Pull.EVICT, now)) {
      counters.count(cls, ClassCounter.DIRECT_RECLAIMS);
      return true;
    }
    if (lru.size(cls | ItemLayout.HOT_LRU) > 0) {
      return pullTail(cls | ItemLayout.HOT_LRU, Pull.MOVE, now);
    }
    if (lru.size(cls | ItemLayout.WARM_LRU) > 0) {
      return pullTail(cls | ItemLayout.WARM_LRU, Pull.MOVE, now);
    }
    return pullTail(cls | ItemLayout.TEMP_LRU, Pull.RECLAIM, now);
  }

  /** Where a class that owns no page at all gets its first one when memory is full. */
  private java.util.function.IntPredicate pageSource = cls -> false;

  void pageSource(java.util.function.IntPredicate source) {
    this.pageSource = source;
  }

  /** What a pull from an LRU tail may do with a live item. */
  enum Pull {
    /** Only reclaim expired items. */
    RECLAIM,
    /** Evict the tail (from any list) if evictions are on. */
    EVICT,
    /** Move the tail down: active items to WARM, the rest to COLD. */
    MOVE,
    /**
     * The maintainer's juggle: rescue an active tail to WARM; move HOT's or WARM's tail to COLD
     * only while the list is over its size or the tail over its age.
     */
    JUGGLE
  }

  /**
   * memcached's lru_pull_tail: looks at the tail of one list, skipping items whose lock is busy,
   * and reclaims the first expired item or treats the first live one as {@code mode} says. True if
   * an item was reclaimed, evicted or moved.
   */
  boolean pullTail(int lruId, Pull mode, int now) {
    return pullTail(lruId, mode, now, 0, 0);
  }

  /**
   * One step of memcached's LRU juggle at a list's tail ({@link Pull#JUGGLE}): an expired item is
   * reclaimed; an active one is rescued, HOT's and COLD's to WARM, WARM's to WARM's head, whatever
   * the list's size; an inactive one at HOT's or WARM's tail goes down to COLD when the list holds
   * more than {@code sharePercent} of its class's items (counted as the tail is looked at) or the
   * item was last accessed more than {@code maxAge} seconds ago. True if an item was reclaimed or
   * moved.
   */
  boolean juggleTail(int lruId, int sharePercent, int maxAge, int now) {
    return pullTail(lruId, Pull.JUGGLE, now, sharePercent, maxAge);
  }

  /** A pull at a tail left the item alone. */
  private static final int PULLED_NOTHING = -1;

  /** A pull at a tail reclaimed, evicted or moved the item within its own list. */
  private static final int PULLED = -2;

  // a pull's outcome from 0 up is the list it unlinked the item for, to be linked into next

  private boolean pullTail(int lruId, Pull mode, int now, int sharePercent, int maxAge) {
    ReentrantLock itemLock = null;
    try {
      int address = PageStore.NONE;
      int outcome = PULLED_NOTHING;
      ReentrantLock listLock = lru.acquire(lruId);
      try {
        address = lru.tailLocked(lruId);
        for (int tries = 0; address != PageStore.NONE && tries < TAIL_SEARCH; tries++) {
          int previous = lru.previousLocked(address);
          int hash = index.hashOf(address);
          itemLock = locks.tryForHash(hash);
          if (itemLock != null) {
            outcome =
                mode == Pull.JUGGLE
                    ? juggleLocked(address, hash, lruId, sharePercent, maxAge, now)
                    : pullLocked(address, hash, lruId, mode, now);
            break;
          }
          counters.count(lruId & ItemLayout.CLASS_MASK, ClassCounter.LRUTAIL_REFLOCKED);
          address = previous;
        }
      } finally {
        listLock.unlock();
      }
      if (outcome < 0) {
        return outcome == PULLED;
      }
      // as memcached does, the item goes into its new list with no other list's lock held: a
      // thread moving the other way between the same two lists cannot then wait on this one
      lru.link(address, outcome);
      return true;
    } finally {
      if (itemLock != null) {
        itemLock.unlock();
      }
    }
  }

  private int pullLocked(int address, int hash, int lruId, Pull mode, int now) {
    int cls = lruId & ItemLayout.CLASS_MASK;
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    if (reclaimIfExpired(address, hash, lruId, now)) {
      return PULLED;
    }
    switch (mode) {
      case RECLAIM:
        return PULLED_NOTHING;
      case EVICT:
        if (!config.evictions()) {
          return PULLED_NOTHING;
        }
        lru.unlinkLocked(address, lruId);
        index.remove(hash, address);
        counters.count(cls, ClassCounter.EVICTED);
        if (pages.getInt(address, ItemLayout.EXPTIME) != 0) {
          counters.count(cls, ClassCounter.EVICTED_NONZERO);
        }
        if ((flags & ItemLayout.FETCHED) == 0) {
          counters.count(cls, ClassCounter.EVICTED_UNFETCHED);
        }
        if ((flags & ItemLayout.ACTIVE) != 0) {
          counters.count(cls, ClassCounter.EVICTED_ACTIVE);
        }
        lastEvictedAge[cls] = now - pages.getInt(address, ItemLayout.TIME);
        announceEviction(address, now);
        release(address);
        return PULLED;
      case MOVE:
        return moveDown(address, lruId, flags);
      default:
        throw new IllegalStateException(mode.name());
    }
  }

  /** Tells the configured listener, and any added since, that this item is being evicted. */
  void announceEviction(int address, int now) {
    int exptime = exptime(address);
    EvictedItem item =
        new EvictedItem(
            key(address),
            (itemFlags(address) & ItemLayout.FETCHED) != 0,
            EngineTime.ttl(exptime, now),
            Math.max(0, now - time(address)),
            slabClass(address),
            dataLength(address));
    tell(config.evictionListener(), item);
    for (EvictionListener listener : addedListeners) {
      tell(listener, item);
    }
  }

  /** A listener that fails must not leave the eviction half done. */
  private static void tell(EvictionListener listener, EvictedItem item) {
    try {
      listener.evicted(item);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "an eviction listener failed", e);
    }
  }

  /** Listeners added while the engine runs, besides the configured one. */
  private volatile EvictionListener[] addedListeners = new EvictionListener[0];

  synchronized void addEvictionListener(EvictionListener listener) {
    EvictionListener[] grown = java.util.Arrays.copyOf(addedListeners, addedListeners.length + 1);
    grown[grown.length - 1] = listener;
    addedListeners = grown;
  }

  synchronized void removeEvictionListener(EvictionListener listener) {
    addedListeners =
        java.util.Arrays.stream(addedListeners)
            .filter(l -> l != listener)
            .toArray(EvictionListener[]::new);
  }

  /** Seconds since last access of the last item evicted per class (memcached's evicted_time). */
  private final int[] lastEvictedAge = new int[SlabAllocator.MAX_CLASSES + 1];

  int lastEvictedAge(int cls) {
    return lastEvictedAge[cls];
  }

  /** Unlinks and frees the item if it has expired or was flushed; whether it was. */
  private boolean reclaimIfExpired(int address, int hash, int lruId, int now) {
    if (isLive(address, now)) {
      return false;
    }
    int cls = lruId & ItemLayout.CLASS_MASK;
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    lru.unlinkLocked(address, lruId);
    index.remove(hash, address);
    counters.count(cls, ClassCounter.RECLAIMED);
    if ((flags & ItemLayout.FETCHED) == 0) {
      counters.count(cls, ClassCounter.EXPIRED_UNFETCHED);
    }
    release(address);
    return true;
  }

  private int juggleLocked(
      int address, int hash, int lruId, int sharePercent, int maxAge, int now) {
    if (reclaimIfExpired(address, hash, lruId, now)) {
      return PULLED;
    }
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    int from = lruId & ItemLayout.LRU_MASK;
    boolean active = (flags & ItemLayout.ACTIVE) != 0;
    if (!active
        && (from == ItemLayout.COLD_LRU
            || (lru.size(lruId) <= share(lruId, sharePercent) && now - time(address) <= maxAge))) {
      return PULLED_NOTHING;
    }
    return moveDown(address, lruId, flags);
  }

  /** {@code percent} of the items in the HOT, WARM and COLD lists of the list's class. */
  private int share(int lruId, int percent) {
    int cls = lruId & ItemLayout.CLASS_MASK;
    int items =
        lru.size(cls | ItemLayout.HOT_LRU)
            + lru.size(cls | ItemLayout.WARM_LRU)
            + lru.size(cls | ItemLayout.COLD_LRU);
    return (int) ((long) items * percent / 100);
  }

  /**
   * HOT/WARM tail: active items go (back) to WARM, the others down to COLD; in a flat LRU,
   * everything goes to COLD. An active COLD tail goes to WARM. An item staying in its list is
   * relinked at its head at once; one changing lists is unlinked, and the list it goes to returned
   * for {@link #pullTail} to link it into.
   */
  private int moveDown(int address, int lruId, byte flags) {
    int cls = lruId & ItemLayout.CLASS_MASK;
    int from = lruId & ItemLayout.LRU_MASK;
    boolean active = (flags & ItemLayout.ACTIVE) != 0 && policy.segmented();
    lru.unlinkLocked(address, lruId);
    pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags & ~ItemLayout.ACTIVE));
    int target = active ? ItemLayout.WARM_LRU : ItemLayout.COLD_LRU;
    if (target == from) {
      lru.linkLocked(address, lruId);
      counters.count(cls, ClassCounter.MOVES_WITHIN_LRU);
      return PULLED;
    }
    counters.count(
        cls,
        target == ItemLayout.WARM_LRU ? ClassCounter.MOVES_TO_WARM : ClassCounter.MOVES_TO_COLD);
    return cls | target;
  }

  // ---- liveness

  boolean isLive(int address, int now) {
    int exptime = pages.getInt(address, ItemLayout.EXPTIME);
    if (exptime != 0 && exptime <= now) {
      return false;
    }
    return !flushed(address, now);
  }

  private boolean flushed(int address, int now) {
    int oldest = oldestLive;
    if (oldest == 0 || oldest > now) {
      return false;
    }
    if (pages.getInt(address, ItemLayout.TIME) <= oldest) {
      return true;
    }
    long cutoff = oldestCas;
    long cas = pages.getLong(address, ItemLayout.CAS);
    return cutoff != 0 && cas != 0 && cas < cutoff;
  }

  /** memcached's flush_all: everything written up to {@code when} (engine time) becomes invalid. */
  void flush(int when, int now) {
    if (config.casEnabled()) {
      oldestLive = when - 1;
      if (when - 1 <= now) {
        oldestCas = nextCas();
      }
    } else {
      oldestLive = when;
    }
  }

  /**
   * The live item with this key, or NONE, telling {@code sink}, if there is one, why it found
   * nothing: no item, or a flushed or expired one (flushed first, as memcached checks). A dead item
   * found on the way is unlinked and counted, as {@link #lookup} does.
   */
  int findLive(byte[] key, int hash, int now, ValueSink sink) {
    long lookup = lookup(key, hash, now);
    int address = address(lookup);
    if (address == PageStore.NONE && sink != null) {
      sink.missed(status(lookup));
    }
    return address;
  }

  /**
   * memcached's do_item_get without its bump: what a lookup of the key finds, with the live item's
   * address, packed into one long so that a lookup allocates nothing; read it with {@link #address}
   * and {@link #status}. A dead item found on the way is unlinked, and counted as a
   * get_expired/get_flushed whatever the command, as memcached counts every lookup's.
   */
  long lookup(byte[] key, int hash, int now) {
    int address = index.find(hash, key);
    if (address == PageStore.NONE) {
      return pack(FetchStatus.NOT_FOUND, PageStore.NONE);
    }
    FetchStatus status;
    if (flushed(address, now)) {
      status = FetchStatus.FLUSHED;
    } else {
      int exptime = pages.getInt(address, ItemLayout.EXPTIME);
      if (exptime == 0 || exptime > now) {
        return pack(FetchStatus.FOUND, address);
      }
      status = FetchStatus.EXPIRED;
    }
    counters.count(
        status == FetchStatus.EXPIRED ? EngineCounter.GET_EXPIRED : EngineCounter.GET_FLUSHED);
    unlink(address, hash);
    return pack(status, PageStore.NONE);
  }

  private static long pack(FetchStatus status, int address) {
    return ((long) status.ordinal() << 32) | Integer.toUnsignedLong(address);
  }

  /** The live item a {@link #lookup} found, or NONE. */
  static int address(long lookup) {
    return (int) lookup;
  }

  /** What a {@link #lookup} found. */
  static FetchStatus status(long lookup) {
    return FETCH_STATUSES[(int) (lookup >>> 32)];
  }

  long nextCas() {
    return config.casEnabled() ? casSource.incrementAndGet() : 0;
  }

  /** The CAS unique the next item stored will draw (a later one if others draw first). */
  long upcomingCas() {
    return casSource.get() + 1;
  }

  /** Makes sure CAS uniques drawn later are above an explicit one a client chose. */
  void observeCas(long cas) {
    casSource.accumulateAndGet(cas, Math::max);
  }

  // ---- linking

  /**
   * Puts a fully written item into the index and at the head of its list: TEMP for a short TTL when
   * TEMP is on, else HOT, or COLD in a flat LRU (memcached's only list before segmentation).
   */
  void link(int address, int hash, int now) {
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags | ItemLayout.LINKED));
    pages.putInt(address, ItemLayout.TIME, now);
    index.insert(hash, address);
    int cls = pages.getByte(address, ItemLayout.CLSID) & ItemLayout.CLASS_MASK;
    int exptime = pages.getInt(address, ItemLayout.EXPTIME);
    int list;
    if (policy.temporary(exptime, now)) {
      list = ItemLayout.TEMP_LRU;
    } else {
      list = policy.segmented() ? ItemLayout.HOT_LRU : ItemLayout.COLD_LRU;
    }
    lru.link(address, cls | list);
    counters.count(EngineCounter.TOTAL_ITEMS);
    long size = totalSize(address);
    counters.addBytes(cls, size);
    if (sizes.on()) {
      sizes.added(size, pages.getLong(address, ItemLayout.CAS));
    }
  }

  /** Takes a linked item out of the index and its LRU, and frees its memory. */
  void unlink(int address, int hash) {
    index.remove(hash, address);
    lru.unlink(address);
    release(address);
  }

  /** Swaps a linked item for a new, fully written one under the same key. */
  void replace(int existing, int replacement, int hash, int now) {
    unlink(existing, hash);
    link(replacement, hash, now);
  }

  /** Frees the memory of an item already out of the index and its LRU. */
  private void release(int address) {
    forget(address);
    free(address);
  }

  /** Takes an item out of the byte counts and marks its chunk as nobody's. */
  private void forget(int address) {
    int cls = pages.getByte(address, ItemLayout.CLSID) & ItemLayout.CLASS_MASK;
    long size = totalSize(address);
    counters.addBytes(cls, -size);
    if (sizes.on()) {
      sizes.removed(size, pages.getLong(address, ItemLayout.CAS));
    }
  }

  /**
   * Copies a single-chunk item into another chunk of its class and puts the copy in its place in
   * the index and its LRU, leaving the old chunk to the caller (a page being moved).
   */
  void relocate(int address, int target, int hash) {
    pages.copy(address, 0, target, 0, (int) totalSize(address));
    int lruId = lru.lruIdOf(address);
    index.replace(hash, address, target);
    ReentrantLock listLock = lru.acquire(lruId);
    try {
      lru.unlinkLocked(address, lruId);
      lru.linkLocked(target, lruId);
    } finally {
      listLock.unlock();
    }
    pages.putByte(address, ItemLayout.IT_FLAGS, (byte) 0);
  }

  /** Unlinks an item but keeps its chunk for the caller (a page being moved). */
  void detach(int address, int hash) {
    index.remove(hash, address);
    lru.unlink(address);
    forget(address);
    pages.putByte(address, ItemLayout.IT_FLAGS, (byte) 0);
  }

  boolean isChunked(int address) {
    return (pages.getByte(address, ItemLayout.IT_FLAGS) & ItemLayout.CHUNKED) != 0;
  }

  /** Frees an item's chunks; the item must be in no index or list. */
  void free(int address) {
    int keyLength = keyLength(address);
    int dataLength = dataLength(address);
    if ((pages.getByte(address, ItemLayout.IT_FLAGS) & ItemLayout.CHUNKED) != 0) {
      int table = chunkTable(keyLength);
      int count = dataChunkCount(dataLength);
      for (int i = 0; i < count; i++) {
        slabs.free(pages.getInt(address, table + 4 * i), slabs.largestClass());
      }
    }
    slabs.free(address, headerClass(keyLength, dataLength));
  }

  /** The engine time up to which items count as flushed ({@code oldest}); 0 before any flush. */
  int oldestLive() {
    return oldestLive;
  }

  /** memcached's {@code stats sizes} histogram. */
  SizeHistogram sizes() {
    return sizes;
  }

  // ---- access

  /**
   * Counts a read as memcached's segmented LRU does: the first marks the item fetched, the second
   * active; an active item in COLD moves to WARM (queued for the LRU maintainer when it runs, at
   * once otherwise), elsewhere it moves when it reaches a tail, its access time set as it becomes
   * active. A read of an item already active writes nothing: the hottest items' headers stay
   * unmodified, as in memcached. In a flat LRU a read marks the item fetched and moves it to the
   * head of its list, at most once a minute.
   */
  void bump(int address, int hash, int now) {
    int lruId = lru.lruIdOf(address);
    int cls = lruId & ItemLayout.CLASS_MASK;
    int type = lruId & ItemLayout.LRU_MASK;
    if (!policy.segmented()) {
      setItemFlag(address, ItemLayout.FETCHED, true);
      moveToHeadOfFlatList(address, lruId, now);
      return;
    }
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    if ((flags & ItemLayout.ACTIVE) != 0) {
      return;
    }
    if ((flags & ItemLayout.FETCHED) == 0) {
      pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags | ItemLayout.FETCHED));
    } else if (type != ItemLayout.COLD_LRU) {
      pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags | ItemLayout.ACTIVE));
      pages.putInt(address, ItemLayout.TIME, now);
    } else if (bumps == null || !bumps.queuesForThisThread()) {
      moveToWarm(address, cls, now);
    } else if (bumps.offer(hash, address)) {
      // active until the maintainer moves it, so that further hits do not queue it again
      pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags | ItemLayout.ACTIVE));
    } else {
      counters.count(EngineCounter.LRU_BUMPS_DROPPED);
    }
  }

  /** In a flat LRU, a used item goes back to its list's head, at most once a minute. */
  private void moveToHeadOfFlatList(int address, int lruId, int now) {
    if (time(address) < now - ITEM_UPDATE_INTERVAL) {
      pages.putInt(address, ItemLayout.TIME, now);
      lru.unlink(address);
      lru.link(address, lruId);
    }
  }

  /** An active COLD item goes to WARM as used now, as memcached's do_item_update moves it. */
  private void moveToWarm(int address, int cls, int now) {
    pages.putInt(address, ItemLayout.TIME, now);
    lru.unlink(address);
    lru.link(address, cls | ItemLayout.WARM_LRU);
    counters.count(cls, ClassCounter.MOVES_TO_WARM);
  }

  /**
   * memcached's do_item_update, for an item a command used without reading it (an add that found
   * it): its access time is now, and an active COLD item moves to WARM. Unlike {@link #bump} it
   * marks nothing fetched or active.
   */
  void update(int address, int now) {
    int lruId = lru.lruIdOf(address);
    if (!policy.segmented()) {
      moveToHeadOfFlatList(address, lruId, now);
      return;
    }
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    if ((lruId & ItemLayout.LRU_MASK) == ItemLayout.COLD_LRU && (flags & ItemLayout.ACTIVE) != 0) {
      pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags & ~ItemLayout.ACTIVE));
      moveToWarm(address, lruId & ItemLayout.CLASS_MASK, now);
    } else {
      pages.putInt(address, ItemLayout.TIME, now);
    }
  }

  /** Counts a get's hit in memcached's hits_to_* of the list that holds the item. */
  void countGetHit(int address) {
    int lruId = lru.lruIdOf(address);
    counters.count(lruId & ItemLayout.CLASS_MASK, hitCounter(lruId & ItemLayout.LRU_MASK));
  }

  /** Moves the items that reads queued from COLD to WARM, as used at {@code now}; how many. */
  int applyBumps(int now) {
    return bumps == null ? 0 : bumps.drain((hash, address) -> applyBump(hash, address, now));
  }

  private void applyBump(int hash, int address, int now) {
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      // gone since it was queued (deleted, evicted, its chunk reused) or moved on already
      if (!index.holds(hash, address)) {
        return;
      }
      int lruId = lru.lruIdOf(address);
      byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
      if ((lruId & ItemLayout.LRU_MASK) != ItemLayout.COLD_LRU
          || (flags & ItemLayout.ACTIVE) == 0) {
        return;
      }
      pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (flags & ~ItemLayout.ACTIVE));
      if (policy.segmented()) {
        moveToWarm(address, lruId & ItemLayout.CLASS_MASK, now);
      }
    } finally {
      lock.unlock();
    }
  }

  private static ClassCounter hitCounter(int type) {
    switch (type) {
      case ItemLayout.HOT_LRU:
        return ClassCounter.HITS_TO_HOT;
      case ItemLayout.WARM_LRU:
        return ClassCounter.HITS_TO_WARM;
      case ItemLayout.COLD_LRU:
        return ClassCounter.HITS_TO_COLD;
      default:
        return ClassCounter.HITS_TO_TEMP;
    }
  }

  // ---- fields

  int keyLength(int address) {
    return pages.getByte(address, ItemLayout.NKEY) & 0xff;
  }

  int dataLength(int address) {
    return pages.getInt(address, ItemLayout.NBYTES);
  }

  long totalSize(int address) {
    return ItemLayout.totalSize(keyLength(address), dataLength(address));
  }

  int slabClass(int address) {
    return pages.getByte(address, ItemLayout.CLSID) & ItemLayout.CLASS_MASK;
  }

  byte itemFlags(int address) {
    return pages.getByte(address, ItemLayout.IT_FLAGS);
  }

  void setItemFlag(int address, byte flag, boolean on) {
    byte flags = pages.getByte(address, ItemLayout.IT_FLAGS);
    pages.putByte(address, ItemLayout.IT_FLAGS, (byte) (on ? flags | flag : flags & ~flag));
  }

  int exptime(int address) {
    return pages.getInt(address, ItemLayout.EXPTIME);
  }

  void exptime(int address, int exptime) {
    pages.putInt(address, ItemLayout.EXPTIME, exptime);
  }

  int time(int address) {
    return pages.getInt(address, ItemLayout.TIME);
  }

  long cas(int address) {
    return pages.getLong(address, ItemLayout.CAS);
  }

  void cas(int address, long cas) {
    pages.putLong(address, ItemLayout.CAS, cas);
  }

  int clientFlags(int address) {
    return pages.getInt(address, ItemLayout.FLAGS);
  }

  byte[] key(int address) {
    byte[] key = new byte[keyLength(address)];
    pages.read(address, ItemLayout.HEADER, key, 0, key.length);
    return key;
  }

  byte[] data(int address) {
    byte[] data = new byte[dataLength(address)];
    readData(address, 0, data, 0, data.length);
    return data;
  }

  /** Hands the item's data to {@code sink}, one call per chunk it occupies. */
  void streamData(int address, ValueSink sink) {
    int keyLength = keyLength(address);
    int length = dataLength(address);
    if ((pages.getByte(address, ItemLayout.IT_FLAGS) & ItemLayout.CHUNKED) == 0) {
      stream(address, ItemLayout.HEADER + keyLength, length, sink);
      return;
    }
    int table = chunkTable(keyLength);
    for (int i = 0, offset = 0; offset < length; i++, offset += dataChunkPayload) {
      int chunk = pages.getInt(address, table + 4 * i);
      stream(chunk, ItemLayout.HEADER, Math.min(dataChunkPayload, length - offset), sink);
    }
  }

  private void stream(int address, int field, int length, ValueSink sink) {
    if (length > 0) {
      sink.data(pages.page(PageStore.pageOf(address)), PageStore.offsetOf(address) + field, length);
    }
  }

  /** Copies {@code length} bytes of the item's data from {@code offset} into {@code dst}. */
  void readData(int address, int offset, byte[] dst, int dstOffset, int length) {
    transferData(address, offset, dst, dstOffset, length, false);
  }

  /** Writes {@code length} bytes of {@code src} into the item's data at {@code offset}. */
  void writeData(int address, int offset, byte[] src, int srcOffset, int length) {
    transferData(address, offset, src, srcOffset, length, true);
  }

  /** Moves data between a heap array and the item, walking its data chunks if it has them. */
  private void transferData(
      int address, int offset, byte[] buffer, int bufferOffset, int length, boolean write) {
    int keyLength = keyLength(address);
    if ((pages.getByte(address, ItemLayout.IT_FLAGS) & ItemLayout.CHUNKED) == 0) {
      transfer(
          address, ItemLayout.HEADER + keyLength + offset, buffer, bufferOffset, length, write);
      return;
    }
    int table = chunkTable(keyLength);
    while (length > 0) {
      int chunk = pages.getInt(address, table + 4 * (offset / dataChunkPayload));
      int within = offset % dataChunkPayload;
      int n = Math.min(length, dataChunkPayload - within);
      transfer(chunk, ItemLayout.HEADER + within, buffer, bufferOffset, n, write);
      offset += n;
      bufferOffset += n;
      length -= n;
    }
  }

  private void transfer(
      int address, int field, byte[] buffer, int bufferOffset, int length, boolean write) {
    if (write) {
      pages.write(address, field, buffer, bufferOffset, length);
    } else {
      pages.read(address, field, buffer, bufferOffset, length);
    }
  }

  /** The address of a data chunk's owning item. */
  int ownerOf(int dataChunk) {
    return pages.getInt(dataChunk, ItemLayout.H_NEXT);
  }

  HashIndex index() {
    return index;
  }

  SegmentedLru lru() {
    return lru;
  }
}
