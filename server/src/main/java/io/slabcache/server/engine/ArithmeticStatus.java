package io.slabcache.server.engine;

/** Outcome of incr/decr. */
public enum ArithmeticStatus {
  OK,
  NOT_FOUND,
  /** The item's value is not a decimal number that fits in 64 unsigned bits. */
  NON_NUMERIC,
  /** The compare CAS did not match the item's. */
  EXISTS,
  /** No memory could be found for the new value. */
  NO_MEMORY,
  /** The key is empty or longer than {@value SlabEngine#MAX_KEY_LENGTH} bytes. */
  BAD_KEY
}
