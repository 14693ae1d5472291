package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;

/**
 * Where a cache's keys live in the store: each key serialized under the cache's namespace, or, for
 * a cache that stores by reference, under the number its {@link ReferenceTable} gives it. Works
 * both ways, so that enumerated store keys turn back into keys.
 */
final class StoreKeys<K> {

  /** A key and its store key, as found by enumerating the cache's namespace. */
  record Found<K>(K key, StoreKey storeKey) {}

  private final KeyCodec codec;
  private final ReferenceTable references;
  private final Serializer<Object> serializer;
  private final ClassLoader classLoader;

  /**
   * @param references the table of keys held by reference, or {@code null} to serialize them
   */
  StoreKeys(
      KeyCodec codec,
      ReferenceTable references,
      Serializer<Object> serializer,
      ClassLoader classLoader) {
    this.codec = codec;
    this.references = references;
    this.serializer = serializer;
    this.classLoader = classLoader;
  }

  StoreKey of(K key) {
    if (references != null) {
      return codec.byReference(key, references.idOf(key));
    }
    return codec.encode(serializer.serialize(key));
  }

  /** The prefix every store key of the cache starts with. */
  byte[] namespace() {
    return codec.namespace();
  }

  /**
   * The key stored under an enumerated store key, whose item holds {@code envelope}; {@code null}
   * when the key cannot be told (by reference, it no longer has an entry).
   */
  @SuppressWarnings("unchecked")
  Found<K> find(byte[] storeKey, Envelope envelope) {
    if (references != null) {
      long id = references.idIn(storeKey);
      K key = (K) references.keyOf(id);
      return key == null ? null : new Found<>(key, codec.byReference(key, id));
    }
    byte[] serializedKey = codec.serializedKeyOf(storeKey);
    if (serializedKey == null) {
      serializedKey = envelope.fullKey;
    }
    if (serializedKey == null) {
      return null;
    }
    K key = (K) serializer.deserialize(serializedKey, 0, serializedKey.length, classLoader);
    return new Found<>(key, codec.encode(serializedKey));
  }
}
