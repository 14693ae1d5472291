package io.slabcache.benchmarks.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;

/**
 * Caffeine holding the same keys and values. Keys are byte arrays wrapped once, ahead of time, in
 * {@link ByteBuffer}s (content equality); values are stored as given, by reference, as an on-heap
 * cache of byte arrays would be used.
 */
final class CaffeineCache implements ByteCache {

  private final Cache<ByteBuffer, byte[]> cache;
  private final ByteBuffer[] keys;

  CaffeineCache(byte[][] keys, long maximumSize) {
    this.keys = new ByteBuffer[keys.length];
    for (int i = 0; i < keys.length; i++) {
      this.keys[i] = ByteBuffer.wrap(keys[i]);
    }
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  @Override
  public byte[] get(int keyIndex) {
    return cache.getIfPresent(keys[keyIndex]);
  }

  @Override
  public int getInto(int keyIndex, ByteBuffer target) {
    byte[] value = cache.getIfPresent(keys[keyIndex]);
    if (value == null) {
      return -1;
    }
    target.put(value);
    return value.length;
  }

  @Override
  public void set(int keyIndex, byte[] value) {
    cache.put(keys[keyIndex], value);
  }

  @Override
  public void close() {
    cache.invalidateAll();
  }
}
