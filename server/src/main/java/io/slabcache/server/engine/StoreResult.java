package io.slabcache.server.engine;

/**
 * Outcome of a store.
 *
 * @param status what happened
 * @param cas the stored item's CAS unique when {@code status} is {@link StoreStatus#STORED}, else 0
 */
public record StoreResult(StoreStatus status, long cas) {

  static final StoreResult NOT_STORED = new StoreResult(StoreStatus.NOT_STORED, 0);
  static final StoreResult EXISTS = new StoreResult(StoreStatus.EXISTS, 0);
  static final StoreResult NOT_FOUND = new StoreResult(StoreStatus.NOT_FOUND, 0);
  static final StoreResult TOO_LARGE = new StoreResult(StoreStatus.TOO_LARGE, 0);
  static final StoreResult NO_MEMORY = new StoreResult(StoreStatus.NO_MEMORY, 0);
  static final StoreResult BAD_KEY = new StoreResult(StoreStatus.BAD_KEY, 0);

  public boolean stored() {
    return status == StoreStatus.STORED;
  }
}
