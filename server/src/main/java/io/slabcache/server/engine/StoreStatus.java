package io.slabcache.server.engine;

/** Outcome of a store, named after memcached's replies. */
public enum StoreStatus {
  STORED,
  /** The mode's condition did not hold (add on a live key, replace/append/prepend on a miss). */
  NOT_STORED,
  /** The compare CAS did not match the item's. */
  EXISTS,
  /** A compare CAS was given but no live item has the key. */
  NOT_FOUND,
  /** The item (key, value and header) is larger than the item size limit. */
  TOO_LARGE,
  /** No memory could be found for the item (evictions disabled, or nothing evictable). */
  NO_MEMORY,
  /** The key is empty or longer than {@value SlabEngine#MAX_KEY_LENGTH} bytes. */
  BAD_KEY
}
