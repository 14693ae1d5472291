package io.slabcache.server.engine;

/**
 * Outcome of a store, with what memcached's {@code watch mutations} reports about the item the
 * store built: its slab class, data length and time to live, whether or not it was stored. A store
 * that could not build an item (too large, out of memory, bad key) reports 0 for the class and
 * length and -1 for the ttl.
 *
 * @param status what happened
 * @param cas the stored item's CAS unique when {@code status} is {@link StoreStatus#STORED}, else 0
 * @param slabClass the slab class of the item built
 * @param valueLength the length of its data (for append/prepend, old and new data together)
 * @param ttl its seconds left to live when built, -1 for never
 */
public record StoreResult(StoreStatus status, long cas, int slabClass, int valueLength, long ttl) {

  static final StoreResult TOO_LARGE = failure(StoreStatus.TOO_LARGE);
  static final StoreResult NO_MEMORY = failure(StoreStatus.NO_MEMORY);
  static final StoreResult BAD_KEY = failure(StoreStatus.BAD_KEY);

  private static StoreResult failure(StoreStatus status) {
    return new StoreResult(status, 0, 0, 0, -1);
  }

  public boolean stored() {
    return status == StoreStatus.STORED;
  }
}
