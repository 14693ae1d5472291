package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The values of a store-by-reference cache, on the heap. The engine keeps a small item per entry
 * whose envelope holds a reference number instead of a serialized value, so the engine's memory
 * limit, LRU, eviction and CAS still govern every entry; this table maps each store key to the
 * reference number of its live item and the object.
 *
 * <p>A value is returned only if the item read carries the reference number of the table's slot, so
 * an object is never returned once its item is gone. A slot is dropped when the cache deletes its
 * item, and at once when the engine reports the item evicted. Writes of a key hold a lock of that
 * key while they store the item and bind its slot; an eviction that falls between the two leaves
 * the key as a suspect, checked against the engine before the next write.
 */
final class ReferenceTable {

  private static final int STRIPES = 64;

  private record Slot(long id, Object value) {}

  private final Store store;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final Queue<byte[]> suspects = new ConcurrentLinkedQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private final Object[] locks = new Object[STRIPES];

  ReferenceTable(Store store) {
    this.store = store;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The bytes an envelope holds for a new reference. */
  byte[] newReference() {
    long id = ids.incrementAndGet();
    byte[] out = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      out[i] = (byte) id;
      id >>>= 8;
    }
    return out;
  }

  /** The reference number in an envelope, or -1 if it holds none. */
  static long referenceOf(Envelope envelope) {
    if (envelope.valueLength() != Long.BYTES) {
      return -1;
    }
    long id = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      id = (id << 8) | (envelope.bytes[envelope.valueOffset + i] & 0xFF);
    }
    return id;
  }

  /** Runs a write of a key's item and slot with no other write of the key in between. */
  <T> T locked(byte[] storeKey, Supplier<T> write) {
    synchronized (locks[Math.floorMod(name(storeKey).hashCode(), STRIPES)]) {
      return write.get();
    }
  }

  /** The object of the item with this reference, or {@code null} if the table has none. */
  Object value(byte[] storeKey, long id) {
    Slot slot = slots.get(name(storeKey));
    return slot != null && slot.id == id ? slot.value : null;
  }

  /** Binds the object of an item just stored; call inside {@link #locked}. */
  void bind(byte[] storeKey, byte[] reference, Object value) {
    slots.put(name(storeKey), new Slot(referenceOf(reference), value));
  }

  /** Drops the slot of a deleted item; call inside {@link #locked}. */
  void unbind(byte[] storeKey) {
    slots.remove(name(storeKey));
  }

  /** The engine evicted the key's item: on the evicting thread, so only map operations. */
  void evicted(byte[] storeKey) {
    slots.remove(name(storeKey));
    suspects.add(storeKey);
  }

  /**
   * Drops the slots of evicted keys that a write bound after the eviction. Called before writes,
   * holding no lock.
   */
  void checkSuspects() {
    byte[] storeKey;
    while ((storeKey = suspects.poll()) != null) {
      String name = name(storeKey);
      if (!slots.containsKey(name)) {
        continue;
      }
      byte[] key = storeKey;
      locked(
          key,
          () -> {
            Slot slot = slots.get(name);
            if (slot != null && slot.id != liveReference(key)) {
              slots.remove(name, slot);
            }
            return null;
          });
    }
  }

  private long liveReference(byte[] storeKey) {
    StoreItem item = store.get(storeKey);
    Envelope envelope = item == null ? null : Envelope.decode(item.value());
    return envelope == null ? -1 : referenceOf(envelope);
  }

  /** How many objects the table holds. */
  int size() {
    checkSuspects();
    return slots.size();
  }

  void clear() {
    slots.clear();
    suspects.clear();
  }

  /** A map key with the store key's bytes: one char per byte, compared by content. */
  private static String name(byte[] storeKey) {
    return new String(storeKey, StandardCharsets.ISO_8859_1);
  }

  private static long referenceOf(byte[] reference) {
    long id = 0;
    for (byte b : reference) {
      id = (id << 8) | (b & 0xFF);
    }
    return id;
  }
}
