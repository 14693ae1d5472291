package io.slabcache.jcache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Key namespaces of caches on servers that other JVMs share. A namespace is a marker byte, the
 * first 8 bytes of the cache name's SHA-256 and a number that the {@link CacheRegistry} draws each
 * time a cache of that name is created: every manager of the cache finds the same namespace, and a
 * cache created again after it was destroyed has a namespace of its own. All namespaces have one
 * length, so that none is a prefix of another.
 */
final class SharedNamespaces {

  private static final byte NAMESPACE_MARKER = 1;
  private static final int HASH_BYTES = 8;
  private static final int INCARNATION_BYTES = 4;
  // starts with 0, as no namespace does, so no cache enumerates it
  private static final byte[] REGISTRY_PREFIX = {0, 0, 'c', 'a', 'c', 'h', 'e', ':'};

  private SharedNamespaces() {}

  /** The namespace of the cache of this name created as {@code incarnation}. */
  static byte[] of(String cacheName, int incarnation) {
    byte[] prefix = of(cacheName);
    byte[] namespace = Arrays.copyOf(prefix, prefix.length + INCARNATION_BYTES);
    for (int i = 0; i < INCARNATION_BYTES; i++) {
      namespace[prefix.length + i] = (byte) (incarnation >>> (8 * (INCARNATION_BYTES - 1 - i)));
    }
    return namespace;
  }

  /** The start of the namespace of every cache of this name, whenever it was created. */
  static byte[] of(String cacheName) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256").digest(cacheName.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] namespace = new byte[1 + HASH_BYTES];
    namespace[0] = NAMESPACE_MARKER;
    System.arraycopy(digest, 0, namespace, 1, HASH_BYTES);
    return namespace;
  }

  /** Where the caches of this name are registered: by the start of their namespace. */
  static byte[] registryKey(String cacheName) {
    byte[] prefix = of(cacheName);
    byte[] registryKey = Arrays.copyOf(REGISTRY_PREFIX, REGISTRY_PREFIX.length + prefix.length);
    System.arraycopy(prefix, 0, registryKey, REGISTRY_PREFIX.length, prefix.length);
    return registryKey;
  }
}
