package io.slabcache.benchmarks.load;

import java.util.Arrays;

/** Latencies of one connection in nanoseconds, kept whole so percentiles are exact. */
final class LatencyRecorder {

  private long[] samples = new long[1 << 16];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  /** All samples of the recorders, sorted. */
  static long[] merge(Iterable<LatencyRecorder> recorders) {
    int total = 0;
    for (LatencyRecorder recorder : recorders) {
      total += recorder.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder recorder : recorders) {
      System.arraycopy(recorder.samples, 0, all, at, recorder.count);
      at += recorder.count;
    }
    Arrays.sort(all);
    return all;
  }

  /** The sample below which {@code percentile} percent of the sorted samples lie. */
  static long percentile(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
