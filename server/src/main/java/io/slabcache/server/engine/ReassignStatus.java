package io.slabcache.server.engine;

/** Outcome of a request to move a slab page between classes, named after memcached's replies. */
public enum ReassignStatus {
  OK,
  /** A page move is already under way. */
  BUSY,
  /** A class id is out of range. */
  BADCLASS,
  /** The source class has no page to spare. */
  NOSPARE,
  /** Source and destination are the same class. */
  NOTSAME,
  /** Page moves were disabled at start ({@code slab_reassign} off). */
  DISABLED
}
