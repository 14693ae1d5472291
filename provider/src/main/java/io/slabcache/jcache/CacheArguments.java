package io.slabcache.jcache;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks JSR-107 makes of what a caller hands a cache: no {@code null} keys or values, and none
 * of another type than the configuration names (unless it names {@code Object}).
 */
final class CacheArguments<K, V> {

  private final Class<K> keyType;
  private final Class<V> valueType;

  CacheArguments(Class<K> keyType, Class<V> valueType) {
    this.keyType = keyType;
    this.valueType = valueType;
  }

  void requireKey(K key) {
    Objects.requireNonNull(key, "key");
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException(
          "key " + key.getClass().getName() + " is not a " + keyType.getName());
    }
  }

  void requireValue(V value) {
    Objects.requireNonNull(value, "value");
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException(
          "value " + value.getClass().getName() + " is not a " + valueType.getName());
    }
  }

  void requireKeys(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
  }

  void requireEntries(Map<? extends K, ? extends V> map) {
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireKey(entry.getKey());
      requireValue(entry.getValue());
    }
  }
}
