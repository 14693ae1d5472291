package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import io.slabcache.jcache.store.WriteResult;
import io.slabcache.jcache.store.WriteStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Random;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;

/**
 * The caches on servers that other JVMs share, as the servers record them: one item per cache name
 * (under {@link SharedNamespaces#registryKey}) holding the name, the number that makes the cache's
 * namespace and the configuration it was created with, serialized with Java serialization (the
 * factories of JSR-107's configurations are serializable), so that a manager in another JVM can
 * open the cache with its configuration. When the cache is destroyed the item becomes a tombstone
 * of that number, so that managers holding the cache learn that it is gone.
 *
 * <p>An item that disappears without a tombstone (memcached evicted it, or restarted empty) is
 * written again by the next manager that checks its cache, so that the cache outlives it. A name
 * whose registry key holds another cache's name (the first 8 bytes of their SHA-256 are the same)
 * is refused rather than sharing the other cache's registration.
 */
final class CacheRegistry {

  private static final byte FORMAT = 1;
  private static final byte LIVE = 1;
  private static final byte DESTROYED = 2;

  private final Store store;
  private final Random incarnations = new SecureRandom();

  CacheRegistry(Store store) {
    this.store = store;
  }

  /**
   * A cache as this manager registered or found it.
   *
   * @param entry the registry item's value, written again if the item disappears
   */
  record Registration(String name, int incarnation, byte[] entry) {

    byte[] namespace() {
      return SharedNamespaces.of(name, incarnation);
    }
  }

  /** A cache another manager registered, with the configuration it was created with. */
  record Found(Registration registration, SlabcacheConfiguration<?, ?> configuration) {}

  /**
   * Creates the cache on the servers with a namespace of its own, or joins it if another manager
   * has it there.
   *
   * @throws CacheException if another cache's name holds the registry key
   */
  Registration create(String cacheName, SlabcacheConfiguration<?, ?> configuration) {
    byte[] key = SharedNamespaces.registryKey(cacheName);
    int incarnation = incarnations.nextInt();
    byte[] entry = live(cacheName, incarnation, configuration);
    while (true) {
      StoreItem item = store.get(key);
      WriteResult written;
      if (item == null) {
        written = store.add(key, entry, 0);
      } else {
        Entry found = Entry.decode(cacheName, item.value());
        if (found.live && !found.name.equals(cacheName)) {
          throw new CacheException(
              "caches "
                  + cacheName
                  + " and "
                  + found.name
                  + " would share a key namespace on the servers; rename one of them");
        }
        if (found.live) {
          return found.registration(item.value());
        }
        // a tombstone: the cache was destroyed, and is created anew
        written = store.cas(key, entry, 0, item.cas());
      }
      if (written.stored()) {
        return new Registration(cacheName, incarnation, entry);
      }
      WriteStatus status = written.status();
      if (status != WriteStatus.NOT_STORED
          && status != WriteStatus.EXISTS
          && status != WriteStatus.NOT_FOUND) {
        throw new CacheException("cannot register cache " + cacheName + ": " + status);
      }
      // another manager changed the registration meanwhile: look again
    }
  }

  /**
   * The cache of this name on the servers, or {@code null} if there is none.
   *
   * @throws CacheException if the cache is there but its configuration cannot be read with {@code
   *     classLoader}, or was not shared by the manager that created it
   */
  Found find(String cacheName, ClassLoader classLoader) {
    byte[] key = SharedNamespaces.registryKey(cacheName);
    StoreItem item = store.get(key);
    if (item == null) {
      return null;
    }
    Entry entry = Entry.decode(cacheName, item.value());
    if (!entry.isLive(cacheName)) {
      return null;
    }
    return new Found(entry.registration(item.value()), entry.configuration(classLoader));
  }

  /**
   * Whether the cache was destroyed (by any manager) since this manager registered or found it.
   * Servers that do not answer leave the question open: then it is not destroyed.
   */
  boolean destroyed(Registration registration) {
    byte[] key = SharedNamespaces.registryKey(registration.name());
    StoreItem item;
    try {
      item = store.get(key);
      if (item == null) {
        // evicted, or the server restarted: the cache lives on, registered again
        store.add(key, registration.entry(), 0);
        item = store.get(key);
      }
    } catch (CacheException e) {
      return false;
    }
    if (item == null) {
      return false;
    }
    try {
      Entry entry = Entry.decode(registration.name(), item.value());
      return !entry.isLive(registration.name()) || entry.incarnation != registration.incarnation();
    } catch (CacheException e) {
      // something else took the registration's place
      return true;
    }
  }

