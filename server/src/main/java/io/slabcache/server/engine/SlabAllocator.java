package io.slabcache.server.engine;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * memcached's slabs: the slab classes, the pages each owns, and each class's free chunks. Pages are
 * taken on demand up to the memory limit and never given back to the JVM, only moved between
 * classes ({@link SlabRebalancer}). One short lock covers it all, as memcached's slabs_lock.
 */
final class SlabAllocator {

  static final int MAX_CLASSES = 63;

  private final PageStore pages;
  private final ReentrantLock lock = new ReentrantLock();
  private final int[] chunkSize = new int[MAX_CLASSES + 1];
  private final int[] perPage = new int[MAX_CLASSES + 1];
  private final int classCount;
  private final int[] freeHead = new int[MAX_CLASSES + 1];
  private final int[] freeCount = new int[MAX_CLASSES + 1];
  private final int[][] classPages = new int[MAX_CLASSES + 1][];
  private final int[] classPageCount = new int[MAX_CLASSES + 1];

  /** Class of each page, 0 while it sits in the global pool. */
  private final byte[] pageClass = new byte[PageStore.MAX_PAGES + 1];

  private int[] globalPool = new int[16];
  private int globalPoolSize;
  private long limitPages;

  SlabAllocator(PageStore pages, EngineConfig config) {
    this.pages = pages;
    this.limitPages = config.memoryLimit() / EngineConfig.PAGE_SIZE;
    int size = align(ItemLayout.HEADER + config.minChunkData());
    int id = 1;
    int max = config.slabChunkMax();
    while (id < MAX_CLASSES && size <= max / config.growthFactor()) {
      chunkSize[id] = size;
      perPage[id] = EngineConfig.PAGE_SIZE / size;
      size = align((int) (size * config.growthFactor()));
      id++;
    }
    chunkSize[id] = max;
    perPage[id] = EngineConfig.PAGE_SIZE / max;
    classCount = id;
    for (int i = 1; i <= classCount; i++) {
      classPages[i] = new int[4];
    }
    if (config.preallocate()) {
      lock.lock();
      try {
        while (pages.allocatedPages() < limitPages) {
          addToPool(pages.newPage());
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private static int align(int size) {
    return (size + 7) & ~7;
  }

  int classCount() {
    return classCount;
  }

  /** The largest class: its chunks carry the data of chunked items. */
  int largestClass() {
    return classCount;
  }

  int chunkSize(int cls) {
    return chunkSize[cls];
  }

  int perPage(int cls) {
    return perPage[cls];
  }

  /** The smallest class whose chunks hold {@code size} bytes, or 0 if none does. */
  int classFor(long size) {
    if (size > chunkSize[classCount]) {
      return 0;
    }
    int low = 1;
    int high = classCount;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (chunkSize[mid] >= size) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * A free chunk of the class, taking a new page if the class has none; NONE when memory is out.
   */
  int allocate(int cls) {
    lock.lock();
    try {
      if (freeHead[cls] == PageStore.NONE && !growClass(cls)) {
        return PageStore.NONE;
      }
      return popFree(cls);
    } finally {
      lock.unlock();
    }
  }

  /** A free chunk the class already has, never a new page; NONE if it has none. */
  int allocateFree(int cls) {
    lock.lock();
    try {
      return freeHead[cls] == PageStore.NONE ? PageStore.NONE : popFree(cls);
    } finally {
      lock.unlock();
    }
  }

  /** Returns a chunk to its class's free list. */
  void free(int chunk, int cls) {
    lock.lock();
    try {
      pushFree(chunk, cls);
    } finally {
      lock.unlock();
    }
  }

  private int popFree(int cls) {
    int chunk = freeHead[cls];
    unlinkFree(chunk, cls);
    pages.putByte(chunk, ItemLayout.IT_FLAGS, (byte) 0);
    return chunk;
  }

  private boolean growClass(int cls) {
    int page;
    if (globalPoolSize > 0) {
      page = globalPool[--globalPoolSize];
    } else if (pages.allocatedPages() < limitPages) {
      page = pages.newPage();
    } else {
      return false;
    }
    assignPage(page, cls);
    return true;
  }

  private void assignPage(int page, int cls) {
    pageClass[page] = (byte) cls;
    if (classPageCount[cls] == classPages[cls].length) {
      classPages[cls] = Arrays.copyOf(classPages[cls], classPages[cls].length * 2);
    }
    classPages[cls][classPageCount[cls]++] = page;
    int size = chunkSize[cls];
    for (int i = perPage[cls] - 1; i >= 0; i--) {
      pushFree(PageStore.address(page, i * size), cls);
    }
  }

  private void pushFree(int chunk, int cls) {
    pages.putByte(chunk, ItemLayout.IT_FLAGS, ItemLayout.SLABBED);
    pages.putByte(chunk, ItemLayout.CLSID, (byte) cls);
    pages.putInt(chunk, ItemLayout.PREV, PageStore.NONE);
    pages.putInt(chunk, ItemLayout.NEXT, freeHead[cls]);
    if (freeHead[cls] != PageStore.NONE) {
      pages.putInt(freeHead[cls], ItemLayout.PREV, chunk);
    }
    freeHead[cls] = chunk;
    freeCount[cls]++;
  }

  private void unlinkFree(int chunk, int cls) {
    int prev = pages.getInt(chunk, ItemLayout.PREV);
    int next = pages.getInt(chunk, ItemLayout.NEXT);
    if (prev == PageStore.NONE) {
      freeHead[cls] = next;
    } else {
      pages.putInt(prev, ItemLayout.NEXT, next);
    }
    if (next != PageStore.NONE) {
      pages.putInt(next, ItemLayout.PREV, prev);
    }
    freeCount[cls]--;
  }

  private void addToPool(int page) {
    pageClass[page] = 0;
    if (globalPoolSize == globalPool.length) {
      globalPool = Arrays.copyOf(globalPool, globalPool.length * 2);
    }
    globalPool[globalPoolSize++] = page;
  }

  // ---- page moves (SlabRebalancer)

  /** Runs {@code action} under the allocator's lock. */
  void locked(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** A page of the class to move away, or 0 if it has fewer than two. Caller holds the lock. */
  int pageToMove(int cls) {
    return classPageCount[cls] < 2 ? 0 : classPages[cls][0];
  }

  /** If the chunk is free, takes it off its free list and says so. Caller holds the lock. */
  boolean claimIfFree(int chunk, int cls) {
    if ((pages.getByte(chunk, ItemLayout.IT_FLAGS) & ItemLayout.SLABBED) == 0) {
      return false;
    }
    unlinkFree(chunk, cls);
    pages.putByte(chunk, ItemLayout.IT_FLAGS, (byte) 0);
    return true;
  }

  /**
   * Finishes a move: the page, all of whose chunks the mover has claimed, leaves {@code from} for
   * {@code to}'s free list, or for the global pool when {@code to} is 0.
   */
  void movePage(int page, int from, int to) {
    lock.lock();
    try {
      int[] list = classPages[from];
      int count = classPageCount[from];
      for (int i = 0; i < count; i++) {
        if (list[i] == page) {
          System.arraycopy(list, i + 1, list, i, count - i - 1);
          classPageCount[from]--;
          break;
        }
      }
      if (to == 0) {
        addToPool(page);
      } else {
        assignPage(page, to);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes a page from the global pool for a class; false if the pool is empty. */
  boolean takeFromPool(int cls) {
    lock.lock();
    try {
      if (globalPoolSize == 0) {
        return false;
      }
      assignPage(globalPool[--globalPoolSize], cls);
      return true;
    } finally {
      lock.unlock();
    }
  }

  void limitPages(long count) {
    lock.lock();
    try {
      limitPages = count;
    } finally {
      lock.unlock();
    }
  }

  // ---- stats (read without the lock: gauges may be a moment old)

  int pageCount(int cls) {
    return classPageCount[cls];
  }

  int freeChunks(int cls) {
    return freeCount[cls];
  }

  int globalPoolPages() {
    return globalPoolSize;
  }

  long mallocedBytes() {
    return (long) pages.allocatedPages() * EngineConfig.PAGE_SIZE;
  }

  long limitBytes() {
    return limitPages * EngineConfig.PAGE_SIZE;
  }
}
