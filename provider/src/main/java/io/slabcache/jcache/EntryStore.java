package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import io.slabcache.jcache.store.ReadThrough;
import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import io.slabcache.jcache.store.WriteResult;
import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheException;

/**
 * The entries of one cache as items of a {@link Store}: each value in its {@link Envelope}, with
 * memcached's exptime as the coarse bound of the envelope's exact deadline, and expiry observed
 * lazily when an entry is read.
 */
final class EntryStore<K, V> {

  /** Told of every entry found past its deadline (and removed). */
  interface ExpiryObserver<K, V> {
    void expired(K key, V value);
  }

  private final Store store;
  private final Serializer<Object> valueSerializer;
  private final ClassLoader classLoader;
  private final Expiry expiry;
  private final boolean eternal;
  private final ExpiryObserver<K, V> observer;

  EntryStore(
      Store store,
      Serializer<Object> valueSerializer,
      ClassLoader classLoader,
      Expiry expiry,
      boolean eternal,
      ExpiryObserver<K, V> observer) {
    this.store = store;
    this.valueSerializer = valueSerializer;
    this.classLoader = classLoader;
    this.expiry = expiry;
    this.eternal = eternal;
    this.observer = observer;
  }

  /**
   * The live entry under the key; an entry past its deadline is removed and reported expired. An
   * item that is not an entry of this key (not an envelope, or another key with the same hash) is
   * dropped as an eviction would drop it, so that writers never wait on it.
   */
  StoredEntry<V> lookup(StoreKey storeKey, K key, long now) {
    return live(storeKey, key, store.get(storeKey.storeKey()), now);
  }

  /**
   * A read before a read-through load: the live entry under the key, or the duty to load it (see
   * {@link Store#readThrough}). A found item that is no live entry of the key is treated as {@link
   * #lookup} treats it, and then loaded too.
   */
  ReadThrough readThrough(StoreKey storeKey) {
    return store.readThrough(storeKey.storeKey());
  }

  /** The live entry in an item read under the key, as {@link #lookup} judges it. */
  StoredEntry<V> live(StoreKey storeKey, K key, StoreItem item, long now) {
    if (item == null) {
      return null;
    }
    Envelope envelope = Envelope.decode(item.value());
    if (envelope == null || !storeKey.matches(envelope)) {
      store.delete(storeKey.storeKey(), item.cas());
      return null;
    }
    StoredEntry<V> entry = entry(item.cas(), envelope);
    if (envelope.expiredAt(now)) {
      expire(storeKey, key, entry);
      return null;
    }
    return entry;
  }

  /** The item under a store key, as enumeration finds it: not checked against any key. */
  StoreItem item(byte[] storeKey) {
    return store.get(storeKey);
  }

  StoredEntry<V> entry(long cas, Envelope envelope) {
    return new StoredEntry<>(cas, envelope, valueSerializer, classLoader);
  }

  /** Removes an entry found past its deadline and reports it, unless it changed meanwhile. */
  void expire(StoreKey storeKey, K key, StoredEntry<V> entry) {
    if (delete(storeKey, entry)) {
      observer.expired(key, entry.value());
    }
  }

  /** Applies the expiry policy's access duration to an entry just read. */
  void touchOnAccess(StoreKey storeKey, StoredEntry<V> entry, long now) {
    if (eternal) {
      return;
    }
    long deadline = expiry.forAccess(now);
    if (deadline == Expiry.UNCHANGED) {
      return;
    }
    if (deadline == Expiry.NOW) {
      deadline = now; // expired from now on; removed and reported when next observed
    }
    if (deadline != entry.envelope.deadline) {
      // the exact deadline lives in the envelope, so a touch rewrites it (if nothing changed)
      store.cas(
          storeKey.storeKey(),
          Envelope.withDeadline(entry.envelope, deadline),
          Expiry.exptime(deadline, now),
          entry.cas);
    }
  }

  /** memcached's set of an entry that never expires. */
  void setEternal(StoreKey storeKey, byte[] valueBytes) {
    require(store.set(storeKey.storeKey(), envelope(storeKey, Expiry.NEVER, valueBytes), 0));
  }

  /** memcached's add: false if a live item has the key. */
  boolean add(StoreKey storeKey, long deadline, byte[] valueBytes, long now) {
    return require(
        store.add(
            storeKey.storeKey(),
            envelope(storeKey, deadline, valueBytes),
            Expiry.exptime(deadline, now)));
  }

  /**
   * Writes over {@code entry} if it is still there unchanged; a deadline of {@link
   * Expiry#UNCHANGED} keeps the entry's, {@link Expiry#NOW} removes it.
   */
  boolean replace(
      StoreKey storeKey, StoredEntry<V> entry, long deadline, byte[] valueBytes, long now) {
    if (deadline == Expiry.UNCHANGED) {
      deadline = entry.envelope.deadline;
    } else if (deadline == Expiry.NOW) {
      return delete(storeKey, entry);
    }
    return require(
        store.cas(
            storeKey.storeKey(),
            envelope(storeKey, deadline, valueBytes),
            Expiry.exptime(deadline, now),
            entry.cas));
  }

  /** Deletes {@code entry} if it is still there unchanged. */
  boolean delete(StoreKey storeKey, StoredEntry<V> entry) {
    return store.delete(storeKey.storeKey(), entry.cas).deleted();
  }

  /** Deletes whatever is under the key. */
  boolean delete(byte[] storeKey) {
    return store.delete(storeKey).deleted();
  }

  /** The store keys under a namespace, as a snapshot. */
  List<byte[]> keys(byte[] namespace) {
    List<byte[]> storeKeys = new ArrayList<>();
    store.keys(namespace, storeKeys::add);
    return storeKeys;
  }

  private static byte[] envelope(StoreKey storeKey, long deadline, byte[] valueBytes) {
    return Envelope.encode(deadline, storeKey.fullKeyForEnvelope(), valueBytes);
  }

  /** True if stored; false if a condition failed; throws if the store cannot take the entry. */
  private static boolean require(WriteResult result) {
    return switch (result) {
      case STORED -> true;
      case NOT_STORED, EXISTS, NOT_FOUND -> false;
      case TOO_LARGE ->
          throw new CacheException("the entry is larger than the engine's item size limit");
      case NO_MEMORY -> throw new CacheException("the engine has no memory for the entry");
    };
  }
}
