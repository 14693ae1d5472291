package io.slabcache.server.engine;

import java.util.concurrent.atomic.LongAdder;

/** The engine's counters: striped adders, so that counting never contends across threads. */
final class EngineCounters {

  private final LongAdder[] global = newAdders(EngineCounter.values().length);
  private final LongAdder[][] perClass;

  /** Bytes of items stored per class (memcached's mem_requested), a gauge. */
  private final LongAdder[] requestedBytes;

  EngineCounters(int classCount) {
    perClass = new LongAdder[classCount + 1][];
    for (int cls = 1; cls <= classCount; cls++) {
      perClass[cls] = newAdders(ClassCounter.values().length);
    }
    requestedBytes = newAdders(classCount + 1);
  }

  private static LongAdder[] newAdders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  void count(EngineCounter counter) {
    global[counter.ordinal()].increment();
  }

  void count(int cls, ClassCounter counter) {
    perClass[cls][counter.ordinal()].increment();
  }

  long get(EngineCounter counter) {
    return global[counter.ordinal()].sum();
  }

  long get(int cls, ClassCounter counter) {
    return perClass[cls][counter.ordinal()].sum();
  }

  long sum(ClassCounter counter) {
    long total = 0;
    for (int cls = 1; cls < perClass.length; cls++) {
      total += get(cls, counter);
    }
    return total;
  }

  void addBytes(int cls, long delta) {
    requestedBytes[cls].add(delta);
  }

  long bytes(int cls) {
    return requestedBytes[cls].sum();
  }

  long totalBytes() {
    long total = 0;
    for (LongAdder adder : requestedBytes) {
      total += adder.sum();
    }
    return total;
  }

  /** memcached's {@code stats reset}: every counter back to 0; gauges untouched. */
  void reset() {
    for (LongAdder adder : global) {
      adder.reset();
    }
    for (int cls = 1; cls < perClass.length; cls++) {
      for (LongAdder adder : perClass[cls]) {
        adder.reset();
      }
    }
  }
}
