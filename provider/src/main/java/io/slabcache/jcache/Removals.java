package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.cache.integration.CacheWriterException;

/**
 * The operations that remove entries: {@code remove}, {@code getAndRemove}, {@code removeAll} and
 * {@code clear}. Each counts and reports what it removed; {@code clear} does neither. The
 * unconditional ones call the writer before the cache lets go of the entry; the conditional {@code
 * remove(key, value)} removes it first, so that only a caller that removed it calls the writer, and
 * puts it back if the writer fails.
 */
final class Removals<K, V> extends CacheOperations<K, V> {

  Removals(Parts<K, V> parts) {
    super(parts);
  }

  boolean remove(K key) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    through.delete(key);
    // listeners need the old value; without them a plain delete does
    boolean removed =
        events.active() ? removeAndGet(key, storeKey) != null : plainDelete(storeKey, key);
    return countRemoval(removed, start);
  }

  /** The remove of an iterator: always deletes the entry as read. */
  void removeIterated(K key) {
    long start = statistics.start();
    through.delete(key);
    countRemoval(removeAndGet(key, keys.of(key)) != null, start);
  }

  private boolean countRemoval(boolean removed, long start) {
    if (removed) {
      statistics.removals(1);
      statistics.removeTime(start);
    }
    return removed;
  }

  /**
   * Deletes without reading where it can: an item under a hashed key may be another key's, and an
   * entry already past its deadline does not count as removed.
   */
  private boolean plainDelete(StoreKey storeKey, K key) {
    boolean byReference = storeKey.reference() != null;
    if (storeKey.hashed() || byReference || !expiry.eternal()) {
      return removeAndGet(key, storeKey) != null;
    }
    return entries.delete(storeKey.storeKey());
  }

  /** Deletes the live entry under the key with a CAS delete; its old value, or null if none. */
  private V removeAndGet(K key, StoreKey storeKey) {
    return loop.run(
        key,
        storeKey,
        (current, now) -> {
          if (current == null) {
            return null;
          }
          if (!entries.delete(storeKey, current)) {
            return CasLoop.RETRY;
          }
          V old = current.value();
          events.removed(key, old);
          return old;
        });
  }

  boolean remove(K key, V oldValue) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    NewValue<V> expected = entries.newValue(oldValue);
    return loop.run(
        key,
        storeKey,
        (current, now) -> {
          if (!holds(storeKey, current, expected, now)) {
            return false;
          }
          if (!entries.delete(storeKey, current)) {
            return CasLoop.RETRY;
          }
          deleteThrough(key, () -> entries.undoDelete(storeKey, current));
          statistics.hits(1);
          statistics.removals(1);
          statistics.removeTime(start);
          events.removed(key, current.value());
          return true;
        });
  }

  V getAndRemove(K key) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    through.delete(key);
    V old = removeAndGet(key, storeKey);
    if (old == null) {
      statistics.misses(1);
    } else {
      statistics.hits(1);
      statistics.removals(1);
      statistics.removeTime(start);
    }
    statistics.getTime(start);
    return old;
  }

  void removeAll(Set<? extends K> keySet) {
    long start = statistics.start();
    Set<K> toRemove = new LinkedHashSet<>(keySet);
    CacheWriterException failure = null;
    if (through.writes() && !toRemove.isEmpty()) {
      Collection<Object> batch = new ArrayList<>(toRemove);
      failure = through.deleteAll(batch);
      // keys the writer could not delete stay in the cache
      toRemove.removeAll(new HashSet<>(batch));
    }
    long removed = 0;
    for (K key : toRemove) {
      if (removeAndGet(key, keys.of(key)) != null) {
        removed++;
      }
    }
    statistics.removals(removed);
    if (removed > 0) {
      statistics.removeTime(start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Deletes every item of the cache's namespace, without events or statistics. */
  void clear() {
    entries.deleteAll(keys.namespace());
  }
}
