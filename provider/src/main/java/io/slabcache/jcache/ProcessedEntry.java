package io.slabcache.jcache;

import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@code EntryProcessor} works on. It records only the net effect of what the
 * processor does, which the cache then applies in one store operation.
 */
final class ProcessedEntry<K, V> implements MutableEntry<K, V> {

  /** The net effect of a processor on its entry. */
  enum Outcome {
    NONE,
    /** An existing value was read. */
    ACCESSED,
    /** A missing value was read through the loader. */
    LOADED,
    CREATED,
    UPDATED,
    REMOVED
  }

  private final K key;
  private final boolean existed;
  private final Supplier<V> storedValue;
  private final CacheLoader<K, V> loader;
  private boolean exists;
  private V value;
  private Outcome outcome = Outcome.NONE;

  /**
   * @param storedValue the value in the cache, read only if the processor asks for it; {@code null}
   *     when the entry does not exist
   * @param loader the loader for read-through, or {@code null}
   */
  ProcessedEntry(K key, Supplier<V> storedValue, CacheLoader<K, V> loader) {
    this.key = key;
    this.existed = storedValue != null;
    this.exists = existed;
    this.storedValue = storedValue;
    this.loader = loader;
  }

  Outcome outcome() {
    return outcome;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    switch (outcome) {
      case CREATED, UPDATED, LOADED:
        return value;
      case REMOVED:
        return null;
      default:
        break;
    }
    if (existed) {
      value = storedValue.get();
      outcome = Outcome.ACCESSED;
      return value;
    }
    if (loader != null) {
      V loaded;
      try {
        loaded = loader.load(key);
      } catch (CacheLoaderException e) {
        throw e;
      } catch (Exception e) {
        throw new CacheLoaderException(e);
      }
      if (loaded != null) {
        value = loaded;
        exists = true;
        outcome = Outcome.LOADED;
      }
      return loaded;
    }
    return null;
  }

  @Override
  public boolean exists() {
    return exists;
  }

  @Override
  public void remove() {
    value = null;
    exists = false;
    // a value created or loaded here and removed again never reaches the cache
    outcome =
        outcome == Outcome.CREATED || outcome == Outcome.LOADED ? Outcome.NONE : Outcome.REMOVED;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(newValue, "value");
    value = newValue;
    exists = true;
    outcome = existed ? Outcome.UPDATED : Outcome.CREATED;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("cannot unwrap an entry to " + clazz.getName());
  }
}
