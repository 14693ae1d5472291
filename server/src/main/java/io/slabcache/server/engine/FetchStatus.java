package io.slabcache.server.engine;

/** What a lookup found under a key, as memcached's {@code watch fetchers} lines name it. */
public enum FetchStatus {
  /** No item has the key. */
  NOT_FOUND,
  /** A live item. */
  FOUND,
  /** An item invalidated by {@code flush_all}, removed by this lookup. */
  FLUSHED,
  /** An item past its exptime, removed by this lookup. */
  EXPIRED
}
