package io.slabcache.server.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The engine's counters and byte gauges, kept per thread as memcached keeps its stats per worker
 * thread: a thread counts into an array of its own that no other thread writes, with neither a lock
 * nor an atomic instruction, so that the operations of different threads never contend over their
 * counts; a reader adds the arrays up. The arrays of threads that have ended are folded into one,
 * so that short-lived threads leave no more than their counts behind.
 */
final class EngineCounters {

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int GLOBALS = EngineCounter.values().length;
  private static final int PER_CLASS = ClassCounter.values().length;

  private final int classCount;

  /**
   * Slots of one thread's array: the global counters, each class's counters, each class's bytes.
   */
  private final int size;

  private final ThreadLocal<long[]> own = ThreadLocal.withInitial(this::register);
  private final List<Owned> threads = new ArrayList<>();

  /** What threads that have ended counted. */
  private final long[] ended;

  /** Where virtual threads count, atomically. */
  private final long[] shared;

  /** The counters' sums at the last {@code stats reset}; the byte gauges are never reset. */
  private final long[] baseline;

  EngineCounters(int classCount) {
    this.classCount = classCount;
    this.size = bytesSlot(classCount) + 1;
    this.ended = new long[size];
    this.shared = new long[size];
    this.baseline = new long[size];
  }

  private static int globalSlot(EngineCounter counter) {
    return counter.ordinal();
  }

  private static int classSlot(int cls, ClassCounter counter) {
    return GLOBALS + (cls - 1) * PER_CLASS + counter.ordinal();
  }

  private int bytesSlot(int cls) {
    return GLOBALS + classCount * PER_CLASS + cls;
  }

  void count(EngineCounter counter) {
    add(globalSlot(counter), 1);
  }

  void count(int cls, ClassCounter counter) {
    add(classSlot(cls, counter), 1);
  }

  void addBytes(int cls, long delta) {
    add(bytesSlot(cls), delta);
  }

  private void add(int slot, long delta) {
    long[] counts = own.get();
    if (counts == shared) {
      LONGS.getAndAdd(counts, slot, delta);
    } else {
      // only this thread writes its array; opaque so that readers see whole, recent values
      LONGS.setOpaque(counts, slot, counts[slot] + delta);
    }
  }

  long get(EngineCounter counter) {
    return sinceReset(globalSlot(counter));
  }

  long get(int cls, ClassCounter counter) {
    return sinceReset(classSlot(cls, counter));
  }

  long sum(ClassCounter counter) {
    long total = 0;
    for (int cls = 1; cls <= classCount; cls++) {
      total += get(cls, counter);
    }
    return total;
  }

  long bytes(int cls) {
    return sum(bytesSlot(cls));
  }

  long totalBytes() {
    long total = 0;
    for (int cls = 0; cls <= classCount; cls++) {
      total += bytes(cls);
    }
    return total;
  }

  /** memcached's {@code stats reset}: every counter back to 0; gauges untouched. */
  synchronized void reset() {
    for (int slot = 0; slot < bytesSlot(0); slot++) {
      baseline[slot] = sumLocked(slot);
    }
  }

  private synchronized long sinceReset(int slot) {
    return sumLocked(slot) - baseline[slot];
  }

  private synchronized long sum(int slot) {
    return sumLocked(slot);
  }

  private long sumLocked(int slot) {
    long total = ended[slot] + (long) LONGS.getVolatile(shared, slot);
    for (Owned thread : threads) {
      total += (long) LONGS.getOpaque(thread.counts, slot);
    }
    return total;
  }

  /** Threads that count into arrays of their own, ended ones not yet folded included. */
  synchronized int threadArrays() {
    return threads.size();
  }

  private synchronized long[] register() {
    if (VirtualThreads.current()) {
      return shared;
    }
    foldEnded();
    long[] counts = new long[size];
    threads.add(new Owned(Thread.currentThread(), counts));
    return counts;
  }

  /** Moves the counts of threads that have ended into {@link #ended}; they write no more. */
  private void foldEnded() {
    for (Iterator<Owned> it = threads.iterator(); it.hasNext(); ) {
      Owned thread = it.next();
      if (!thread.alive()) {
        for (int slot = 0; slot < size; slot++) {
          ended[slot] += (long) LONGS.getOpaque(thread.counts, slot);
        }
        it.remove();
      }
    }
  }

  /** A thread's counts, kept without keeping the thread. */
  private static final class Owned {
    final WeakReference<Thread> owner;
    final long[] counts;

    Owned(Thread owner, long[] counts) {
      this.owner = new WeakReference<>(owner);
      this.counts = counts;
    }

    boolean alive() {
      Thread thread = owner.get();
      return thread != null && thread.isAlive();
    }
  }
}
