package io.slabcache.server.protocol;

import io.slabcache.server.engine.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * memcached's {@code stats detail}: while switched on, the gets, hits, sets and deletes of keys
 * counted by the key's prefix, the part before the first delimiter ({@code -D}, a colon unless
 * given). Keys without the delimiter are not counted. {@code stats detail dump} lists the prefixes
 * in memcached's order: by their bucket in a table of 256 (MurmurHash3 of the prefix), the newest
 * first within a bucket.
 *
 * <p>memcached keeps every prefix it meets; this keeps at most {@value #MAX_PREFIXES}, so that a
 * client inventing prefixes cannot fill the server's heap, and counts nothing for the ones after.
 */
public final class PrefixStats {

  /** The most prefixes counted at once. */
  static final int MAX_PREFIXES = 10_000;

  private static final int BUCKETS = 256;

  /** One prefix's counts, and when it was first met, for the order of the dump. */
  private static final class Counts {
    final long serial;
    final LongAdder gets = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder sets = new LongAdder();
    final LongAdder deletes = new LongAdder();

    Counts(long serial) {
      this.serial = serial;
    }
  }

  private final byte delimiter;
  private final Map<String, Counts> prefixes = new ConcurrentHashMap<>();
  private final AtomicLong serials = new AtomicLong();
  private volatile boolean enabled;

  /**
   * @param delimiter the byte that ends a key's prefix
   * @param enabled whether counting starts switched on ({@code -D} switches it on in memcached)
   */
  public PrefixStats(byte delimiter, boolean enabled) {
    this.delimiter = delimiter;
    this.enabled = enabled;
  }

  /** The byte that ends a key's prefix, for {@code stat_key_prefix}. */
  public byte delimiter() {
    return delimiter;
  }

  /** Whether keys are being counted. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code stats detail on} and {@code off}; what was counted stays. */
  public void enable(boolean on) {
    enabled = on;
  }

  /** A key looked up by a get, hit or missed; nothing while switched off. */
  public void get(byte[] key, boolean hit) {
    Counts counts = countsFor(key);
    if (counts != null) {
      counts.gets.increment();
      if (hit) {
        counts.hits.increment();
      }
    }
  }

  /** A key a storage command asked to store, stored or not. */
  public void set(byte[] key) {
    Counts counts = countsFor(key);
    if (counts != null) {
      counts.sets.increment();
    }
  }

  /** A key a delete asked for, found or not. */
  public void delete(byte[] key) {
    Counts counts = countsFor(key);
    if (counts != null) {
      counts.deletes.increment();
    }
  }

  /** {@code stats reset}: forgets every prefix. */
  public void clear() {
    prefixes.clear();
  }

  /** The lines of {@code stats detail dump}, without the {@code END}. */
  public List<String> dump() {
    List<Map.Entry<String, Counts>> entries = new ArrayList<>(prefixes.entrySet());
    entries.sort(
        Comparator.comparingInt((Map.Entry<String, Counts> e) -> bucket(e.getKey()))
            .thenComparing(e -> -e.getValue().serial));
    List<String> lines = new ArrayList<>(entries.size());
    for (Map.Entry<String, Counts> entry : entries) {
      Counts counts = entry.getValue();
      lines.add(
          "PREFIX "
              + entry.getKey()
              + " get "
              + counts.gets.sum()
              + " hit "
              + counts.hits.sum()
              + " set "
              + counts.sets.sum()
              + " del "
              + counts.deletes.sum());
    }
    return lines;
  }

  private Counts countsFor(byte[] key) {
    if (!enabled) {
      return null;
    }
    int length = prefixLength(key);
    if (length < 0) {
      return null;
    }
    String prefix = new String(key, 0, length, StandardCharsets.ISO_8859_1);
    Counts counts = prefixes.get(prefix);
    if (counts == null && prefixes.size() < MAX_PREFIXES) {
      counts = prefixes.computeIfAbsent(prefix, p -> new Counts(serials.incrementAndGet()));
    }
    return counts;
  }

  /** Where the first delimiter is, or -1 if there is none before the end or a NUL. */
  private int prefixLength(byte[] key) {
    for (int i = 0; i < key.length && key[i] != 0; i++) {
      if (key[i] == delimiter) {
        return i;
      }
    }
    return -1;
  }

  private static int bucket(String prefix) {
    byte[] bytes = prefix.getBytes(StandardCharsets.ISO_8859_1);
    return Integer.remainderUnsigned(KeyHash.hash(bytes), BUCKETS);
  }
}
