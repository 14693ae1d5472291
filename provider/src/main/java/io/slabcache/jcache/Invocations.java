package io.slabcache.jcache;

import io.slabcache.jcache.EntryStore.Written;
import io.slabcache.jcache.KeyCodec.StoreKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * {@code invoke} and {@code invokeAll}: an entry processor works on a {@link ProcessedEntry} of the
 * entry as read, and its net effect is then made with one conditional write. If another writer
 * changed the entry meanwhile, the processor runs again on the entry as it is now. The writer is
 * called once the conditional write has been made, for the run that made it only; if the writer
 * fails, the write is taken back.
 */
final class Invocations<K, V> extends CacheOperations<K, V> {

  private final Cache<K, V> cache;

  /**
   * @param cache the cache, whose {@code invoke} (checks included) {@code invokeAll} calls per key
   */
  Invocations(Cache<K, V> cache, Parts<K, V> parts) {
    super(parts);
    this.cache = cache;
  }

  <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    StoreKey storeKey = keys.of(key);
    return loop.run(
        key,
        storeKey,
        (current, now) -> {
          ProcessedEntry<K, V> entry =
              new ProcessedEntry<>(
                  key, current == null ? null : current::value, through.readThroughLoader());
          T result;
          try {
            result = processor.process(entry, arguments);
          } catch (Exception e) {
            throw e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
          }
          if (!apply(storeKey, entry, current, now)) {
            return CasLoop.RETRY;
          }
          if (current != null) {
            statistics.hits(1);
          } else {
            statistics.misses(1);
          }
          return result;
        });
  }

  /** Makes what the processor did to the entry happen; false if another writer came first. */
  private boolean apply(
      StoreKey storeKey, ProcessedEntry<K, V> entry, StoredEntry<V> current, long now) {
    K key = entry.getKey();
    switch (entry.outcome()) {
      case NONE:
        return true;
      case ACCESSED:
        entries.touchOnAccess(storeKey, current, now);
        return true;
      case LOADED:
        {
          // a loaded value gives way to any other writer's
          long deadline = expiry.forCreation(now);
          if (deadline == Expiry.NOW) {
            return true;
          }
          if (entries.add(storeKey, deadline, entries.newValue(entry.getValue()), now) != null) {
            statistics.puts(1);
            events.created(key, entry.getValue());
          }
          return true;
        }
      case CREATED:
        {
          // only where there was no entry: a processor's value for an existing one is an update
          V value = entry.getValue();
          NewValue<V> toWrite = entries.newValue(value);
          long deadline = expiry.forCreation(now);
          if (deadline == Expiry.NOW) {
            through.write(key, value);
            return true;
          }
          Written written = entries.add(storeKey, deadline, toWrite, now);
          if (written == null) {
            return false;
          }
          writeThrough(key, value, () -> entries.undoAdd(storeKey, written));
          statistics.puts(1);
          events.created(key, value);
          return true;
        }
      case UPDATED:
        {
          V value = entry.getValue();
          long deadline = expiry.forUpdate(now);
          Written written =
              entries.replace(storeKey, current, deadline, entries.newValue(value), now);
          if (written == null) {
            return false;
          }
          writeThrough(key, value, () -> entries.undoReplace(storeKey, current, written));
          statistics.puts(1);
          events.updated(key, value, current.value());
          return true;
        }
      case REMOVED:
        {
          if (current == null) {
            through.delete(key);
            return true;
          }
          if (!entries.delete(storeKey, current)) {
            return false;
          }
          deleteThrough(key, () -> entries.undoDelete(storeKey, current));
          statistics.removals(1);
          events.removed(key, current.value());
          return true;
        }
      default:
        throw new IllegalStateException("unknown outcome " + entry.outcome());
    }
  }

  <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keySet, EntryProcessor<K, V, T> processor, Object... arguments) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keySet) {
      try {
        T result = cache.invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (CacheException e) {
        // a processor's failure, or the writer's or the store's for this key, is this key's result
        EntryProcessorException failure =
            e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
        results.put(
            key,
            () -> {
              throw failure;
            });
      }
    }
    return results;
  }
}
