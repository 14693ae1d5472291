package io.slabcache.jcache.store;

/** Outcome of a delete, named after memcached's replies. */
public enum DeleteResult {
  DELETED,
  NOT_FOUND,
  /** The compare CAS did not match the item's. */
  EXISTS;

  public boolean deleted() {
    return this == DELETED;
  }
}
