package io.slabcache.jcache;

import io.slabcache.jcache.EntryStore.Written;
import io.slabcache.jcache.KeyCodec.StoreKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;

/**
 * The operations that write values: {@code put}, {@code getAndPut}, {@code putAll}, {@code
 * putIfAbsent}, {@code replace} and {@code getAndReplace}, each counting and reporting what it
 * changed. The unconditional ones call the writer before the cache holds the value; the conditional
 * ones write the cache first, so that of two racing callers only the one that wins calls the
 * writer, and take the write back if the writer fails. Values from the loader are stored here too,
 * neither written through nor counted.
 */
final class Puts<K, V> extends CacheOperations<K, V> {

  // made once: a put allocates no decision
  private final Store put = new Store(true, true);
  private final Store load = new Store(false, false);
  private final Store loadReplacing = new Store(false, true);

  Puts(Parts<K, V> parts) {
    super(parts);
  }

  void put(K key, V value) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    NewValue<V> toWrite = entries.newValue(value);
    through.write(key, value);
    store(key, storeKey, toWrite);
    statistics.putTime(start);
  }

  /**
   * Stores a value whatever is there. An eternal cache nobody listens to need not know what was
   * there, so it stores with a plain set; otherwise the old entry decides expiry and events.
   */
  private void store(K key, StoreKey storeKey, NewValue<V> toWrite) {
    if (expiry.eternal() && !events.active()) {
      entries.setEternal(storeKey, toWrite);
      statistics.puts(1);
    } else {
      loop.run(key, storeKey, toWrite, put);
    }
  }

  V getAndPut(K key, V value) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    NewValue<V> toWrite = entries.newValue(value);
    through.write(key, value);
    V old = loop.run(key, storeKey, toWrite, put);
    if (old == null) {
      statistics.misses(1);
    } else {
      statistics.hits(1);
    }
    statistics.getTime(start);
    statistics.putTime(start);
    return old;
  }

  void putAll(Map<? extends K, ? extends V> map) {
    long start = statistics.start();
    Map<K, V> toStore = new LinkedHashMap<>(map);
    CacheWriterException failure = null;
    if (through.writes()) {
      Collection<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>();
      for (Map.Entry<K, V> entry : toStore.entrySet()) {
        batch.add(new SlabCacheEntry<>(entry.getKey(), entry.getValue()));
      }
      failure = through.writeAll(batch);
      // what the writer left in the batch was not written: the cache does not take it either
      for (Cache.Entry<? extends K, ? extends V> unwritten : batch) {
        toStore.remove(unwritten.getKey());
      }
    }
    for (Map.Entry<K, V> entry : toStore.entrySet()) {
      K key = entry.getKey();
      store(key, keys.of(key), entries.newValue(entry.getValue()));
    }
    statistics.putTime(start);
    if (failure != null) {
      throw failure;
    }
  }

  boolean putIfAbsent(K key, V value) {
    long start = statistics.start();
    StoreKey storeKey = keys.of(key);
    NewValue<V> toWrite = entries.newValue(value);
    return loop.run(
        key,
        storeKey,
        (current, now) -> {
          if (current != null) {
            statistics.hits(1);
            return false;
          }
          long deadline = expiry.forCreation(now);
          if (deadline == Expiry.NOW) {
            // nothing to store, so nothing to race for
            through.write(key, value);
            statistics.misses(1);
            return true;
          }
          Written written = entries.add(storeKey, deadline, toWrite, now);
          if (written == null) {
            return CasLoop.RETRY;
          }
          writeThrough(key, value, () -> entries.undoAdd(storeKey, written));
          statistics.misses(1);
          statistics.puts(1);
          statistics.putTime(start);
          events.created(key, value);
          return true;
        });
  }

  boolean replace(K key, V value) {
    return oldValue(replace(key, null, value, statistics.start())) != null;
  }

  V getAndReplace(K key, V value) {
    long start = statistics.start();
    V old = oldValue(replace(key, null, value, start));
    statistics.getTime(start);
    return old;
  }

  boolean replace(K key, V oldValue, V newValue) {
    return replace(key, oldValue, newValue, statistics.start()) != null;
  }

  /**
   * Replaces a live entry that holds {@code oldValue}, or any live entry when that is {@code null};
   * the entry replaced, or {@code null} when there was none to replace.
   */
  private StoredEntry<V> replace(K key, V oldValue, V value, long start) {
    StoreKey storeKey = keys.of(key);
    NewValue<V> expected = oldValue == null ? null : entries.newValue(oldValue);
    NewValue<V> toWrite = entries.newValue(value);
    return loop.run(
        key,
        storeKey,
        (current, now) -> {
          if (!holds(storeKey, current, expected, now)) {
            return null;
          }
          long deadline = expiry.forUpdate(now);
          Written written = entries.replace(storeKey, current, deadline, toWrite, now);
          if (written == null) {
            return CasLoop.RETRY;
          }
          writeThrough(key, value, () -> entries.undoReplace(storeKey, current, written));
          statistics.hits(1);
          statistics.puts(1);
          statistics.putTime(start);
          events.updated(key, value, current.value());
          return current;
        });
  }

  private static <V> V oldValue(StoredEntry<V> replaced) {
    return replaced == null ? null : replaced.value();
  }

  /** Stores a value from the loader: not written through, not counted, replacing only if asked. */
  void storeLoaded(K key, V value, boolean replaceExisting) {
    loop.run(key, keys.of(key), entries.newValue(value), replaceExisting ? loadReplacing : load);
  }

  /** Stores a value whatever is there: {@code add} where there is none, {@code cas} over one. */
  private final class Store implements CasLoop.SharedDecision<K, V, NewValue<V>> {

    private final boolean countsPuts;
    private final boolean replaces;

    /**
     * @param countsPuts whether a write counts as a put (a loaded value does not)
     * @param replaces whether an existing entry is replaced (else it is kept)
     */
    Store(boolean countsPuts, boolean replaces) {
      this.countsPuts = countsPuts;
      this.replaces = replaces;
    }

    /** The value replaced, or {@code null} if there was none. */
    @Override
    public Object decide(
        K key, StoreKey storeKey, NewValue<V> value, StoredEntry<V> current, long now) {
      if (current == null) {
        long deadline = expiry.forCreation(now);
        if (deadline == Expiry.NOW) {
          return null;
        }
        if (entries.add(storeKey, deadline, value, now) == null) {
          return CasLoop.RETRY;
        }
        countPut();
        events.created(key, value.object());
        return null;
      }
      if (!replaces) {
        return null;
      }
      long deadline = expiry.forUpdate(now);
      V old = current.value();
      if (entries.replace(storeKey, current, deadline, value, now) == null) {
        return CasLoop.RETRY;
      }
      countPut();
      events.updated(key, value.object(), old);
      return old;
    }

    private void countPut() {
      if (countsPuts) {
        statistics.puts(1);
      }
    }
  }
}
