package io.slabcache.server.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;

/**
 * The hash table from keys to item addresses, chained through the items' own headers, in off-heap
 * memory. It doubles when it holds 0.75 items per bucket (memcached waits for 1.5): a lookup, and a
 * miss above all, then visits half as many chained items, each a likely cache miss, for 4 more
 * bytes per item. It grows one bucket at a time as memcached's assoc does: while it grows, a key's
 * bucket is in the old table until that bucket has moved.
 *
 * <p>Callers hold the item lock of the hash they pass ({@link ItemLocks}).
 */
final class HashIndex {

  static final int MAX_POWER = 28;
  private static final int BUCKETS_PER_STEP = 1024;

  private final PageStore pages;
  private final ItemLocks locks;
  private final AtomicLong items = new AtomicLong();

  /** Scans read-lock it for their whole walk; a growth step write-locks it. */
  private final ReentrantReadWriteLock growthGate = new ReentrantReadWriteLock();

  private volatile IntBuffer primary;
  private volatile IntBuffer old;
  private volatile int power;
  private volatile boolean expanding;
  private volatile int expandBucket;

  HashIndex(PageStore pages, ItemLocks locks, int initialPower) {
    this.pages = pages;
    this.locks = locks;
    this.power = Math.max(initialPower, ItemLocks.POWER);
    this.primary = newTable(power);
  }

  private static IntBuffer newTable(int power) {
    return ByteBuffer.allocateDirect(4 << power).order(ByteOrder.nativeOrder()).asIntBuffer();
  }

  /** The address of the item with this key, or {@link PageStore#NONE}. */
  int find(int hash, byte[] key) {
    int address = head(hash);
    while (address != PageStore.NONE) {
      if ((pages.getByte(address, ItemLayout.NKEY) & 0xff) == key.length
          && pages.equalsBytes(address, ItemLayout.HEADER, key)) {
        return address;
      }
      address = pages.getInt(address, ItemLayout.H_NEXT);
    }
    return PageStore.NONE;
  }

  /**
   * Whether the item at {@code address} is in the index under {@code hash}'s bucket: a live item,
   * told apart from a chunk that was freed or reused elsewhere without reading that chunk.
   */
  boolean holds(int hash, int address) {
    for (int at = head(hash); at != PageStore.NONE; at = pages.getInt(at, ItemLayout.H_NEXT)) {
      if (at == address) {
        return true;
      }
    }
    return false;
  }

  void insert(int hash, int address) {
    IntBuffer table = tableFor(hash);
    int bucket = bucketIn(table, hash);
    pages.putInt(address, ItemLayout.H_NEXT, table.get(bucket));
    table.put(bucket, address);
    items.incrementAndGet();
  }

  /** Removes exactly this item from its chain. */
  void remove(int hash, int address) {
    IntBuffer table = tableFor(hash);
    int bucket = bucketIn(table, hash);
    int current = table.get(bucket);
    if (current == address) {
      table.put(bucket, pages.getInt(address, ItemLayout.H_NEXT));
      items.decrementAndGet();
      return;
    }
    while (current != PageStore.NONE) {
      int next = pages.getInt(current, ItemLayout.H_NEXT);
      if (next == address) {
        pages.putInt(current, ItemLayout.H_NEXT, pages.getInt(address, ItemLayout.H_NEXT));
        items.decrementAndGet();
        return;
      }
      current = next;
    }
  }

  /** Puts {@code replacement} in the index in place of {@code existing}, at its bucket's head. */
  void replace(int hash, int existing, int replacement) {
    remove(hash, existing);
    insert(hash, replacement);
  }

  long size() {
    return items.get();
  }

  int power() {
    return power;
  }

  boolean expanding() {
    return expanding;
  }

  long bytes() {
    return 4L << power;
  }

  boolean wantsToGrow() {
    return !expanding && power < MAX_POWER && items.get() > (3L << power) / 4;
  }