  /**
   * Destroys the cache of this name on the servers for every manager: its registration becomes a
   * tombstone.
   *
   * @param open the registration of the cache as this manager has it open, or {@code null}
   * @return the registration whose entries are to be deleted, or {@code null} if there is none
   */
  Registration destroy(String cacheName, Registration open) {
    byte[] key = SharedNamespaces.registryKey(cacheName);
    while (true) {
      StoreItem item = store.get(key);
      if (item == null) {
        if (open == null) {
          return null;
        }
        store.add(key, tombstone(cacheName, open.incarnation()), 0);
        return open;
      }
      Entry entry = Entry.decode(cacheName, item.value());
      if (!entry.isLive(cacheName)) {
        // destroyed already, or another cache's name holds the key
        return null;
      }
      byte[] tombstone = tombstone(cacheName, entry.incarnation);
      if (store.cas(key, tombstone, 0, item.cas()).stored()) {
        return entry.registration(item.value());
      }
    }
  }

  private static byte[] live(
      String cacheName, int incarnation, SlabcacheConfiguration<?, ?> configuration) {
    byte[] shared = null;
    String unshared = null;
    try {
      shared =
          StandardSerializer.INSTANCE.serialize(
              new Object[] {
                new MutableConfiguration<>(configuration),
                configuration.getKeySerializer(),
                configuration.getValueSerializer()
              });
    } catch (RuntimeException e) {
      // opened elsewhere with createCache only, which brings its own configuration
      unshared = "its configuration cannot be serialized: " + e.getMessage();
    }
    byte[] configurationBytes = shared;
    String reason = unshared;
    return write(
        out -> {
          out.writeByte(LIVE);
          out.writeInt(incarnation);
          out.writeUTF(cacheName);
          out.writeBoolean(configurationBytes != null);
          if (configurationBytes != null) {
            out.write(configurationBytes);
          } else {
            out.writeUTF(reason);
          }
        });
  }

  private static byte[] tombstone(String cacheName, int incarnation) {
    return write(
        out -> {
          out.writeByte(DESTROYED);
          out.writeInt(incarnation);
          out.writeUTF(cacheName);
        });
  }

  private interface EntryWriter {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(EntryWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A registry item's value, read. */
  private static final class Entry {
    final String name;
    final boolean live;
    final int incarnation;
    private final byte[] configuration;
    private final String unshared;

    private Entry(
        String name, boolean live, int incarnation, byte[] configuration, String unshared) {
      this.name = name;
      this.live = live;
      this.incarnation = incarnation;
      this.configuration = configuration;
      this.unshared = unshared;
    }

    /**
     * The entry in {@code value}, found under the registry key of {@code cacheName}.
     *
     * @throws CacheException if it is no registry entry
     */
    static Entry decode(String cacheName, byte[] value) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
        if (in.readByte() != FORMAT) {
          throw new IOException("unknown format");
        }
        byte kind = in.readByte();
        int incarnation = in.readInt();
        String name = in.readUTF();
        if (kind == DESTROYED) {
          return new Entry(name, false, incarnation, null, null);
        }
        if (kind != LIVE) {
          throw new IOException("unknown kind " + kind);
        }
        if (in.readBoolean()) {
          return new Entry(name, true, incarnation, in.readAllBytes(), null);
        }
        return new Entry(name, true, incarnation, null, in.readUTF());
      } catch (IOException e) {
        throw new CacheException(
            "the servers hold something else than a cache registration under the registry key of"
                + " cache "
                + cacheName,
            e);
      }
    }

    /** Whether this registers a cache of this name that was not destroyed. */
    boolean isLive(String cacheName) {
      return live && name.equals(cacheName);
    }

    Registration registration(byte[] value) {
      return new Registration(name, incarnation, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    SlabcacheConfiguration<?, ?> configuration(ClassLoader classLoader) {
      if (configuration == null) {
        throw new CacheException(
            "cache "
                + name
                + " exists on the servers, but the manager that created it could not share"
                + " its configuration ("
                + unshared
                + "); open it with createCache");
      }
      Object[] shared;
      try {
        shared =
            (Object[])
                StandardSerializer.INSTANCE.deserialize(
                    configuration, 0, configuration.length, classLoader);
      } catch (RuntimeException e) {
        throw new CacheException(
            "cache "
                + name
                + " exists on the servers, but its configuration cannot be read here: "
                + e.getMessage(),
            e);
      }
      SlabcacheConfiguration result = new SlabcacheConfiguration((MutableConfiguration) shared[0]);
      if (shared[1] != null) {
        result.setKeySerializer((Serializer) shared[1]);
      }
      if (shared[2] != null) {
        result.setValueSerializer((Serializer) shared[2]);
      }
      return result;
    }
  }
}
