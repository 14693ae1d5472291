package io.slabcache.server.engine;

/**
 * Told of every live item the engine drops to make room: evicted from an LRU tail, or from a slab
 * page moved to another class. Items a client deletes or replaces, and items that expire, are not
 * reported.
 *
 * <p>It runs on the thread that evicts, with the item's lock held: it must be quick and must not
 * call back into the engine (hand the item to a queue if there is more to do).
 */
@FunctionalInterface
public interface EvictionListener {

  /** An item just evicted. */
  void evicted(EvictedItem item);
}
