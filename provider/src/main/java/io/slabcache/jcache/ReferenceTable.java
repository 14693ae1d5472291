package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The keys and values of a store-by-reference cache, on the heap. Each key object gets a number
 * while it has an entry; the engine keeps a small item per entry under that number, whose envelope
 * holds a reference number instead of a serialized value, so the engine's memory limit, LRU,
 * eviction and CAS still govern every entry. This table maps each key's number to the reference
 * number of its live item and the value object.
 *
 * <p>A value is returned only if the item read carries the reference number of the table's slot, so
 * an object is never returned once its item is gone. A slot is dropped when the cache deletes its
 * item, and at once when the engine reports the item evicted; the key's number goes when its item
 * is deleted, or, after an eviction, when the key is next checked (before the next write). Writes
 * and deletes of a key hold a lock of that key, so a key never has two numbers and a slot is bound
 * only to the item just stored.
 */
final class ReferenceTable {

  private static final int STRIPES = 64;

  private record Slot(long reference, Object value) {}

  private final Store store;
  private final KeyCodec codec;
  private final ConcurrentMap<Object, Long> ids = new ConcurrentHashMap<>();
  private final ConcurrentMap<Long, Object> keys = new ConcurrentHashMap<>();
  private final ConcurrentMap<Long, Slot> slots = new ConcurrentHashMap<>();
  private final Queue<Long> suspects = new ConcurrentLinkedQueue<>();
  private final AtomicLong numbers = new AtomicLong();
  private final Object[] locks = new Object[STRIPES];

  ReferenceTable(Store store, KeyCodec codec) {
    this.store = store;
    this.codec = codec;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** Runs a write or delete of a key with no other one of the same key in between. */
  <T> T locked(Object key, Supplier<T> action) {
    synchronized (locks[Math.floorMod(key.hashCode(), STRIPES)]) {
      return action.get();
    }
  }

  /** The number of a key, or 0 if it has none (and so no entry). */
  long idOf(Object key) {
    Long id = ids.get(key);
    return id == null ? 0 : id;
  }

  /** The number in a store key of this table's cache, or 0 if it holds none. */
  long idIn(byte[] storeKey) {
    return codec.referenceIdOf(storeKey);
  }

  /** The key numbered {@code id}, or {@code null}. */
  Object keyOf(long id) {
    return keys.get(id);
  }

  /** The store key of a key's entry; under 0, where nothing is ever stored, if it has none. */
  byte[] storeKeyOf(long id) {
    return codec.referenceKey(id);
  }

  /** The number of a key, given one if it has none; call inside {@link #locked}. */
  long intern(Object key) {
    Long id = ids.get(key);
    if (id != null) {
      return id;
    }
    long fresh = numbers.incrementAndGet();
    ids.put(key, fresh);
    keys.put(fresh, key);
    return fresh;
  }

  /** Forgets a key whose item is gone; call inside {@link #locked}. */
  void forget(Object key, long id) {
    if (ids.remove(key, id)) {
      keys.remove(id);
    }
    slots.remove(id);
  }

  /** The bytes an envelope holds for a new reference. */
  byte[] newReference() {
    long reference = numbers.incrementAndGet();
    byte[] out = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      out[i] = (byte) reference;
      reference >>>= 8;
    }
    return out;
  }

  /** The reference number in an envelope, or -1 if it holds none. */
  static long referenceOf(Envelope envelope) {
    if (envelope.valueLength() != Long.BYTES) {
      return -1;
    }
    long reference = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      reference = (reference << 8) | (envelope.bytes[envelope.valueOffset + i] & 0xFF);
    }
    return reference;
  }

  /** The value of the item with this reference, or {@code null} if the table has none. */
  Object value(long id, long reference) {
    Slot slot = slots.get(id);
    return slot != null && slot.reference == reference ? slot.value : null;
  }

  /** Binds the value of an item just stored; call inside {@link #locked}. */
  void bind(long id, byte[] reference, Object value) {
    long number = 0;
    for (byte b : reference) {
      number = (number << 8) | (b & 0xFF);
    }
    slots.put(id, new Slot(number, value));
  }

  /** The engine evicted the item of key {@code id}: on the evicting thread, so only map updates. */
  void evicted(long id) {
    slots.remove(id);
    suspects.add(id);
  }

  /**
   * Forgets the keys whose items were evicted, and any value bound after the eviction. Called
   * before writes, holding no lock.
   */
  void checkSuspects() {
    Long id;
    while ((id = suspects.poll()) != null) {
      Object key = keys.get(id);
      if (key == null) {
        continue;
      }
      long number = id;
      locked(
          key,
          () -> {
            StoreItem item = store.get(storeKeyOf(number));
            Envelope envelope = item == null ? null : Envelope.decode(item.value());
            if (envelope == null) {
              forget(key, number);
            } else if (value(number, referenceOf(envelope)) == null) {
              slots.remove(number);
            }
            return null;
          });
    }
  }

  /** How many values the table holds. */
  int size() {
    checkSuspects();
    return slots.size();
  }

  /** How many keys the table holds. */
  int keyCount() {
    checkSuspects();
    return ids.size();
  }

  void clear() {
    ids.clear();
    keys.clear();
    slots.clear();
    suspects.clear();
  }
}
