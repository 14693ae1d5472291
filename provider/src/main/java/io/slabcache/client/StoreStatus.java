package io.slabcache.client;

/** The outcome of a meta set. */
public enum StoreStatus {
  /** {@code HD}. */
  STORED,
  /** {@code NS}: the condition of add or replace did not hold. */
  NOT_STORED,
  /** {@code EX}: the compare CAS did not match. */
  EXISTS,
  /** {@code NF}: a compare CAS was given and no item has the key. */
  NOT_FOUND,
  /** {@code SERVER_ERROR object too large for cache}. */
  TOO_LARGE,
  /** {@code SERVER_ERROR out of memory storing object}. */
  NO_MEMORY
}
