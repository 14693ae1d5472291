package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import io.slabcache.jcache.store.ReadThrough;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;

/**
 * Everything a cache takes from its loader: the read-through of {@code get} and of {@code getAll},
 * and {@code loadAll}. What is loaded is stored without calling the writer and without counting a
 * put, and replaces an existing entry only when {@code loadAll} is asked to.
 */
final class Loads<K, V> extends CacheOperations<K, V> {

  private final Cache<K, V> cache;
  private final Puts<K, V> puts;
  private final Executor executor;

  /**
   * @param cache the cache, whose {@code containsKey} (checks included) {@code loadAll} asks
   * @param puts what stores the values loaded
   * @param executor where {@code loadAll} loads
   */
  Loads(Cache<K, V> cache, Parts<K, V> parts, Puts<K, V> puts, Executor executor) {
    super(parts);
    this.cache = cache;
    this.puts = puts;
    this.executor = executor;
  }

  /**
   * The read-through of {@code get}: loads a missing value, unless the store says another caller
   * (perhaps in another JVM) is loading it already: then its value is taken, so a popular key is
   * loaded once. {@code null} without read-through.
   */
  V readThrough(K key, StoreKey storeKey) {
    if (!through.readsThrough()) {
      return null;
    }
    try (ReadThrough read = entries.readThrough(storeKey)) {
      if (!read.mustLoad()) {
        StoredEntry<V> loadedByOther = entries.live(storeKey, key, read.item(), expiry.now());
        if (loadedByOther != null) {
          return loadedByOther.value();
        }
      }
      V value = through.load(key);
      if (value != null) {
        puts.storeLoaded(key, value, false);
      }
      return value;
    }
  }

  /**
   * The read-through of {@code getAll}: loads the keys it missed in one call to the loader, stores
   * what comes back and adds it to {@code found}.
   */
  void readThroughAll(List<K> missing, Map<K, V> found) {
    if (missing.isEmpty() || !through.readsThrough()) {
      return;
    }
    for (Map.Entry<K, V> entry : through.loadAll(missing).entrySet()) {
      if (storeLoaded(entry, false)) {
        found.put(entry.getKey(), entry.getValue());
      }
    }
  }

  /**
   * {@code loadAll}: loads on the executor the keys asked for (those the cache lacks, unless
   * existing values are to be replaced), and tells the listener when done or failed.
   */
  void loadAll(
      Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    if (!through.loads()) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    List<K> requested = new ArrayList<>(keySet);
    executor.execute(
        () -> {
          try {
            List<K> toLoad = new ArrayList<>();
            for (K key : requested) {
              if (replaceExistingValues || !cache.containsKey(key)) {
                toLoad.add(key);
              }
            }
            Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : through.loadAll(toLoad);
            for (Map.Entry<K, V> entry : loaded.entrySet()) {
              storeLoaded(entry, replaceExistingValues);
            }
            if (listener != null) {
              listener.onCompletion();
            }
          } catch (Exception e) {
            if (listener != null) {
              listener.onException(
                  e instanceof CacheLoaderException ? e : new CacheLoaderException(e));
            }
          }
        });
  }

  /** Stores a loaded pair; false if the loader left its key or value {@code null}. */
  private boolean storeLoaded(Map.Entry<K, V> entry, boolean replaceExisting) {
    if (entry.getKey() == null || entry.getValue() == null) {
      return false;
    }
    puts.storeLoaded(entry.getKey(), entry.getValue(), replaceExisting);
    return true;
  }
}
