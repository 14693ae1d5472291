package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import io.slabcache.jcache.store.ReadThrough;
import io.slabcache.jcache.store.ReadThroughBatch;
import io.slabcache.jcache.store.ReadThroughBatch.Step;
import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *
 * <p>{@code getAll} and {@code loadAll} load keys in batches with the loader's {@code loadAll}; on
 * a store shared by many processes, each key that several callers load at once is loaded by one of
 * them while the others read its value (see {@link Store#readThrough(List, boolean)}), as the
 * read-through of {@code get} does for one key.
 */
final class Loads<K, V> extends CacheOperations<K, V> {

  private final Cache<K, V> cache;
  private final Puts<K, V> puts;
  private final Executor executor;

  /**
   * @param cache the cache, whose loader is not called once it closed (it closes the loader)
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
   * The read-through of {@code getAll}: loads the keys it missed, stores what comes back and adds
   * it, with the values other callers loaded meanwhile, to {@code found}.
   */
  void readThroughAll(List<K> missing, Map<K, V> found) {
    if (missing.isEmpty() || !through.readsThrough()) {
      return;
    }
    found.putAll(load(missing, false));
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
            load(requested, replaceExistingValues);
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

  /**
   * Loads the keys in batches and stores their values. Without {@code replaceExisting}, keys with a
   * live entry are not loaded; with it, every key is loaded unless another caller loads it
   * meanwhile.
   *
   * @return the value of every key found or loaded, with whatever else the loader returned
   * @throws CacheLoaderException if the loader fails; the keys this caller was to load are released
   *     first, so that callers waiting for them load them
   * @throws IllegalStateException if the cache closed before the loader was called
   */
  private Map<K, V> load(List<K> requested, boolean replaceExisting) {
    List<StoreKey> at = new ArrayList<>(requested.size());
    for (K key : requested) {
      at.add(keys.of(key));
    }
    Map<K, V> result = new LinkedHashMap<>();
    try (ReadThroughBatch batch = entries.readThrough(at, replaceExisting)) {
      for (Step step = batch.next(); !step.isEmpty(); step = batch.next()) {
        List<K> toLoad = new ArrayList<>();
        for (Map.Entry<Integer, StoreItem> found : step.found().entrySet()) {
          int i = found.getKey();
          K key = requested.get(i);
          StoredEntry<V> live = entries.live(at.get(i), key, found.getValue(), expiry.now());
          if (live != null) {
            result.put(key, live.value());
          } else {
            // not an entry of the key, or past its deadline: no value to wait for
            toLoad.add(key);
          }
        }
        for (int i : step.toLoad()) {
          toLoad.add(requested.get(i));
        }
        if (!toLoad.isEmpty()) {
          if (cache.isClosed()) {
            throw new IllegalStateException("cache " + cache.getName() + " is closed");
          }
          for (Map.Entry<K, V> entry : through.loadAll(toLoad).entrySet()) {
            if (storeLoaded(entry, replaceExisting)) {
              result.put(entry.getKey(), entry.getValue());
            }
          }
        }
        batch.release(step);
      }
    }
    return result;
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
