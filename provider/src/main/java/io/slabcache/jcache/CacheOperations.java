package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;

/**
 * One kind of a cache's operations (its reads, its puts, its removals...), with the parts of the
 * cache that they all work with. The cache makes each kind once, from the same {@link Parts}.
 */
abstract class CacheOperations<K, V> {

  /** The parts of one cache that its operations work with. */
  record Parts<K, V>(
      EntryStore<K, V> entries,
      StoreKeys<K> keys,
      Expiry expiry,
      CasLoop<K, V> loop,
      LoaderWriter<K, V> through,
      EventDispatcher<K, V> events,
      CacheStatistics statistics) {}

  final EntryStore<K, V> entries;
  final StoreKeys<K> keys;
  final Expiry expiry;
  final CasLoop<K, V> loop;
  final LoaderWriter<K, V> through;
  final EventDispatcher<K, V> events;
  final CacheStatistics statistics;

  CacheOperations(Parts<K, V> parts) {
    this.entries = parts.entries();
    this.keys = parts.keys();
    this.expiry = parts.expiry();
    this.loop = parts.loop();
    this.through = parts.through();
    this.events = parts.events();
    this.statistics = parts.statistics();
  }

  /**
   * Whether a conditional write may go ahead on {@code current}: there is an entry, and it holds
   * {@code expected} (any value, when that is {@code null}). If not, that is counted as a miss when
   * there is no entry, and as a hit, which accesses the entry, when it holds another value.
   */
  boolean holds(StoreKey storeKey, StoredEntry<V> current, NewValue<V> expected, long now) {
    if (current == null) {
      statistics.misses(1);
      return false;
    }
    if (expected != null && !current.valueEquals(expected)) {
      statistics.hits(1);
      entries.touchOnAccess(storeKey, current, now);
      return false;
    }
    return true;
  }

  /**
   * Calls the writer for a write that a conditional operation has made already: the cache decides
   * which of two racing writers wins, and only the winner calls the writer. If the writer fails,
   * {@code undo} takes the write back before the failure goes on.
   */
  void writeThrough(K key, V value, Runnable undo) {
    passThrough(() -> through.write(key, value), undo);
  }

  /** {@link #writeThrough} for a conditional removal. */
  void deleteThrough(K key, Runnable undo) {
    passThrough(() -> through.delete(key), undo);
  }

  private static void passThrough(Runnable writer, Runnable undo) {
    try {
      writer.run();
    } catch (RuntimeException | Error failure) {
      try {
        undo.run();
      } catch (RuntimeException undoFailure) {
        failure.addSuppressed(undoFailure);
      }
      throw failure;
    }
  }
}
