package io.slabcache.server.engine;

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

  /** Exptimes above this many seconds are absolute unix times. */
  public static final long REALTIME_MAXDELTA = 60 * 60 * 24 * 30;

  private SlabEngine(EngineConfig config) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** Starts an engine with its background threads (LRU maintainer, crawler, automover). */
  public static SlabEngine start(EngineConfig config) {
    return new SlabEngine(config);
  }

  public EngineConfig config() {
    throw new UnsupportedOperationException("engine under construction");
  }

  // ---- reads

  /** memcached's get: the item with its data, counted as an access; {@code null} on a miss. */
  public ItemView get(byte[] key) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's gat: a get that also sets the item's exptime; {@code null} on a miss. */
  public ItemView getAndTouch(byte[] key, long exptime) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's touch. */
  public TouchStatus touch(byte[] key, long exptime) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /**
   * memcached's meta get: a read with {@code options}; {@code null} on a miss that did not vivify.
   */
  public ItemView read(byte[] key, ReadOptions options) {
    throw new UnsupportedOperationException("engine under construction");
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
    throw new UnsupportedOperationException("engine under construction");
  }

  public DeleteStatus delete(byte[] key) {
    return delete(DeleteRequest.of(key));
  }

  /** The general delete, with the knobs of meta delete. */
  public DeleteStatus delete(DeleteRequest request) {
    throw new UnsupportedOperationException("engine under construction");
  }

  public ArithmeticResult incr(byte[] key, long delta) {
    return arithmetic(ArithmeticRequest.incr(key, delta));
  }

  public ArithmeticResult decr(byte[] key, long delta) {
    return arithmetic(ArithmeticRequest.decr(key, delta));
  }

  /** The general incr/decr, with the knobs of meta arithmetic. */
  public ArithmeticResult arithmetic(ArithmeticRequest request) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's {@code flush_all}: every item stored before now (or now + delay) is invalid. */
  public void flushAll(long delaySeconds) {
    throw new UnsupportedOperationException("engine under construction");
  }

  // ---- enumeration

  /**
   * Visits the metadata (no data) of every live item whose key starts with {@code keyPrefix} (all
   * when {@code null}) and which lives in {@code slabClass} (all when 0), without stopping writers.
   * An item live for the whole scan is visited once; one written or removed meanwhile may or may
   * not be. The visitor runs without engine locks held.
   */
  public void scan(int slabClass, byte[] keyPrefix, Consumer<ItemView> visitor) {
    throw new UnsupportedOperationException("engine under construction");
  }

  // ---- administration

  public EngineStats stats() {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's {@code stats reset}: zeroes the counters that are not gauges. */
  public void resetStats() {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's {@code slabs reassign}: moves one page from class {@code from} (-1: any). */
  public ReassignStatus reassign(int from, int to) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** memcached's {@code slabs automove <0|1|2>}; false if the mode is out of range. */
  public boolean automove(int mode) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /**
   * memcached's {@code cache_memlimit}: a new memory limit in bytes; false if it is below what
   * memcached accepts (8 MiB) or above what the engine can address.
   */
  public boolean memoryLimit(long bytes) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** Starts a crawl of every class for expired items now (memcached's {@code lru_crawler crawl}). */
  public void crawl() {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** Number of slab classes; ids run from 1 to this. */
  public int slabClassCount() {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** Stops the background threads and releases the memory; the engine is unusable afterwards. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("engine under construction");
  }
}
