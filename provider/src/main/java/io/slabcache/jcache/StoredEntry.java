package io.slabcache.jcache;

import java.util.Arrays;
import java.util.Objects;

/**
 * An entry as read from the store: its envelope, and the CAS unique that a write back must match. A
 * serialized value is deserialized when first asked for; a value held by reference is the object
 * itself.
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

  /** An entry whose envelope holds a reference to {@code value}. */
  static <V> StoredEntry<V> byReference(long cas, Envelope envelope, V value) {
    StoredEntry<V> entry = new StoredEntry<>(cas, envelope, null, null);
    entry.value = value;
    return entry;
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

  /**
   * Whether the value equals {@code expected}: by reference, {@code equals}; serialized, the same
   * bytes or equal deserialized values.
   */
  boolean valueEquals(NewValue<V> expected) {
    if (serializer == null) {
      return Objects.equals(value, expected.object());
    }
    byte[] serialized = expected.bytes();
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
