package io.slabcache.server.engine;

/**
 * Outcome of a store, with what memcached's {@code watch mutations} reports about the item the
 * store built: its slab class, data length and time to live, whether or not it was stored. A store
 * that could not build an item (too large, out of memory, bad key) reports 0 for the class and
 * length and -1 for the ttl.
 *
 * <p>It also says what the store's lookup of the old item found, which {@code watch fetchers}
 * reports. A store that built its item looked the old one up before deciding; one that could not
 * build it looked only to drop the old value (a plain set), or not at all.
 *
 * @param status what happened
 * @param cas the stored item's CAS unique when {@code status} is {@link StoreStatus#STORED}, else 0
 * @param slabClass the slab class of the item built
 * @param valueLength the length of its data (for append/prepend, old and new data together)
 * @param ttl its seconds left to live when built, -1 for never
 * @param lookup what the lookup of the old item found, or {@code null} if the store made none
 * @param lookupSlabClass the slab class of the old item, when {@code lookup} is FOUND, else 0
 * @param lookupValueLength the length of the old item's data, when {@code lookup} is FOUND, else 0
 */
public record StoreResult(
    StoreStatus status,
    long cas,
    int slabClass,
    int valueLength,
    long ttl,
    FetchStatus lookup,
    int lookupSlabClass,
    int lookupValueLength) {

  static final StoreResult TOO_LARGE = failure(StoreStatus.TOO_LARGE);
  static final StoreResult NO_MEMORY = failure(StoreStatus.NO_MEMORY);
  static final StoreResult BAD_KEY = failure(StoreStatus.BAD_KEY);

  private static StoreResult failure(StoreStatus status) {
    return new StoreResult(status, 0, 0, 0, -1, null, 0, 0);
  }

  public boolean stored() {
    return status == StoreStatus.STORED;
  }

  /** Whether the store could not build its item (too large, out of memory). */
  public boolean unbuilt() {
    return status == StoreStatus.TOO_LARGE || status == StoreStatus.NO_MEMORY;
  }
}
