package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;
import io.slabcache.jcache.store.DeleteResult;
import io.slabcache.jcache.store.ReadThrough;
import io.slabcache.jcache.store.ReadThroughBatch;
import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import io.slabcache.jcache.store.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.cache.CacheException;

/**
 * The entries of one cache as items of a {@link Store}: each value in its {@link Envelope}, with
 * memcached's exptime as the coarse bound of the envelope's exact deadline, and expiry observed
 * lazily when an entry is read.
 *
 * <p>Stored by reference, the envelope holds a reference into a {@link ReferenceTable} and the
 * items carry no exptime: the engine drops expired items without telling anyone, so here only the
 * cache (when it observes the deadline) or an eviction (which is reported) removes them, and no
 * object outlives its item.
 */
final class EntryStore<K, V> {

  /** Told of every entry found past its deadline (and removed). */
  interface ExpiryObserver<K, V> {
    void expired(K key, V value);
  }

  /**
   * A conditional write this cache made, as its undo needs it: the CAS unique of the item written,
   * or that the write removed the entry (a replace whose deadline had passed).
   */
  record Written(long cas, boolean removedEntry) {
    static final Written REMOVAL = new Written(0, true);
  }

  private final Store store;
  private final Serializer<Object> valueSerializer;
  private final ClassLoader classLoader;
  private final Expiry expiry;
  private final boolean eternal;
  private final ExpiryObserver<K, V> observer;
  private final ReferenceTable references;

  /**
   * @param references the table of values stored by reference, or {@code null} to store them
   *     serialized
   */
  EntryStore(
      Store store,
      Serializer<Object> valueSerializer,
      ClassLoader classLoader,
      Expiry expiry,
      boolean eternal,
      ExpiryObserver<K, V> observer,
      ReferenceTable references) {
    this.store = store;
    this.references = references;
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
    return live(storeKey, key, store.get(at(storeKey)), now);
  }

  /**
   * A read before a read-through load: the live entry under the key, or the duty to load it (see
   * {@link Store#readThrough}). A found item that is no live entry of the key is treated as {@link
   * #lookup} treats it, and then loaded too.
   */
  ReadThrough readThrough(StoreKey storeKey) {
    return store.readThrough(at(storeKey));
  }

  /**
   * {@link #readThrough(StoreKey)} of many keys at once (see {@link Store#readThrough(List,
   * boolean)}); the items it finds are to be judged with {@link #live} too.
   */
  ReadThroughBatch readThrough(List<StoreKey> storeKeys, boolean refresh) {
    List<byte[]> at = new ArrayList<>(storeKeys.size());
    for (StoreKey storeKey : storeKeys) {
      at.add(at(storeKey));
    }
    return store.readThrough(at, refresh);
  }

