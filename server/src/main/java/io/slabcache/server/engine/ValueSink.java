package io.slabcache.server.engine;

import java.nio.ByteBuffer;

/**
 * Where a read delivers what it finds, while the engine holds the item's lock: the item's metadata
 * first, then, if wanted, its data straight from the engine's memory, without an intermediate copy.
 * Every method runs under the item lock: it must be quick and must not call back into the engine.
 */
public interface ValueSink {

  /**
   * The read found this live item, or created it (a read that vivifies, after {@link #missed}). The
   * view has no value; {@link ItemView#valueLength()} says how long it is.
   *
   * @return whether to receive the item's data through {@link #data}
   */
  boolean found(ItemView item);

  /**
   * The next {@code length} bytes of the item's data, at {@code offset} in {@code memory}. An item
   * larger than a chunk arrives in several calls, in order. {@code memory} is the engine's own:
   * read it only with absolute methods (or through a duplicate), never write it, and do not keep
   * it.
   */
  void data(ByteBuffer memory, int offset, int length);

  /**
   * The read found no live item: none had the key, or the one that had it was expired or flushed
   * (and is now gone).
   */
  default void missed(FetchStatus status) {}
}
