package io.slabcache.client;

/** The outcome of a meta delete. */
public enum DeleteStatus {
  /** {@code HD}. */
  DELETED,
  /** {@code NF}. */
  NOT_FOUND,
  /** {@code EX}: the compare CAS did not match. */
  EXISTS
}
