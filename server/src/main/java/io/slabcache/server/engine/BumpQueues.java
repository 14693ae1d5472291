package io.slabcache.server.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * memcached's asynchronous LRU bumps: the items a read finds active in COLD, which belong in WARM,
 * queued for the LRU maintainer to move. Moving an item takes two list locks, which the maintainer
 * holds while it works on the lists' tails; a reading thread that queued the move instead never
 * waits for them. Each thread queues into a ring of its own that only the maintainer empties; a
 * full ring refuses, as memcached's bump buffer does, and the item waits for its next hit. Virtual
 * threads, which may be many and short-lived, get no ring: they move the item themselves.
 */
final class BumpQueues {

  /** Entries per thread: memcached's 8 KiB bump buffer holds 512 of its 16-byte entries. */
  static final int CAPACITY = 512;

  private static final int MASK = CAPACITY - 1;

  private final ThreadLocal<Ring> own = ThreadLocal.withInitial(this::register);
  private final Runnable backlogged;

  /** Every thread's ring; replaced, never changed, so that draining takes no lock. */
  private volatile List<Ring> rings = List.of();

  /**
   * @param backlogged called when a ring fills to half, to wake the thread that empties them
   */
  BumpQueues(Runnable backlogged) {
    this.backlogged = backlogged;
  }

  /** Whether the calling thread queues its bumps; if not, it makes them itself. */
  boolean queuesForThisThread() {
    return own.get() != null;
  }

  /**
   * Queues the item at {@code address}, whose key hashes to {@code hash}; false if the ring is
   * full. Only for a thread that {@link #queuesForThisThread()}.
   */
  boolean offer(int hash, int address) {
    Ring ring = own.get();
    int queued = ring.offer(((long) hash << 32) | Integer.toUnsignedLong(address));
    if (queued == CAPACITY / 2) {
      backlogged.run();
    }
    return queued > 0;
  }

  /** What {@link #drain} hands each queued item to. */
  @FunctionalInterface
  interface Bump {
    void apply(int hash, int address);
  }

  /**
   * Empties every ring into {@code bump}, from one thread only (the maintainer); the number of
   * items drained. No lock is held while {@code bump} runs, so it may take any of the engine's.
   */
  int drain(Bump bump) {
    int drained = 0;
    for (Ring ring : rings) {
      // a thread that has ended queues no more: empty its ring one last time, then forget it
      boolean ended = !ring.ownerAlive();
      drained += ring.drain(bump);
      if (ended) {
        forget(ring);
      }
    }
    return drained;
  }

  private synchronized Ring register() {
    if (VirtualThreads.current()) {
      return null;
    }
    Ring ring = new Ring(Thread.currentThread());
    List<Ring> more = new ArrayList<>(rings);
    more.add(ring);
    rings = List.copyOf(more);
    return ring;
  }

  private synchronized void forget(Ring ring) {
    List<Ring> fewer = new ArrayList<>(rings);
    fewer.remove(ring);
    rings = List.copyOf(fewer);
  }

  /** One thread's queue: it alone offers, the maintainer alone drains. */
  private static final class Ring {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        HEAD = lookup.findVarHandle(Ring.class, "head", long.class);
        TAIL = lookup.findVarHandle(Ring.class, "tail", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final WeakReference<Thread> owner;
    private final long[] entries = new long[CAPACITY];

    /** Next entry to write; only the owner moves it. */
    @SuppressWarnings("unused")
    private long head;

    /** Next entry to read; only the maintainer moves it. */
    @SuppressWarnings("unused")
    private long tail;

    Ring(Thread owner) {
      this.owner = new WeakReference<>(owner);
    }

    boolean ownerAlive() {
      Thread thread = owner.get();
      return thread != null && thread.isAlive();
    }

    /** The entries queued with this one, or 0 when the ring is full. */
    int offer(long entry) {
      long h = (long) HEAD.getOpaque(this);
      long queued = h - (long) TAIL.getAcquire(this);
      if (queued == CAPACITY) {
        return 0;
      }
      entries[(int) (h & MASK)] = entry;
      HEAD.setRelease(this, h + 1);
      return (int) queued + 1;
    }

    int drain(Bump bump) {
      long t = (long) TAIL.getOpaque(this);
      long h = (long) HEAD.getAcquire(this);
      for (long i = t; i < h; i++) {
        long entry = entries[(int) (i & MASK)];
        bump.apply((int) (entry >>> 32), (int) entry);
      }
      TAIL.setRelease(this, h);
      return (int) (h - t);
    }
  }
}
