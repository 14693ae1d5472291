package io.slabcache.jcache;

import io.slabcache.server.engine.EvictedItem;
import io.slabcache.server.engine.EvictionListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands each key the engine evicts to the cache whose namespace it starts with. A namespace is a
 * varint (see {@link SlabCacheManager#namespace}), so the cache is found by decoding at most five
 * bytes and one map lookup: quick enough for the engine's evicting thread.
 */
final class Evictions implements EvictionListener {

  /** What a cache does with the keys of its evicted entries; quick, and never calls the engine. */
  @FunctionalInterface
  interface Sink {
    void evicted(byte[] storeKey);
  }

  private final ConcurrentMap<Integer, Sink> sinks = new ConcurrentHashMap<>();

  void register(byte[] namespace, Sink sink) {
    sinks.put(namespaceId(namespace), sink);
  }

  void unregister(byte[] namespace, Sink sink) {
    sinks.remove(namespaceId(namespace), sink);
  }

  @Override
  public void evicted(EvictedItem item) {
    byte[] key = item.key();
    int id = namespaceId(key);
    if (id < 0) {
      return;
    }
    Sink sink = sinks.get(id);
    if (sink != null) {
      sink.evicted(key);
    }
  }

  /** The number a key's namespace varint encodes, or -1 if the key does not start with one. */
  static int namespaceId(byte[] key) {
    int value = 0;
    for (int i = 0; i < key.length && i < 5; i++) {
      value |= (key[i] & 0x7F) << (7 * i);
      if ((key[i] & 0x80) == 0) {
        return value;
      }
    }
    return -1;
  }
}
