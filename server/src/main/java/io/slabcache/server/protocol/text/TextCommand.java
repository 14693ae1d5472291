package io.slabcache.server.protocol.text;

import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.protocol.meta.MetaRequest;
import java.util.List;

/** One decoded text-protocol command; each kind is its own record. */
sealed interface TextCommand {

  /** A reply decided while decoding (a malformed line); {@code noreply} suppresses it. */
  record Reply(String line, boolean noreply) implements TextCommand {}

  /** get, gets, gat, gats. */
  record Retrieve(boolean withCas, boolean touch, long exptime, List<byte[]> keys)
      implements TextCommand {}

  /** set, add, replace, append, prepend and cas, with their data block. */
  record Store(
      StoreMode mode,
      byte[] key,
      int flags,
      long exptime,
      boolean isCas,
      long cas,
      byte[] value,
      boolean noreply)
      implements TextCommand {}

  /** A storage command whose data block is larger than any item; the block is skipped. */
  record TooLarge(StoreMode mode, byte[] key, boolean noreply) implements TextCommand {}

  record Delete(byte[] key, boolean noreply) implements TextCommand {}

  record Arithmetic(byte[] key, boolean increment, long delta, boolean noreply)
      implements TextCommand {}

  record Touch(byte[] key, long exptime, boolean noreply) implements TextCommand {}

  record Meta(MetaRequest request) implements TextCommand {}

  /**
   * Everything else (stats, flush_all, version, verbosity, quit, shutdown, slabs, lru_crawler, lru,
   * cache_memlimit, watch), handed over as its tokens.
   */
  record Admin(List<String> tokens) implements TextCommand {}
}
