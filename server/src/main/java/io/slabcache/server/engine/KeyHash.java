package io.slabcache.server.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MurmurHash3 (x86, 32-bit) of a key: memcached's default hash, spreading keys over the index
 * buckets and the item locks, and the server's per-prefix statistics over their buckets.
 */
public final class KeyHash {

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private KeyHash() {}

  public static int hash(byte[] key) {
    int h = 0;
    int length = key.length;
    int blocks = length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h =
          mixBlock(
              h,
              (key[i] & 0xff)
                  | (key[i + 1] & 0xff) << 8
                  | (key[i + 2] & 0xff) << 16
                  | (key[i + 3] & 0xff) << 24);
    }
    int k = 0;
    for (int i = length - 1; i >= blocks; i--) {
      k = k << 8 | (key[i] & 0xff);
    }
    return finish(h, k, length);
  }

  /**
   * The hash of {@code length} bytes at {@code offset} in {@code page}: the same as {@link
   * #hash(byte[])} of those bytes, without copying them out (the engine rehashes stored keys when
   * it moves or unlinks items).
   */
  static int hash(ByteBuffer page, int offset, int length) {
    // blocks are little-endian, as in hash(byte[]): read four bytes at once in the page's order
    boolean littleEndian = page.order() == ByteOrder.LITTLE_ENDIAN;
    int h = 0;
    int blocks = length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int block = page.getInt(offset + i);
      h = mixBlock(h, littleEndian ? block : Integer.reverseBytes(block));
    }
    int k = 0;
    for (int i = length - 1; i >= blocks; i--) {
      k = k << 8 | (page.get(offset + i) & 0xff);
    }
    return finish(h, k, length);
  }

  private static int mixBlock(int h, int k) {
    h ^= mixK(k);
    return Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
  }

  /** Mixes in the 0 to 3 tail bytes ({@code tail}, little-endian) and the length. */
  private static int finish(int h, int tail, int length) {
    if ((length & 3) != 0) {
      h ^= mixK(tail);
    }
    h ^= length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }
}
