package io.slabcache.server.engine;

/**
 * MurmurHash3 (x86, 32-bit) of a key: memcached's default hash, spreading keys over the index
 * buckets and the item locks.
 */
final class KeyHash {

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private KeyHash() {}

  static int hash(byte[] key) {
    int h = 0;
    int length = key.length;
    int blocks = length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k =
          (key[i] & 0xff)
              | (key[i + 1] & 0xff) << 8
              | (key[i + 2] & 0xff) << 16
              | (key[i + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = length & 3;
    if (tail > 0) {
      int k = key[blocks] & 0xff;
      if (tail > 1) {
        k |= (key[blocks + 1] & 0xff) << 8;
      }
      if (tail > 2) {
        k |= (key[blocks + 2] & 0xff) << 16;
      }
      h ^= mixK(k);
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
