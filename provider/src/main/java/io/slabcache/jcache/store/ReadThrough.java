package io.slabcache.jcache.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outcome of {@link Store#readThrough}: the item, or the duty to load it. A caller told to load
 * stores what it loaded (or gives up) and then {@linkplain #close() closes} the read, which lets
 * the next caller that misses the key load it.
 */
public final class ReadThrough implements AutoCloseable {

  private final StoreItem item;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ReadThrough(StoreItem item, Runnable release) {
    this.item = item;
    this.release = release;
  }

  /** The key was found. */
  public static ReadThrough hit(StoreItem item) {
    return new ReadThrough(item, () -> {});
  }

  /** The key was not found and the caller is to load it; {@code release} runs on close. */
  public static ReadThrough load(Runnable release) {
    return new ReadThrough(null, release);
  }

  /** The item found, or {@code null} when the caller is to load the value. */
  public StoreItem item() {
    return item;
  }

  public boolean mustLoad() {
    return item == null;
  }

  /** Gives up the right to load (after storing the loaded value, or after the load failed). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }
}
