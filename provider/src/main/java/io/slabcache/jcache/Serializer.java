package io.slabcache.jcache;

/**
 * Turns keys or values into the bytes a cache stores, and back. A cache stores by value: what it
 * returns is always a fresh copy made from these bytes. Keys are compared by their bytes, so a key
 * serializer must give equal keys equal bytes.
 *
 * @param <T> the type it serializes
 */
public interface Serializer<T> {

  /** The bytes of {@code object}, which is never {@code null}. */
  byte[] serialize(T object);

  /**
   * The object of {@code length} bytes at {@code offset}, with classes resolved through {@code
   * classLoader}.
   */
  T deserialize(byte[] bytes, int offset, int length, ClassLoader classLoader);
}
