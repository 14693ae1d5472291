package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations that read entries: {@code get}, {@code getAll} and {@code containsKey}. A read
 * counts a hit or a miss, applies the expiry policy's access duration to what it finds, and reads
 * through the loader what it misses; {@code containsKey} does none of that.
 */
final class Reads<K, V> extends CacheOperations<K, V> {

  private final Loads<K, V> loads;

  Reads(Parts<K, V> parts, Loads<K, V> loads) {
    super(parts);
    this.loads = loads;
  }

  V get(K key) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    long now = expiry.now();
    StoredEntry<V> current = entries.lookup(storeKey, key, now);
    V value;
    if (current != null) {
      statistics.hits(1);
      value = current.value();
      entries.touchOnAccess(storeKey, current, now);
    } else {
      statistics.misses(1);
      value = loads.readThrough(key, storeKey);
    }
    statistics.getTime(start);
    return value;
  }

  Map<K, V> getAll(Set<? extends K> keySet) {
    long start = statistics.start();
    Map<K, V> result = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    long now = expiry.now();
    for (K key : keySet) {
      StoreKey storeKey = keys.of(key);
      StoredEntry<V> current = entries.lookup(storeKey, key, now);
      if (current != null) {
        statistics.hits(1);
        result.put(key, current.value());
        entries.touchOnAccess(storeKey, current, now);
      } else {
        statistics.misses(1);
        missing.add(key);
      }
    }
    loads.readThroughAll(missing, result);
    statistics.getTime(start);
    return result;
  }

  boolean containsKey(K key) {
    return entries.lookup(keys.of(key), key, expiry.now()) != null;
  }
}