  /** The live entry in an item read under the key, as {@link #lookup} judges it. */
  StoredEntry<V> live(StoreKey storeKey, K key, StoreItem item, long now) {
    byte[] at = at(storeKey);
    if (item == null) {
      return null;
    }
    Envelope envelope = Envelope.decode(item.value());
    if (envelope == null || !storeKey.matches(envelope)) {
      store.delete(at, item.cas());
      return null;
    }
    StoredEntry<V> entry = entry(storeKey, at, item.cas(), envelope);
    if (entry == null) {
      return null;
    }
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

  /**
   * The entry of an item found under {@code at}, the store key of {@code storeKey}. By reference,
   * {@code null} if the table holds no value for the item: the item is then deleted, as its value
   * is gone.
   */
  StoredEntry<V> entry(StoreKey storeKey, byte[] at, long cas, Envelope envelope) {
    if (references == null) {
      return new StoredEntry<>(cas, envelope, valueSerializer, classLoader);
    }
    StoredEntry<V> entry = referenced(references.idIn(at), cas, envelope);
    if (entry != null) {
      return entry;
    }
    // a write may be between storing its item and binding its value: ask again after it
    Object key = storeKey.reference();
    return references.locked(
        key,
        () -> {
          long id = references.idOf(key);
          byte[] current = references.storeKeyOf(id);
          StoreItem item = store.get(current);
          Envelope found = item == null ? null : Envelope.decode(item.value());
          if (found == null) {
            return null;
          }
          StoredEntry<V> bound = referenced(id, item.cas(), found);
          if (bound == null && store.delete(current, item.cas()).deleted()) {
            references.forget(key, id);
          }
          return bound;
        });
  }

  @SuppressWarnings("unchecked")
  private StoredEntry<V> referenced(long id, long cas, Envelope envelope) {
    Object value = references.value(id, ReferenceTable.referenceOf(envelope));
    return value == null ? null : StoredEntry.byReference(cas, envelope, (V) value);
  }

  /** Where the entry of a key lives in the store now. */
  private byte[] at(StoreKey storeKey) {
    return references == null
        ? storeKey.storeKey()
        : references.storeKeyOf(references.idOf(storeKey.reference()));
  }

  /** The value to write: serialized, or a new reference to the object. */
  NewValue<V> newValue(V value) {
    if (references == null) {
      return new NewValue<>(value, valueSerializer.serialize(value));
    }
    references.checkSuspects();
    return new NewValue<>(value, references.newReference());
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
          at(storeKey),
          Envelope.withDeadline(entry.envelope, deadline),
          exptime(deadline, now),
          entry.cas);
    }
  }

  /** memcached's set of an entry that never expires. */
  void setEternal(StoreKey storeKey, NewValue<V> value) {
    write(storeKey, value, at -> store.set(at, envelope(storeKey, Expiry.NEVER, value), 0));
  }

  /** memcached's add: what it wrote, or {@code null} if a live item has the key. */
  Written add(StoreKey storeKey, long deadline, NewValue<V> value, long now) {
    return write(
        storeKey,
        value,
        at -> store.add(at, envelope(storeKey, deadline, value), exptime(deadline, now)));
  }

  /**
   * Writes over {@code entry} if it is still there unchanged: what it wrote, or {@code null} if
   * another writer came first. A deadline of {@link Expiry#UNCHANGED} keeps the entry's, {@link
   * Expiry#NOW} removes the entry.
   */
  Written replace(
      StoreKey storeKey, StoredEntry<V> entry, long deadline, NewValue<V> value, long now) {
    if (deadline == Expiry.UNCHANGED) {
      deadline = entry.envelope.deadline;
    } else if (deadline == Expiry.NOW) {
      return delete(storeKey, entry) ? Written.REMOVAL : null;
    }
    long newDeadline = deadline;
    return write(
        storeKey,
        value,
        at ->
            store.cas(
                at, envelope(storeKey, newDeadline, value), exptime(newDeadline, now), entry.cas));
  }

  /** Deletes {@code entry} if it is still there unchanged. */
  boolean delete(StoreKey storeKey, StoredEntry<V> entry) {
    return delete(storeKey, entry.cas);
  }

  /** Deletes the item under the key if its CAS unique is still {@code cas}. */
  private boolean delete(StoreKey storeKey, long cas) {
    if (references == null) {
      return store.delete(storeKey.storeKey(), cas).deleted();
    }
    return deleteReferenced(storeKey.reference(), at -> store.delete(at, cas));
  }

  /**
   * Undoes an {@link #add} that answered {@code written}: the entry goes, unless another writer has
   * changed it since (its write then stands).
   */
  void undoAdd(StoreKey storeKey, Written written) {
    delete(storeKey, written.cas());
  }

  /**
   * Undoes a {@link #replace} of {@code old} that answered {@code written}: {@code old} is back as
   * it was, unless another writer has changed the entry since (its write then stands). An {@code
   * old} whose deadline has passed meanwhile does not come back; the write is removed instead.
   */
  void undoReplace(StoreKey storeKey, StoredEntry<V> old, Written written) {
    long now = expiry.now();
    if (old.envelope.expiredAt(now)) {
      if (!written.removedEntry()) {
        delete(storeKey, written.cas());
      }
      return;
    }
    restore(storeKey, old, written.removedEntry() ? 0 : written.cas(), now);
  }

  /**
   * Undoes a {@link #delete(StoreKey, StoredEntry)} of {@code old}: it is back, unless replaced.
   */
  void undoDelete(StoreKey storeKey, StoredEntry<V> old) {
    long now = expiry.now();
    if (!old.envelope.expiredAt(now)) {
      restore(storeKey, old, 0, now);
    }
  }

  /** Writes {@code old} back over the item with CAS unique {@code over}, or where none is (0). */
  private void restore(StoreKey storeKey, StoredEntry<V> old, long over, long now) {
    long deadline = old.envelope.deadline;
    NewValue<V> value = valueOf(old);
    byte[] envelope = envelope(storeKey, deadline, value);
    long exptime = exptime(deadline, now);
    write(
        storeKey,
        value,
        at ->
            over == 0 ? store.add(at, envelope, exptime) : store.cas(at, envelope, exptime, over));
  }

  /** The value an entry holds, to write again: the same bytes, or a new reference to its object. */
  private NewValue<V> valueOf(StoredEntry<V> entry) {
    if (references != null) {
      return newValue(entry.value());
    }
    Envelope envelope = entry.envelope;
    return new NewValue<>(
        null, Arrays.copyOfRange(envelope.bytes, envelope.valueOffset, envelope.bytes.length));
  }

  /** Deletes whatever is under a store key of the cache, as enumeration finds it. */
  boolean delete(byte[] storeKey) {
    Object key = references == null ? null : references.keyOf(references.idIn(storeKey));
    if (key == null) {
      return store.delete(storeKey).deleted();
    }
    return deleteReferenced(key, store::delete);
  }

  private boolean deleteReferenced(Object key, Function<byte[], DeleteResult> delete) {
    return references.locked(
        key,
        () -> {
          long id = references.idOf(key);
          boolean deleted = delete.apply(references.storeKeyOf(id)).deleted();
          if (deleted) {
            references.forget(key, id);
          }
          return deleted;
        });
  }

  /**
   * A write of an item: what it wrote, or {@code null} if the write's condition failed; by
   * reference, with the value bound to the item once it is stored.
   */
  private Written write(StoreKey storeKey, NewValue<V> value, Function<byte[], WriteResult> write) {
    if (references == null) {
      return require(write.apply(storeKey.storeKey()));
    }
    Object key = storeKey.reference();
    return references.locked(
        key,
        () -> {
          boolean known = references.idOf(key) != 0;
          long id = references.intern(key);
          Written written = null;
          try {
            written = require(write.apply(references.storeKeyOf(id)));
          } finally {
            if (written != null) {
              references.bind(id, value.bytes(), value.object());
            } else if (!known) {
              references.forget(key, id);
            }
          }
          return written;
        });
  }

  /** The exptime of an item: none by reference, as only reported removals may drop its object. */
  private long exptime(long deadline, long now) {
    return references == null ? Expiry.exptime(deadline, now) : 0;
  }

  /**
   * Deletes every entry under a namespace that is there for the whole call; by reference, each with
   * its objects.
   */
  void deleteAll(byte[] namespace) {
    if (references == null) {
      store.deleteAll(namespace);
      return;
    }
    for (byte[] storeKey : keys(namespace)) {
      delete(storeKey);
    }
  }

  /** The store keys under a namespace, as a snapshot. */
  List<byte[]> keys(byte[] namespace) {
    List<byte[]> storeKeys = new ArrayList<>();
    store.keys(namespace, storeKeys::add);
    return storeKeys;
  }

  private static byte[] envelope(StoreKey storeKey, long deadline, NewValue<?> value) {
    return Envelope.encode(deadline, storeKey.fullKeyForEnvelope(), value.bytes());
  }

  /**
   * What a store wrote; {@code null} if a condition failed; throws if the store cannot take the
   * entry.
   */
  private static Written require(WriteResult result) {
    return switch (result.status()) {
      case STORED -> new Written(result.cas(), false);
      case NOT_STORED, EXISTS, NOT_FOUND -> null;
      case TOO_LARGE ->
          throw new CacheException("the entry is larger than the engine's item size limit");
      case NO_MEMORY -> throw new CacheException("the engine has no memory for the entry");
    };
  }
}
