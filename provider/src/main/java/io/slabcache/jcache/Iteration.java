package io.slabcache.jcache;

import io.slabcache.jcache.store.StoreItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * Iteration over a cache: a snapshot of the store keys in its namespace, each entry read only when
 * the iterator reaches it, so that what was removed or expired meanwhile is skipped.
 */
final class Iteration<K, V> extends CacheOperations<K, V> {

  private final SlabCache<K, V> cache;
  private final Removals<K, V> removals;

  /**
   * @param cache the cache, which an iterator checks is open before each step
   * @param removals what removes the entries an iterator returned
   */
  Iteration(SlabCache<K, V> cache, Parts<K, V> parts, Removals<K, V> removals) {
    super(parts);
    this.cache = cache;
    this.removals = removals;
  }

  /** The cache's iterator: each entry it returns counts as a hit and is accessed. */
  Iterator<Cache.Entry<K, V>> iterator() {
    return new EntryIterator(false);
  }

  /** The keys of the live entries, read without counting hits or touching expiry. */
  List<K> liveKeys() {
    List<K> result = new ArrayList<>();
    EntryIterator quiet = new EntryIterator(true);
    while (quiet.hasNext()) {
      result.add(quiet.next().getKey());
    }
    return result;
  }

  /** Walks a snapshot of the namespace's keys, reading each entry when it is reached. */
  private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {
    private final Iterator<byte[]> storeKeys = entries.keys(keys.namespace()).iterator();
    private final boolean quiet;
    private SlabCacheEntry<K, V> next;
    private SlabCacheEntry<K, V> last;

    EntryIterator(boolean quiet) {
      this.quiet = quiet;
    }

    @Override
    public boolean hasNext() {
      cache.checkOpen();
      while (next == null && storeKeys.hasNext()) {
        next = read(storeKeys.next());
      }
      return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      last = next;
      next = null;
      return last;
    }

    @Override
    public void remove() {
      cache.checkOpen();
      if (last == null) {
        throw new IllegalStateException("next() first");
      }
      K key = last.getKey();
      last = null;
      removals.removeIterated(key);
    }

    private SlabCacheEntry<K, V> read(byte[] storeKey) {
      long now = expiry.now();
      StoreItem item = entries.item(storeKey);
      if (item == null) {
        return null;
      }
      Envelope envelope = Envelope.decode(item.value());
      if (envelope == null) {
        return null;
      }
      StoreKeys.Found<K> found = keys.find(storeKey, envelope);
      if (found == null) {
        return null;
      }
      StoredEntry<V> current = entries.entry(found.storeKey(), storeKey, item.cas(), envelope);
      if (current == null) {
        return null;
      }
      if (envelope.expiredAt(now)) {
        entries.expire(found.storeKey(), found.key(), current);
        return null;
      }
      if (!quiet) {
        statistics.hits(1);
        entries.touchOnAccess(found.storeKey(), current, now);
      }
      return new SlabCacheEntry<>(found.key(), current.value());
    }
  }
}
