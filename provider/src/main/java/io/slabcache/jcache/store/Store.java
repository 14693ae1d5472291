package io.slabcache.jcache.store;

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

  /** Releases what the store holds; the store is unusable afterwards. */
  @Override
  void close();
}
