package io.slabcache.jcache;

import java.util.Arrays;
import java.util.Objects;

/**
 * An entry as read from the store: its envelope, and the CAS unique that a write back must match.
 * The value is deserialized when first asked for.
 */
final class StoredEntry<V> {

  final long cas;
  final Envelope envelope;
  private final Serializer<Object> serializer;
  private final ClassLoader classLoader;
  private V value;

  StoredEntry(long cas, Envelope envelope, Serializer<Object> serializer, ClassLoader loader) {
    this.cas = cas;
    this.envelope = envelope;
    this.serializer = serializer;
    this.classLoader = loader;
  }

  @SuppressWarnings("unchecked")
  V value() {
    if (value == null) {
      value =
          (V)
              serializer.deserialize(
                  envelope.bytes, envelope.valueOffset, envelope.valueLength(), classLoader);
    }
    return value;
  }

  /** Whether the value equals the one serialized as {@code serialized}: same bytes, or equal. */
  boolean valueEquals(byte[] serialized) {
    return Arrays.equals(
            envelope.bytes,
            envelope.valueOffset,
            envelope.bytes.length,
            serialized,
            0,
            serialized.length)
        || Objects.equals(
            value(), serializer.deserialize(serialized, 0, serialized.length, classLoader));
  }
}
