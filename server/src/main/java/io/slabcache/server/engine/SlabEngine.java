package io.slabcache.server.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * memcached's storage engine: items live as bytes in off-heap slab pages, found through a hash
 * index, aged by a segmented LRU, and every operation has memcached's semantics and result codes.
 *
 * <p>Thread-safe. No operation throws for a miss or for bad input: each returns its result code.
 * Exptimes follow memcached: 0 never expires, up to 30 days is seconds from now, larger is an
 * absolute unix time, negative is already expired.
 */
public final class SlabEngine implements AutoCloseable {

  /** memcached's longest key. */
  public static final int MAX_KEY_LENGTH = 250;

  /** The highest slab class id memcached accepts in commands that name classes. */
  public static final int MAX_SLAB_CLASS_ID = SlabAllocator.MAX_CLASSES;

  /** Exptimes above this many seconds are absolute unix times. */
  public static final long REALTIME_MAXDELTA = 60 * 60 * 24 * 30;

  private static final byte[] EMPTY = new byte[0];

  private final EngineConfig config;
  private final EngineTime time;
  private final PageStore pages;
  private final SlabAllocator slabs;
  private final ItemLocks locks;
  private final HashIndex index;
  private final EngineCounters counters;
  private final Items items;
  private final EngineStatsReport statsReport;
  private final BackgroundWork background;
  private final LruPolicy lruPolicy;

  private SlabEngine(EngineConfig config) {
    this.config = config;
    this.time = new EngineTime(config.clock());
    this.pages = new PageStore();
    this.slabs = new SlabAllocator(pages, config);
    this.locks = new ItemLocks();
    this.index = new HashIndex(pages, locks, config.hashPowerInit());
    this.counters = new EngineCounters(slabs.classCount());
    SegmentedLru lru = new SegmentedLru(pages);
    this.lruPolicy = new LruPolicy(config);
    // read bumps wait for the maintainer, when there is one to move them
    BumpQueues bumps = config.lruMaintainer() ? new BumpQueues(this::wakeMaintainer) : null;
    this.items = new Items(pages, slabs, index, locks, lru, counters, config, lruPolicy, bumps);
    this.background =
        new BackgroundWork(config, time, pages, slabs, items, locks, counters, lruPolicy);
    this.statsReport =
        new EngineStatsReport(config, time, slabs, items, counters, background, lruPolicy);
    background.start();
  }

  /** The items, for the engine's own tests to drive the LRU step by step. */
  Items items() {
    return items;
  }

  private void wakeMaintainer() {
    background.maintainer().wake();
  }

  /** Starts an engine with its background threads (LRU maintainer, crawler, automover). */
  public static SlabEngine start(EngineConfig config) {
    return new SlabEngine(config);
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * memcached's current time in unix seconds: the engine's clock, which on the wall clock moves
   * once a second.
   */
  public long unixTime() {
    return time.toUnix(time.now());
  }

  /** Whether memcached would accept this key: 1 to {@value #MAX_KEY_LENGTH} bytes. */
  public static boolean isValidKey(byte[] key) {
    return key != null && key.length > 0 && key.length <= MAX_KEY_LENGTH;
  }

  // ---- reads

  /** memcached's get: the item with its data, counted as an access; {@code null} on a miss. */
  public ItemView get(byte[] key) {
    return fetch(key, ReadOptions.UNCHANGED, null);
  }

  /**
   * memcached's get, delivering the item to {@code sink} while its lock is held: its data goes
   * straight from the engine's memory to the sink, without a copy on the heap. False on a miss.
   */
  public boolean get(byte[] key, ValueSink sink) {
    return fetch(key, ReadOptions.UNCHANGED, Objects.requireNonNull(sink, "sink")) != null;
  }

  /** memcached's gat: a get that also sets the item's exptime; {@code null} on a miss. */
  public ItemView getAndTouch(byte[] key, long exptime) {
    return fetch(key, exptime, null);
  }

  /** memcached's gat, delivering the item to {@code sink} as {@link #get(byte[], ValueSink)}. */
  public boolean getAndTouch(byte[] key, long exptime, ValueSink sink) {
    return fetch(key, exptime, Objects.requireNonNull(sink, "sink")) != null;
  }

  /** get, or gat when {@code touchExptime} is set: memcached counts a gat as a touch, not a hit. */
  private ItemView fetch(byte[] key, long touchExptime, ValueSink sink) {
    if (!isValidKey(key)) {
      return null;
    }
    boolean touching = touchExptime != ReadOptions.UNCHANGED;
    // memcached counts a gat as a touch only
    counters.count(touching ? EngineCounter.CMD_TOUCH : EngineCounter.CMD_GET);
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      int address = items.findLive(key, hash, now, sink);
      if (address == PageStore.NONE) {
        counters.count(touching ? EngineCounter.TOUCH_MISSES : EngineCounter.GET_MISSES);
        return null;
      }
      if (touching) {
        items.exptime(address, time.toEngine(touchExptime, now));
      }
      ItemView view = deliver(address, key, sink, true, false, false, now);
      if (touching) {
        counters.count(items.slabClass(address), ClassCounter.TOUCH_HITS);
      } else {
        counters.count(items.slabClass(address), ClassCounter.GET_HITS);
        items.countGetHit(address);
      }
      items.bump(address, hash, now);
      return view;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The live item's metadata, without its data, counted neither as a get ({@code cmd_get}, {@code
   * get_hits}, {@code get_misses}) nor as an access: memcached's {@code me}. An expired or flushed
   * item found on the way is removed and counted in {@code get_expired} or {@code get_flushed}, as
   * every memcached lookup does. {@code null} on a miss.
   */
  public ItemView peek(byte[] key) {
    return inspect(key, null);
  }

