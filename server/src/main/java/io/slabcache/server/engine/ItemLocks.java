package io.slabcache.server.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * memcached's item locks: a fixed table of locks striped by key hash. Holding the lock of a hash
 * owns every item whose key has that hash stripe, and the index buckets those items live in (the
 * stripe count divides every index size, so a bucket never spans two stripes).
 */
final class ItemLocks {

  static final int POWER = 12;
  private static final int MASK = (1 << POWER) - 1;

  private final ReentrantLock[] locks = new ReentrantLock[1 << POWER];

  ItemLocks() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  ReentrantLock forHash(int hash) {
    return locks[hash & MASK];
  }

  /**
   * For taking an item off an LRU tail: the lock if it was free, else {@code null}. A lock already
   * held by the calling thread counts as busy, so that an allocation never evicts the item its own
   * operation is working on.
   */
  ReentrantLock tryForHash(int hash) {
    ReentrantLock lock = locks[hash & MASK];
    if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
      return null;
    }
    return lock;
  }
}
