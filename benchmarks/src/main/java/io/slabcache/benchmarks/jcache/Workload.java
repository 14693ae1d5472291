package io.slabcache.benchmarks.jcache;

import java.util.Random;

/** Keys, values and a skewed key sequence shared by the benchmarks, all made from fixed seeds. */
final class Workload {

  /** Distinct keys present in the cache. */
  static final int KEYS = 1 << 16;

  /** Length of the pre-drawn key sequences (a power of two). */
  static final int SEQUENCE = 1 << 20;

  /** Zipf exponent of the skewed sequence: a few keys take most accesses, as in real caches. */
  static final double SKEW = 0.99;

  private Workload() {}

  static String key(int i) {
    return "user:" + i;
  }

  static String missingKey(int i) {
    return "absent:" + i;
  }

  static Object value(String kind, int i) {
    return switch (kind) {
      case "bytes100" -> {
        byte[] bytes = new byte[100];
        new Random(i).nextBytes(bytes);
        yield bytes;
      }
      case "object" -> new Payload(i, i % 97, "item-" + i);
      default -> throw new IllegalArgumentException("unknown value kind " + kind);
    };
  }

  /** Key indexes drawn uniformly. */
  static int[] uniform(long seed) {
    Random random = new Random(seed);
    int[] sequence = new int[SEQUENCE];
    for (int i = 0; i < SEQUENCE; i++) {
      sequence[i] = random.nextInt(KEYS);
    }
    return sequence;
  }

  /** Key indexes drawn from a Zipf distribution, ranks scattered over the key space. */
  static int[] zipf(long seed) {
    double[] cumulative = new double[KEYS];
    double sum = 0;
    for (int rank = 0; rank < KEYS; rank++) {
      sum += 1.0 / Math.pow(rank + 1, SKEW);
      cumulative[rank] = sum;
    }
    int[] keyOfRank = new int[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keyOfRank[i] = i;
    }
    Random random = new Random(seed);
    for (int i = KEYS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = keyOfRank[i];
      keyOfRank[i] = keyOfRank[j];
      keyOfRank[j] = swap;
    }
    int[] sequence = new int[SEQUENCE];
    for (int i = 0; i < SEQUENCE; i++) {
      double target = random.nextDouble() * sum;
      int rank = java.util.Arrays.binarySearch(cumulative, target);
      sequence[i] = keyOfRank[rank >= 0 ? rank : Math.min(-rank - 1, KEYS - 1)];
    }
    return sequence;
  }
}
