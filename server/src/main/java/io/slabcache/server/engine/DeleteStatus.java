package io.slabcache.server.engine;

/** Outcome of a delete, named after memcached's replies. */
public enum DeleteStatus {
  DELETED,
  NOT_FOUND,
  /** The compare CAS did not match the item's. */
  EXISTS,
  /** The key is empty or longer than {@value SlabEngine#MAX_KEY_LENGTH} bytes. */
  BAD_KEY
}
