package io.slabcache.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ketama continuum as spymemcached's {@code KetamaNodeLocator} and libmemcached's {@code
 * KETAMA_WEIGHTED} build it: each server gets 40 MD5 digests of {@code nodeKey-i}, each digest four
 * little-endian 32-bit points (160 points per server, scaled by weight when weights differ); a key
 * belongs to the first point at or after the first four bytes of its MD5, wrapping round. Where two
 * servers claim the same point, the one listed later keeps it, as in spymemcached.
 *
 * @param <N> what the ring hands out per server
 */
final class Ketama<N> {

  private static final int DIGESTS_PER_SERVER = 40;

  private final long[] points;
  private final Object[] owners;

  private Ketama(long[] points, Object[] owners) {
    this.points = points;
    this.owners = owners;
  }

  /**
   * @param servers the pool, in the order it is configured
   * @param owners what each server maps to (same order)
   */
  static <N> Ketama<N> build(List<ServerAddress> servers, NodeKeyFormat format, List<N> owners) {
    if (servers.isEmpty() || servers.size() != owners.size()) {
      throw new IllegalArgumentException("one owner per server, at least one server");
    }
    long totalWeight = servers.stream().mapToLong(ServerAddress::weight).sum();
    boolean weighted = servers.stream().anyMatch(s -> s.weight() != servers.get(0).weight());
    TreeMap<Long, N> ring = new TreeMap<>();
    for (int s = 0; s < servers.size(); s++) {
      ServerAddress server = servers.get(s);
      int digests =
          weighted
              ? (int)
                  Math.floor(
                      (double) server.weight() / totalWeight * DIGESTS_PER_SERVER * servers.size()
                          + 0.0000000001)
              : DIGESTS_PER_SERVER;
      String nodeKey = format.nodeKey(server);
      for (int i = 0; i < digests; i++) {
        byte[] digest = md5((nodeKey + "-" + i).getBytes(StandardCharsets.UTF_8));
        for (int h = 0; h < 4; h++) {
          ring.put(littleEndian(digest, h * 4), owners.get(s));
        }
      }
    }
    long[] points = new long[ring.size()];
    Object[] ringOwners = new Object[ring.size()];
    int i = 0;
    for (Map.Entry<Long, N> point : ring.entrySet()) {
      points[i] = point.getKey();
      ringOwners[i] = point.getValue();
      i++;
    }
    return new Ketama<>(points, ringOwners);
  }

  /** The ketama hash of a key: the first four bytes of its MD5, little-endian, unsigned. */
  static long hash(byte[] key) {
    return littleEndian(md5(key), 0);
  }

  /** The owner of the key. */
  N ownerOf(byte[] key) {
    return ownerOfHash(hash(key));
  }

  @SuppressWarnings("unchecked")
  N ownerOfHash(long hash) {
    int low = 0;
    int high = points.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (points[mid] < hash) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return (N) owners[low == points.length ? 0 : low];
  }

  /** Points on the ring (after collisions). */
  int size() {
    return points.length;
  }

  private static long littleEndian(byte[] digest, int offset) {
    return ((long) (digest[offset + 3] & 0xFF) << 24)
        | ((long) (digest[offset + 2] & 0xFF) << 16)
        | ((long) (digest[offset + 1] & 0xFF) << 8)
        | (digest[offset] & 0xFF);
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
