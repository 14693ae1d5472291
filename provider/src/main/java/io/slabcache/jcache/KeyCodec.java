package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Builds store keys for one cache: the cache's namespace, a marker, then the serialized key; or,
 * when that would be longer than the store allows, the namespace, another marker and the SHA-256 of
 * the serialized key (the full key then travels in the value's {@link Envelope}).
 */
final class KeyCodec {

  private static final byte DIRECT = 'd';
  private static final byte HASHED = 'h';
  private static final byte REFERENCE = 'r';

  private final byte[] namespace;
  private final int maxKeyLength;

  /**
   * @param namespace the prefix of the cache's keys; no cache's namespace may be a prefix of
   *     another's
   * @param maxKeyLength the longest key the store takes ({@link Store#maxKeyLength()})
   */
  KeyCodec(byte[] namespace, int maxKeyLength) {
    this.namespace = namespace.clone();
    this.maxKeyLength = maxKeyLength;
    if (namespace.length + 1 + 32 > maxKeyLength) {
      throw new IllegalArgumentException("no room for hashed keys after the namespace");
    }
  }

  /** The prefix every store key of the cache starts with. */
  byte[] namespace() {
    return namespace.clone();
  }

  /**
   * A key of the cache: its serialized form and where it lives in the store; or, for a cache that
   * stores by reference, the key object itself ({@code reference}), whose place in the store its
   * {@link ReferenceTable} knows.
   */
  record StoreKey(byte[] serialized, byte[] storeKey, boolean hashed, Object reference) {

    StoreKey(byte[] serialized, byte[] storeKey, boolean hashed) {
      this(serialized, storeKey, hashed, null);
    }

    /** Whether an item stored under {@link #storeKey} holds this key. */
    boolean matches(Envelope envelope) {
      return hashed ? Arrays.equals(serialized, envelope.fullKey) : envelope.fullKey == null;
    }

    /** The full key to keep in the envelope, if the store key does not hold it. */
    byte[] fullKeyForEnvelope() {
      return hashed ? serialized : null;
    }
  }

  StoreKey encode(byte[] serializedKey) {
    int direct = namespace.length + 1 + serializedKey.length;
    if (direct <= maxKeyLength) {
      byte[] key = new byte[direct];
      System.arraycopy(namespace, 0, key, 0, namespace.length);
      key[namespace.length] = DIRECT;
      System.arraycopy(serializedKey, 0, key, namespace.length + 1, serializedKey.length);
      return new StoreKey(serializedKey, key, false);
    }
    byte[] digest = sha256(serializedKey);
    byte[] key = new byte[namespace.length + 1 + digest.length];
    System.arraycopy(namespace, 0, key, 0, namespace.length);
    key[namespace.length] = HASHED;
    System.arraycopy(digest, 0, key, namespace.length + 1, digest.length);
    return new StoreKey(serializedKey, key, true);
  }

  /**
   * A key held by reference: it lives under the number a {@link ReferenceTable} gives it, {@code
   * id} when asked (the table's number is the one that counts: it may change once the key has no
   * entry).
   */
  StoreKey byReference(Object key, long id) {
    return new StoreKey(null, referenceKey(id), false, key);
  }

  /** The store key of the key numbered {@code id} by a {@link ReferenceTable}. */
  byte[] referenceKey(long id) {
    byte[] key = Arrays.copyOf(namespace, namespace.length + 1 + Long.BYTES);
    key[namespace.length] = REFERENCE;
    for (int i = key.length - 1; i > namespace.length; i--) {
      key[i] = (byte) id;
      id >>>= 8;
    }
    return key;
  }

  /** The number in a store key made by {@link #referenceKey}, or 0 for any other key. */
  long referenceIdOf(byte[] storeKey) {
    if (storeKey.length != namespace.length + 1 + Long.BYTES
        || storeKey[namespace.length] != REFERENCE) {
      return 0;
    }
    long id = 0;
    for (int i = namespace.length + 1; i < storeKey.length; i++) {
      id = (id << 8) | (storeKey[i] & 0xFF);
    }
    return id;
  }

  /**
   * The serialized key inside a store key of this cache, or {@code null} when the store key holds a
   * hash (the full key is then in the envelope).
   */
  byte[] serializedKeyOf(byte[] storeKey) {
    if (storeKey[namespace.length] != DIRECT) {
      return null;
    }
    return Arrays.copyOfRange(storeKey, namespace.length + 1, storeKey.length);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
