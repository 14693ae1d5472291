package io.slabcache.jcache;

import java.util.Map;
import javax.cache.Cache;

/**
 * A key and its value as a cache hands them out (by value: a copy of what it stores).
 *
 * @param <K> the type of the key
 * @param <V> the type of the value
 */
public final class SlabCacheEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  SlabCacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("cannot unwrap an entry to " + clazz.getName());
  }

  @Override
  public String toString() {
    return Map.entry(key, value).toString();
  }
}
