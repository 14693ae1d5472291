package io.slabcache.server.engine;

import java.util.Locale;

/** How a store treats an existing item, as memcached's storage commands do. */
public enum StoreMode {
  /** Store unconditionally (or, with a compare CAS, only if the CAS matches: memcached's "cas"). */
  SET,
  /** Store only if no live item has the key. */
  ADD,
  /** Store only if a live item has the key. */
  REPLACE,
  /** Add the data after the existing item's data, keeping its flags and exptime. */
  APPEND,
  /** Add the data before the existing item's data, keeping its flags and exptime. */
  PREPEND;

  private final String command = name().toLowerCase(Locale.ROOT);

  /** memcached's command of this name ("set", "add", ...), as its logs write it. */
  public String command() {
    return command;
  }
}