  /**
   * Grows the table by one power of two, moving a batch of buckets per step and releasing every
   * lock between batches, so writers are never stopped for long. Runs on the engine's own thread.
   */
  void grow() {
    growthGate.writeLock().lock();
    try {
      startGrowth();
    } finally {
      growthGate.writeLock().unlock();
    }
    int oldSize = 1 << (power - 1);
    while (expandBucket < oldSize) {
      growthGate.writeLock().lock();
      try {
        int end = Math.min(oldSize, expandBucket + BUCKETS_PER_STEP);
        for (int bucket = expandBucket; bucket < end; bucket++) {
          moveBucket(bucket);
        }
      } finally {
        growthGate.writeLock().unlock();
      }
    }
    expanding = false;
    old = null;
  }

  /** Switching tables must not race a lookup, so it holds every item lock for an instant. */
  private void startGrowth() {
    ReentrantLock[] held = new ReentrantLock[1 << ItemLocks.POWER];
    for (int i = 0; i < held.length; i++) {
      held[i] = locks.forHash(i);
      held[i].lock();
    }
    try {
      old = primary;
      primary = newTable(power + 1);
      expandBucket = 0;
      expanding = true;
      power = power + 1;
    } finally {
      for (ReentrantLock lock : held) {
        lock.unlock();
      }
    }
  }

  private void moveBucket(int bucket) {
    ReentrantLock lock = locks.forHash(bucket);
    lock.lock();
    try {
      IntBuffer from = old;
      IntBuffer to = primary;
      int mask = to.capacity() - 1;
      int address = from.get(bucket);
      while (address != PageStore.NONE) {
        int next = pages.getInt(address, ItemLayout.H_NEXT);
        int target = hashOf(address) & mask;
        pages.putInt(address, ItemLayout.H_NEXT, to.get(target));
        to.put(target, address);
        address = next;
      }
      from.put(bucket, PageStore.NONE);
      expandBucket = bucket + 1;
    } finally {
      lock.unlock();
    }
  }

  /** The hash of the key stored in an item. */
  int hashOf(int address) {
    return pages.hash(address, ItemLayout.HEADER, pages.getByte(address, ItemLayout.NKEY) & 0xff);
  }

  /**
   * Visits every bucket with its item lock held, the table frozen against growth for the whole
   * walk: each item present throughout is visited once. {@code visitor} receives the chain head
   * under the bucket's lock, {@code afterEach} runs after each bucket with no item lock held (the
   * table stays frozen against growth until the walk ends).
   */
  void forEachChain(IntConsumer visitor, Runnable afterEach) {
    growthGate.readLock().lock();
    try {
      IntBuffer table = primary;
      for (int bucket = 0; bucket < table.capacity(); bucket++) {
        visitChain(table, bucket, visitor);
        afterEach.run();
      }
      IntBuffer previous = expanding ? old : null;
      if (previous != null) {
        for (int bucket = expandBucket; bucket < previous.capacity(); bucket++) {
          visitChain(previous, bucket, visitor);
          afterEach.run();
        }
      }
    } finally {
      growthGate.readLock().unlock();
    }
  }

  private void visitChain(IntBuffer table, int bucket, IntConsumer visitor) {
    ReentrantLock lock = locks.forHash(bucket);
    lock.lock();
    try {
      int head = table.get(bucket);
      if (head != PageStore.NONE) {
        visitor.accept(head);
      }
    } finally {
      lock.unlock();
    }
  }

  private int head(int hash) {
    IntBuffer table = tableFor(hash);
    return table.get(bucketIn(table, hash));
  }

  private IntBuffer tableFor(int hash) {
    if (expanding) {
      IntBuffer previous = old;
      if (previous != null && (hash & (previous.capacity() - 1)) >= expandBucket) {
        return previous;
      }
    }
    return primary;
  }

  private static int bucketIn(IntBuffer table, int hash) {
    return hash & (table.capacity() - 1);
  }
}
