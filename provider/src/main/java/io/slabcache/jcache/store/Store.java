package io.slabcache.jcache.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * memcached's operations, bytes in and bytes out: the only thing the JCache layer asks of a
 * transport. Keys are at most {@value #MAX_KEY_LENGTH} bytes; exptimes follow memcached (0 never,
 * up to 30 days relative seconds, larger an absolute unix time). No operation throws for a miss.
 */
public interface Store extends AutoCloseable {

  /** memcached's longest key. */
  int MAX_KEY_LENGTH = 250;

  /** memcached's {@code gets}: the value with its CAS unique, or {@code null} on a miss. */
  StoreItem get(byte[] key);

  /**
   * memcached's {@code gats}: a {@link #get} that also sets the exptime; {@code null} on a miss.
   */
  StoreItem getAndTouch(byte[] key, long exptime);

  /** memcached's {@code touch}: true if the item was found. */
  boolean touch(byte[] key, long exptime);

  /** memcached's {@code set}. */
  WriteResult set(byte[] key, byte[] value, long exptime);

  /** memcached's {@code add}: stores only if no live item has the key. */
  WriteResult add(byte[] key, byte[] value, long exptime);

  /** memcached's {@code replace}: stores only if a live item has the key. */
  WriteResult replace(byte[] key, byte[] value, long exptime);

  /** memcached's {@code cas}: stores only if the item's CAS unique is still {@code cas}. */
  WriteResult cas(byte[] key, byte[] value, long exptime, long cas);

  /** memcached's {@code delete}. */
  DeleteResult delete(byte[] key);

  /** Meta delete with {@code C}: deletes only if the item's CAS unique is still {@code cas}. */
  DeleteResult delete(byte[] key, long cas);

  /**
   * memcached's {@code incr}: the new value, or -1 when the key is missing or not a number (an
   * incremented value is unsigned and never -1 below 2^63).
   */
  long incr(byte[] key, long delta);

  /**
   * Visits the key of every live item that starts with {@code prefix}. Items written or removed
   * during the enumeration may or may not be visited.
   */
  void keys(byte[] prefix, Consumer<byte[]> visitor);

  /**
   * Deletes every item whose key starts with {@code prefix}: every item there for the whole call is
   * gone when it returns; items written meanwhile may stay.
   */
  default void deleteAll(byte[] prefix) {
    List<byte[]> found = new ArrayList<>();
    keys(prefix, found::add);
    for (byte[] key : found) {
      delete(key);
    }
  }

  /**
   * The longest key this store takes; {@link #MAX_KEY_LENGTH} unless the transport limits keys
   * further (memcached's text line limits binary keys, which travel in base64, to 186 bytes).
   */
  default int maxKeyLength() {
    return MAX_KEY_LENGTH;
  }

  /**
   * A read before a read-through load: the item if the key is found; otherwise the caller is to
   * load the value, store it and close the returned read. A store shared by many processes tells
   * only one caller at a time to load a key and makes the others wait (up to a bound) for its
   * value, so a popular missing key is loaded once, not once per caller.
   */
  default ReadThrough readThrough(byte[] key) {
    StoreItem item = get(key);
    return item != null ? ReadThrough.hit(item) : ReadThrough.load(() -> {});
  }

  /**
   * {@link #readThrough(byte[])} of many keys at once. Without {@code refresh}, a key is found when
   * an item has it and handed to the caller to load otherwise; with {@code refresh} (a load that
   * replaces what is there), a key is handed to the caller unless another caller loads it
   * meanwhile. A store shared by many processes hands each key to one caller at a time, and the
   * others wait (up to a bound) for its value, so a key missed by many callers at once is loaded
   * once; keys are handed out as soon as they can be, so that callers never wait for each other in
   * a circle.
   */
  default ReadThroughBatch readThrough(List<byte[]> keys, boolean refresh) {
    return ReadThroughBatch.alone(this, keys, refresh);
  }

  /** Releases what the store holds; the store is unusable afterwards. */
  @Override
  void close();
}
