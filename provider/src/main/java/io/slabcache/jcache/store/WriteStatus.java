package io.slabcache.jcache.store;

/** How a store ended, named after memcached's replies. */
public enum WriteStatus {
  STORED,
  /** The condition of add or replace did not hold. */
  NOT_STORED,
  /** The compare CAS did not match the item's. */
  EXISTS,
  /** A compare CAS was given but no live item has the key. */
  NOT_FOUND,
  /** The item is larger than the store's item size limit. */
  TOO_LARGE,
  /** The store found no memory for the item. */
  NO_MEMORY
}
