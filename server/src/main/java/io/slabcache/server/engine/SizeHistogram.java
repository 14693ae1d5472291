package io.slabcache.server.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * memcached's {@code stats sizes}: how many items there are of each size, in 32-byte buckets. Off
 * unless the engine starts with it ({@code -o track_sizes}) or {@code stats sizes_enable} turns it
 * on; turned on while items exist, it counts only the items stored from then on, told apart by
 * their CAS uniques, as memcached does.
 */
final class SizeHistogram {

  static final int BUCKET = 32;

  /** What {@link #since} holds while the histogram is off. */
  private static final long OFF = -1;

  private final AtomicLongArray counts = new AtomicLongArray(EngineConfig.MIB / BUCKET + 2);

  /** The least CAS unique of the items counted, or {@link #OFF}. */
  private volatile long since;

  SizeHistogram(boolean on) {
    since = on ? 0 : OFF;
  }

  boolean on() {
    return since != OFF;
  }

  /** Starts counting the items whose CAS unique is {@code nextCas} or later, if not counting. */
  synchronized void turnOn(long nextCas) {
    if (since == OFF) {
      clear();
      since = nextCas;
    }
  }

  synchronized void turnOff() {
    since = OFF;
    clear();
  }

  private void clear() {
    for (int i = 0; i < counts.length(); i++) {
      counts.set(i, 0);
    }
  }

  void added(long size, long cas) {
    if (counts(cas)) {
      counts.incrementAndGet(bucket(size));
    }
  }

  void removed(long size, long cas) {
    if (counts(cas)) {
      counts.decrementAndGet(bucket(size));
    }
  }

  private boolean counts(long cas) {
    long from = since;
    return from != OFF && Long.compareUnsigned(cas, from) >= 0;
  }

  private static int bucket(long size) {
    long bucket = (size + BUCKET - 1) / BUCKET;
    return (int) Math.min(bucket, EngineConfig.MIB / BUCKET + 1);
  }

  /** Each bucket's lower size bound in bytes and its count, for the buckets that hold items. */
  void forEach(BiConsumer<Long, Long> visitor) {
    for (int i = 0; i < counts.length(); i++) {
      long count = counts.get(i);
      // an item stored while the histogram was being turned on may leave with no count to take
      if (count > 0) {
        visitor.accept((long) i * BUCKET, count);
      }
    }
  }
}
