package io.slabcache.server.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The LRU lists: for each slab class a HOT, a WARM, a COLD and a TEMP list, each doubly linked
 * through the items' headers, with its own lock. A list is named by its LRU id: the class id OR-ed
 * with {@link ItemLayout#HOT_LRU} etc., as memcached numbers them.
 *
 * <p>Callers hold the item lock of every item they link or unlink; an item moves between lists by
 * an unlink and a link, never with two list locks held.
 */
final class SegmentedLru {

  private static final int LISTS = 256;

  /** Tries at a busy list lock before parking; glibc's adaptive mutexes spin about as long. */
  private static final int SPINS = 100;

  private final PageStore pages;
  private final ReentrantLock[] locks = new ReentrantLock[LISTS];
  private final int[] head = new int[LISTS];
  private final int[] tail = new int[LISTS];
  private final int[] size = new int[LISTS];

  SegmentedLru(PageStore pages) {
    this.pages = pages;
    for (int i = 0; i < LISTS; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A list's lock, for inspection; {@link #acquire} takes it. */
  ReentrantLock lock(int lruId) {
    return locks[lruId];
  }

  /**
   * Takes a list's lock and returns it, held, for the caller to release. It spins a little before
   * it parks: the lock is held for a few stores, and a thread that parks on it costs itself and the
   * releasing thread a system call each.
   */
  ReentrantLock acquire(int lruId) {
    ReentrantLock lock = locks[lruId];
    for (int spins = 0; spins < SPINS; spins++) {
      if (lock.tryLock()) {
        return lock;
      }
      Thread.onSpinWait();
    }
    lock.lock();
    return lock;
  }

  /** Links the item at the head of the list and records the list in its header. */
  void link(int address, int lruId) {
    ReentrantLock lock = acquire(lruId);
    try {
      linkLocked(address, lruId);
    } finally {
      lock.unlock();
    }
  }

  void linkLocked(int address, int lruId) {
    pages.putByte(address, ItemLayout.CLSID, (byte) lruId);
    pages.putInt(address, ItemLayout.PREV, PageStore.NONE);
    pages.putInt(address, ItemLayout.NEXT, head[lruId]);
    if (head[lruId] != PageStore.NONE) {
      pages.putInt(head[lruId], ItemLayout.PREV, address);
    }
    head[lruId] = address;
    if (tail[lruId] == PageStore.NONE) {
      tail[lruId] = address;
    }
    size[lruId]++;
  }

  /** Unlinks the item from whichever list its header names. */
  void unlink(int address) {
    int lruId = lruIdOf(address);
    ReentrantLock lock = acquire(lruId);
    try {
      unlinkLocked(address, lruId);
    } finally {
      lock.unlock();
    }
  }

  void unlinkLocked(int address, int lruId) {
    int prev = pages.getInt(address, ItemLayout.PREV);
    int next = pages.getInt(address, ItemLayout.NEXT);
    if (prev == PageStore.NONE) {
      head[lruId] = next;
    } else {
      pages.putInt(prev, ItemLayout.NEXT, next);
    }
    if (next == PageStore.NONE) {
      tail[lruId] = prev;
    } else {
      pages.putInt(next, ItemLayout.PREV, prev);
    }
    size[lruId]--;
  }

  int lruIdOf(int address) {
    return pages.getByte(address, ItemLayout.CLSID) & 0xff;
  }

  /** The list's head; caller holds the list's lock. */
  int headLocked(int lruId) {
    return head[lruId];
  }

  /** The item after this one toward the tail; caller holds the list's lock. */
  int nextLocked(int address) {
    return pages.getInt(address, ItemLayout.NEXT);
  }

  /** The list's tail; caller holds the list's lock. */
  int tailLocked(int lruId) {
    return tail[lruId];
  }

  /** The item before this one toward the head; caller holds the list's lock. */
  int previousLocked(int address) {
    return pages.getInt(address, ItemLayout.PREV);
  }

  int size(int lruId) {
    return size[lruId];
  }

  /** Seconds since the tail item's last access, 0 for an empty list. */
  int tailAge(int lruId, int now) {
    ReentrantLock lock = acquire(lruId);
    try {
      int address = tail[lruId];
      return address == PageStore.NONE ? 0 : now - pages.getInt(address, ItemLayout.TIME);
    } finally {
      lock.unlock();
    }
  }
}