  /**
   * {@link #peek(byte[])}, telling {@code sink} what was found: the item's metadata, or why there
   * was none. The sink is offered no data. False on a miss.
   */
  public boolean peek(byte[] key, ValueSink sink) {
    return inspect(key, Objects.requireNonNull(sink, "sink")) != null;
  }

  private ItemView inspect(byte[] key, ValueSink sink) {
    if (!isValidKey(key)) {
      return null;
    }
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      int address = items.findLive(key, hash, now, sink);
      if (address == PageStore.NONE) {
        return null;
      }
      ItemView view = view(address, key, false, false, false, now);
      if (sink != null) {
        sink.found(view);
      }
      return view;
    } finally {
      lock.unlock();
    }
  }

  /** memcached's touch. */
  public TouchStatus touch(byte[] key, long exptime) {
    return touch(key, exptime, null);
  }

  /**
   * memcached's touch, telling {@code sink} what it found: the item's metadata as it was before the
   * touch (the sink is offered no data), or why there was none.
   */
  public TouchStatus touch(byte[] key, long exptime, ValueSink sink) {
    if (!isValidKey(key)) {
      return TouchStatus.BAD_KEY;
    }
    counters.count(EngineCounter.CMD_TOUCH);
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      int address = items.findLive(key, hash, now, sink);
      if (address == PageStore.NONE) {
        counters.count(EngineCounter.TOUCH_MISSES);
        return TouchStatus.NOT_FOUND;
      }
      if (sink != null) {
        sink.found(view(address, key, false, false, false, now));
      }
      items.exptime(address, time.toEngine(exptime, now));
      counters.count(items.slabClass(address), ClassCounter.TOUCH_HITS);
      items.bump(address, hash, now);
      return TouchStatus.TOUCHED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * memcached's meta get: a read with {@code options}; {@code null} on a miss that did not vivify.
   */
  public ItemView read(byte[] key, ReadOptions options) {
    return readItem(key, options, null);
  }

  /**
   * memcached's meta get, delivering the item to {@code sink} as {@link #get(byte[], ValueSink)}
   * does; the sink, not {@link ReadOptions#value()}, decides whether the data is wanted. A read
   * that vivifies tells the sink of the miss, then of the item it created. False on a miss that did
   * not vivify.
   */
  public boolean read(byte[] key, ReadOptions options, ValueSink sink) {
    return readItem(key, options, Objects.requireNonNull(sink, "sink")) != null;
  }

  private ItemView readItem(byte[] key, ReadOptions options, ValueSink sink) {
    if (!isValidKey(key)) {
      return null;
    }
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      int address = items.findLive(key, hash, now, sink);
      if (address == PageStore.NONE) {
        // memcached counts a miss of mg as a get's, with T or without
        counters.count(EngineCounter.CMD_GET);
        counters.count(EngineCounter.GET_MISSES);
        return options.vivifyExptime() == ReadOptions.UNCHANGED
            ? null
            : vivify(key, hash, options, sink, now);
      }
      return readHit(address, key, hash, options, sink, now);
    } finally {
      lock.unlock();
    }
  }

  private ItemView readHit(
      int address, byte[] key, int hash, ReadOptions options, ValueSink sink, int now) {
    int cls = items.slabClass(address);
    byte flags = items.itemFlags(address);
    boolean tokenSent = (flags & ItemLayout.TOKEN_SENT) != 0;
    boolean stale = (flags & ItemLayout.STALE) != 0;
    boolean won = false;
    if (!tokenSent) {
      int exptime = items.exptime(address);
      won =
          stale
              || (options.recacheBelow() != ReadOptions.UNCHANGED
                  && exptime != 0
                  && exptime - now < options.recacheBelow());
    }
    if (won) {
      items.setItemFlag(address, ItemLayout.TOKEN_SENT, true);
    }
    // and a hit of mg with T as a touch's only
    if (options.touchExptime() != ReadOptions.UNCHANGED) {
      items.exptime(address, time.toEngine(options.touchExptime(), now));
      counters.count(EngineCounter.CMD_TOUCH);
      counters.count(cls, ClassCounter.TOUCH_HITS);
    } else {
      counters.count(EngineCounter.CMD_GET);
      counters.count(cls, ClassCounter.GET_HITS);
      items.countGetHit(address);
    }
    ItemView view = deliver(address, key, sink, options.value(), won, tokenSent, now);
    if (options.bump()) {
      items.bump(address, hash, now);
    }
    return view;
  }

  private ItemView vivify(byte[] key, int hash, ReadOptions options, ValueSink sink, int now) {
    int exptime = time.toEngine(options.vivifyExptime(), now);
    int address = items.allocate(key, 0, exptime, 0, now);
    if (address == PageStore.NONE) {
      return null;
    }
    assignCas(address, options.newCas());
    items.setItemFlag(address, ItemLayout.TOKEN_SENT, true);
    items.link(address, hash, now);
    return deliver(address, key, sink, options.value(), true, false, now);
  }

  /**
   * The view a read returns: with its data copied when there is no sink and {@code withValue}; else
   * without, the data going to the sink if it wants it.
   */
  private ItemView deliver(
      int address,
      byte[] key,
      ValueSink sink,
      boolean withValue,
      boolean won,
      boolean alreadyWon,
      int now) {
    if (sink == null) {
      return view(address, key, withValue, won, alreadyWon, now);
    }
    ItemView view = view(address, key, false, won, alreadyWon, now);
    if (sink.found(view)) {
      items.streamData(address, sink);
    }
    return view;
  }

  /** A copy of the item as it is now, before any bump this read makes. */
  private ItemView view(
      int address, byte[] key, boolean withValue, boolean won, boolean alreadyWon, int now) {
    byte flags = items.itemFlags(address);
    int exptime = items.exptime(address);
    return new ItemView(
        key,
        withValue ? items.data(address) : null,
        items.dataLength(address),
        items.clientFlags(address),
        items.cas(address),
        time.toUnix(exptime),
        EngineTime.ttl(exptime, now),
        time.toUnix(items.time(address)),
        (flags & ItemLayout.FETCHED) != 0,
        (flags & ItemLayout.STALE) != 0,
        won,
        alreadyWon,
        items.slabClass(address),
        (int) Math.min(items.totalSize(address), Integer.MAX_VALUE));
  }

  // ---- writes

  public StoreResult set(byte[] key, int flags, long exptime, byte[] value) {
    return store(StoreRequest.of(StoreMode.SET, key, flags, exptime, value));
  }

  public StoreResult add(byte[] key, int flags, long exptime, byte[] value) {
    return store(StoreRequest.of(StoreMode.ADD, key, flags, exptime, value));
  }

  public StoreResult replace(byte[] key, int flags, long exptime, byte[] value) {
    return store(StoreRequest.of(StoreMode.REPLACE, key, flags, exptime, value));
  }

  public StoreResult append(byte[] key, byte[] value) {
    return store(StoreRequest.of(StoreMode.APPEND, key, 0, 0, value));
  }

  public StoreResult prepend(byte[] key, byte[] value) {
    return store(StoreRequest.of(StoreMode.PREPEND, key, 0, 0, value));
  }

  /** memcached's cas: set only if the item's CAS unique is still {@code cas}. */
  public StoreResult cas(byte[] key, int flags, long exptime, byte[] value, long cas) {
    return store(StoreRequest.of(StoreMode.SET, key, flags, exptime, value).withCompareCas(cas));
  }

  /** The general store, with the knobs of meta set. */
  public StoreResult store(StoreRequest request) {
    byte[] key = request.key();
    if (!isValidKey(key)) {
      return StoreResult.BAD_KEY;
    }
    int now = time.now();
    int hash = KeyHash.hash(key);
    if (request.mode() == StoreMode.APPEND || request.mode() == StoreMode.PREPEND) {
      return concatenate(request, hash, now);
    }
    // Like memcached, build the new item before taking the item lock: an allocation that must
    // evict or move a page never waits on a lock this thread holds.
    byte[] value = request.value();
    int address = PageStore.NONE;
    StoreResult failure = null;
    if (items.tooLarge(key.length, value.length)) {
      counters.count(EngineCounter.STORE_TOO_LARGE);
      failure = StoreResult.TOO_LARGE;
    } else {
      address =
          items.allocate(
              key, request.flags(), time.toEngine(request.exptime(), now), value.length, now);
      if (address == PageStore.NONE) {
        counters.count(EngineCounter.STORE_NO_MEMORY);
        failure = StoreResult.NO_MEMORY;
      } else {
        items.writeData(address, 0, value, 0, value.length);
        // memcached counts a store once its item is built, whatever it then decides
        counters.count(items.slabClass(address), ClassCounter.CMD_SET);
      }
    }
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      if (failure != null) {
        return dropOnFailedSet(request, failure, hash, now);
      }
      long lookup = items.lookup(key, hash, now);
      int existing = Items.address(lookup);
      StoreStatus refusal = checkCondition(request, existing, hash, now);
      if (refusal != null) {
        StoreResult refused =
            result(
                refusal,
                0,
                items.slabClass(address),
                value.length,
                EngineTime.ttl(items.exptime(address), now),
                lookup);
        items.free(address);
        return refused;
      }
      boolean stale =
          request.invalidate()
              && existing != PageStore.NONE
              && request.compareCas() != 0
              && request.compareCas() != items.cas(existing);
      return commit(address, lookup, hash, now, request.newCas(), stale);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A store's result with what its lookup found: the old item's slab class and data length when the
   * lookup found one, read before the store replaces it.
   */
  private StoreResult result(
      StoreStatus status, long cas, int slabClass, int valueLength, long ttl, long lookup) {
    int existing = Items.address(lookup);
    boolean found = existing != PageStore.NONE;
    return new StoreResult(
        status,
        cas,
        slabClass,
        valueLength,
        ttl,
        Items.status(lookup),
        found ? items.slabClass(existing) : 0,
        found ? items.dataLength(existing) : 0);
  }

  /** append/prepend: the new item is built from the old one, under the item lock. */
  private StoreResult concatenate(StoreRequest request, int hash, int now) {
    // memcached first builds an item for the new data alone: data too large for any item fails
    // there, before the lookup
    if (items.tooLarge(request.key().length, request.value().length)) {
      counters.count(EngineCounter.STORE_TOO_LARGE);
      return StoreResult.TOO_LARGE;
    }
    countStore(request);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      long lookup = items.lookup(request.key(), hash, now);
      int existing = Items.address(lookup);
      StoreStatus refusal = checkCondition(request, existing, hash, now);
      if (refusal != null) {
        return unbuilt(refusal, request, now, lookup);
      }
      return existing == PageStore.NONE
          ? vivifyConcatenation(request, hash, now, lookup)
          : concatenate(request, lookup, hash, now);
    } finally {
      lock.unlock();
    }
  }

  private StoreResult vivifyConcatenation(StoreRequest request, int hash, int now, long lookup) {
    byte[] value = request.value();
    int address =
        items.allocate(
            request.key(),
            request.flags(),
            time.toEngine(request.vivifyExptime(), now),
            value.length,
            now);
    if (address == PageStore.NONE) {
      counters.count(EngineCounter.STORE_NO_MEMORY);
      return result(StoreStatus.NO_MEMORY, 0, 0, 0, -1, lookup);
    }
    items.writeData(address, 0, value, 0, value.length);
    return commit(address, lookup, hash, now, request.newCas(), false);
  }

  /**
   * A refusal of a store that built no item, describing the item it would have built from the
   * request alone, as memcached's log line does.
   */
  private StoreResult unbuilt(StoreStatus status, StoreRequest request, int now, long lookup) {
    int length = request.value().length;
    return result(
        status,
        0,
        items.lruClass(request.key().length, length),
        length,
        EngineTime.ttl(time.toEngine(request.exptime(), now), now),
        lookup);
  }

  /**
   * memcached's cas (and meta set with C) given a CAS unique of 0, which no item matches: nothing
   * is stored. NOT_FOUND when no live item has the key, EXISTS when one does; the result describes
   * the item the store would have built.
   */
  public StoreResult casZero(StoreRequest request) {
    byte[] key = request.key();
    if (!isValidKey(key)) {
      return StoreResult.BAD_KEY;
    }
    countStore(request);
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      long lookup = items.lookup(key, hash, now);
      int existing = Items.address(lookup);
      if (existing == PageStore.NONE) {
        counters.count(EngineCounter.CAS_MISSES);
        return unbuilt(StoreStatus.NOT_FOUND, request, now, lookup);
      }
      counters.count(items.slabClass(existing), ClassCounter.CAS_BADVAL);
      return unbuilt(StoreStatus.EXISTS, request, now, lookup);
    } finally {
      lock.unlock();
    }
  }

  /** Why the store must not happen, or {@code null} if it may. */
  private StoreStatus checkCondition(StoreRequest request, int existing, int hash, int now) {
    boolean exists = existing != PageStore.NONE;
    switch (request.mode()) {
      case ADD:
        if (exists) {
          // memcached's do_item_update: the item counts as used, not as read
          items.update(existing, now);
          return StoreStatus.NOT_STORED;
        }
        return null;
      case APPEND:
      case PREPEND:
        if (!exists) {
          return request.vivifyExptime() == ReadOptions.UNCHANGED ? StoreStatus.NOT_STORED : null;
        }
        if (request.compareCas() != 0 && request.compareCas() != items.cas(existing)) {
          return StoreStatus.EXISTS;
        }
        return null;
      case REPLACE:
        if (!exists) {
          return StoreStatus.NOT_STORED;
        }
        return request.compareCas() == 0 ? null : compareForCas(request, existing);
      case SET:
        if (request.compareCas() == 0) {
          return null;
        }
        if (!exists) {
          counters.count(EngineCounter.CAS_MISSES);
          return StoreStatus.NOT_FOUND;
        }
        return compareForCas(request, existing);
      default:
        throw new IllegalStateException(request.mode().name());
    }
  }

  private StoreStatus compareForCas(StoreRequest request, int existing) {
    long current = items.cas(existing);
    int cls = items.slabClass(existing);
    if (request.compareCas() == current
        || (request.invalidate() && Long.compareUnsigned(request.compareCas(), current) < 0)) {
      counters.count(cls, ClassCounter.CAS_HITS);
      return null;
    }
    counters.count(cls, ClassCounter.CAS_BADVAL);
    return StoreStatus.EXISTS;
  }

  /**
   * append/prepend onto a live item. Old and new data too large for one item, or no memory for
   * them, leave the old item as it was: NOT_STORED, as memcached answers.
   */
  private StoreResult concatenate(StoreRequest request, long lookup, int hash, int now) {
    int existing = Items.address(lookup);
    int oldLength = items.dataLength(existing);
    byte[] added = request.value();
    long length = (long) oldLength + added.length;
    int address =
        length > Integer.MAX_VALUE || items.tooLarge(request.key().length, length)
            ? PageStore.NONE
            : items.allocate(
                request.key(),
                items.clientFlags(existing),
                items.exptime(existing),
                (int) length,
                now);
    if (address == PageStore.NONE) {
      return unbuilt(StoreStatus.NOT_STORED, request, now, lookup);
    }
    byte[] old = items.data(existing);
    boolean append = request.mode() == StoreMode.APPEND;
    items.writeData(address, append ? 0 : added.length, old, 0, old.length);
    items.writeData(address, append ? old.length : 0, added, 0, added.length);
    return commit(address, lookup, hash, now, request.newCas(), false);
  }

  private StoreResult commit(
      int address, long lookup, int hash, int now, long newCas, boolean stale) {
    long cas = assignCas(address, newCas);
    if (stale) {
      keepStale(address, Items.address(lookup));
    }
    int cls = items.slabClass(address);
    // described before the old item is replaced, while it can still be read
    StoreResult stored =
        result(
            StoreStatus.STORED,
            cas,
            cls,
            items.dataLength(address),
            EngineTime.ttl(items.exptime(address), now),
            lookup);
    int existing = Items.address(lookup);
    if (existing == PageStore.NONE) {
      items.link(address, hash, now);
    } else {
      items.replace(existing, address, hash, now);
    }
    return stored;
  }

  /**
   * Counts a store that builds no item of the request's data before it decides, in the class that
   * item would have had: memcached builds that item first, and counts the store then.
   */
  private void countStore(StoreRequest request) {
    counters.count(
        items.lruClass(request.key().length, request.value().length), ClassCounter.CMD_SET);
  }

  /**
   * A value stored stale (meta set with I and a lower CAS) replaces the data only: like memcached,
   * it keeps the old item's exptime, and its recache token if a client has won it.
   */
  private void keepStale(int address, int existing) {
    items.setItemFlag(address, ItemLayout.STALE, true);
    items.exptime(address, items.exptime(existing));
    if ((items.itemFlags(existing) & ItemLayout.TOKEN_SENT) != 0) {
      items.setItemFlag(address, ItemLayout.TOKEN_SENT, true);
    }
  }

  private long assignCas(int address, long explicit) {
    long cas;
    if (explicit != 0) {
      cas = explicit;
      items.observeCas(explicit);
    } else {
      cas = items.nextCas();
    }
    items.cas(address, cas);
    return cas;
  }

  /**
   * A plain set that cannot be stored removes the old value, so no stale data survives it; the
   * failure then says what that lookup found.
   */
  private StoreResult dropOnFailedSet(
      StoreRequest request, StoreResult failure, int hash, int now) {
    if (request.mode() != StoreMode.SET || request.compareCas() != 0) {
      return failure;
    }
    long lookup = items.lookup(request.key(), hash, now);
    StoreResult dropped = result(failure.status(), 0, 0, 0, -1, lookup);
    int existing = Items.address(lookup);
    if (existing != PageStore.NONE) {
      items.unlink(existing, hash);
    }
    return dropped;
  }

  /** memcached's delete. */
  public DeleteStatus delete(byte[] key) {
    return delete(DeleteRequest.of(key)).status();
  }

  /** The general delete, with the knobs of meta delete. */
  public DeleteResult delete(DeleteRequest request) {
    byte[] key = request.key();
    if (!isValidKey(key)) {
      return DeleteResult.BAD_KEY;
    }
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      long lookup = items.lookup(key, hash, now);
      int address = Items.address(lookup);
      if (address == PageStore.NONE) {
        counters.count(EngineCounter.DELETE_MISSES);
        return DeleteResult.notFound(Items.status(lookup));
      }
      int cls = items.slabClass(address);
      int length = items.dataLength(address);
      if (request.compareCas() != 0 && request.compareCas() != items.cas(address)) {
        return new DeleteResult(DeleteStatus.EXISTS, FetchStatus.FOUND, cls, length);
      }
      if (!request.invalidate() && !request.dropValue()) {
        items.unlink(address, hash);
      } else if (!keepAsTombstone(request, address, hash, now)) {
        return new DeleteResult(DeleteStatus.NOT_FOUND, FetchStatus.FOUND, cls, length);
      }
      counters.count(cls, ClassCounter.DELETE_HITS);
      return new DeleteResult(DeleteStatus.DELETED, FetchStatus.FOUND, cls, length);
    } finally {
      lock.unlock();
    }
  }

  /** Meta delete with I or x: the item stays, stale and/or without its data. */
  private boolean keepAsTombstone(DeleteRequest request, int address, int hash, int now) {
    int target = address;
    if (request.dropValue()) {
      target =
          items.allocate(request.key(), items.clientFlags(address), items.exptime(address), 0, now);
      if (target == PageStore.NONE) {
        items.unlink(address, hash);
        return false;
      }
      items.cas(target, items.cas(address));
      items.replace(address, target, hash, now);
    }
    if (request.invalidate()) {
      items.setItemFlag(target, ItemLayout.STALE, true);
      items.setItemFlag(target, ItemLayout.TOKEN_SENT, false);
      assignCas(target, request.newCas());
      if (request.exptime() != ReadOptions.UNCHANGED) {
        items.exptime(target, time.toEngine(request.exptime(), now));
      }
    } else {
      assignCas(target, request.newCas());
    }
    return true;
  }

  public ArithmeticResult incr(byte[] key, long delta) {
    return arithmetic(ArithmeticRequest.incr(key, delta));
  }

  public ArithmeticResult decr(byte[] key, long delta) {
    return arithmetic(ArithmeticRequest.decr(key, delta));
  }

  /** The general incr/decr, with the knobs of meta arithmetic. */
  public ArithmeticResult arithmetic(ArithmeticRequest request) {
    byte[] key = request.key();
    if (!isValidKey(key)) {
      return ArithmeticResult.BAD_KEY;
    }
    int now = time.now();
    int hash = KeyHash.hash(key);
    ReentrantLock lock = locks.forHash(hash);
    lock.lock();
    try {
      long lookup = items.lookup(key, hash, now);
      int address = Items.address(lookup);
      if (address == PageStore.NONE) {
        if (request.vivifyExptime() != ReadOptions.UNCHANGED) {
          return createCounter(request, hash, now, Items.status(lookup));
        }
        counters.count(request.increment() ? EngineCounter.INCR_MISSES : EngineCounter.DECR_MISSES);
        return ArithmeticResult.failed(ArithmeticStatus.NOT_FOUND, Items.status(lookup), 0, 0);
      }
      if (request.compareCas() != 0 && request.compareCas() != items.cas(address)) {
        return ArithmeticResult.failed(
            ArithmeticStatus.EXISTS,
            FetchStatus.FOUND,
            items.slabClass(address),
            items.dataLength(address));
      }
      return applyDelta(request, address, hash, now);
    } finally {
      lock.unlock();
    }
  }

  private ArithmeticResult createCounter(
      ArithmeticRequest request, int hash, int now, FetchStatus lookup) {
    byte[] digits = DecimalValue.format(request.initial());
    int exptime = time.toEngine(request.vivifyExptime(), now);
    int address = items.allocate(request.key(), 0, exptime, digits.length, now);
    if (address == PageStore.NONE) {
      counters.count(EngineCounter.STORE_NO_MEMORY);
      return ArithmeticResult.failed(ArithmeticStatus.NO_MEMORY, lookup, 0, 0);
    }
    items.writeData(address, 0, digits, 0, digits.length);
    long cas = assignCas(address, request.newCas());
    items.link(address, hash, now);
    return new ArithmeticResult(
        ArithmeticStatus.OK,
        request.initial(),
        cas,
        EngineTime.ttl(exptime, now),
        lookup,
        items.slabClass(address),
        digits.length);
  }

  private ArithmeticResult applyDelta(ArithmeticRequest request, int address, int hash, int now) {
    int oldClass = items.slabClass(address);
    int oldLength = items.dataLength(address);
    Long current = DecimalValue.parse(items.data(address));
    if (current == null) {
      return ArithmeticResult.failed(
          ArithmeticStatus.NON_NUMERIC, FetchStatus.FOUND, oldClass, oldLength);
    }
    long value;
    if (request.increment()) {
      value = current + request.delta();
    } else {
      value = Long.compareUnsigned(request.delta(), current) > 0 ? 0 : current - request.delta();
    }
    byte[] digits = DecimalValue.format(value);
    int target = address;
    if (digits.length <= oldLength) {
      // memcached rewrites in place, padding a shorter number with spaces
      byte[] padded = java.util.Arrays.copyOf(digits, oldLength);
      java.util.Arrays.fill(padded, digits.length, oldLength, (byte) ' ');
      items.writeData(address, 0, padded, 0, oldLength);
    } else {
      target =
          items.allocate(
              request.key(),
              items.clientFlags(address),
              items.exptime(address),
              digits.length,
              now);
      if (target == PageStore.NONE) {
        counters.count(EngineCounter.STORE_NO_MEMORY);
        return ArithmeticResult.failed(
            ArithmeticStatus.NO_MEMORY, FetchStatus.FOUND, oldClass, oldLength);
      }
      items.writeData(target, 0, digits, 0, digits.length);
      items.replace(address, target, hash, now);
    }
    long cas = assignCas(target, request.newCas());
    if (request.touchExptime() != ReadOptions.UNCHANGED) {
      items.exptime(target, time.toEngine(request.touchExptime(), now));
    }
    counters.count(
        items.slabClass(target),
        request.increment() ? ClassCounter.INCR_HITS : ClassCounter.DECR_HITS);
    return new ArithmeticResult(
        ArithmeticStatus.OK,
        value,
        cas,
        EngineTime.ttl(items.exptime(target), now),
        FetchStatus.FOUND,
        oldClass,
        oldLength);
  }

  /** memcached's {@code flush_all}: every item stored before now (or now + delay) is invalid. */
  public void flushAll(long delaySeconds) {
    int now = time.now();
    int when = delaySeconds > 0 ? time.toEngine(delaySeconds, now) : now;
    items.flush(when, now);
    counters.count(EngineCounter.CMD_FLUSH);
  }

  // ---- enumeration

  /**
   * Visits the metadata (no data) of every live item whose key starts with {@code keyPrefix} (all
   * when {@code null}) and which lives in {@code slabClass} (all when 0), without stopping writers.
   * An item live for the whole scan is visited once; one written or removed meanwhile may or may
   * not be. The visitor runs with no item or list lock held; the index does not grow until the scan
   * ends.
   */
  public void scan(int slabClass, byte[] keyPrefix, Consumer<ItemView> visitor) {
    List<ItemView> batch = new ArrayList<>();
    index.forEachChain(
        head -> {
          int now = time.now();
          for (int address = head;
              address != PageStore.NONE;
              address = pages.getInt(address, ItemLayout.H_NEXT)) {
            if (items.isLive(address, now)
                && (slabClass == 0 || items.slabClass(address) == slabClass)
                && hasPrefix(address, keyPrefix)) {
              batch.add(view(address, items.key(address), false, false, false, now));
            }
          }
        },
        () -> {
          batch.forEach(visitor);
          batch.clear();
        });
  }

  /**
   * memcached's {@code stats cachedump}: the items of one class's COLD list (its only list when the
   * LRU is flat), from the head, at most {@code limit} of them (0 for all), without their data. The
   * list's lock is held while it is read, as memcached holds it.
   */
  public List<ItemView> cachedump(int slabClass, int limit) {
    List<ItemView> dumped = new ArrayList<>();
    if (slabClass < 0 || slabClass > MAX_SLAB_CLASS_ID) {
      return dumped;
    }
    SegmentedLru lru = items.lru();
    int lruId = slabClass | ItemLayout.COLD_LRU;
    ReentrantLock lock = lru.acquire(lruId);
    try {
      int now = time.now();
      for (int address = lru.headLocked(lruId);
          address != PageStore.NONE && (limit == 0 || dumped.size() < limit);
          address = lru.nextLocked(address)) {
        dumped.add(view(address, items.key(address), false, false, false, now));
      }
    } finally {
      lock.unlock();
    }
    return dumped;
  }

  private boolean hasPrefix(int address, byte[] prefix) {
    return prefix == null
        || (items.keyLength(address) >= prefix.length
            && pages.equalsBytes(address, ItemLayout.HEADER, prefix));
  }

  // ---- administration

  public EngineStats stats() {
    return statsReport.snapshot();
  }

  /** memcached's {@code stats reset}: zeroes the counters that are not gauges. */
  public void resetStats() {
    counters.reset();
  }

  /** memcached's {@code slabs reassign}: moves one page from class {@code from} (-1: any). */
  public ReassignStatus reassign(int from, int to) {
    return background.rebalancer().request(from, to);
  }

  /** memcached's {@code slabs automove <0|1|2>}; false if the mode is out of range. */
  public boolean automove(int mode) {
    return background.rebalancer().automove(mode);
  }

  /**
   * memcached's {@code cache_memlimit}: a new memory limit in bytes; false if it is below what
   * memcached accepts (8 MiB). A limit above what the engine can address is taken as that much.
   * Pages already in use stay in use when the limit is lowered; no new ones are taken above it.
   */
  public boolean memoryLimit(long bytes) {
    if (bytes < 8L * EngineConfig.MIB) {
      return false;
    }
    slabs.limitPages(Math.min(bytes / EngineConfig.PAGE_SIZE, PageStore.MAX_PAGES));
    return true;
  }

  /** The LRU's current shape ({@code lru tune}). */
  public LruTuning lruTuning() {
    return lruPolicy.tuning();
  }

  /**
   * memcached's {@code lru tune}: new shares and age factors for HOT and WARM, used from the
   * maintainer's next round; false, and nothing changes, if they are not {@link LruTuning#valid()}.
   */
  public boolean tuneLru(LruTuning tuning) {
    if (!tuning.valid()) {
      return false;
    }
    lruPolicy.tuning(tuning);
    return true;
  }

  /** Whether the LRU is segmented (HOT/WARM/COLD) or flat ({@code lru mode}). */
  public boolean lruSegmented() {
    return lruPolicy.segmented();
  }

  /**
   * memcached's {@code lru mode segmented|flat}. Flat: new items go to COLD, reads never move them
   * to WARM, and the maintainer drains HOT and WARM into COLD.
   */
  public void lruSegmented(boolean segmented) {
    lruPolicy.segmented(segmented);
  }

  /** Whether items with a short TTL go to the TEMP LRU. */
  public boolean tempLru() {
    return lruPolicy.tempLru();
  }

  /** Items stored with at most this many seconds to live go to TEMP, when it is on. */
  public int temporaryTtl() {
    return lruPolicy.temporaryTtl();
  }

  /**
   * memcached's {@code lru temp_ttl}: items stored from now on with at most {@code seconds} to live
   * go to the TEMP LRU, which is never bumped and only reclaimed; a negative value turns TEMP off.
   */
  public void temporaryTtl(int seconds) {
    lruPolicy.temporaryTtl(seconds);
  }

  /**
   * memcached's {@code stats sizes_enable}: {@code stats sizes} counts the items stored from now
   * on. False, and nothing changes, if the engine keeps no CAS uniques, which tell those items.
   */
  public boolean trackSizes() {
    if (!config.casEnabled()) {
      return false;
    }
    items.sizes().turnOn(items.upcomingCas());
    return true;
  }

  /** memcached's {@code stats sizes_disable}. */
  public void stopTrackingSizes() {
    items.sizes().turnOff();
  }

  /**
   * Starts a crawl of every class for expired items now (memcached's {@code lru_crawler crawl
   * all}).
   */
  public CrawlStatus crawl() {
    return background.crawler().request(-1L);
  }

  /**
   * memcached's {@code lru_crawler crawl <classes>}: starts a crawl of these classes for expired
   * items; BAD_CLASS, and no crawl, if one is outside 1 to {@value #MAX_SLAB_CLASS_ID}.
   */
  public CrawlStatus crawl(int... classes) {
    long mask = 0;
    for (int cls : classes) {
      if (cls < 1 || cls > MAX_SLAB_CLASS_ID) {
        return CrawlStatus.BAD_CLASS;
      }
      mask |= 1L << cls;
    }
    return background.crawler().request(mask);
  }

  /** Whether the LRU crawler is enabled ({@code lru_crawler enable|disable}). */
  public boolean crawlerEnabled() {
    return background.crawler().enabled();
  }

  /** memcached's {@code lru_crawler enable}; false if the crawler was enabled already. */
  public boolean enableCrawler() {
    return background.crawler().enable();
  }

  /**
   * memcached's {@code lru_crawler disable}: no more background or requested crawls; one under way
   * stops at the next hash bucket it would visit.
   */
  public void disableCrawler() {
    background.crawler().disable();
  }

  /** Microseconds the crawler pauses after every 1000 items it checks. */
  public int crawlerSleepMicros() {
    return background.crawler().sleepMicros();
  }

  /**
   * memcached's {@code lru_crawler sleep}; false, and no change, outside 0 to {@value
   * EngineConfig#MAX_LRU_CRAWLER_SLEEP_MICROS}.
   */
  public boolean crawlerSleepMicros(int micros) {
    if (micros < 0 || micros > EngineConfig.MAX_LRU_CRAWLER_SLEEP_MICROS) {
      return false;
    }
    background.crawler().sleepMicros(micros);
    return true;
  }

  /** Most items the crawler checks per LRU in a run; 0 for all. */
  public long crawlerToCrawl() {
    return background.crawler().toCrawl();
  }

  /**
   * memcached's {@code lru_crawler tocrawl}; false, and no change, outside 0 to {@value
   * EngineConfig#MAX_LRU_CRAWLER_TOCRAWL}.
   */
  public boolean crawlerToCrawl(long items) {
    if (items < 0 || items > EngineConfig.MAX_LRU_CRAWLER_TOCRAWL) {
      return false;
    }
    background.crawler().toCrawl(items);
    return true;
  }

  /**
   * Adds a listener told of every eviction from now on, besides the one configured at start (for
   * observers that come and go, such as a server's {@code watch evictions}). The same rules apply:
   * quick, and no calls back into the engine.
   */
  public void addEvictionListener(EvictionListener listener) {
    items.addEvictionListener(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #addEvictionListener}; no effect if it is not there. */
  public void removeEvictionListener(EvictionListener listener) {
    items.removeEvictionListener(listener);
  }

  /** Number of slab classes; ids run from 1 to this. */
  public int slabClassCount() {
    return slabs.classCount();
  }

  /**
   * Stops the background threads and releases the memory. The engine must not be used afterwards,
   * nor while it closes.
   */
  @Override
  public void close() {
    background.stop();
    pages.release();
  }
}
