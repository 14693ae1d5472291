package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import io.slabcache.jcache.store.WriteResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * Key namespaces of caches on servers that other JVMs share: every manager derives the same
 * namespace from a cache's name, so caches of the same name are the same cache wherever they are
 * opened. A namespace is a marker byte and the first 8 bytes of the name's SHA-256, all of one
 * length so that none is a prefix of another.
 *
 * <p>A cache's name is registered on the servers under its namespace while the cache exists there:
 * the manager that registers it creates the cache, managers that find it registered join it, and a
 * name that finds another name registered under its namespace is refused rather than sharing its
 * entries.
 */
final class SharedNamespaces {

  private static final byte NAMESPACE_MARKER = 1;
  private static final int HASH_BYTES = 8;
  // starts with 0, as no namespace does, so no cache enumerates it
  private static final byte[] REGISTRY_PREFIX = {0, 0, 'c', 'a', 'c', 'h', 'e', ':'};

  private final Store store;

  SharedNamespaces(Store store) {
    this.store = store;
  }

  /** The namespace every manager derives from the name. */
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

  /** Where the name of the cache with this namespace is registered. */
  static byte[] registryKey(byte[] namespace) {
    byte[] registryKey = Arrays.copyOf(REGISTRY_PREFIX, REGISTRY_PREFIX.length + namespace.length);
    System.arraycopy(namespace, 0, registryKey, REGISTRY_PREFIX.length, namespace.length);
    return registryKey;
  }

  /**
   * Registers the cache on the servers: true if this call created it there, false if it exists
   * already (another manager created it).
   *
   * @throws CacheException if another name holds the namespace
   */
  boolean register(String cacheName) {
    byte[] registryKey = registryKey(of(cacheName));
    byte[] name = cacheName.getBytes(StandardCharsets.UTF_8);
    while (true) {
      WriteResult added = store.add(registryKey, name, 0);
      if (added.stored()) {
        return true;
      }
      if (added != WriteResult.NOT_STORED) {
        throw new CacheException("cannot register cache " + cacheName + ": " + added);
      }
      StoreItem registered = store.get(registryKey);
      if (registered != null) {
        if (!Arrays.equals(registered.value(), name)) {
          throw new CacheException(
              "caches "
                  + cacheName
                  + " and "
                  + new String(registered.value(), StandardCharsets.UTF_8)
                  + " would share a key namespace on the servers; rename one of them");
        }
        return false;
      }
      // removed between add and get: register again
    }
  }

  /** Forgets the cache on the servers: the next manager to create it starts it empty. */
  void unregister(String cacheName) {
    store.delete(registryKey(of(cacheName)));
  }
}
